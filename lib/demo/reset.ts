import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { databaseConfigFromEnv, openDatabase } from '@/db';
import { acquirePgliteLock, PgliteLockedError } from '@/db/pglite-lock';
import { seedBase } from '@/db/seed';
import { isDemoWanted, seedDemo } from './seed';

// `npm run db:reset`: the demo database afresh. Deletes the embedded PGlite folder, then seeds it as `npm run db:seed`
// does. Never on PostgreSQL, and never while another process holds the folder (deleting it under a running app would
// leave that app writing into a folder that no longer exists).

/** A reset that must not happen, said in one sentence (no stack trace). */
export class ResetRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResetRefusedError';
  }
}

export async function resetEmbeddedDatabase(
  env: Record<string, string | undefined> = process.env,
): Promise<{ dir: string; added: number }> {
  const config = databaseConfigFromEnv(env as NodeJS.ProcessEnv);
  if (config.kind === 'postgres') {
    throw new ResetRefusedError(
      '`npm run db:reset` only resets the embedded database (the PGlite folder PGLITE_DIR); DATABASE_URL is set, and ' +
        'a PostgreSQL database is never deleted by it. Unset DATABASE_URL to reset the embedded one.',
    );
  }
  if (config.dir === 'memory://') {
    throw new ResetRefusedError('PGLITE_DIR is memory://: that database starts empty at every start, there is nothing to reset.');
  }
  const dir = resolve(config.dir);
  // Taken first: a folder another process holds is refused with the same message as `npm run db:seed` gives.
  const release = acquirePgliteLock(dir);
  try {
    // A mistyped PGLITE_DIR (the project, a home folder) must not be deleted: only a PGlite folder, or an empty one.
    if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(join(dir, 'PG_VERSION'))) {
      throw new ResetRefusedError(
        `${dir} is not a PGlite database (it has no PG_VERSION file): left as it is. Check PGLITE_DIR.`,
      );
    }
    rmSync(dir, { recursive: true, force: true });
  } finally {
    release();
  }
  const handle = await openDatabase({ kind: 'pglite', dir });
  try {
    await seedBase(handle.db);
    return { dir, added: isDemoWanted('pglite', env) ? await seedDemo(handle.db) : 0 };
  } finally {
    await handle.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const { dir, added } = await resetEmbeddedDatabase();
    console.log(`Reset ${dir}: territory, categories, states, severities; ${added} demo reports added.`);
  } catch (error) {
    if (!(error instanceof PgliteLockedError || error instanceof ResetRefusedError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
