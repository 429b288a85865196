// The million-report PostgreSQL database the staff benchmarks share (db:load), loaded first when it holds fewer
// reports than asked, then brought up to date by the app's migrations (new indexes are built on an older load).
import { spawnSync } from 'node:child_process';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { openDatabase, type Db } from '@/db';
import * as schema from '@/db/schema';

export const LOAD_DATABASE_URL = process.env.BENCH_LOAD_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/proximcite_load';

async function reportCount(url: string): Promise<number> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await client`select count(*)::int as n from reports`;
    return row!.n as number;
  } catch {
    return 0;
  } finally {
    await client.end();
  }
}

export async function ensureLoadedDatabase(url: string, wanted: number): Promise<void> {
  const existing = await reportCount(url);
  if (existing < wanted) {
    console.log(`${existing.toLocaleString('en')} reports in the database, ${wanted.toLocaleString('en')} wanted: loading…`);
    const load = spawnSync(
      process.execPath,
      [
        '--conditions=react-server',
        '--import',
        'tsx',
        'tests/bench/load.ts',
        '--reports',
        String(wanted),
        '--fresh',
        '--database-url',
        url,
      ],
      { stdio: 'inherit' },
    );
    if (load.status !== 0) process.exit(load.status ?? 1);
  }
  const migrated = await openDatabase({ kind: 'postgres', url, poolMax: 2 });
  await migrated.close();
}

export type CapturedQuery = { query: string; params: unknown[] };

/**
 * A Drizzle client on that database that remembers every query it sends (for the benchmarks' EXPLAIN plans), after
 * what autovacuum does after a bulk load: statistics, and the visibility map that lets counts read indexes alone.
 */
export async function openCapturingDb(url: string, max: number) {
  const captured: CapturedQuery[] = [];
  const client = postgres(url, { max, onnotice: () => {} });
  const db = drizzle({
    client,
    schema,
    casing: 'snake_case',
    logger: { logQuery: (query, params) => void captured.push({ query, params }) },
  }) as unknown as Db;
  await client`vacuum analyze reports`;
  return { client, db, captured };
}
