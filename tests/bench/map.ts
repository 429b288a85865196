// npm run bench:map — the public map with 10,000 open reports, on the production build and PostgreSQL:
// how long GET /api/reports takes and weighs (bytes, not characters), how long Chromium takes to draw the markers (the
// marker and cluster icons in the DOM, once their number stops changing: the summary text comes from the fetch, before
// the markers are added in slices), how long the main thread is blocked while it does and while zooming, and how much
// JavaScript the page loads. Prints figures; asserts nothing.
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import postgres from 'postgres';
import { chromiumLaunchOptions } from '../helpers/chromium';
import { buildUnlessSkipped, categorySlugs, percentile, startBenchServer, territoryPoints } from './production-server';

const PORT = Number(process.env.BENCH_PORT ?? 3201);
const REPORTS = Number(process.env.BENCH_MAP_REPORTS ?? 10_000);
const CATEGORIES = categorySlugs();

async function seedOpenReports(databaseUrl: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const now = Date.now();
  const rows = territoryPoints(REPORTS).map((point, i) => ({
    reference: `PC-2026-${String(i + 1).padStart(6, '0')}`,
    category_slug: CATEGORIES[i % CATEGORIES.length]!,
    description: `Signalement de mesure ${i + 1}.`,
    lon: point.lon,
    lat: point.lat,
    commune_insee: point.insee,
    pole_id: point.poleId,
    channel: 'web',
    state_key: 'new',
    severity: 'medium',
    due_at: new Date(now + 72 * 3_600_000),
    created_at: new Date(now - i * 60_000),
  }));
  for (let i = 0; i < rows.length; i += 1000) await sql`insert into reports ${sql(rows.slice(i, i + 1000))}`;
  await sql.end();
}

async function measureApi(base: string) {
  const times: number[] = [];
  let body = '';
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    body = await (await fetch(`${base}/api/reports`)).text();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const features = (JSON.parse(body) as { features: unknown[] }).features.length;
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    bytes: Buffer.byteLength(body),
    gzip: gzipSync(body).length,
    features,
  };
}

async function measureBrowser(base: string) {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.route(
      (url) => url.hostname !== 'localhost',
      (route) => route.abort(),
    );
    const scripts: number[] = [];
    page.on('response', async (response) => {
      if (response.url().endsWith('.js')) scripts.push(gzipSync(await response.body().catch(() => Buffer.alloc(0))).length);
    });
    await page.addInitScript(() => {
      const w = window as unknown as {
        longTasks: { start: number; duration: number }[];
        icons: { count: number; changedAt: number };
      };
      w.longTasks = [];
      new PerformanceObserver((list) =>
        list.getEntries().forEach((e) => w.longTasks.push({ start: e.startTime, duration: e.duration })),
      ).observe({ type: 'longtask', buffered: true });
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
    const { changedAt: shownAt, count: icons } = await page.evaluate(
      () => (window as unknown as { icons: { count: number; changedAt: number } }).icons,
    );
    await page.waitForTimeout(1000);
    const loading = await page.evaluate(() =>
      (window as unknown as { longTasks: { duration: number }[] }).longTasks.map((t) => t.duration),
    );
    const zoomStart = await page.evaluate(() => performance.now());
    for (let i = 0; i < 3; i++) {
      await page.getByRole('button', { name: /zoom in|zoom avant/i }).click();
      await page.waitForTimeout(600);
    }
    const zooming = await page.evaluate(
      (since) =>
        (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks
          .filter((t) => t.start >= since)
          .map((t) => t.duration),
      zoomStart,
    );
    return {
      shownMs: shownAt,
      icons,
      loadMaxTask: Math.max(0, ...loading),
      blockingMs: loading.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
      zoomMaxTask: Math.max(0, ...zooming),
      jsGzip: scripts.reduce((a, b) => a + b, 0),
      jsFiles: scripts.length,
    };
  } finally {
    await browser.close();
  }
}

async function main() {
  buildUnlessSkipped();
  const server = await startBenchServer(PORT);
  try {
    await seedOpenReports(server.databaseUrl);
    const api = await measureApi(server.base);
    const browser = await measureBrowser(server.base);
    console.log(
      `Next.js production build on PostgreSQL (${server.databaseHost}), ${REPORTS} open reports, Chromium 1280×800, tiles blocked`,
    );
    console.log(
      `GET /api/reports: ${api.features} features, p50 ${api.p50.toFixed(1)} ms, p99 ${api.p99.toFixed(1)} ms (20 calls), ${api.bytes.toLocaleString('en')} bytes (${(api.bytes / 1024).toFixed(0)} KiB), ${(api.gzip / 1024).toFixed(0)} KiB gzipped`,
    );
    console.log(
      `map: ${browser.icons} marker and cluster icons drawn ${browser.shownMs.toFixed(0)} ms after navigation (no change for 2 s after); longest main-thread task while loading ${browser.loadMaxTask.toFixed(0)} ms, total blocking ${browser.blockingMs.toFixed(0)} ms; longest task over 3 zooms ${browser.zoomMaxTask.toFixed(0)} ms`,
    );
    console.log(`JavaScript loaded by /: ${browser.jsFiles} files, ${(browser.jsGzip / 1024).toFixed(0)} KiB gzipped`);
    console.log(
      JSON.stringify({
        api_p50_ms: +api.p50.toFixed(1),
        api_bytes: api.bytes,
        api_gzip_kib: Math.round(api.gzip / 1024),
        markers_drawn_ms: Math.round(browser.shownMs),
        marker_icons: browser.icons,
        max_long_task_ms: Math.round(browser.loadMaxTask),
        total_blocking_ms: Math.round(browser.blockingMs),
        zoom_max_long_task_ms: Math.round(browser.zoomMaxTask),
        js_gzip_kib: Math.round(browser.jsGzip / 1024),
      }),
    );
  } finally {
    await server.stop();
  }
}

await main();
