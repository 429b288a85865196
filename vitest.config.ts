import { defineConfig } from 'vitest/config';

// Integration tests run once per database: always on PGlite (in memory), and on PostgreSQL when
// TEST_DATABASE_URL is set; tests/helpers/database.ts gives each test file a fresh database.
const integration = (kind: 'pglite' | 'postgres') => ({
  extends: true as const,
  test: {
    name: `integration-${kind}`,
    include: ['tests/integration/**/*.test.ts'],
    env: { TEST_DB_KIND: kind },
    // Every file's app log lines are checked for personal data (e-mails, phones, test reporters' names).
    setupFiles: ['tests/helpers/log-guard.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

// Said once, not skipped in silence: the PostgreSQL tier runs only with a server to run on.
const said = globalThis as { proximcitePostgresSkipSaid?: boolean };
if (!process.env.TEST_DATABASE_URL && !process.env.VITEST_WORKER_ID && !said.proximcitePostgresSkipSaid) {
  said.proximcitePostgresSkipSaid = true;
  console.log(
    'Integration tests on PostgreSQL skipped (TEST_DATABASE_URL is not set): run them with ' +
      'TEST_DATABASE_URL=postgres://user@host:5432/postgres npm test (a fresh database is made per test file).',
  );
}

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    alias: { 'server-only': new URL('./tests/helpers/server-only.ts', import.meta.url).pathname },
  },
  test: {
    // Every run in a new order, so that no test leans on another's leftovers; a failure is replayed with the seed
    // printed at the start: `npx vitest run --sequence.seed=<seed>`.
    sequence: { shuffle: true },
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      integration('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [integration('postgres')] : []),
    ],
  },
});
