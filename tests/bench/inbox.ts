// npm run bench:inbox   (BENCH_LOAD_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/proximcite_load;
// BENCH_INBOX_REPORTS, default 1,000,000; BENCH_INBOX_RUNS, default 200)
// Measures what a staff member waits for on PostgreSQL holding a million reports over five years: the inbox page of one
// pôle with its filters, its counts per state, and a report's staff page. Loads the database first (db:load) when it
// holds fewer reports than asked. Prints p50/p95/max per case and the plans of the main queries; asserts nothing.
import { performance } from 'node:perf_hooks';
import { count, eq, inArray, sql } from 'drizzle-orm';
import * as schema from '@/db/schema';
import { reports, users } from '@/db/schema';
import { getStaffReport } from '@/lib/reports/staff-report';
import { countInbox, listInbox } from '@/lib/staff/inbox';
import { parseInboxQuery } from '@/lib/staff/inbox-input';
import { ensureLoadedDatabase, LOAD_DATABASE_URL, openCapturingDb } from './ensure-load';

const URL_ = LOAD_DATABASE_URL;
const WANTED = Number(process.env.BENCH_INBOX_REPORTS || 1_000_000);
const RUNS = Number(process.env.BENCH_INBOX_RUNS || 200);
const WARMUP = 20;

await ensureLoadedDatabase(URL_, WANTED);
const { client, db, captured } = await openCapturingDb(URL_, 4);

const staff = async (email: string) => (await db.select().from(users).where(eq(users.email, email)))[0]!;
const [centre, nord, admin] = (await Promise.all(
  ['pole.centre@demo.proximcite.fr', 'pole.nord@demo.proximcite.fr', 'admin@demo.proximcite.fr'].map(staff),
)) as [schema.User, schema.User, schema.User];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function measure(label: string, run: (i: number) => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const result = { label, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)! };
  console.log(
    `${label.padEnd(62)} p50 ${result.p50.toFixed(1).padStart(6)} ms   p95 ${result.p95.toFixed(1).padStart(6)} ms   max ${result.max.toFixed(1).padStart(6)} ms`,
  );
  return result;
}

async function explain(label: string, run: () => Promise<unknown>) {
  captured.length = 0;
  await run();
  console.log(`\n--- plan: ${label} (${captured.length} quer${captured.length > 1 ? 'ies' : 'y'}) ---`);
  for (const { query, params } of captured) {
    const rows = await client.unsafe(`explain (analyze, buffers, costs off) ${query}`, params as never[]);
    console.log(rows.map((row) => row['QUERY PLAN']).join('\n'));
  }
}

const total = (await db.select({ n: count() }).from(reports))[0]!.n;
const sample = async (poleId: string) =>
  (
    await db
      .select({ reference: reports.reference })
      .from(reports)
      .where(eq(reports.poleId, poleId))
      .orderBy(sql`random()`)
      .limit(RUNS + WARMUP)
  ).map((r) => r.reference);
const [centreRefs, nordRefs] = await Promise.all([sample('centre'), sample('nord')]);
const open = (
  await db
    .select({ n: count() })
    .from(reports)
    .where(inArray(reports.stateKey, ['new', 'acknowledged', 'in_progress', 'reopened']))
)[0]!.n;
console.log(
  `PostgreSQL ${URL_.replace(/\/\/[^@]*@/, '//')}: ${total.toLocaleString('en')} reports, ${open.toLocaleString('en')} open; ${RUNS} runs per case after ${WARMUP} warm-up runs\n`,
);

const filters = (query: string) => parseInboxQuery(new URLSearchParams(query));
const secondPage = async (user: schema.User, query: string) => {
  const first = await listInbox(db, user, filters(query));
  return filters(`${query}&after=${first.nextCursor}`);
};
const cases: [string, schema.User, ReturnType<typeof filters>][] = [
  ['Centre manager, open reports, newest first', centre, filters('')],
  ['Centre manager, open, category voirie, by due date', centre, filters('category=voirie&sort=due')],
  ['Centre manager, overdue only', centre, filters('overdue=1')],
  ['Centre manager, assigned to nobody, severity high', centre, filters('assigned=personne&severity=high')],
  ['Centre manager, every state, page 2 (keyset)', centre, await secondPage(centre, 'state=tous')],
  ['Centre manager, resolved, search « Pasteur »', centre, filters('state=resolved&q=Pasteur')],
  ['Nord manager, open reports', nord, filters('')],
  ['Administrator, every pôle, open reports', admin, filters('')],
  ['Administrator, pôle Nord, resolved, by date', admin, filters('pole=nord&state=resolved')],
];

const results = [];
console.log('Inbox page (50 rows):');
for (const [label, user, f] of cases) results.push(await measure(`  list · ${label}`, () => listInbox(db, user, f)));
console.log('Counts per state (the tabs):');
for (const [label, user, f] of cases) results.push(await measure(`  counts · ${label}`, () => countInbox(db, user, f)));
console.log('Staff report page (report, contact, followers, photos, duplicates, history):');
results.push(await measure('  report · Centre manager, random Centre report', (i) => getStaffReport(db, centre, centreRefs[i]!)));
results.push(await measure('  report · Nord manager, random Nord report', (i) => getStaffReport(db, nord, nordRefs[i]!)));
results.push(
  await measure('  report · Nord manager, a Centre report (out of scope)', (i) => getStaffReport(db, nord, centreRefs[i]!)),
);

await explain('list · Centre manager, open, newest first', () => listInbox(db, centre, filters('')));
await explain('list · Centre manager, overdue only', () => listInbox(db, centre, filters('overdue=1')));
await explain('counts · Centre manager, open', () => countInbox(db, centre, filters('')));
await explain('counts · Centre manager, assigned to nobody, severity high', () =>
  countInbox(db, centre, filters('assigned=personne&severity=high')),
);
await explain('list · Administrator, every pôle, open', () => listInbox(db, admin, filters('')));
await explain('report page · Centre', () => getStaffReport(db, centre, centreRefs[0]!));

const worst = results.reduce((a, b) => (b.p95 > a.p95 ? b : a));
console.log(`\nWorst p95: ${worst.p95.toFixed(1)} ms (${worst.label.trim()}); target ≤ 50 ms.`);
console.log(
  JSON.stringify({
    reports: total,
    open,
    cases: Object.fromEntries(results.map((r) => [r.label.trim(), { p50: +r.p50.toFixed(2), p95: +r.p95.toFixed(2) }])),
    worst_p95_ms: +worst.p95.toFixed(2),
  }),
);
await client.end();
