// npm run bench:intake — full web submissions per second against the production build on PostgreSQL.
// Each submission goes through the real server action (validate, locate, insert report + event) over HTTP, exactly
// as the browser sends it; the reference is the same action refused at its first line (honeypot filled), which
// costs Next's request and action decoding but no work of ours. Prints figures; asserts nothing.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { buildLocator } from '../../lib/territory/locate';

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const SERVER_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 3000);
const BASE = `http://localhost:${PORT}`;
const CATEGORIES = (JSON.parse(readFileSync(join(process.cwd(), 'db/data/categories.json'), 'utf8')) as { slug: string }[]).map(
  (c) => c.slug,
);

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Points drawn in the territory's box and kept when a commune holds them: every submission is routable. */
function territoryPoints(count: number): [number, number][] {
  const fc = JSON.parse(readFileSync(join(process.cwd(), 'db/data/communes.geojson'), 'utf8'));
  const locator = buildLocator(
    fc.features.map((f: { properties: { insee: string; name: string; pole: string }; geometry: never }) => ({
      ...f.properties,
      pole: { id: f.properties.pole, name: f.properties.pole },
      geometry: f.geometry,
    })),
  );
  const [minLon, minLat, maxLon, maxLat] = locator.bounds;
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const points: [number, number][] = [];
  while (points.length < count) {
    const lon = minLon + random() * (maxLon - minLon);
    const lat = minLat + random() * (maxLat - minLat);
    if (locator.locate(lon, lat)) points.push([Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6]);
  }
  return points;
}

function actionId(): string {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, { exportedName?: string; workers: Record<string, unknown> }>;
  };
  const entry = Object.entries(manifest.node).find(
    ([, action]) => action.exportedName === 'submitReport' && Object.keys(action.workers).some((w) => w.includes('signaler')),
  );
  if (!entry) throw new Error('submitReport not found in the build manifest');
  return entry[0];
}

/** The body React sends for `useActionState(submitReport)`: the previous state, then the form as FormData 1. */
function submission(fields: Record<string, string>): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(`_1_${name}`, value);
  body.append('0', '[{},"$K1"]');
  return body;
}

async function run(
  label: string,
  id: string,
  count: number,
  fields: (i: number) => Record<string, string>,
  isSuccess: (r: Response, body: string) => boolean,
) {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        try {
          const response = await fetch(`${BASE}/signaler`, {
            method: 'POST',
            headers: { 'next-action': id, accept: 'text/x-component', origin: BASE },
            body: submission(fields(i)),
            redirect: 'manual',
          });
          if (!isSuccess(response, await response.text())) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const rate = count / seconds;
  console.log(
    `${label}: ${count} requests, ${CONCURRENCY} concurrent, ${seconds.toFixed(1)} s → ${rate.toFixed(0)} /s; p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms; errors ${errors}`,
  );
  return { rate, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}

async function main() {
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    const build = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const name = `proximcite_bench_${Date.now()}`;
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(PORT)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: url.toString(),
      DEMO_SEED: '0',
      RATE_LIMIT_PER_IP: '100000000',
      RATE_LIMIT_PER_EMAIL: '100000000',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  try {
    for (let i = 0; ; i++) {
      if ((await fetch(`${BASE}/api/health`).catch(() => null))?.ok) break;
      if (i > 120) throw new Error('the server did not start');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const id = actionId();
    const points = territoryPoints(1000);
    const runId = Date.now().toString(36);
    const form = (i: number, extra: Record<string, string> = {}) => ({
      idempotencyKey: `bench-${runId}-${String(i).padStart(8, '0')}`,
      category: CATEGORIES[i % CATEGORIES.length]!,
      description: `Banc de test ${i} : trottoir dégradé devant le numéro ${i % 90}.`,
      lon: String(points[i % points.length]![0]),
      lat: String(points[i % points.length]![1]),
      commune: '',
      address: '',
      name: 'Banc de mesure',
      email: `bench.${i}@example.org`,
      phone: '',
      postalAddress: '',
      noReply: '',
      website: '',
      ...extra,
    });
    const accepted = (r: Response, body: string) =>
      r.ok && /"reference":"PC-\d{4}-\d{6}"/.test(body) && body.includes('privateUrl');
    console.log(
      `Next.js production build on PostgreSQL (${url.host}), Node ${process.version}, ${CONCURRENCY} concurrent clients`,
    );
    await run('warm-up', id, 200, (i) => form(1_000_000 + i), accepted);
    const noop = await run(
      'no-op action (honeypot, refused at its first line)',
      id,
      SUBMISSIONS,
      (i) => form(2_000_000 + i, { website: 'x' }),
      (r, body) => r.ok && body.includes('pas pu être accepté'),
    );
    const full = await run(
      'full submission (validate, locate, insert report + event)',
      id,
      SUBMISSIONS,
      (i) => form(i),
      accepted,
    );
    const direct = postgres(url.toString(), { max: 1 });
    const [stored] = await direct`select count(*)::int as n from reports`;
    await direct.end();
    console.log(
      `reports stored: ${stored?.n} (expected ${SUBMISSIONS + 200}); full / no-op throughput: ×${(full.rate / noop.rate).toFixed(2)}`,
    );
    console.log(
      JSON.stringify({
        submissions_per_s: Math.round(full.rate),
        p50_ms: +full.p50.toFixed(1),
        p99_ms: +full.p99.toFixed(1),
        errors: full.errors,
        noop_per_s: Math.round(noop.rate),
        ratio: +(full.rate / noop.rate).toFixed(2),
      }),
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

await main();
