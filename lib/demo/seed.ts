import { pathToFileURL } from 'node:url';
import { count, like } from 'drizzle-orm';
import { closeDatabase, getDatabase, type Db } from '@/db';
import { PgliteLockedError } from '@/db/pglite-lock';
import { reports } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { getSeverityDays } from '@/lib/reports/severity';
import { secretsAllowStartup } from '@/lib/secret-check';
import { DEFAULT_DEMO_PASSWORD, seedDemoAccounts } from './accounts';
import { buildDemoReports } from './reports';

// What the app does at start-up after the migrations (and `npm run db:seed` from the command line): the reference
// data always; the demo's accounts and reports only on the embedded database, or on PostgreSQL with DEMO_SEED=1.

export const DEMO_KEY_PREFIX = 'demo-';

/** Adds the demo accounts and reports once; returns how many reports were added (0 when they are already there). */
export async function seedDemo(db: Db, options: { count?: number; now?: Date; password?: string } = {}): Promise<number> {
  const staff = await seedDemoAccounts(db, options.password ?? (process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD));
  const [existing] = await db
    .select({ n: count() })
    .from(reports)
    .where(like(reports.idempotencyKey, `${DEMO_KEY_PREFIX}%`));
  if (existing!.n > 0) return 0;
  return buildDemoReports(db, {
    count: options.count ?? 360,
    now: options.now ?? new Date(),
    keyPrefix: DEMO_KEY_PREFIX,
    severityDays: await getSeverityDays(db),
    staff,
  });
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
