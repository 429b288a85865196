import { pathToFileURL } from 'node:url';
import { count, like } from 'drizzle-orm';
import { closeDatabase, getDatabase, type Db } from '@/db';
import { PgliteLockedError } from '@/db/pglite-lock';
import { reports, type Channel } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { getSeverityDays } from '@/lib/reports/severity';
import { secretsAllowStartup } from '@/lib/secret-check';
import { DEFAULT_DEMO_PASSWORD, seedDemoAccounts } from './accounts';
import { prng } from './random';
import { buildDemoReports } from './reports';

// What the app does at start-up after the migrations (and `npm run db:seed` from the command line): the reference
// data always; the demo's accounts and reports only on the embedded database, or on PostgreSQL with DEMO_SEED=1.

export const DEMO_KEY_PREFIX = 'demo-';

/**
 * A past year reproducing the seed's published « chiffres clés »: 3,021 reports recorded in 2017, 976 by phone and
 * 2,045 by the web form, so that /chiffres-cles?annee=2017 computes the published table from rows like any other year.
 */
export const DEMO_HISTORY = { year: 2017, phone: 976, web: 2045, keyPrefix: 'archive-2017-' } as const;

async function countKeyed(db: Db, prefix: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(reports)
    .where(like(reports.idempotencyKey, `${prefix}%`));
  return row!.n;
}

/** 1 January 00:00 in Paris, as an instant. */
const parisNewYear = (year: number) => new Date(`${year}-01-01T00:00:00+01:00`);

/**
 * Adds the demo accounts and reports once, then the past year 2017 once (`history: false` leaves it out, to keep a
 * test short); returns how many reports were added (0 when they are already there).
 */
export async function seedDemo(
  db: Db,
  options: { count?: number; now?: Date; password?: string; history?: boolean } = {},
): Promise<number> {
  const staff = await seedDemoAccounts(db, options.password ?? (process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD));
  const severityDays = await getSeverityDays(db);
  const now = options.now ?? new Date();
  let added = 0;
  if ((await countKeyed(db, DEMO_KEY_PREFIX)) === 0) {
    added += await buildDemoReports(db, { count: options.count ?? 360, now, keyPrefix: DEMO_KEY_PREFIX, severityDays, staff });
  }
  if ((options.history ?? true) && (await countKeyed(db, DEMO_HISTORY.keyPrefix)) === 0) {
    const { year, phone, web, keyPrefix } = DEMO_HISTORY;
    const random = prng(year);
    const channels: Channel[] = [...Array<Channel>(phone).fill('phone'), ...Array<Channel>(web).fill('web')];
    for (let i = channels.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [channels[i], channels[j]] = [channels[j]!, channels[i]!];
    }
    const history = { from: parisNewYear(year), to: parisNewYear(year + 1), channels, seed: year };
    added += await buildDemoReports(db, { count: channels.length, now, keyPrefix, severityDays, staff, history });
  }
  return added;
}

export function isDemoWanted(kind: 'pglite' | 'postgres', env: Record<string, string | undefined> = process.env): boolean {
  if (env.DEMO_SEED === '0') return false;
  return kind === 'pglite' || env.DEMO_SEED === '1';
}

/** The server's start-up (instrumentation.ts): refuse unsafe secrets before touching the database, then seed. */
export async function seedOnStartup(): Promise<void> {
  // Next logs an error thrown here and serves anyway: a deployment with unsafe secrets must stop.
  if (!secretsAllowStartup()) process.exit(1);
  const { db, kind } = await getDatabase();
  await seedBase(db);
  if (isDemoWanted(kind)) await seedDemo(db);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const { db, kind } = await getDatabase();
    await seedBase(db);
    const added = isDemoWanted(kind) ? await seedDemo(db) : 0;
    console.log(`Seeded ${kind}: territory, categories, states, severities; ${added} demo reports added.`);
    await closeDatabase();
  } catch (error) {
    // The usual case (the app already holds the embedded database) deserves its sentence, not a stack trace.
    if (!(error instanceof PgliteLockedError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
