// npm run bench:figures   (BENCH_LOAD_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/proximcite_load;
// BENCH_FIGURES_REPORTS, default 1,000,000; BENCH_FIGURES_RUNS, default 40)
// The public key figures and the dashboard on PostgreSQL holding a million reports over five years: p50/p95/max of a
// year's figures counted afresh (uncached) and served from the one-minute cache, of the dashboard's per-pôle table,
// then the open-data CSV export of every report (time, rows/s, bytes, peak memory), and the plans of the figures'
// queries. Prints figures; asserts nothing.
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { eq } from 'drizzle-orm';
import * as schema from '@/db/schema';
import { loadDashboard } from '@/lib/figures/dashboard';
import { parseDashboardQuery, parseFigureQuery, parisYear } from '@/lib/figures/filters';
import { getKeyFigures } from '@/lib/figures/queries';
import { chromiumLaunchOptions } from '../helpers/chromium';
import { ensureLoadedDatabase, LOAD_DATABASE_URL, openCapturingDb } from './ensure-load';
import { benchOpenDataExport } from './open-data';
import { buildUnlessSkipped, percentile, startBenchServer } from './production-server';

const WANTED = Number(process.env.BENCH_FIGURES_REPORTS || 1_000_000);
const RUNS = Number(process.env.BENCH_FIGURES_RUNS || 40);

await ensureLoadedDatabase(LOAD_DATABASE_URL, WANTED);
const { client, db, captured } = await openCapturingDb(LOAD_DATABASE_URL, 6);

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

const PORT = Number(process.env.BENCH_PORT || 3330);
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

const admin = (await db.select().from(schema.users).where(eq(schema.users.email, 'admin@demo.proximcite.fr')))[0]!;
const manager = (await db.select().from(schema.users).where(eq(schema.users.email, 'pole.nord@demo.proximcite.fr')))[0]!;
results.push(
  await measure(`dashboard, ${lastYear}, administrator (all pôles)`, Math.ceil(RUNS / 2), () =>
    loadDashboard(admin, parseDashboardQuery(new URLSearchParams(`annee=${lastYear}`), admin), { db }),
  ),
  await measure(`dashboard, ${lastYear}, pôle manager (Nord)`, Math.ceil(RUNS / 2), () =>
    loadDashboard(manager, parseDashboardQuery(new URLSearchParams(`annee=${lastYear}`), manager), { db }),
  ),
);

// Through the production server on the same database: the page as a visitor gets it, counted once a minute.
const http: Record<string, number> = {};
if (process.env.BENCH_FIGURES_HTTP !== '0') {
  buildUnlessSkipped();
  const server = await startBenchServer(PORT, { OUTBOX_WORKER: 'off', RETENTION_JOB: 'off' }, LOAD_DATABASE_URL);
  try {
    const page = `${server.base}/chiffres-cles?annee=${lastYear}`;
    const get = async (url: string) => {
      const started = performance.now();
      const response = await fetch(url);
      const body = await response.arrayBuffer();
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return { ms: performance.now() - started, bytes: body.byteLength };
    };
    http.firstVisitMs = +(await get(page)).ms.toFixed(1);
    const cached: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS * 5; i++) {
      const visit = await get(page);
      cached.push(visit.ms);
      bytes = visit.bytes;
    }
    cached.sort((a, b) => a - b);
    http.cachedP50Ms = +percentile(cached, 50).toFixed(1);
    http.cachedP95Ms = +percentile(cached, 95).toFixed(1);
    http.htmlKib = Math.round(bytes / 1024);
    console.log(
      `GET /chiffres-cles?annee=${lastYear}: first visit ${http.firstVisitMs} ms; then (cached figures) p50 ${http.cachedP50Ms} ms, p95 ${http.cachedP95Ms} ms over ${cached.length}; ${http.htmlKib} KiB of HTML`,
    );
    const browser = await chromium.launch(chromiumLaunchOptions);
    try {
      const tab = await browser.newPage();
      const scripts: Promise<number>[] = [];
      tab.on('response', (response) => {
        if (response.url().endsWith('.js')) scripts.push(response.body().then((body) => gzipSync(body).length));
      });
      await tab.goto(page, { waitUntil: 'networkidle' });
      const sizes = await Promise.all(scripts);
      http.jsFiles = sizes.length;
      http.jsGzipKib = Math.round(sizes.reduce((sum, size) => sum + size, 0) / 1024);
      console.log(`JavaScript loaded by /chiffres-cles: ${http.jsFiles} files, ${http.jsGzipKib} KiB gzipped`);
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
}

// The open-data CSV of every report, streamed (lib/open-data): time and peak memory.
const openData =
  process.env.BENCH_FIGURES_OPEN_DATA === '0' ? null : await benchOpenDataExport({ databaseUrl: LOAD_DATABASE_URL });

await client.end();
console.log(JSON.stringify({ bench: 'figures', reports: total, year: lastYear, reportsInYear: inYear, results, http, openData }));
