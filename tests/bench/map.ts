// npm run bench:map   (BENCH_LOAD_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/proximcite_load;
// BENCH_MAP_REPORTS, default 1,000,000; BENCH_MAP_PGLITE_REPORTS, default 100,000 (0 skips PGlite); BENCH_MAP_RUNS,
// default 100; BENCH_MAP_SECONDS, default 10; BENCH_SKIP_BUILD=1 reuses the last build)
// The public map at national scale, on the production build: PostgreSQL holding the db:load million reports, then the
// embedded PGlite holding a tenth of them (every tenth report). For each: p50/p95/max, bytes (raw and gzipped),
// features and clusters of GET /api/reports at three zooms (the Métropole, a neighbourhood, a street), without and
// with filters, each answer computed (MAP_CACHE_SECONDS=0); /signalements, page 1 and a deep page; the map API's
// throughput with 8 concurrent clients panning and zooming, first with every answer computed, then on a server keeping
// answers as deployed (MAP_CACHE_SECONDS=5); then in Chromium how long `/` takes to draw its markers (the marker and
// cluster icons in the DOM, once their number stops changing) and the JavaScript `/` and `/signaler` load (gzipped:
// what their HTML names, and in all).
// On PostgreSQL, the EXPLAIN ANALYZE plans of the grid queries first. Prints figures; asserts nothing.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '@/db';
import { reports } from '@/db/schema';
import { seedBase } from '@/db/seed';
import type { Bounds } from '@/lib/geo';
import type { MapQuery, PublicMapAnswer } from '@/lib/reports/listing-input';
import { territoryLimit, viewBox } from '@/lib/reports/map-grid';
import { chromiumLaunchOptions } from '../helpers/chromium';
import { ensureLoadedDatabase, LOAD_DATABASE_URL, openCapturingDb } from './ensure-load';
import { buildUnlessSkipped, percentile, startBenchServer } from './production-server';

const PORT = Number(process.env.BENCH_PORT ?? 3201);
const WANTED = Number(process.env.BENCH_MAP_REPORTS || 1_000_000);
const PGLITE_EVERY = Math.max(1, Math.round(WANTED / Number(process.env.BENCH_MAP_PGLITE_REPORTS ?? 100_000)));
const IS_PGLITE_SKIPPED = process.env.BENCH_MAP_PGLITE_REPORTS === '0';
const RUNS = Number(process.env.BENCH_MAP_RUNS || 100);
const SECONDS = Number(process.env.BENCH_MAP_SECONDS || 10);
const CONCURRENCY = 8;
const WARMUP = 10;
/** The servers' MAP_CACHE_SECONDS when they keep answers: the default. */
const KEPT_SECONDS = 5;

// What a 1280×800 map shows: at zoom z a pixel is 360 / (256 · 2^z) degrees of longitude, cos(45.8°) of that in
// latitude. The Métropole's view is the territory's box, as the map cuts a zoomed-out view to it.
const TERRITORY = [2.9, 45.66, 3.32, 45.88] as const;
const JAUDE = [3.0819, 45.7772] as const;
function viewAround([lon, lat]: readonly [number, number], zoom: number): [number, number, number, number] {
  const perPixel = 360 / (256 * 2 ** zoom);
  const halfWidth = 640 * perPixel;
  const halfHeight = 400 * perPixel * Math.cos((lat * Math.PI) / 180);
  const round = (n: number) => Math.round(n * 1e4) / 1e4;
  return [round(lon - halfWidth), round(lat - halfHeight), round(lon + halfWidth), round(lat + halfHeight)];
}
/** What the map asks for a 1280×800 view around `place`: its whole tiles, within the territory (as the browser does). */
const mapBox = (place: readonly [number, number], zoom: number) =>
  viewBox(viewAround(place, zoom), zoom, territoryLimit(TERRITORY as unknown as Bounds))!;
const VIEWS: { label: string; bbox: readonly number[]; zoom: number }[] = [
  { label: 'Métropole (zoom 11)', bbox: mapBox(JAUDE, 11), zoom: 11 },
  { label: 'neighbourhood (zoom 14)', bbox: mapBox(JAUDE, 14), zoom: 14 },
  { label: 'street (zoom 17)', bbox: mapBox(JAUDE, 17), zoom: 17 },
];
const FILTERS = [
  { label: 'open', query: '' },
  { label: 'state=all, 2 categories', query: '&state=all&category=voirie,travaux' },
];
const mapQuery = (bbox: readonly number[], zoom: number, filters = '') => `bbox=${bbox.join(',')}&zoom=${zoom}${filters}`;

type Result = { label: string; p50: number; p95: number; max: number };
const results: Record<string, Record<string, unknown>> = {};

async function timed(label: string, run: () => Promise<unknown>): Promise<Result> {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { label, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)! };
}
const ms = (n: number) => `${n.toFixed(1).padStart(6)} ms`;

async function measureApi(database: string, base: string) {
  console.log(`\nGET /api/reports (${RUNS} runs each after ${WARMUP}; bytes as sent, then gzipped):`);
  for (const view of VIEWS) {
    for (const filters of FILTERS) {
      let body = '';
      const result = await timed(`${view.label}, ${filters.label}`, async () => {
        const response = await fetch(`${base}/api/reports?${mapQuery(view.bbox, view.zoom, filters.query)}`);
        body = await response.text();
        if (!response.ok) throw new Error(`${response.status} ${body}`);
      });
      const answer = JSON.parse(body) as PublicMapAnswer;
      const clusters = answer.features.filter((f) => 'cluster' in f.properties).length;
      const bytes = Buffer.byteLength(body);
      const gzip = gzipSync(body).length;
      console.log(
        `  ${result.label.padEnd(50)} p50 ${ms(result.p50)}  p95 ${ms(result.p95)}  max ${ms(result.max)}  ${answer.features.length.toLocaleString('en').padStart(5)} features (${clusters} clusters) for ${answer.total.toLocaleString('en')} reports, ${bytes.toLocaleString('en')} bytes, ${gzip.toLocaleString('en')} gzipped`,
      );
      results[database]![`api ${result.label}`] = {
        p50: +result.p50.toFixed(1),
        p95: +result.p95.toFixed(1),
        features: answer.features.length,
        total: answer.total,
        bytes,
        gzip,
      };
    }
  }
}

async function measureList(database: string, base: string, deepAfter: string | null) {
  console.log(`\nGET /signalements (${RUNS} runs each, HTML as sent):`);
  for (const [label, query] of [
    ['page 1', ''],
    ['a deep page', deepAfter ? `?after=${deepAfter}` : ''],
  ] as const) {
    let bytes = 0;
    const result = await timed(label, async () => {
      const response = await fetch(`${base}/signalements${query}`);
      bytes = Buffer.byteLength(await response.text());
      if (!response.ok) throw new Error(`${label}: ${response.status}`);
    });
    console.log(
      `  ${label.padEnd(50)} p50 ${ms(result.p50)}  p95 ${ms(result.p95)}  max ${ms(result.max)}  ${bytes.toLocaleString('en')} bytes`,
    );
    results[database]![`list ${label}`] = { p50: +result.p50.toFixed(1), p95: +result.p95.toFixed(1) };
  }
}

/**
 * 8 clients, each asking for the view of a random place at a random zoom of the three, one request after another, as
 * the map asks it (whole tiles); `kept` says whether the server keeps answers (MAP_CACHE_SECONDS) or computes each.
 */
async function measureThroughput(database: string, base: string, kept: boolean) {
  let seed = 11;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const times: number[] = [];
  let failures = 0;
  let bytes = 0;
  const ends = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < ends) {
        const zoom = [11, 14, 17][Math.floor(random() * 3)]!;
        const place = [3.0 + random() * 0.25, 45.7 + random() * 0.12] as const;
        const bbox = mapBox(place, zoom);
        const started = performance.now();
        const response = await fetch(`${base}/api/reports?${mapQuery(bbox, zoom)}`).catch(() => null);
        const body = response ? await response.arrayBuffer() : null;
        if (!response?.ok) failures++;
        else {
          times.push(performance.now() - started);
          bytes += body!.byteLength;
        }
      }
    }),
  );
  times.sort((a, b) => a - b);
  const rate = times.length / SECONDS;
  console.log(
    `\nThroughput, ${kept ? `answers kept ${KEPT_SECONDS} s` : 'every answer computed'}, ${CONCURRENCY} concurrent clients for ${SECONDS} s (random views at zooms 11, 14, 17): ${rate.toFixed(0)} req/s, p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, ${failures} failed, ${(bytes / times.length / 1024).toFixed(1)} KiB per answer on average`,
  );
  const suffix = kept ? '_kept' : '';
  results[database]![`throughput${suffix}_rps`] = Math.round(rate);
  results[database]![`throughput${suffix}_p95`] = +percentile(times, 95).toFixed(1);
  results[database]![`throughput${suffix}_failures`] = failures;
}

async function javascriptOf(browser: Awaited<ReturnType<typeof chromium.launch>>, url: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.route(
    (u) => u.hostname !== 'localhost',
    (route) => route.abort(),
  );
  const scripts = new Map<string, number>();
  page.on('response', async (response) => {
    if (response.url().endsWith('.js'))
      scripts.set(response.url(), gzipSync(await response.body().catch(() => Buffer.alloc(0))).length);
  });
  const html = await (await page.goto(url))!.text();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(2000);
  const named = new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => new URL(m[1]!, url).toString()));
  const sum = (urls: string[]) => urls.reduce((total, u) => total + (scripts.get(u) ?? 0), 0);
  await page.close();
  return { firstLoad: sum([...named]), all: sum([...scripts.keys()]), files: scripts.size };
}

async function measureBrowser(database: string, base: string) {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.route(
      (url) => url.hostname !== 'localhost',
      (route) => route.abort(),
    );
    await page.addInitScript(() => {
      const w = window as unknown as { icons: { count: number; changedAt: number } };
      // Markers and cluster icons alike carry .leaflet-marker-icon: when their number last changed is when the map
      // finished drawing.
      w.icons = { count: 0, changedAt: 0 };
      new MutationObserver(() => {
        const count = document.querySelectorAll('.leaflet-marker-icon').length;
        if (count !== w.icons.count) w.icons = { count, changedAt: performance.now() };
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${base}/`);
    await page.waitForFunction(
      () => {
        const { count, changedAt } = (window as unknown as { icons: { count: number; changedAt: number } }).icons;
        return count > 0 && performance.now() - changedAt > 2000;
      },
      undefined,
      { timeout: 90_000, polling: 100 },
    );
    const icons = await page.evaluate(() => (window as unknown as { icons: { count: number; changedAt: number } }).icons);
    await page.close();
    const home = await javascriptOf(browser, `${base}/`);
    const form = await javascriptOf(browser, `${base}/signaler`);
    const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    console.log(
      `\nChromium 1280×800, tiles blocked: ${icons.count} marker and cluster icons drawn ${icons.changedAt.toFixed(0)} ms after navigation (no change for 2 s after)`,
    );
    console.log(
      `JavaScript, gzipped: / ${kib(home.firstLoad)} named by its HTML, ${kib(home.all)} in all with the map (${home.files} files); /signaler ${kib(form.firstLoad)} named by its HTML, ${kib(form.all)} in all (${form.files} files)`,
    );
    Object.assign(results[database]!, {
      markers_drawn_ms: Math.round(icons.changedAt),
      marker_icons: icons.count,
      home_js_first_load_kib: +(home.firstLoad / 1024).toFixed(1),
      home_js_all_kib: +(home.all / 1024).toFixed(1),
      form_js_first_load_kib: +(form.firstLoad / 1024).toFixed(1),
      form_js_all_kib: +(form.all / 1024).toFixed(1),
    });
  } finally {
    await browser.close();
  }
}

/**
 * Two servers one after the other: one computing every answer (MAP_CACHE_SECONDS=0: the latencies, the list pages and
 * the database's own throughput), then one keeping answers as deployed (the throughput residents get, and Chromium).
 */
async function measureServers(
  database: string,
  start: (env: Record<string, string>) => Promise<{ base: string; stop: () => Promise<void> }>,
  deepAfter: string | null,
) {
  results[database] = {};
  const computing = await start({ MAP_CACHE_SECONDS: '0' });
  try {
    console.log('\nServer computing every answer (MAP_CACHE_SECONDS=0):');
    await measureApi(database, computing.base);
    await measureList(database, computing.base, deepAfter);
    await measureThroughput(database, computing.base, false);
  } finally {
    await computing.stop();
  }
  const keeping = await start({ MAP_CACHE_SECONDS: String(KEPT_SECONDS) });
  try {
    console.log(`\nServer keeping answers ${KEPT_SECONDS} s (MAP_CACHE_SECONDS, as deployed):`);
    await measureThroughput(database, keeping.base, true);
    await measureBrowser(database, keeping.base);
  } finally {
    await keeping.stop();
  }
}

// --- PostgreSQL, the million ---
await ensureLoadedDatabase(LOAD_DATABASE_URL, WANTED);
const { client, db, captured } = await openCapturingDb(LOAD_DATABASE_URL, 4);
// listMapFeatures reads the app's one client (getDb): this process's client is that one, with a logger for the plans.
process.env.DATABASE_URL = LOAD_DATABASE_URL;
const handle: DatabaseHandle = { db, kind: 'postgres', close: () => client.end() };
(globalThis as unknown as { proximciteDb?: Promise<DatabaseHandle> }).proximciteDb = Promise.resolve(handle);
const { listMapFeatures } = await import('@/lib/reports/listing');

const OPEN = `state_key in ('new', 'acknowledged', 'in_progress', 'reopened') and hidden_at is null`;
const RECENT = `state_key = 'resolved' and hidden_at is null and resolved_at >= now() - interval '30 days'`;
const [sizes] = await client.unsafe(
  `select count(*)::int as total, count(*) filter (where ${OPEN})::int as open, count(*) filter (where ${RECENT})::int as resolved from reports`,
);
const deepAfter = (
  await client.unsafe(
    `select reference from reports where ${OPEN} order by created_at desc, id desc offset ${sizes!.open - 60} limit 1`,
  )
)[0]?.reference as string;
console.log(
  `PostgreSQL ${LOAD_DATABASE_URL.replace(/\/\/[^@]*@/, '//')}: ${sizes!.total.toLocaleString('en')} reports, ${sizes!.open.toLocaleString('en')} open, ${sizes!.resolved.toLocaleString('en')} resolved in the last 30 days`,
);

const query = (view: (typeof VIEWS)[number], more: Partial<MapQuery> = {}): MapQuery => ({
  bbox: view.bbox as MapQuery['bbox'],
  categories: [],
  commune: null,
  state: 'open',
  zoom: view.zoom,
  ...more,
});
const plannedQueries: Record<string, typeof captured> = {};
for (const [label, mapQueryOf] of [
  ['Métropole, open', query(VIEWS[0]!)],
  ['Métropole, state=all, 2 categories', query(VIEWS[0]!, { state: 'all', categories: ['voirie', 'travaux'] })],
  ['street, open', query(VIEWS[2]!)],
] as const) {
  captured.length = 0;
  await listMapFeatures(mapQueryOf);
  plannedQueries[label] = [...captured];
  console.log(`\n--- plan: ${label} (${captured.length} quer${captured.length > 1 ? 'ies' : 'y'}) ---`);
  for (const { query: text, params } of captured) {
    const rows = await client.unsafe(`explain (analyze, buffers, costs off) ${text}`, params as never[]);
    console.log(rows.map((row) => row['QUERY PLAN']).join('\n'));
  }
}

buildUnlessSkipped();
{
  // Workers off: the retention job would erase the load's contact data, the outbox would send its messages.
  console.log(`\n=== PostgreSQL, ${sizes!.total.toLocaleString('en')} reports: production server ===`);
  await measureServers(
    'postgres',
    (env) => startBenchServer(PORT, { OUTBOX_WORKER: 'off', RETENTION_JOB: 'off', ...env }, LOAD_DATABASE_URL),
    deepAfter,
  );
}

// --- PGlite, a tenth: every tenth report of the load, copied into a folder the server then opens alone ---
if (!IS_PGLITE_SKIPPED) {
  const dir = await mkdtemp(path.join(tmpdir(), 'proximcite-bench-map-'));
  try {
    const started = performance.now();
    const pglite = await openDatabase({ kind: 'pglite', dir });
    await seedBase(pglite.db);
    const rows = await db
      .select()
      .from(reports)
      .where(sql`${reports.id} % ${PGLITE_EVERY} = 0`);
    for (let i = 0; i < rows.length; i += 1000) {
      await pglite.db.insert(reports).values(
        // Staff and duplicate links point at rows the copy lacks.
        rows.slice(i, i + 1000).map(({ id: _id, assigneeUserId: _a, duplicateOfId: _d, intakeUserId: _u, ...row }) => row),
      );
    }
    await pglite.db.execute(sql`vacuum analyze reports`);
    // The same queries' plans on PGlite (PostgreSQL 18 in WebAssembly), the grid query of the Métropole's view.
    const raw = (pglite.db as unknown as { $client: RawClient }).$client;
    for (const label of ['Métropole, open', 'street, open']) {
      const [grid] = plannedQueries[label]!;
      const plan = await raw.query<{ 'QUERY PLAN': string }>(`explain (analyze, costs off) ${grid!.query}`, grid!.params);
      console.log(`\n--- PGlite plan: ${label}, its first query ---\n${plan.rows.map((row) => row['QUERY PLAN']).join('\n')}`);
    }
    const [local] = (
      (await pglite.db.execute(
        sql.raw(`select count(*)::int as total, count(*) filter (where ${OPEN})::int as open from reports`),
      )) as unknown as { rows: { total: number; open: number }[] }
    ).rows;
    const [deep] = (
      (await pglite.db.execute(
        sql.raw(
          `select reference from reports where ${OPEN} order by created_at desc, id desc offset ${local!.open - 60} limit 1`,
        ),
      )) as unknown as { rows: { reference: string }[] }
    ).rows;
    await pglite.close();
    console.log(
      `\n=== PGlite, ${local!.total.toLocaleString('en')} reports (${local!.open.toLocaleString('en')} open; copied in ${((performance.now() - started) / 1000).toFixed(0)} s): production server ===`,
    );
    await measureServers('pglite', (env) => startPgliteServer(PORT, dir, env), deep?.reference ?? null);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
await client.end();

console.log(`\nTargets: map API p95 ≤ 150 ms (Métropole) and ≤ 50 ms (street), ≤ 2,000 features and ≤ 200 KB per answer;`);
console.log(`list pages p95 ≤ 50 ms; ≥ 300 map requests/s; / ≤ 200 kB and /signaler ≤ 150 kB of JavaScript (gzipped).`);
console.log(JSON.stringify(results));

type RawClient = { query: <T>(text: string, params: unknown[]) => Promise<{ rows: T[] }> };

/** `next start` on the PGlite folder, which it then owns; resolves once /api/health answers. */
async function startPgliteServer(port: number, dir: string, extraEnv: Record<string, string>) {
  const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: '',
      PGLITE_DIR: dir,
      DEMO_SEED: '0',
      OUTBOX_WORKER: 'off',
      RETENTION_JOB: 'off',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      TRACKING_SECRET: randomBytes(32).toString('base64url'),
      ...extraEnv,
    },
  });
  const stop = async () => {
    if (server.exitCode !== null) return;
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  };
  const base = `http://localhost:${port}`;
  for (let i = 0; !(await fetch(`${base}/api/health`).catch(() => null))?.ok; i++) {
    if (i > 240) {
      await stop();
      throw new Error('the PGlite server did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { base, stop };
}
