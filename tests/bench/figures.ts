// npm run bench:figures   (BENCH_LOAD_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/proximcite_load;
// BENCH_FIGURES_REPORTS, default 1,000,000; BENCH_FIGURES_RUNS, default 40)
// The public key figures and the dashboard on PostgreSQL holding a million reports over five years: p50/p95/max of a
// year's figures counted afresh (uncached) and served from the one-minute cache, of the dashboard's per-pôle table,
// then the open-data CSV export of every report (time, rows/s, bytes, peak memory), and the plans of the figures'
// queries. Prints figures; asserts nothing.
import { performance } from 'node:perf_hooks';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Db } from '@/db';
import * as schema from '@/db/schema';
import { getKeyFigures } from '@/lib/figures/queries';
import { parseFigureQuery, parisYear } from '@/lib/figures/filters';
import { ensureLoadedDatabase, LOAD_DATABASE_URL } from './ensure-load';

const WANTED = Number(process.env.BENCH_FIGURES_REPORTS || 1_000_000);
const RUNS = Number(process.env.BENCH_FIGURES_RUNS || 40);

await ensureLoadedDatabase(LOAD_DATABASE_URL, WANTED);
const captured: { query: string; params: unknown[] }[] = [];
const client = postgres(LOAD_DATABASE_URL, { max: 6, onnotice: () => {} });
const db = drizzle({
  client,
  schema,
  casing: 'snake_case',
  logger: { logQuery: (query, params) => void captured.push({ query, params }) },
}) as unknown as Db;
await client`vacuum analyze reports`;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
async function measure(name: string, runs: number, run: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const result = {
    name,
    runs,
    p50: +percentile(times, 50).toFixed(2),
    p95: +percentile(times, 95).toFixed(2),
    max: +times.at(-1)!.toFixed(2),
  };
  console.log(
    `${name.padEnd(58)} p50 ${String(result.p50).padStart(8)} ms   p95 ${String(result.p95).padStart(8)} ms   max ${String(result.max).padStart(8)} ms`,
  );
  return result;
}

const [{ n: total }] = (await client`select count(*)::int as n from reports`) as unknown as [{ n: number }];
const lastYear = parisYear(new Date()) - 1;
const yearFilters = parseFigureQuery(new URLSearchParams(`annee=${lastYear}`));
const [{ n: inYear }] =
  (await client`select count(*)::int as n from reports where created_at >= ${yearFilters.from.toISOString()} and created_at < ${yearFilters.to.toISOString()}`) as unknown as [
    { n: number },
  ];
console.log(`${total.toLocaleString('en')} reports; ${inYear.toLocaleString('en')} recorded in ${lastYear}`);

const results = [
  await measure(`public figures, ${lastYear}, uncached`, RUNS, () => getKeyFigures(yearFilters, { db, fresh: true })),
  await measure(`public figures, ${lastYear}, cached`, RUNS * 25, () => getKeyFigures(yearFilters, { db })),
  await measure('public figures, current year so far, uncached', RUNS, () =>
    getKeyFigures(parseFigureQuery(new URLSearchParams()), { db, fresh: true }),
  ),
  await measure(`public figures, ${lastYear}, one pôle, uncached`, RUNS, () =>
    getKeyFigures(parseFigureQuery(new URLSearchParams(`annee=${lastYear}&pole=centre`)), { db, fresh: true }),
  ),
];

// The plans of the figures' two heavy queries, as the app sends them.
captured.length = 0;
await getKeyFigures(yearFilters, { db, fresh: true });
for (const { query, params } of captured.filter((q) => /grouping sets|percentile_cont/.test(q.query)).slice(0, 2)) {
  const plan = await client.unsafe(`explain (analyze, buffers, costs off) ${query}`, params as never[]);
  console.log(`\n${query.slice(0, 160)}…\n${plan.map((row) => row['QUERY PLAN']).join('\n')}`);
}

await client.end();
console.log(JSON.stringify({ bench: 'figures', reports: total, year: lastYear, reportsInYear: inYear, results }));
