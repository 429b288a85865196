import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db';
import { lockPathFor, PgliteLockedError } from '@/db/pglite-lock';
import { appSettings } from '@/db/schema';
import { testDbKind } from '../helpers/database';

function holdInAnotherProcess(dir: string, probe?: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/hold-pglite.ts', dir, ...(probe ? [probe] : [])], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`holder exited early with ${code}`)));
  });
}

describe.runIf(testDbKind === 'pglite')('the PGlite folder lock', () => {
  const root = mkdtempSync(join(tmpdir(), 'proximcite-lock-'));
  const dir = join(root, 'db');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('refuses a second process, naming the holder, and lets it in once the holder is gone', async () => {
    const holder = await holdInAnotherProcess(dir);
    try {
      const attempt = openDatabase({ kind: 'pglite', dir });
      await expect(attempt).rejects.toBeInstanceOf(PgliteLockedError);
      await expect(attempt).rejects.toThrow(`already open in process ${holder.pid}`);
    } finally {
      const exited = new Promise((resolve) => holder.once('exit', resolve));
      holder.kill('SIGKILL');
      await exited;
    }

    // A killed holder leaves its lock file behind: it is recognised as stale and taken over.
    expect(existsSync(lockPathFor(dir))).toBe(true);
    const handle = await openDatabase({ kind: 'pglite', dir });
    await handle.close();
    expect(existsSync(lockPathFor(dir))).toBe(false);
  });

  it('keeps what was committed when its process is killed without warning', async () => {
    const crashDir = join(root, 'crash');
    const holder = await holdInAnotherProcess(crashDir, 'committed-before-the-crash');
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await exited;

    const handle = await openDatabase({ kind: 'pglite', dir: crashDir });
    try {
      const rows = await handle.db
        .select({ value: appSettings.value })
        .from(appSettings)
        .where(eq(appSettings.name, 'durability-probe'));
      expect(rows).toEqual([{ value: 'committed-before-the-crash' }]);
    } finally {
      await handle.close();
    }
  });

  it('refuses a second opener inside the same process', async () => {
    const handle = await openDatabase({ kind: 'pglite', dir });
    try {
      await expect(openDatabase({ kind: 'pglite', dir })).rejects.toBeInstanceOf(PgliteLockedError);
    } finally {
      await handle.close();
    }
  });
});
