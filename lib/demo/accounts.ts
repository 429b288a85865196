import { inArray } from 'drizzle-orm';
import { getDatabase, type Db } from '@/db';
import { users, type Role } from '@/db/schema';
import { ROLE_LABELS } from '@/lib/permissions';
import { hashPassword } from '@/lib/staff/password';

// The demo's staff: one account per role (a manager for each pôle, a second person in Nord to assign to), all with
// DEMO_PASSWORD. Only on a demo database: never on PostgreSQL unless DEMO_SEED=1.

export const DEMO_DOMAIN = 'demo.proximcite.fr';
export const DEFAULT_DEMO_PASSWORD = 'proximcite-demo';

type DemoAccount = { email: string; name: string; role: Role; poleId?: string; communeInsee?: string };

const POLE_MANAGERS: [string, string][] = [
  ['centre', 'Hélène Vigier'],
  ['nord', 'Marc Aubert'],
  ['est', 'Sandrine Pélissier'],
  ['sud-est', 'Olivier Chabrol'],
  ['sud', 'Nathalie Rouchon'],
  ['ouest', 'Julien Besse'],
  ['sud-ouest', 'Claire Mazet'],
];

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: `admin@${DEMO_DOMAIN}`, name: 'Camille Durand', role: 'admin' },
  { email: `agent@${DEMO_DOMAIN}`, name: 'Inès Moreau', role: 'call_centre_agent' },
  { email: `accueil.cournon@${DEMO_DOMAIN}`, name: 'Yves Tixier', role: 'town_hall_agent', communeInsee: '63124' },
  ...POLE_MANAGERS.map(([poleId, name]) => ({
    email: `pole.${poleId}@${DEMO_DOMAIN}`,
    name,
    role: 'pole_manager' as const,
    poleId,
  })),
  { email: `equipe.nord@${DEMO_DOMAIN}`, name: 'Rémi Fournier', role: 'pole_manager', poleId: 'nord' },
  { email: `elu@${DEMO_DOMAIN}`, name: 'Françoise Lamy', role: 'elected' },
];

/** Creates the demo accounts that are missing; returns their ids by e-mail. */
export async function seedDemoAccounts(db: Db, password: string): Promise<Map<string, { id: number; role: Role }>> {
  const passwordHash = await hashPassword(password);
  await db
    .insert(users)
    .values(DEMO_ACCOUNTS.map((a) => ({ ...a, poleId: a.poleId ?? null, communeInsee: a.communeInsee ?? null, passwordHash })))
    .onConflictDoNothing({ target: users.email });
  const rows = await db.select({ id: users.id, email: users.email, role: users.role, poleId: users.poleId }).from(users);
  return new Map(rows.map((r) => [r.email, { id: r.id, role: r.role }]));
}

/** For the sign-in page of a demo installation only: the accounts to try and their password. */
export async function listDemoAccounts() {
  const { db, kind } = await getDatabase();
  if (process.env.DEMO_SEED === '0' || (kind === 'postgres' && process.env.DEMO_SEED !== '1')) return null;
  const existing = await db
    .select({ email: users.email })
    .from(users)
    .where(
      inArray(
        users.email,
        DEMO_ACCOUNTS.map((a) => a.email),
      ),
    );
  if (existing.length === 0) return null;
  const present = new Set(existing.map((row) => row.email));
  return {
    password: process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
    accounts: DEMO_ACCOUNTS.filter((a) => present.has(a.email)).map((a) => ({
      email: a.email,
      name: a.name,
      roleLabel: ROLE_LABELS[a.role],
      scope: a.poleId ?? a.communeInsee ?? null,
    })),
  };
}
