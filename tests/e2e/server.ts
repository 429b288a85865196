// The server the browser tests talk to: a production build on a database of its own — PGlite in memory,
// or a fresh database on the PostgreSQL server of TEST_DATABASE_URL, dropped when the tests end.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFreshDatabase } from '../helpers/database';

const port = process.argv[2] ?? '3100';

if (process.env.E2E_SKIP_BUILD !== '1') {
  const build = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

process.env.TEST_DB_KIND = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
const fresh = await createFreshDatabase();
const databaseEnv =
  fresh.config.kind === 'postgres'
    ? { DATABASE_URL: fresh.config.url, DEMO_SEED: '1' }
    : { DATABASE_URL: '', PGLITE_DIR: fresh.config.dir };

const mailDir = await mkdtemp(path.join(tmpdir(), 'proximcite-e2e-mail-'));

const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', port], {
  stdio: 'inherit',
  env: {
    ...process.env,
    ...databaseEnv,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    // A production server on PostgreSQL refuses to start without its own secrets (lib/secret-check.ts): test-only ones.
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    TRACKING_SECRET: randomBytes(32).toString('base64url'),
    // The embedded mail setup (no SMTP server: e-mails written as files), in a folder of its own, sent within a second.
    SMTP_URL: '',
    MAIL_DIR: mailDir,
    OUTBOX_POLL_SECONDS: '1',
  },
});

let isStopping = false;
async function stop(code: number) {
  if (isStopping) return;
  isStopping = true;
  server.kill('SIGTERM');
  await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
  await fresh.drop();
  await rm(mailDir, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
server.on('exit', (code) => void stop(code ?? 1));
