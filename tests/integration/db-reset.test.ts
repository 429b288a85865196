import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db';
import { acquirePgliteLock } from '@/db/pglite-lock';
import { communes, reports } from '@/db/schema';
import { resetEmbeddedDatabase, ResetRefusedError } from '@/lib/demo/reset';
import { testDbKind } from '../helpers/database';

// `npm run db:reset` deletes a folder: what it refuses matters more than what it does.

/** Runs a command-line script as `npm run` does, on the given folder; resolves with its exit code and output. */
function runScript(script: string, dir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env, PGLITE_DIR: dir, DATABASE_URL: '' };
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', script], { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** A folder that passes for a PGlite database (it has PG_VERSION), with a file that a reset must remove. */
function fakeDatabaseFolder(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'PG_VERSION'), '18\n');
  writeFileSync(join(dir, 'left-from-before'), '');
  return join(dir, 'left-from-before');
}

describe.runIf(testDbKind === 'pglite')('npm run db:reset', () => {
  const root = mkdtempSync(join(tmpdir(), 'proximcite-reset-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('refuses on PostgreSQL, saying it only resets the embedded database', async () => {
    const attempt = resetEmbeddedDatabase({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await expect(attempt).rejects.toBeInstanceOf(ResetRefusedError);
    await expect(attempt).rejects.toThrow('only resets the embedded database');
  });

  it('refuses to delete a folder that is not a PGlite database', async () => {
    const dir = join(root, 'not-a-database');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'à garder');
    await expect(resetEmbeddedDatabase({ PGLITE_DIR: dir })).rejects.toThrow('is not a PGlite database');
    expect(existsSync(join(dir, 'notes.txt'))).toBe(true);
  });

  it('refuses while another process holds the folder, with the message db:seed gives, and deletes nothing', async () => {
    const dir = join(root, 'held');
    const leftover = fakeDatabaseFolder(dir);
    // The lock names its holder; this test process holds it, as a running app would (the lock itself is tested in
    // pglite-lock.test.ts with a real second process).
    const release = acquirePgliteLock(dir);
    try {
      const [reset, seed] = await Promise.all([runScript('lib/demo/reset.ts', dir), runScript('lib/demo/seed.ts', dir)]);
      expect(reset.code).toBe(1);
      expect(reset.stderr).toContain(`already open in process ${process.pid}`);
      expect(reset.stderr).toBe(seed.stderr);
    } finally {
      release();
    }
    expect(existsSync(leftover)).toBe(true);
  });

  it('starts the embedded database afresh and seeds it', async () => {
    const dir = join(root, 'demo');
    const leftover = fakeDatabaseFolder(dir);
    // Without the demo reports, to keep this test short: seedDemo has tests of its own (seed.test.ts).
    expect(await resetEmbeddedDatabase({ PGLITE_DIR: dir, DEMO_SEED: '0' })).toEqual({ dir, added: 0 });
    expect(existsSync(leftover)).toBe(false);
    const handle = await openDatabase({ kind: 'pglite', dir });
    try {
      expect((await handle.db.select({ n: count() }).from(communes))[0]!.n).toBe(21);
      expect((await handle.db.select({ n: count() }).from(reports))[0]!.n).toBe(0);
    } finally {
      await handle.close();
    }
  });
});
