// npm run test:crash — nothing acknowledged is lost when the app process is killed with SIGKILL in the middle of 100
// concurrent web submissions (20 rounds, on PostgreSQL and on PGlite), nor when PostgreSQL itself is stopped with
// `pg_ctl -m immediate` and restarted (PostgreSQL only; CRASH_DB_RESTART=0 skips it — it stops the machine's server,
// so run it when nothing else uses it). After each crash every submission is sent again with its idempotency key, as
// a browser retrying would: an acknowledged one must get its reference back, none may make a second report.
// Prints counts; exits 1 on any loss or duplicate.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { buildUnlessSkipped, territoryPoints } from '../bench/production-server';

const PORT = Number(process.env.CRASH_PORT ?? 3300);
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
const PER_ROUND = Number(process.env.CRASH_SUBMISSIONS ?? 100);
const BASE = `http://localhost:${PORT}`;
const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NEXT_BIN = 'node_modules/next/dist/bin/next';

function actionId(): string {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, { exportedName?: string; workers: Record<string, unknown> }>;
  };
  const entry = Object.entries(manifest.node).find(
    ([, a]) => a.exportedName === 'submitReport' && Object.keys(a.workers).some((w) => w.includes('signaler')),
  );
  if (!entry) throw new Error('submitReport not found in the build manifest');
  return entry[0];
}

const points = territoryPoints(200);
const form = (key: string, i: number) => {
  const body = new FormData();
  const fields: Record<string, string> = {
    idempotencyKey: key,
    category: 'voirie',
    description: `Essai de panne ${i} : chaussée déformée devant le numéro ${i % 90}.`,
    lon: String(points[i % points.length]!.lon),
    lat: String(points[i % points.length]!.lat),
    commune: '',
    address: '',
    name: 'Essai Panne',
    email: `panne.${i}@example.org`,
    phone: '',
    postalAddress: '',
    noReply: '',
    website: '',
  };
  for (const [name, value] of Object.entries(fields)) body.append(`_1_${name}`, value);
  body.append('0', '[{},"$K1"]');
  return body;
};

/** Sends one form; the reference the server acknowledged, or null (connection lost, 5xx, no answer). */
async function submit(id: string, key: string, i: number): Promise<string | null> {
  try {
    const response = await fetch(`${BASE}/signaler`, {
      method: 'POST',
      headers: { 'next-action': id, accept: 'text/x-component', origin: BASE },
      body: form(key, i),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return response.ok ? (/"reference":"(PC-\d{4}-\d{6})"/.exec(text)?.[1] ?? null) : null;
  } catch {
    return null;
  }
}

type Target =
  { kind: 'postgres'; url: string; drop: () => Promise<void> } | { kind: 'pglite'; dir: string; drop: () => Promise<void> };

async function makeTarget(kind: 'postgres' | 'pglite'): Promise<Target> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'proximcite-crash-'));
    return { kind, dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `proximcite_crash_${Date.now()}`;
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    drop: async () => {
      const again = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists "${name}" with (force)`);
      await again.end();
    },
  };
}

const secrets = { AUTH_SECRET: randomBytes(32).toString('base64url'), TRACKING_SECRET: randomBytes(32).toString('base64url') };
const mailDir = mkdtempSync(path.join(tmpdir(), 'proximcite-crash-mail-'));

async function startServer(target: Target): Promise<ChildProcess> {
  const server = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(PORT)], {
    stdio: ['ignore', 'ignore', 'ignore'],
    env: {
      ...process.env,
      ...(target.kind === 'postgres' ? { DATABASE_URL: target.url } : { DATABASE_URL: '', PGLITE_DIR: target.dir }),
      ...secrets,
      DEMO_SEED: '0',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      RATE_LIMIT_PER_IP: '100000000',
      RATE_LIMIT_PER_EMAIL: '100000000',
      MAIL_DIR: mailDir,
      RETENTION_JOB: 'off',
    },
  });
  for (let i = 0; !(await fetch(`${BASE}/api/health`).catch(() => null))?.ok; i++) {
    if (i > 240 || server.exitCode !== null) throw new Error('the server did not start');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return server;
}

const killed = (server: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) return resolve();
    server.once('exit', () => resolve());
    server.kill('SIGKILL');
  });

type Totals = {
  sent: number;
  acknowledged: number;
  found: number;
  lost: number;
  duplicates: number;
  changed: number;
  /** Forms still without an answer after the retries (not acknowledged, so nothing promised). */
  unanswered: number;
};

/** One run: ROUNDS rounds of PER_ROUND submissions, a crash in each, then every form sent again. */
async function crashRuns(kind: 'postgres' | 'pglite', crash: 'app' | 'database'): Promise<Totals> {
  const target = await makeTarget(kind);
  const id = actionId();
  const totals: Totals = { sent: 0, acknowledged: 0, found: 0, lost: 0, duplicates: 0, changed: 0, unanswered: 0 };
  let server = await startServer(target);
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const keys = Array.from(
        { length: PER_ROUND },
        (_, i) => `crash-${kind}-${crash}-${round}-${i}-${randomBytes(4).toString('hex')}`,
      );
      let answered = 0;
      const pending = keys.map((key, i) => submit(id, key, i).finally(() => answered++));
      // The crash lands while the submissions are in flight: once a random share (10–60 %) has been answered, so that
      // some were acknowledged and others not yet (or after 20 s, whatever came back).
      const share = PER_ROUND * (0.1 + Math.random() * 0.5);
      for (let waited = 0; answered < share && waited < 20_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      if (crash === 'app') {
        await killed(server);
      } else {
        spawnSync('pg_ctlcluster', ['15', 'main', 'stop', '-m', 'immediate'], { stdio: 'ignore' });
        spawnSync('pg_ctlcluster', ['15', 'main', 'start'], { stdio: 'ignore' });
      }
      const first = await Promise.all(pending);
      if (crash === 'app') server = await startServer(target);
      // Every form again, as a browser would retry (the resident saw an error, or sends twice).
      // One still without an answer (the app reconnecting to a database that just came back) is tried again.
      const second = await Promise.all(
        keys.map(async (key, i) => {
          for (let attempt = 0; attempt < 5; attempt++) {
            const reference = await submit(id, key, i);
            if (reference) return reference;
            await new Promise((resolve) => setTimeout(resolve, 1_000));
          }
          return null;
        }),
      );
      totals.sent += PER_ROUND;
      for (let i = 0; i < PER_ROUND; i++) {
        if (first[i]) totals.acknowledged++;
        if (first[i] && second[i] && second[i] !== first[i]) totals.changed++;
        if (!second[i]) totals.unanswered++;
      }
      const references = second.filter((r): r is string => r !== null);
      totals.duplicates += references.length - new Set(references).size;
      // Each acknowledged reference exists: in the database itself (PostgreSQL), or its public page answers (PGlite,
      // which the server holds).
      const acknowledged = first.filter((r): r is string => r !== null);
      if (target.kind === 'postgres') {
        const sql = postgres(target.url, { max: 1, onnotice: () => {} });
        const found = await sql`select reference from reports where reference = any(${acknowledged})`;
        const [row] =
          await sql`select count(*)::int as n, count(distinct idempotency_key)::int as keys from reports where idempotency_key like ${`crash-${kind}-${crash}-${round}-%`}`;
        await sql.end();
        totals.found += found.length;
        totals.lost += acknowledged.length - found.length;
        totals.duplicates += row!.n - row!.keys;
      } else {
        for (const reference of acknowledged) {
          const page = await fetch(`${BASE}/suivi/${reference}`).catch(() => null);
          if (page?.ok) totals.found++;
          else totals.lost++;
        }
      }
      process.stdout.write(
        `  round ${round + 1}/${ROUNDS}: acknowledged before the crash ${first.filter(Boolean).length}/${PER_ROUND}, after retry ${references.length}/${PER_ROUND}\n`,
      );
    }
  } finally {
    await killed(server);
    await target.drop();
  }
  return totals;
}

async function main() {
  buildUnlessSkipped();
  const kinds = (process.env.CRASH_DATABASES ?? 'pglite,postgres').split(',') as ('postgres' | 'pglite')[];
  let isBroken = false;
  for (const kind of kinds) {
    const crashes: ('app' | 'database')[] =
      kind === 'postgres' && process.env.CRASH_DB_RESTART !== '0' ? ['app', 'database'] : ['app'];
    for (const crash of crashes) {
      console.log(`${kind}, ${crash === 'app' ? 'app killed with SIGKILL' : 'PostgreSQL stopped with pg_ctl -m immediate'}:`);
      const t = await crashRuns(kind, crash);
      console.log(
        `${kind} / ${crash}: sent ${t.sent}, acknowledged ${t.acknowledged}, found ${t.found}, lost ${t.lost}, duplicates ${t.duplicates}, reference changed on retry ${t.changed}, still unanswered after 5 tries ${t.unanswered}`,
      );
      if (t.lost > 0 || t.duplicates > 0 || t.changed > 0 || t.found !== t.acknowledged) isBroken = true;
    }
  }
  rmSync(mailDir, { recursive: true, force: true });
  console.log(
    isBroken ? 'FAILED: something acknowledged was lost or duplicated' : 'OK: nothing acknowledged was lost, nothing duplicated',
  );
  process.exit(isBroken ? 1 : 0);
}

await main();
