// npm run bench:intake — full web submissions per second against the production build on PostgreSQL.
// Each submission goes through the real server action (validate, locate, insert report + event) over HTTP, exactly
// as the browser sends it; the reference is the same action refused at its first line (honeypot filled), which
// costs Next's request and action decoding but no work of ours. A last run attaches one phone photo (3 to 12 MP JPEG)
// to each submission. Rates and latencies count accepted submissions only; failed ones are counted apart. Prints
// figures and asserts nothing about time, but exits 1 when the reports stored differ from those acknowledged.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import sharp from 'sharp';
import { buildUnlessSkipped, categorySlugs, percentile, startBenchServer, territoryPoints } from './production-server';

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 3000);
const PHOTO_SUBMISSIONS = Number(process.env.BENCH_PHOTO_SUBMISSIONS ?? Math.max(50, Math.round(SUBMISSIONS / 10)));
const BASE = `http://localhost:${PORT}`;
const CATEGORIES = categorySlugs();

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
function submission(fields: Record<string, string>, photo?: Uint8Array<ArrayBuffer>): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(`_1_${name}`, value);
  if (photo) body.append('_1_photos', new Blob([photo], { type: 'image/jpeg' }), 'IMG_20261129_101500.jpg');
  body.append('0', '[{},"$K1"]');
  return body;
}

/**
 * Phone photos as sharp decodes them: 12, 8 and 3 megapixels, a gradient under fine noise (which JPEG cannot wish
 * away, as it cannot a real street's texture), quality 85 like a phone's camera: 2 to 6 MB each.
 */
async function phonePhotos(): Promise<Uint8Array<ArrayBuffer>[]> {
  const sizes = [
    [4000, 3000],
    [3264, 2448],
    [2000, 1500],
  ] as const;
  return Promise.all(
    sizes.map(async ([width, height], variant) => {
      const pixels = Buffer.alloc(width * height * 3);
      let seed = 12_345 + variant;
      for (let y = 0, i = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
          const noise = (seed >> 16) % 48;
          pixels[i++] = Math.min(255, ((x * 200) / width + noise) | 0);
          pixels[i++] = Math.min(255, ((y * 180) / height + noise) | 0);
          pixels[i++] = Math.min(255, (((x + y) * 120) / (width + height) + 60 + noise) | 0);
        }
      }
      return new Uint8Array(
        await sharp(pixels, { raw: { width, height, channels: 3 } })
          .jpeg({ quality: 85 })
          .toBuffer(),
      );
    }),
  );
}

async function run(
  label: string,
  id: string,
  count: number,
  fields: (i: number) => Record<string, string>,
  isSuccess: (r: Response, body: string) => boolean,
  photo?: (i: number) => Uint8Array<ArrayBuffer>,
) {
  const latencies: number[] = [];
  let failed = 0;
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
            body: submission(fields(i), photo?.(i)),
            redirect: 'manual',
          });
          if (isSuccess(response, await response.text())) latencies.push(performance.now() - t0);
          else failed++;
        } catch {
          failed++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  // A refusal answers fast: counted in the rate or the latencies, failures would flatter both.
  const rate = latencies.length / seconds;
  console.log(
    `${label}: ${count} requests, ${CONCURRENCY} concurrent, ${seconds.toFixed(1)} s → ${latencies.length} accepted, ${rate.toFixed(1)} /s; p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms (accepted ones); failed ${failed}`,
  );
  return { rate, p50: percentile(latencies, 50), p99: percentile(latencies, 99), accepted: latencies.length, failed };
}

/** Reports and photos stored, asked again for 30 s if the server is restarting (a crash test may share it). */
async function countStored(url: string): Promise<{ n: number; photos: number } | undefined> {
  for (let attempt = 0; ; attempt++) {
    const direct = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const [row] = await direct`select count(*)::int as n, (select count(*)::int from report_photos) as photos from reports`;
      return row as { n: number; photos: number } | undefined;
    } catch (error) {
      if (attempt >= 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    } finally {
      await direct.end();
    }
  }
}

async function main() {
  buildUnlessSkipped();
  const server = await startBenchServer(PORT, { RATE_LIMIT_PER_IP: '100000000', RATE_LIMIT_PER_EMAIL: '100000000' });
  try {
    const id = actionId();
    const points = territoryPoints(1000).map(({ lon, lat }) => [lon, lat] as const);
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
      `Next.js production build on PostgreSQL (${server.databaseHost}), Node ${process.version}, ${CONCURRENCY} concurrent clients`,
    );
    const warmUp = await run('warm-up', id, 200, (i) => form(1_000_000 + i), accepted);
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
    const photos = await phonePhotos();
    console.log(
      `phone photos: ${photos.map((p, i) => `${['12', '8', '3'][i]} MP ${(p.byteLength / 1e6).toFixed(1)} MB`).join(', ')}`,
    );
    const withPhoto = await run(
      'full submission with one phone photo (decode, re-encode ≤ 2048 px, store)',
      id,
      PHOTO_SUBMISSIONS,
      (i) => form(3_000_000 + i),
      accepted,
      (i) => photos[i % photos.length]!,
    );
    const stored = await countStored(server.databaseUrl);
    const acknowledged = warmUp.accepted + full.accepted + withPhoto.accepted;
    const isConsistent = stored?.n === acknowledged && stored?.photos === withPhoto.accepted;
    console.log(
      `reports stored: ${stored?.n}, photos stored: ${stored?.photos}; acknowledged: ${acknowledged} reports, ${withPhoto.accepted} with a photo${isConsistent ? '' : ' — MISMATCH'}; full / no-op throughput: ×${(full.rate / noop.rate).toFixed(2)}`,
    );
    console.log(
      JSON.stringify({
        submissions_per_s: Math.round(full.rate),
        p50_ms: +full.p50.toFixed(1),
        p99_ms: +full.p99.toFixed(1),
        failed: full.failed,
        photo_submissions_per_s: +withPhoto.rate.toFixed(1),
        photo_p50_ms: +withPhoto.p50.toFixed(1),
        photo_p99_ms: +withPhoto.p99.toFixed(1),
        photo_failed: withPhoto.failed,
        noop_per_s: Math.round(noop.rate),
        ratio: +(full.rate / noop.rate).toFixed(2),
        acknowledged,
        stored: stored?.n,
        photos_stored: stored?.photos,
      }),
    );
    if (!isConsistent) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

await main();
