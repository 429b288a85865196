// What the HTTP benchmarks share: a production build, a server on a fresh PostgreSQL database, points in the territory.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { buildLocator } from '../../lib/territory/locate';

const NEXT_BIN = 'node_modules/next/dist/bin/next';
const SERVER_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function buildUnlessSkipped() {
  if (process.env.BENCH_SKIP_BUILD === '1') return;
  const build = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

export type BenchServer = { base: string; databaseUrl: string; databaseHost: string; stop: () => Promise<void> };

/**
 * `next start` on a database of its own, dropped by stop() — or on `existingDatabaseUrl`, kept (the million-report
 * load); resolves once /api/health answers.
 */
export async function startBenchServer(
  port: number,
  env: Record<string, string> = {},
  existingDatabaseUrl?: string,
): Promise<BenchServer> {
  const name = `proximcite_bench_${Date.now()}`;
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  if (!existingDatabaseUrl) await admin.unsafe(`create database "${name}"`);
  const url = new URL(existingDatabaseUrl ?? SERVER_URL);
  if (!existingDatabaseUrl) url.pathname = `/${name}`;
  const server = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      // BENCH_SERVER_NODE_OPTIONS (e.g. --cpu-prof) reaches the server only, to profile what the figures measure.
      NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? '',
      DATABASE_URL: url.toString(),
      DEMO_SEED: '0',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      // A production server on PostgreSQL refuses to start without its own secrets (lib/secret-check.ts).
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      TRACKING_SECRET: randomBytes(32).toString('base64url'),
      ...env,
    },
  });
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    if (!existingDatabaseUrl) await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
  const base = `http://localhost:${port}`;
  for (let i = 0; !(await fetch(`${base}/api/health`).catch(() => null))?.ok; i++) {
    if (i > 120) {
      await stop();
      throw new Error('the server did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { base, databaseUrl: url.toString(), databaseHost: url.host, stop };
}

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Seeded points drawn in the territory's box and kept when a commune holds them. */
export function territoryPoints(count: number): { lon: number; lat: number; insee: string; poleId: string }[] {
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
  const points: { lon: number; lat: number; insee: string; poleId: string }[] = [];
  while (points.length < count) {
    const lon = Math.round((minLon + random() * (maxLon - minLon)) * 1e6) / 1e6;
    const lat = Math.round((minLat + random() * (maxLat - minLat)) * 1e6) / 1e6;
    const found = locator.locate(lon, lat);
    if (found) points.push({ lon, lat, insee: found.commune.insee, poleId: found.pole.id });
  }
  return points;
}

export function categorySlugs(): string[] {
  return (JSON.parse(readFileSync(join(process.cwd(), 'db/data/categories.json'), 'utf8')) as { slug: string }[]).map(
    (c) => c.slug,
  );
}
