import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// The tests Stryker runs (stryker.config.mjs): the unit tests and the integration tests on PGlite in memory only — never
// the PostgreSQL tier, whatever TEST_DATABASE_URL says, and none of the files that start child processes (those would
// load the code without the mutant switched on, and take minutes). No shuffle: a mutant's run is replayed as is.
// MUTATION_TEST_FILES (comma-separated, set by stryker.config.mjs) narrows them to the files of the module under test.
// Stryker's own `testFiles` option would do it too, but then it switches a mutant met while a module loads (a table, a
// schema) on only after the module has loaded, so such mutants would survive untested.
const only = process.env.MUTATION_TEST_FILES?.split(',').filter(Boolean);
const UNIT = ['tests/unit/**/*.test.ts'];
const INTEGRATION = ['tests/integration/**/*.test.ts'];
const pick = (all: string[], folder: string) => (only ? only.filter((file) => file.startsWith(folder)) : all);

const unit: TestProjectInlineConfiguration = { extends: true, test: { name: 'unit', include: pick(UNIT, 'tests/unit/') } };
const integration: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: 'integration-pglite',
    include: pick(INTEGRATION, 'tests/integration/'),
    exclude: [
      'tests/integration/db-reset.test.ts',
      'tests/integration/notifications-durability.test.ts',
      'tests/integration/pglite-lock.test.ts',
      'tests/integration/two-instances.test.ts',
    ],
    env: { TEST_DB_KIND: 'pglite' },
    setupFiles: ['tests/helpers/log-guard.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
};

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    alias: { 'server-only': new URL('./tests/helpers/server-only.ts', import.meta.url).pathname },
  },
  test: {
    projects: [unit, integration].filter((project) => project.test!.include!.length > 0),
  },
});
