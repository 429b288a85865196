import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';
import { acquirePgliteLock } from './pglite-lock';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = 'pglite' | 'postgres';
export type DatabaseConfig = { kind: 'postgres'; url: string; poolMax?: number } | { kind: 'pglite'; dir: string };
export type DatabaseHandle = { db: Db; kind: DatabaseKind; close: () => Promise<void> };

const MIGRATIONS_FOLDER = join(process.cwd(), 'db', 'migrations');
const MEMORY = 'memory://';
// Any constant works: it only keeps two app instances from migrating one PostgreSQL database at once.
const MIGRATION_LOCK_KEY = 7_311_063;

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  if (env.DATABASE_URL) {
    return { kind: 'postgres', url: env.DATABASE_URL, poolMax: Number(env.DATABASE_POOL_MAX) || 10 };
  }
  return { kind: 'pglite', dir: env.PGLITE_DIR || './.data/pglite' };
}

/** Opens a database and brings its schema up to date. The caller owns the handle. */
export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  return config.kind === 'postgres' ? openPostgres(config.url, config.poolMax ?? 10) : openPglite(config.dir);
}

async function openPostgres(url: string, poolMax: number): Promise<DatabaseHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');

  const migrationClient = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    await migrationClient`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migrate(drizzle({ client: migrationClient }), { migrationsFolder: MIGRATIONS_FOLDER });
    await migrationClient`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await migrationClient.end();
  }

  const client = postgres(url, { max: poolMax, connect_timeout: 10, onnotice: () => {} });
  const db = drizzle({ client, schema, casing: 'snake_case' });
  return { db, kind: 'postgres', close: () => client.end() };
}

async function openPglite(dir: string): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');

  const isMemory = dir === MEMORY;
  const release = isMemory ? () => {} : acquirePgliteLock(dir);
  try {
    if (!isMemory) mkdirSync(dirname(resolve(dir)), { recursive: true });
    const client = isMemory ? new PGlite() : new PGlite(resolve(dir));
    await client.waitReady;
    const db = drizzle({ client, schema, casing: 'snake_case' });
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return {
      db,
      kind: 'pglite',
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

// One handle per process, shared by every bundle Next loads (route handlers, pages, instrumentation).
const globalForDb = globalThis as unknown as { proximciteDb?: Promise<DatabaseHandle> };

export function getDatabase(): Promise<DatabaseHandle> {
  globalForDb.proximciteDb ??= openDatabase(databaseConfigFromEnv()).catch((error: unknown) => {
    globalForDb.proximciteDb = undefined;
    throw error;
  });
  return globalForDb.proximciteDb;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

export async function closeDatabase(): Promise<void> {
  const handle = globalForDb.proximciteDb;
  globalForDb.proximciteDb = undefined;
  if (handle) await (await handle).close();
}
