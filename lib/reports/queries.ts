import 'server-only';
import { isReference } from './reference-format';
import { and, asc, between, count, eq, inArray, isNull, min, or, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db';
import { categories, communes, poles, reportFollowers, reportPhotos, reports, reportStates } from '@/db/schema';
import { boxAround, withinRadius, type Point } from './duplicates';
import { isOverdue } from './sla';
import { isOpen } from './states';
import { getPublicTimeline } from './timeline';
import { hashToken } from './tokens';

// Reads of a single report for residents. Nothing here selects a reporter_* column: public pages cannot leak them.
// Moderation: a report hidden by staff answers as missing; a resident's description and photos are public only once
// published (a staff-edited text replaces the original); « service fait » photos, taken by staff, are public at once.

/** A photo anyone may see: not hidden, and either staff-made or of a published report. */
const PUBLIC_PHOTO: SQL = and(
  isNull(reportPhotos.hiddenAt),
  or(eq(reportPhotos.kind, 'resolution'), sql`${reports.publishedAt} is not null`),
)!;

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
        isNull(reports.hiddenAt),
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
    .innerJoin(reports, eq(reportPhotos.reportId, reports.id))
    .where(
      and(
        inArray(
          reportPhotos.reportId,
          nearby.map((r) => r.id),
        ),
        PUBLIC_PHOTO,
      ),
    )
    .groupBy(reportPhotos.reportId);
  const photoOf = new Map(firstPhotos.map((p) => [p.reportId, p.position]));
  return nearby.map(({ id, ...r }) => ({ ...r, photoPosition: photoOf.get(id) ?? null }));
}

/**
 * What anyone may see of a report: no contact data, no staff names, no internal notes, nothing unpublished. With
 * `isReporter` (the reporter's own private link), what they sent: their description and photos, published or not.
 */
export async function getPublicReport(reference: string, { isReporter = false }: { isReporter?: boolean } = {}) {
  const db = await getDb();
  const [report] = await db
    .select({
      id: reports.id,
      reference: reports.reference,
      categoryName: categories.name,
      categoryIcon: categories.icon,
      categoryColor: categories.color,
      originalDescription: reports.description,
      publicDescription: reports.publicDescription,
      publishedAt: reports.publishedAt,
      hiddenAt: reports.hiddenAt,
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
  if (!report || (report.hiddenAt && !isReporter)) return null;

  const [photos, timeline, [followers]] = await Promise.all([
    db
      .select({
        position: reportPhotos.position,
        kind: reportPhotos.kind,
        width: reportPhotos.width,
        height: reportPhotos.height,
      })
      .from(reportPhotos)
      .innerJoin(reports, eq(reportPhotos.reportId, reports.id))
      .where(
        and(
          eq(reportPhotos.reportId, report.id),
          isReporter ? or(eq(reportPhotos.kind, 'resident'), PUBLIC_PHOTO) : PUBLIC_PHOTO,
        ),
      )
      .orderBy(asc(reportPhotos.position)),
    getPublicTimeline(db, report.id),
    db.select({ n: count() }).from(reportFollowers).where(eq(reportFollowers.reportId, report.id)),
  ]);
  const { id: _id, originalDescription, publicDescription, publishedAt, hiddenAt, ...rest } = report;
  const isPublished = publishedAt !== null;
  return {
    ...rest,
    /** Null while the description waits for moderation (what the public sees of it: nothing). */
    description: isReporter ? originalDescription : isPublished ? (publicDescription ?? originalDescription) : null,
    isAwaitingModeration: !isPublished,
    isHidden: hiddenAt !== null,
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

/** A photo as the public may see it (see PUBLIC_PHOTO); null for one hidden, unpublished or missing. */
export async function getPhoto(reference: string, position: number) {
  const db = await getDb();
  const [photo] = await db
    .select(photoColumns)
    .from(reportPhotos)
    .innerJoin(reports, eq(reportPhotos.reportId, reports.id))
    .where(and(eq(reports.reference, reference), eq(reportPhotos.position, position), isNull(reports.hiddenAt), PUBLIC_PHOTO));
  return photo ?? null;
}

/** A photo the reporter sent (their private link), whatever its moderation, or a public « service fait » one. */
export async function getReporterPhoto(reportId: number, position: number) {
  const db = await getDb();
  const [photo] = await db
    .select(photoColumns)
    .from(reportPhotos)
    .innerJoin(reports, eq(reportPhotos.reportId, reports.id))
    .where(
      and(
        eq(reportPhotos.reportId, reportId),
        eq(reportPhotos.position, position),
        or(eq(reportPhotos.kind, 'resident'), PUBLIC_PHOTO),
      ),
    );
  return photo ?? null;
}

const photoColumns = {
  id: reportPhotos.id,
  contentType: reportPhotos.contentType,
  bytes: reportPhotos.bytes,
  redactedAt: reportPhotos.redactedAt,
};
export type StoredPhoto = { id: number; contentType: string; bytes: Uint8Array; redactedAt: Date | null };
