import { randomBytes } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import postgres from 'postgres';
import { closeDatabase, getDatabase, openDatabase, type DatabaseConfig, type DatabaseHandle } from '@/db';

// Each test file gets a database of its own: PGlite in memory, or a fresh database on the
// PostgreSQL server of TEST_DATABASE_URL, dropped afterwards.

export const testDbKind = (process.env.TEST_DB_KIND ?? 'pglite') as 'pglite' | 'postgres';

type Fresh = { config: DatabaseConfig; drop: () => Promise<void> };

export async function createFreshDatabase(): Promise<Fresh> {
  if (testDbKind === 'pglite') return { config: { kind: 'pglite', dir: 'memory://' }, drop: async () => {} };
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is required for the PostgreSQL integration tests');
  const name = `proximcite_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString(), poolMax: 4 },
    drop: async () => {
      const again = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists "${name}" with (force)`);
      await again.end();
    },
  };
}

/** A migrated database owned by the test; call the returned cleanup in afterAll. */
export async function openTestDatabase(): Promise<DatabaseHandle & { cleanup: () => Promise<void> }> {
  const fresh = await createFreshDatabase();
  const handle = await openDatabase(fresh.config);
  return {
    ...handle,
    cleanup: async () => {
      await handle.close();
      await fresh.drop();
    },
  };
}

/** Points the app's own database client (getDatabase) at a fresh database, as route handlers see it. */
export async function useAppTestDatabase(): Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void> }> {
  const fresh = await createFreshDatabase();
  if (fresh.config.kind === 'postgres') {
    process.env.DATABASE_URL = fresh.config.url;
  } else {
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DIR = fresh.config.dir;
  }
  // The territory index is cached per process: another file's database may have built it. Imported here, not at the
  // top, so that lib/env is read only after the test file has set its variables.
  (await import('@/lib/territory/queries')).invalidateLocator();
  // So are the map's kept answers (on globalThis): another file's database must not answer for this one.
  (await import('@/lib/reports/map-cache')).forgetPublicMap();
  const handle = await getDatabase();
  return {
    handle,
    cleanup: async () => {
      await closeDatabase();
      await fresh.drop();
    },
  };
}

/** Raw SQL rows on either client (postgres.js answers an array, PGlite an object with `rows`). */
export async function queryRows<T>(db: DatabaseHandle['db'], query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
