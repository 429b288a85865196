// npm run bench:open-data   (BENCH_LOAD_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/proximcite_load, made by
// `npm run db:load -- --reports 1000000`; BENCH_OPEN_DATA_FORMATS, default csv,geojson)
// Streams the whole open-data export out of the exporter, as the route handler sends it, and counts what comes out:
// rows, bytes, time, and the process's resident memory sampled every 100 ms — it should stay flat, whatever the size of
// the table. Reads only; asserts nothing.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Db } from '@/db';
import * as schema from '@/db/schema';
import { exportOpenDataCsv, exportOpenDataGeoJson } from '@/lib/open-data/export';
import { NO_FILTERS } from '@/lib/open-data/input';

const MB = 1024 * 1024;
const LINE_FEED = 0x0a;

export type OpenDataBenchResult = {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  bytes: number;
  peakRssMb: number;
  startRssMb: number;
  /** User + system CPU time of this process: steadier than the wall clock on a shared machine. */
  cpuSeconds: number;
};

function countLines(chunk: Uint8Array): number {
  let lines = 0;
  for (let at = chunk.indexOf(LINE_FEED); at !== -1; at = chunk.indexOf(LINE_FEED, at + 1)) lines++;
  return lines;
}

export async function benchOpenDataExport(opts: {
  databaseUrl: string;
  format?: 'csv' | 'geojson';
  onSample?: (rssMb: number, seconds: number) => void;
}): Promise<OpenDataBenchResult> {
  // A client of its own, not the app's: no migration is run on a database another process may be loading.
  const client = postgres(opts.databaseUrl, { max: 2, onnotice: () => {} });
  const db = drizzle({ client, schema, casing: 'snake_case' }) as unknown as Db;
  const format = opts.format ?? 'csv';
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    peakRss = Math.max(peakRss, rss);
    opts.onSample?.(rss / MB, (performance.now() - started) / 1000);
  }, 100);
  let bytes = 0;
  let lines = 0;
  try {
    const stream = await (format === 'csv' ? exportOpenDataCsv : exportOpenDataGeoJson)(NO_FILTERS, { db });
    const reader = stream.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      bytes += chunk.value.byteLength;
      lines += countLines(chunk.value);
    }
  } finally {
    clearInterval(sampler);
    await client.end();
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  // CSV: one line per row after the heading. GeoJSON: one line per feature between the opening and the closing.
  const rows = format === 'csv' ? lines - 1 : Math.max(0, lines - 2);
  return {
    rows,
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(rows / seconds),
    bytes,
    peakRssMb: Math.round(peakRss / MB),
    startRssMb: Math.round(startRss / MB),
    cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
  };
}

async function main() {
  const databaseUrl = process.env.BENCH_LOAD_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/proximcite_load';
  const formats = (process.env.BENCH_OPEN_DATA_FORMATS || 'csv,geojson').split(',') as ('csv' | 'geojson')[];
  console.log(`Open-data export from ${databaseUrl.replace(/\/\/[^@]*@/, '//')}, resident memory sampled every 100 ms`);
  const results: Record<string, OpenDataBenchResult & { rssMbBySecond: number[] }> = {};
  for (const format of formats) {
    const bySecond: number[] = [];
    const result = await benchOpenDataExport({
      databaseUrl,
      format,
      onSample: (rssMb, seconds) => {
        bySecond[Math.floor(seconds)] = Math.max(bySecond[Math.floor(seconds)] ?? 0, Math.round(rssMb));
      },
    });
    results[format] = { ...result, rssMbBySecond: bySecond };
    console.log(
      `${format.padEnd(8)} ${result.rows.toLocaleString('en')} rows in ${result.seconds} s = ` +
        `${result.rowsPerSecond.toLocaleString('en')} rows/s (${result.cpuSeconds} s of CPU), ${(result.bytes / MB).toFixed(1)} MB ` +
        `(${Math.round(result.bytes / Math.max(1, result.rows))} bytes/row); RSS ${result.startRssMb} MB at start, ` +
        `peak ${result.peakRssMb} MB (+${result.peakRssMb - result.startRssMb} MB)`,
    );
    console.log(`         peak RSS per second (MB): ${bySecond.map((mb) => mb ?? '-').join(' ')}`);
  }
  console.log(JSON.stringify(results));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
