import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db';
import { categories, communes, poles, reports, reportStates, roundStops, users } from '@/db/schema';
import { can, reachOf, type StaffUser } from '@/lib/permissions';
import { scopeWhere } from '@/lib/staff/scope';
import { listPoleStaff } from '@/lib/staff/users';
import { getLocator } from '@/lib/territory/queries';
import { meanPoint, type Point } from './order';

// « Ma tournée »: whose rounds a person may prepare, and the stops of one round as that person may see them.

/** A round's owner: who will walk it. Their own reach limits the stops too, so a round never shows them more. */
export type RoundOwner = StaffUser & { name: string };

/** The people whose round this person may prepare: the admin anyone active, a pôle manager the people of the pôle. */
export async function listRoundOwners(db: Db, user: StaffUser): Promise<{ id: number; name: string }[]> {
  const reach = reachOf(user, 'rounds.plan');
  if (reach.kind === 'pole') return listPoleStaff(db, reach.poleId);
  if (reach.kind !== 'all') return [];
  return db.select({ id: users.id, name: users.name }).from(users).where(eq(users.isActive, true)).orderBy(asc(users.name));
}

/** The owner a form or a URL names (null: oneself), or null when this person may not prepare their round. */
export async function findRoundOwner(db: Db, user: StaffUser, ownerId: number | null): Promise<RoundOwner | null> {
  if (!can(user, 'rounds.plan')) return null;
  const [owner] = await db
    .select({ id: users.id, name: users.name, role: users.role, poleId: users.poleId, communeInsee: users.communeInsee })
    .from(users)
    .where(and(eq(users.id, ownerId ?? user.id), eq(users.isActive, true)));
  if (!owner) return null;
  const reach = reachOf(user, 'rounds.plan');
  const isAllowed = owner.id === user.id || reach.kind === 'all' || (reach.kind === 'pole' && owner.poleId === reach.poleId);
  return isAllowed ? owner : null;
}

/** A round's stops that both the viewer (preparing it) and the owner (walking it) may see. */
export const visibleStopsWhere = (viewer: StaffUser, owner: RoundOwner) =>
  and(eq(roundStops.userId, owner.id), scopeWhere(viewer, 'rounds.plan'), scopeWhere(owner, 'reports.read'));

/** The stops in visiting order, with what the page and the sheet print of each report. */
export async function listRoundStops(db: Db, viewer: StaffUser, owner: RoundOwner) {
  return db
    .select({
      stopId: roundStops.id,
      position: roundStops.position,
      reportId: reports.id,
      reference: reports.reference,
      categoryName: categories.name,
      categoryIcon: categories.icon,
      categoryColor: categories.color,
      address: reports.address,
      communeName: communes.name,
      poleId: reports.poleId,
      lon: reports.lon,
      lat: reports.lat,
      stateLabel: reportStates.label,
      stateType: reportStates.type,
      plannedFor: reports.plannedFor,
      // As moderated: the public text when staff edited it, else what was written. Staff read it whatever its
      // publication state: the sheet is for the crew, never published.
      description: sql<string>`coalesce(${reports.publicDescription}, ${reports.description})`,
    })
    .from(roundStops)
    .innerJoin(reports, eq(roundStops.reportId, reports.id))
    .innerJoin(categories, eq(reports.categorySlug, categories.slug))
    .innerJoin(communes, eq(reports.communeInsee, communes.insee))
    .innerJoin(reportStates, eq(reports.stateKey, reportStates.key))
    .where(visibleStopsWhere(viewer, owner))
    .orderBy(asc(roundStops.position), asc(roundStops.id));
}

export type RoundStop = Awaited<ReturnType<typeof listRoundStops>>[number];

/**
 * Where the nearest-neighbour order starts: the owner's pôle (or the first stop's when the owner has none). A pôle's
 * address is free text, often empty, and no geocoder is reachable, so the start is the mean of the pôle's communes,
 * each taken at a point well inside it (the territory index's interior point): the middle of the pôle's ground.
 */
export async function getRoundStart(db: Db, owner: RoundOwner, stops: { poleId: string }[]) {
  const poleId = owner.poleId ?? stops[0]?.poleId;
  if (!poleId) return null;
  const [[pole], rows, locator] = await Promise.all([
    db.select({ name: poles.name }).from(poles).where(eq(poles.id, poleId)),
    db.select({ insee: communes.insee }).from(communes).where(eq(communes.poleId, poleId)),
    getLocator(),
  ]);
  const point = meanPoint(rows.map((row) => locator.interiorPoint(row.insee)).filter((p): p is Point => p !== null));
  return pole && point ? { poleId, poleName: pole.name, point } : null;
}

export type RoundStart = NonNullable<Awaited<ReturnType<typeof getRoundStart>>>;

/** The round's page: whose round (`?pour=`), its stops, where it starts, and whose rounds this person may prepare. */
export async function loadRoundPage(viewer: StaffUser, ownerId: number | null) {
  const db = await getDb();
  const owner = await findRoundOwner(db, viewer, ownerId);
  if (!owner) return null;
  const [stops, owners] = await Promise.all([listRoundStops(db, viewer, owner), listRoundOwners(db, viewer)]);
  return { owner, isOwn: owner.id === viewer.id, stops, owners, start: await getRoundStart(db, owner, stops) };
}

/** For the inbox's « Ajouter à ma tournée »: whose rounds this person may add to (none without the permission). */
export async function loadRoundOwners(viewer: StaffUser) {
  return listRoundOwners(await getDb(), viewer);
}
