import 'server-only';
import { isReference } from './reference-format';
import { and, asc, between, count, eq, inArray, min, or } from 'drizzle-orm';
import { getDb } from '@/db';
import { categories, communes, poles, reportFollowers, reportPhotos, reports, reportStates } from '@/db/schema';
import { boxAround, withinRadius, type Point } from './duplicates';
import { isOverdue } from './sla';
import { isOpen } from './states';
import { getPublicTimeline } from './timeline';
import { hashToken } from './tokens';

// Reads of a single report for residents. Nothing here selects a reporter_* column: public pages cannot leak them.

export async function listNearbyOpenReports(centre: Point, categorySlug: string, radiusM: number) {
  const db = await getDb();
  const box = boxAround(centre, radiusM);
  const rows = await db
    .select({ id: reports.id, reference: reports.reference, lon: reports.lon, lat: reports.lat, createdAt: reports.createdAt })
    .from(reports)
    .innerJoin(reportStates, eq(reports.stateKey, reportStates.key))
    .where(
      and(
        eq(reports.categorySlug, categorySlug),
        eq(reportStates.type, 'open'),
        between(reports.lon, box.minLon, box.maxLon),
        between(reports.lat, box.minLat, box.maxLat),
      ),
    )
    .limit(50);
  const nearby = withinRadius(centre, rows, radiusM).slice(0, 5);
  if (nearby.length === 0) return [];
  const firstPhotos = await db
    .select({ reportId: reportPhotos.reportId, position: min(reportPhotos.position) })
    .from(reportPhotos)
    .where(
      inArray(
        reportPhotos.reportId,
        nearby.map((r) => r.id),
      ),
    )
    .groupBy(reportPhotos.reportId);
  const photoOf = new Map(firstPhotos.map((p) => [p.reportId, p.position]));
  return nearby.map(({ id, ...r }) => ({ ...r, photoPosition: photoOf.get(id) ?? null }));
}

/** What anyone may see of a report: no contact data, no staff names, no internal notes. */
export async function getPublicReport(reference: string) {
  const db = await getDb();
  const [report] = await db
    .select({
      id: reports.id,
      reference: reports.reference,
      categoryName: categories.name,
      categoryIcon: categories.icon,
      categoryColor: categories.color,
      description: reports.description,
      address: reports.address,
      lon: reports.lon,
      lat: reports.lat,
      isLocationToConfirm: reports.isLocationToConfirm,
      communeName: communes.name,
      poleName: poles.name,
      stateKey: reports.stateKey,
      stateLabel: reportStates.label,
      stateType: reportStates.type,
      channel: reports.channel,
      createdAt: reports.createdAt,
      dueAt: reports.dueAt,
      resolvedAt: reports.resolvedAt,
    })
    .from(reports)
    .innerJoin(categories, eq(reports.categorySlug, categories.slug))
    .innerJoin(communes, eq(reports.communeInsee, communes.insee))
    .innerJoin(poles, eq(reports.poleId, poles.id))
    .innerJoin(reportStates, eq(reports.stateKey, reportStates.key))
    .where(eq(reports.reference, reference));
  if (!report) return null;

  const [photos, timeline, [followers]] = await Promise.all([
    db
      .select({ position: reportPhotos.position, width: reportPhotos.width, height: reportPhotos.height })
      .from(reportPhotos)
      .where(eq(reportPhotos.reportId, report.id))
      .orderBy(asc(reportPhotos.position)),
    getPublicTimeline(db, report.id),
    db.select({ n: count() }).from(reportFollowers).where(eq(reportFollowers.reportId, report.id)),
  ]);
  const { id: _id, ...rest } = report;
  return {
    ...rest,
    photos,
    timeline,
    reporterCount: 1 + followers!.n,
    isOverdue: isOverdue(report.dueAt, isOpen({ type: report.stateType })),
  };
}

export type PublicReportDetail = NonNullable<Awaited<ReturnType<typeof getPublicReport>>>;

/** Who holds this private link: the reporter, a follower, or nobody. */
export async function findAccess(reference: string, token: string) {
  // A malformed reference is no report's (and a NUL byte would make the query fail).
  if (!isReference(reference)) return null;
  const db = await getDb();
  const hash = hashToken(token);
  const [row] = await db
    .select({ reportId: reports.id, reporterHash: reports.trackingTokenHash, followerId: reportFollowers.id })
    .from(reports)
    .leftJoin(reportFollowers, and(eq(reportFollowers.reportId, reports.id), eq(reportFollowers.trackingTokenHash, hash)))
    .where(
      and(eq(reports.reference, reference), or(eq(reports.trackingTokenHash, hash), eq(reportFollowers.trackingTokenHash, hash))),
    )
    .limit(1);
  if (!row) return null;
  return row.reporterHash === hash
    ? ({ kind: 'reporter', reportId: row.reportId } as const)
    : ({ kind: 'follower', reportId: row.reportId, followerId: row.followerId! } as const);
}

export async function getPhoto(reference: string, position: number) {
  const db = await getDb();
  const [photo] = await db
    .select({ contentType: reportPhotos.contentType, bytes: reportPhotos.bytes })
    .from(reportPhotos)
    .innerJoin(reports, eq(reportPhotos.reportId, reports.id))
    .where(and(eq(reports.reference, reference), eq(reportPhotos.position, position)));
  return photo ?? null;
}
