import { count, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { reportEvents, reports, users } from '@/db/schema';
import { DEMO_DOMAIN, seedDemoAccounts } from '@/lib/demo/accounts';
import type { StaffUser } from '@/lib/permissions';
import { receiveReport } from '@/lib/reports/submit';
import { getLocator } from '@/lib/territory/queries';

// Staff for integration tests: the demo accounts as StaffUser objects, and reports filed where a test needs them.
// Files that use fileReport need the app's database client (useAppTestDatabase): the territory index reads it.

export const TEST_PASSWORD = 'mot-de-passe-de-test';

export type TestStaff = StaffUser & { name: string; email: string };

/** Seeds the demo accounts; returns a lookup by the part of the e-mail before « @demo.proximcite.fr ». */
export async function seedStaff(db: Db): Promise<(local: string) => TestStaff> {
  await seedDemoAccounts(db, TEST_PASSWORD);
  const rows = await db
    .select({
      id: users.id,
      role: users.role,
      poleId: users.poleId,
      communeInsee: users.communeInsee,
      name: users.name,
      email: users.email,
    })
    .from(users);
  const byLocal = new Map(rows.map((row) => [row.email.replace(`@${DEMO_DOMAIN}`, ''), row]));
  return (local) => {
    const found = byLocal.get(local);
    if (!found) throw new Error(`no demo account ${local}@${DEMO_DOMAIN}`);
    return found;
  };
}

let n = 0;

/** Files a report pinned inside a commune, as a resident on the web or keyed in by a staff member. */
export async function fileReport(
  db: Db,
  insee: string,
  options: {
    intakeBy?: StaffUser;
    category?: string;
    name?: string;
    email?: string;
    postalAddress?: string;
    noReply?: boolean;
    description?: string;
  } = {},
): Promise<{ id: number; reference: string }> {
  const point = (await getLocator()).interiorPoint(insee);
  if (!point) throw new Error(`no commune ${insee}`);
  const i = ++n;
  const outcome = await receiveReport(
    db,
    {
      idempotencyKey: `staff-test-${process.pid}-${Date.now()}-${i}`,
      category: options.category ?? 'eclairage-public',
      description: options.description ?? 'Lampadaire éteint devant le numéro 4.',
      lon: String(point.lon),
      lat: String(point.lat),
      commune: '',
      address: '',
      name: options.name ?? 'Dominique Privé',
      email: options.email ?? `dominique.${i}@example.org`,
      phone: '04 73 11 22 33',
      postalAddress: options.postalAddress ?? '4 rue Secrète, 63000 Clermont-Ferrand',
      noReply: options.noReply ? 'on' : '',
      website: '',
    },
    [],
    options.intakeBy
      ? {
          ip: `203.0.113.${i % 250}`,
          channel: 'counter',
          actor: { type: 'staff', userId: options.intakeBy.id, role: options.intakeBy.role },
          agent: { userId: options.intakeBy.id, severity: null, receivedText: 'Signalement reçu à l’accueil de la mairie.' },
        }
      : { ip: `198.51.${Math.floor(i / 250) % 250}.${i % 250}`, channel: 'web', actor: { type: 'resident' } },
  );
  if (!outcome.ok) throw new Error(`${outcome.message} ${JSON.stringify(outcome.fieldErrors)}`);
  const [row] = await db.select({ id: reports.id }).from(reports).where(eq(reports.reference, outcome.reference));
  return { id: row!.id, reference: outcome.reference };
}

export async function reportRow(db: Db, reference: string) {
  const [row] = await db.select().from(reports).where(eq(reports.reference, reference));
  if (!row) throw new Error(`no report ${reference}`);
  return row;
}

export async function eventsOf(db: Db, reportId: number) {
  return db.select().from(reportEvents).where(eq(reportEvents.reportId, reportId)).orderBy(reportEvents.id);
}

export async function countEvents(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(reportEvents);
  return row!.n;
}

/** A date as the staff's forms send it, `days` from today in Paris. */
export function parisDate(days: number, from: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(from.getTime() + days * 86_400_000));
}
