// npm run bench:intake — full web submissions per second against the production build on PostgreSQL.
// Each submission goes through the real server action (validate, locate, insert report + event) over HTTP, exactly
// as the browser sends it; the reference is the same action refused at its first line (honeypot filled), which
// costs Next's request and action decoding but no work of ours. Prints figures; asserts nothing.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { buildUnlessSkipped, categorySlugs, percentile, startBenchServer, territoryPoints } from './production-server';

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 3000);
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
    const direct = postgres(server.databaseUrl, { max: 1 });
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
    await server.stop();
  }
}

await main();
