import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseConfig, type DatabaseHandle } from '@/db';
import { createFreshDatabase, queryRows, testDbKind } from '../helpers/database';

// What the schema looks like from the catalogue: columns, constraints and indexes.
async function describeSchema(db: DatabaseHandle['db']) {
  const columns = await queryRows(
    db,
    sql`select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns
        where table_schema = 'public' order by table_name, column_name`,
  );
  const constraints = await queryRows(
    db,
    sql`select conname, pg_get_constraintdef(oid) as def from pg_constraint
        where connamespace = 'public'::regnamespace order by conname`,
  );
  const indexes = await queryRows(
    db,
    sql`select indexname, indexdef from pg_indexes where schemaname = 'public' order by indexname`,
  );
  const applied = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return { columns, constraints, indexes, applied: applied[0]!.n };
}

describe(`migrations (${testDbKind})`, () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('apply a second time without changing anything', async () => {
    let config: DatabaseConfig;
    if (testDbKind === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'proximcite-migrate-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      config = { kind: 'pglite', dir: join(dir, 'db') };
    } else {
      const fresh = await createFreshDatabase();
      cleanups.push(fresh.drop);
      config = fresh.config;
    }

    const first = await openDatabase(config);
    const before = await describeSchema(first.db);
    await first.close();

    const second = await openDatabase(config);
    const after = await describeSchema(second.db);
    await second.close();

    expect(before.applied).toBeGreaterThan(0);
    expect(before.columns.length).toBeGreaterThan(50);
    expect(after).toEqual(before);
  });

  it('create every table of the schema', async () => {
    const fresh = await createFreshDatabase();
    cleanups.push(fresh.drop);
    const handle = await openDatabase(fresh.config);
    cleanups.push(handle.close);
    const tables = await queryRows<{ table_name: string }>(
      handle.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      'app_settings',
      'categories',
      'communes',
      'letter_batches',
      'outbox_messages',
      'poles',
      'rate_limits',
      'reference_counters',
      'report_events',
      'report_followers',
      'report_photos',
      'report_states',
      'reports',
      'round_stops',
      'sender_marks',
      'severity_levels',
      'users',
    ]);
  });
});
