// npm run bench:list   (BENCH_LOAD_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/proximcite_load;
// BENCH_LIST_REPORTS, default 1,000,000; BENCH_LIST_RUNS, default 100)
// The public list (/signalements) on PostgreSQL holding a million reports over five years: p50/p95/max of its data
// (listReportsPage: a keyset page and the capped counts) for the first page and a deep one, per state and filter; what
// an exact count would cost instead of the capped one; the plans of its queries; then (unless BENCH_LIST_HTTP=0) builds
// (unless BENCH_SKIP_BUILD=1), starts the production server on that database and times GET /signalements, first and
// last pages, as a browser asks for them. Prints figures; asserts nothing.
import { performance } from 'node:perf_hooks';
import type { DatabaseHandle } from '@/db';
import type { ListingFilters } from '@/lib/reports/listing-input';
import { ensureLoadedDatabase, LOAD_DATABASE_URL, openCapturingDb } from './ensure-load';
import { buildUnlessSkipped, percentile, startBenchServer } from './production-server';

const WANTED = Number(process.env.BENCH_LIST_REPORTS || 1_000_000);
const RUNS = Number(process.env.BENCH_LIST_RUNS || 100);
const WARMUP = 10;
const SERVER_WARMUP = 200;

await ensureLoadedDatabase(LOAD_DATABASE_URL, WANTED);
const { client, db, captured } = await openCapturingDb(LOAD_DATABASE_URL, 4);
// listReportsPage reads the app's one client (getDb): this process's client is that one, with a logger for the plans.
process.env.DATABASE_URL = LOAD_DATABASE_URL;
const handle: DatabaseHandle = { db, kind: 'postgres', close: () => client.end() };
(globalThis as unknown as { proximciteDb?: Promise<DatabaseHandle> }).proximciteDb = Promise.resolve(handle);
const { listReportsPage } = await import('@/lib/reports/list-page');

async function measure(label: string, run: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const result = { label, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)! };
  console.log(
    `${label.padEnd(64)} p50 ${result.p50.toFixed(1).padStart(6)} ms   p95 ${result.p95.toFixed(1).padStart(6)} ms   max ${result.max.toFixed(1).padStart(6)} ms`,
  );
  return result;
}

async function explain(label: string, run: () => Promise<unknown>) {
  captured.length = 0;
  await run();
  console.log(`\n--- plan: ${label} (${captured.length} quer${captured.length > 1 ? 'ies' : 'y'}) ---`);
  for (const { query, params } of captured) {
    const rows = await client.unsafe(`explain (analyze, buffers, costs off) ${query}`, params as never[]);
    console.log(rows.map((row) => row['QUERY PLAN']).join('\n'));
  }
}

// As the public partial indexes' predicates are written (hidden reports left out), so that the counts below read them.
const OPEN = `state_key in ('new', 'acknowledged', 'in_progress', 'reopened') and hidden_at is null`;
const RECENT = `state_key = 'resolved' and hidden_at is null and resolved_at >= now() - interval '30 days'`;
const [sizes] = await client.unsafe(
  `select count(*)::int as total, count(*) filter (where ${OPEN})::int as open, count(*) filter (where ${RECENT})::int as resolved from reports`,
);
/** The reference of the report at `offset` in the list's order: the cursor of a deep page, as « Page suivante » makes. */
const deep = async (where: string, offset: number) =>
  (
    await client.unsafe(`select reference from reports where ${where} order by created_at desc, id desc offset ${offset} limit 1`)
  )[0]?.reference as string;
const base: ListingFilters = { bbox: null, categories: [], commune: null, state: 'open' };
const all: ListingFilters = { ...base, state: 'all' };
const resolved: ListingFilters = { ...base, state: 'resolved' };
const openDeep = await deep(OPEN, sizes!.open - 60);
const allDeep = await deep(`(${OPEN}) or (${RECENT})`, sizes!.open + sizes!.resolved - 60);
const resolvedDeep = await deep(RECENT, sizes!.resolved - 60);
console.log(
  `PostgreSQL ${LOAD_DATABASE_URL.replace(/\/\/[^@]*@/, '//')}: ${sizes!.total.toLocaleString('en')} reports, ${sizes!.open.toLocaleString('en')} open, ${sizes!.resolved.toLocaleString('en')} resolved in the last 30 days; ${RUNS} runs per case after ${WARMUP} warm-up runs\n`,
);

const cases: [string, ListingFilters, string | null][] = [
  ['open, page 1', base, null],
  [`open, last page (after the ${(sizes!.open - 60).toLocaleString('en')}th report)`, base, openDeep],
  ['open and recently resolved (state=all), page 1', all, null],
  ['state=all, last page', all, allDeep],
  ['resolved in the last 30 days, page 1', resolved, null],
  ['resolved in the last 30 days, last page', resolved, resolvedDeep],
  ['open, commune Royat, page 1', { ...base, commune: '63308' }, null],
  ['state=all, category voirie + commune Clermont-Ferrand', { ...all, categories: ['voirie'], commune: '63113' }, null],
  [
    'state=all, category voirie, box of central Clermont',
    { ...all, categories: ['voirie'], bbox: [3.07, 45.77, 3.09, 45.785] },
    null,
  ],
  ['open, a box with no report (0 rows: every candidate checked)', { ...base, bbox: [3.3, 45.6, 3.31, 45.61] }, null],
];
const results = [];
console.log('listReportsPage (50 rows + capped counts):');
for (const [label, filters, after] of cases) results.push(await measure(`  ${label}`, () => listReportsPage(filters, after)));

console.log('\nThe count alone, exact against capped (what LIST_COUNT_CAP buys):');
for (const [label, where] of [
  ['open', OPEN],
  ['open in Clermont-Ferrand, voirie', `${OPEN} and commune_insee = '63113' and category_slug = 'voirie'`],
  ['recently resolved', RECENT],
]) {
  await measure(`  exact count · ${label}`, () => client.unsafe(`select count(*) from reports where ${where}`));
  for (const cap of [1_000, 10_000]) {
    await measure(`  capped at ${cap.toLocaleString('en')} · ${label}`, () =>
      client.unsafe(`select count(*) from (select 1 from reports where ${where} limit ${cap + 1}) c`),
    );
  }
}

await explain('open, page 1', () => listReportsPage(base, null));
await explain('state=all, last page', () => listReportsPage(all, allDeep));
await explain('state=all, category voirie, box of central Clermont', () =>
  listReportsPage({ ...all, categories: ['voirie'], bbox: [3.07, 45.77, 3.09, 45.785] }, null),
);

if (process.env.BENCH_LIST_HTTP !== '0') {
  buildUnlessSkipped();
  // Workers off: the retention job would erase the load's contact data, the outbox would send its messages.
  const server = await startBenchServer(
    Number(process.env.BENCH_PORT ?? 3204),
    { OUTBOX_WORKER: 'off', RETENTION_JOB: 'off' },
    LOAD_DATABASE_URL,
  );
  const pages = [
    ['open, page 1', ''],
    ['open, last page', `?after=${openDeep}`],
    ['state=all, page 1', '?state=all'],
    ['state=all, last page', `?state=all&after=${allDeep}`],
    ['an old link ?page=500', '?page=500'],
  ];
  try {
    // A server just started runs its first requests unoptimised (the first case measured was ~30 % slower than the same
    // page measured last): every page is asked for a while first, so that the cases compare a running server's times.
    for (let i = 0; i < SERVER_WARMUP; i++)
      await (await fetch(`${server.base}/signalements${pages[i % pages.length]![1]}`)).text();
    console.log(
      `\nGET /signalements on the production build (${RUNS} runs each, after ${SERVER_WARMUP} requests to the server; HTML as sent, uncompressed):`,
    );
    for (const [label, query] of pages) {
      let bytes = 0;
      const result = await measure(`  HTTP · ${label}`, async () => {
        const response = await fetch(`${server.base}/signalements${query}`);
        bytes = Buffer.byteLength(await response.text());
        if (!response.ok) throw new Error(`${label}: ${response.status}`);
      });
      results.push(result);
      console.log(`${''.padEnd(66)}${bytes.toLocaleString('en')} bytes`);
    }
  } finally {
    await server.stop();
  }
}

const worst = results.reduce((a, b) => (b.p95 > a.p95 ? b : a));
console.log(`\nWorst p95: ${worst.p95.toFixed(1)} ms (${worst.label.trim()}); target ≤ 50 ms.`);
console.log(
  JSON.stringify({
    reports: sizes!.total,
    cases: Object.fromEntries(results.map((r) => [r.label.trim(), { p50: +r.p50.toFixed(2), p95: +r.p95.toFixed(2) }])),
    worst_p95_ms: +worst.p95.toFixed(2),
  }),
);
await client.end();
