// npm run db:load -- --reports 1000000 [--fresh] [--database-url URL]   (also --batch 5000 --writers 2 --seed 63113
// --points 20000; the URL defaults to BENCH_LOAD_DATABASE_URL, then postgres://postgres@127.0.0.1:5432/proximcite_load)
// Fills a PostgreSQL database with N realistic reports spread over the five years up to now, with their history, for
// the staff benchmarks: the demo's staff act on them, references follow the yearly counters. Rows go in by COPY, a
// batch per transaction, the next batch being drawn while the previous one is written. Prints figures; asserts nothing.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { asc, eq } from 'drizzle-orm';
import type { Polygon, MultiPolygon } from 'geojson';
import postgres from 'postgres';
import { openDatabase, type Db } from '@/db';
import { categories, communes, poles, severityLevels } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { DEFAULT_DEMO_PASSWORD, DEMO_ACCOUNTS, seedDemoAccounts } from '@/lib/demo/accounts';
import { formatReference } from '@/lib/reports/reference-format';
import type { SeverityDays } from '@/lib/reports/sla';
import { buildLocator } from '@/lib/territory/locate';
import { createReportFactory, EVENT_COLUMNS, REPORT_COLUMNS, type Staff, type Territory } from './load-history';
import { prng } from '@/lib/demo/random';

const DAY = 24 * 3_600_000;
const YEARS = 5;

const { values: args } = parseArgs({
  options: {
    reports: { type: 'string', default: '20000' },
    'database-url': { type: 'string' },
    fresh: { type: 'boolean', default: false },
    batch: { type: 'string', default: '5000' },
    writers: { type: 'string', default: '2' },
    seed: { type: 'string', default: '63113' },
    points: { type: 'string', default: '20000' },
  },
});
const COUNT = Number(args.reports);
const BATCH = Number(args.batch);
const WRITERS = Number(args.writers);
const TARGET_URL =
  args['database-url'] ?? process.env.BENCH_LOAD_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/proximcite_load';
if (![COUNT, BATCH, WRITERS].every((n) => Number.isInteger(n) && n > 0)) {
  throw new Error('--reports, --batch and --writers take a positive whole number');
}

/** Creates the database when it is missing; with --fresh, drops it first (only a database meant for loads). */
async function prepareDatabase(url: string, isFresh: boolean) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (isFresh && !/load|bench/.test(name)) throw new Error(`--fresh drops the database: refused on « ${name} »`);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const sql = postgres(maintenance.toString(), { max: 1, onnotice: () => {} });
  try {
    if (isFresh) await sql`drop database if exists ${sql(name)} with (force)`;
    const [exists] = await sql`select 1 from pg_database where datname = ${name}`;
    if (!exists) await sql`create database ${sql(name)}`;
  } finally {
    await sql.end();
  }
}

function bboxOf(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  for (const [lon, lat] of rings.flat()) {
    box[0] = Math.min(box[0], lon!);
    box[1] = Math.min(box[1], lat!);
    box[2] = Math.max(box[2], lon!);
    box[3] = Math.max(box[3], lat!);
  }
  return box;
}

async function readReferenceData(db: Db) {
  const rows = await db
    .select({ insee: communes.insee, name: communes.name, geometry: communes.geometry, poleId: poles.id, poleName: poles.name })
    .from(communes)
    .innerJoin(poles, eq(communes.poleId, poles.id))
    .orderBy(asc(communes.insee));
  const territory: Territory = rows.map((c) => ({ insee: c.insee, name: c.name, poleId: c.poleId, bbox: bboxOf(c.geometry) }));
  const locator = buildLocator(rows.map((c) => ({ ...c, pole: { id: c.poleId, name: c.poleName } })));
  const categoryRows = await db
    .select({ slug: categories.slug, severity: categories.defaultSeverity, template: categories.resolutionTemplate })
    .from(categories)
    .where(eq(categories.isActive, true));
  const levels = await db.select({ key: severityLevels.key, days: severityLevels.workingDays }).from(severityLevels);
  const severityDays = Object.fromEntries(levels.map((l) => [l.key, l.days])) as SeverityDays;
  const accounts = await seedDemoAccounts(db, process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD);
  const staff: Staff[] = DEMO_ACCOUNTS.map((a) => ({
    ...accounts.get(a.email)!,
    name: a.name,
    poleId: a.poleId ?? null,
    email: a.email,
  }));
  return { territory, locator, categories: categoryRows, severityDays, staff };
}

/** How many reports each day of the period gets: use grows over the years, weekends are quieter, spring busier. */
function reportsPerDay(start: number, days: number, count: number): number[] {
  const weights = Array.from({ length: days }, (_, d) => {
    const date = new Date(start + d * DAY);
    const weekday = date.getUTCDay() === 0 || date.getUTCDay() === 6 ? 0.6 : 1;
    const season = 1 + 0.15 * Math.sin(((date.getUTCMonth() - 2) / 12) * 2 * Math.PI);
    return (0.7 + (0.6 * d) / days) * weekday * season;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  let given = 0;
  return weights.map((w) => {
    cumulative += w;
    const upTo = Math.round((cumulative / total) * count);
    const n = upTo - given;
    given = upTo;
    return n;
  });
}

/** Times within a day, more by day than by night, in order; never after now. */
function timesOfDay(dayStart: number, n: number, now: number, random: () => number): number[] {
  const end = Math.min(dayStart + DAY, now);
  const times: number[] = [];
  while (times.length < n) {
    const t = dayStart + Math.floor(random() * (end - dayStart));
    const parisHour = (new Date(t).getUTCHours() + 1) % 24;
    if (random() < (parisHour >= 7 && parisHour < 21 ? 1 : 0.15)) times.push(t);
  }
  return times.sort((a, b) => a - b);
}

async function copy(sql: postgres.TransactionSql, table: string, columns: readonly string[], text: string) {
  const stream = await sql.unsafe(`copy ${table} (${columns.join(', ')}) from stdin`).writable();
  await pipeline(Readable.from([text]), stream);
}

/**
 * Batches of reports with their history, each COPYed in its own transaction, `writers` at a time while the next batch
 * is drawn. As a superuser the foreign-key triggers are skipped (session_replication_role = replica) and every foreign
 * key is checked once, set-based, at the end (verifyForeignKeys); check constraints apply to every row either way.
 */
function batchWriter(sql: postgres.Sql, writers: number, skipsTriggers: boolean) {
  let reports: string[] = [];
  let events: string[] = [];
  const inFlight: Promise<void>[] = [];
  const flush = async () => {
    if (inFlight.length >= writers) await inFlight.shift();
    const batch = { reports: reports.join(''), events: events.join('') };
    reports = [];
    events = [];
    const writing = sql
      .begin(async (tx) => {
        if (skipsTriggers) await tx`set local session_replication_role = replica`;
        await copy(tx, 'reports', REPORT_COLUMNS, batch.reports);
        await copy(tx, 'report_events', EVENT_COLUMNS, batch.events);
      })
      .then(() => undefined);
    writing.catch(() => {}); // awaited later; an early failure must not crash the process unreported
    inFlight.push(writing);
  };
  return {
    async add(report: string, history: string[]) {
      reports.push(report);
      for (const line of history) events.push(line);
      if (reports.length === BATCH) await flush();
      // Let the sockets drain the batches being written while the next one is drawn.
      else if (reports.length % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    },
    async finish() {
      if (reports.length > 0) await flush();
      await Promise.all(inFlight);
    },
  };
}

/** Throws unless every foreign key of reports and report_events holds: what the skipped triggers would have checked. */
async function verifyForeignKeys(sql: postgres.Sql) {
  const keys = await sql<{ name: string; child: string; column: string; parent: string; key: string }[]>`
    select c.conname as name, c.conrelid::regclass::text as child, ca.attname as column,
           c.confrelid::regclass::text as parent, pa.attname as key
    from pg_constraint c
    join pg_attribute ca on ca.attrelid = c.conrelid and ca.attnum = c.conkey[1]
    join pg_attribute pa on pa.attrelid = c.confrelid and pa.attnum = c.confkey[1]
    where c.contype = 'f' and c.conrelid in ('reports'::regclass, 'report_events'::regclass)`;
  const broken = await Promise.all(
    keys.map(async (k) => {
      const [{ n }] = await sql<[{ n: number }]>`
        select count(*)::int as n from ${sql(k.child)} c
        where c.${sql(k.column)} is not null
          and not exists (select 1 from ${sql(k.parent)} p where p.${sql(k.key)} = c.${sql(k.column)})`;
      return n > 0 ? `${k.name}: ${n} rows` : null;
    }),
  );
  const failures = broken.filter(Boolean);
  if (failures.length > 0) throw new Error(`foreign keys broken: ${failures.join('; ')}`);
  return keys.length;
}

const mb = (bytes: number | string) => `${(Number(bytes) / 1024 / 1024).toFixed(0)} MB`;
const thousands = (n: number) => n.toLocaleString('en-US');

async function main() {
  const started = performance.now();
  await prepareDatabase(TARGET_URL, args.fresh);
  const handle = await openDatabase({ kind: 'postgres', url: TARGET_URL, poolMax: 2 });
  await seedBase(handle.db);
  const reference = await readReferenceData(handle.db);
  await handle.close();

  // synchronous_commit off: a crash may lose the last batches, never corrupt them; a load is re-run, not recovered.
  const sql = postgres(TARGET_URL, { max: WRITERS, onnotice: () => {}, connection: { synchronous_commit: 'off' } });
  const [{ isSuperuser }] = await sql<
    [{ isSuperuser: boolean }]
  >`select rolsuper as "isSuperuser" from pg_roles where rolname = current_user`;
  const [{ maxId }] = await sql<[{ maxId: string }]>`select coalesce(max(id), 0) as "maxId" from reports`;
  const counters = new Map(
    (await sql<{ year: number; last: number }[]>`select year, last from reference_counters`).map((r) => [r.year, r.last]),
  );
  const now = Date.now();
  const random = prng(Number(args.seed));
  const factory = createReportFactory({ ...reference, now, random, pointsPerRun: Number(args.points) });
  const ready = performance.now();

  // Without the triggers skipped, a duplicate may point into a batch still being written: one writer then.
  const writers = isSuperuser ? WRITERS : 1;
  const writer = batchWriter(sql, writers, isSuperuser);
  let id = Number(maxId);
  const start = now - Math.round(YEARS * 365.25 * DAY);
  const perDay = reportsPerDay(start, Math.ceil((now - start) / DAY), COUNT);
  for (const [d, n] of perDay.entries()) {
    for (const at of timesOfDay(start + d * DAY, n, now, random)) {
      // The Paris year: 1 January always falls in winter time, UTC+1.
      const year = new Date(at + 3_600_000).getUTCFullYear();
      const number = (counters.get(year) ?? 0) + 1;
      counters.set(year, number);
      const made = factory.next(++id, formatReference(year, number), at);
      await writer.add(made.report, made.events);
    }
  }
  await writer.finish();
  const loaded = performance.now();
  const foreignKeys = isSuperuser ? await verifyForeignKeys(sql) : 0;
  const verified = performance.now();

  await sql`select setval(pg_get_serial_sequence('reports', 'id'), (select max(id) from reports))`;
  for (const [year, last] of counters) {
    await sql`insert into reference_counters (year, last) values (${year}, ${last})
              on conflict (year) do update set last = greatest(reference_counters.last, excluded.last)`;
  }
  await sql`analyze`;
  const analysed = performance.now();

  const sizes = await sql<{ name: string; total: string; heap: string; indexes: string }[]>`
    select relname as name, pg_total_relation_size(oid) as total, pg_relation_size(oid) as heap,
           pg_indexes_size(oid) as indexes
    from pg_class where relname in ('reports', 'report_events') order by relname desc`;
  const [{ bytes: databaseBytes }] = await sql<[{ bytes: string }]>`select pg_database_size(current_database()) as bytes`;
  await sql.end();

  const seconds = (from: number, to: number) => (to - from) / 1000;
  const loadSeconds = seconds(ready, loaded);
  const rows = COUNT + factory.tally.events;
  const share = Object.entries(factory.tally.states)
    .map(([state, n]) => `${state} ${((100 * n) / COUNT).toFixed(1)} %`)
    .join(', ');
  console.log(
    `Loaded ${thousands(COUNT)} reports and ${thousands(factory.tally.events)} events into ${new URL(TARGET_URL).pathname.slice(1)} in ${seconds(started, analysed).toFixed(1)} s`,
  );
  console.log(`  states: ${share}; ${(factory.tally.events / COUNT).toFixed(2)} events per report`);
  console.log(
    `  insert: ${loadSeconds.toFixed(1)} s → ${thousands(Math.round(COUNT / loadSeconds))} reports/s, ${thousands(Math.round(rows / loadSeconds))} rows/s (${writers} writer${writers > 1 ? 's' : ''}, batches of ${thousands(BATCH)})`,
  );
  console.log(
    `  setup ${seconds(started, ready).toFixed(1)} s; ${isSuperuser ? `${foreignKeys} foreign keys checked in ${seconds(loaded, verified).toFixed(1)} s` : 'foreign keys checked row by row'}; counters + analyze ${seconds(verified, analysed).toFixed(1)} s; peak memory ${mb(process.resourceUsage().maxRSS * 1024)}`,
  );
  for (const s of sizes) {
    console.log(`  ${s.name}: ${mb(s.total)} (table ${mb(s.heap)}, indexes ${mb(s.indexes)})`);
  }
  console.log(`  database: ${mb(databaseBytes)}`);
}

await main();
