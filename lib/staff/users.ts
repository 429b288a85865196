import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { users } from '@/db/schema';

// Staff accounts as the rest of the app reads them: never the password hash.

/** The signed-in person, read afresh on every request: a disabled account or a changed role applies at once. */
export async function getActiveStaff(db: Db, id: number) {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      poleId: users.poleId,
      communeInsee: users.communeInsee,
    })
    .from(users)
    .where(and(eq(users.id, id), eq(users.isActive, true)));
  return user ?? null;
}

export type Staff = NonNullable<Awaited<ReturnType<typeof getActiveStaff>>>;

export async function findActiveStaffByEmail(db: Db, email: string) {
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, email.trim().toLowerCase()), eq(users.isActive, true)));
  return user ?? null;
}

/** The people a report of this pôle may be assigned to. */
export async function listPoleStaff(db: Db, poleId: string) {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.poleId, poleId), eq(users.isActive, true)))
    .orderBy(asc(users.name));
}
