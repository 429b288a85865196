import 'server-only';
import { listReportMessages } from '@/lib/notifications/outbox';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Db } from '@/db';
import {
  categories,
  communes,
  poles,
  reportEvents,
  reportFollowers,
  reportPhotos,
  reports,
  reportStates,
  users,
  EVENT_KINDS,
} from '@/db/schema';
import { formatDateTime } from '@/lib/format';
import { can, ROLE_LABELS, type Permission, type StaffUser } from '@/lib/permissions';
import { scopeWhere } from '@/lib/staff/scope';
import { listPoleStaff } from '@/lib/staff/users';
import { getStaffVocabulary } from '@/lib/staff/vocabulary';
import { CHANGES_REPORT } from './events';
import { isOverdue } from './sla';
import { allowedMoves } from './states';
import { getStaffTimeline } from './timeline';

// A report as a staff command needs it: loaded only within the reach of the permission being used.

export async function loadReportInScope(db: Db, user: StaffUser, permission: Permission, reference: string) {
  const [row] = await db
    .select({
      id: reports.id,
      reference: reports.reference,
      version: reports.version,
      stateKey: reports.stateKey,
      stateType: reportStates.type,
      severity: reports.severity,
      poleId: reports.poleId,
      communeInsee: reports.communeInsee,
      intakeUserId: reports.intakeUserId,
      assigneeUserId: reports.assigneeUserId,
      categorySlug: reports.categorySlug,
      createdAt: reports.createdAt,
      lon: reports.lon,
      lat: reports.lat,
    })
    .from(reports)
    .innerJoin(reportStates, eq(reports.stateKey, reportStates.key))
    .where(and(eq(reports.reference, reference), scopeWhere(user, permission)));
  return row ?? null;
}

export type ScopedReport = NonNullable<Awaited<ReturnType<typeof loadReportInScope>>>;

/**
 * « modifié par Marc Aubert (Responsable de pôle) le 29 novembre 2026 à 17:02 ; état actuel : Pris en compte », from the
 * last event that changed the report (a note added since did not make the page stale).
 */
export async function describeLastChange(db: Db, reportId: number): Promise<string> {
  const [last] = await db
    .select({
      at: reportEvents.createdAt,
      actorType: reportEvents.actorType,
      actorRole: reportEvents.actorRole,
      actorName: users.name,
      stateLabel: reportStates.label,
    })
    .from(reportEvents)
    .innerJoin(reports, eq(reports.id, reportEvents.reportId))
    .innerJoin(reportStates, eq(reports.stateKey, reportStates.key))
    .leftJoin(users, eq(reportEvents.actorUserId, users.id))
    .where(
      and(
        eq(reportEvents.reportId, reportId),
        inArray(
          reportEvents.kind,
          EVENT_KINDS.filter((kind) => CHANGES_REPORT[kind]),
        ),
      ),
    )
    .orderBy(desc(reportEvents.createdAt), desc(reportEvents.id))
    .limit(1);
  if (!last) return 'modifié entre-temps';
  const who =
    last.actorType === 'staff'
      ? `${last.actorName} (${ROLE_LABELS[last.actorRole!]})`
      : last.actorType === 'resident'
        ? 'un usager'
        : 'le système';
  return `modifié par ${who} le ${formatDateTime(last.at)} ; état actuel : « ${last.stateLabel} »`;
}

const originals = alias(reports, 'original');

/** Everything staff see of one report; contact data only for those allowed to read it. Null when out of reach. */
export async function getStaffReport(db: Db, user: StaffUser, reference: string) {
  const [report] = await db
    .select({
      id: reports.id,
      reference: reports.reference,
      version: reports.version,
      categorySlug: reports.categorySlug,
      categoryName: categories.name,
      categoryIcon: categories.icon,
      categoryColor: categories.color,
      resolutionTemplate: categories.resolutionTemplate,
      description: reports.description,
      address: reports.address,
      lon: reports.lon,
      lat: reports.lat,
      communeInsee: reports.communeInsee,
      communeName: communes.name,
      poleId: reports.poleId,
      poleName: poles.name,
      channel: reports.channel,
      stateKey: reports.stateKey,
      stateLabel: reportStates.label,
      stateType: reportStates.type,
      severity: reports.severity,
      dueAt: reports.dueAt,
      plannedFor: reports.plannedFor,
      assigneeUserId: reports.assigneeUserId,
      intakeUserId: reports.intakeUserId,
      outcome: reports.outcome,
      isNearBorder: reports.isNearBorder,
      isLocationToConfirm: reports.isLocationToConfirm,
      wantsNoReply: reports.wantsNoReply,
      createdAt: reports.createdAt,
      resolvedAt: reports.resolvedAt,
      publishedAt: reports.publishedAt,
      publicDescription: reports.publicDescription,
      hiddenAt: reports.hiddenAt,
      senderKeyCount: sql<number>`coalesce(cardinality(${reports.senderKeys}), 0)`.mapWith(Number),
      duplicateOfReference: originals.reference,
    })
    .from(reports)
    .innerJoin(categories, eq(reports.categorySlug, categories.slug))
    .innerJoin(communes, eq(reports.communeInsee, communes.insee))
    .innerJoin(poles, eq(reports.poleId, poles.id))
    .innerJoin(reportStates, eq(reports.stateKey, reportStates.key))
    .leftJoin(originals, eq(reports.duplicateOfId, originals.id))
    .where(and(eq(reports.reference, reference), scopeWhere(user, 'reports.read')));
  if (!report) return null;
  const mayReadContact = can(user, 'reports.readContact', report);
  const [contact, followers, photos, duplicates, timeline, messages] = await Promise.all([
    mayReadContact
      ? db
          .select({
            name: reports.reporterName,
            email: reports.reporterEmail,
            phone: reports.reporterPhone,
            postalAddress: reports.reporterAddress,
          })
          .from(reports)
          .where(eq(reports.id, report.id))
          .then((rows) => rows[0] ?? null)
      : null,
    db
      .select(
        mayReadContact
          ? {
              id: reportFollowers.id,
              name: reportFollowers.name,
              email: reportFollowers.email,
              postalAddress: reportFollowers.postalAddress,
            }
          : { id: reportFollowers.id },
      )
      .from(reportFollowers)
      .where(eq(reportFollowers.reportId, report.id))
      .orderBy(asc(reportFollowers.id)),
    db
      .select({
        position: reportPhotos.position,
        kind: reportPhotos.kind,
        width: reportPhotos.width,
        height: reportPhotos.height,
        hiddenAt: reportPhotos.hiddenAt,
        redactedAt: reportPhotos.redactedAt,
        hasOriginal: sql<boolean>`${reportPhotos.originalBytes} is not null`,
      })
      .from(reportPhotos)
      .where(eq(reportPhotos.reportId, report.id))
      .orderBy(asc(reportPhotos.position)),
    db
      .select({ reference: reports.reference })
      .from(reports)
      .where(eq(reports.duplicateOfId, report.id))
      .orderBy(asc(reports.id)),
    getStaffTimeline(db, report.id),
    listReportMessages(db, report.id),
  ]);
  const isLate = isOverdue(report.dueAt, report.stateType === 'open');
  return { ...report, contact, followers, photos, duplicates, timeline, messages, mayReadContact, isOverdue: isLate };
}

export type StaffReport = NonNullable<Awaited<ReturnType<typeof getStaffReport>>>;

/**
 * A photo of a report in the person's reach, hidden or unpublished included; with `isOriginal`, the photo as received
 * before a redaction (kept staff-only when PHOTO_ORIGINALS=keep), for those who may moderate it.
 */
export async function getStaffPhoto(user: StaffUser, reference: string, position: number, isOriginal: boolean) {
  const db = await getDb();
  const [photo] = await db
    .select({
      id: reportPhotos.id,
      contentType: reportPhotos.contentType,
      bytes: reportPhotos.bytes,
      originalBytes: reportPhotos.originalBytes,
      redactedAt: reportPhotos.redactedAt,
      poleId: reports.poleId,
      communeInsee: reports.communeInsee,
      intakeUserId: reports.intakeUserId,
    })
    .from(reportPhotos)
    .innerJoin(reports, eq(reportPhotos.reportId, reports.id))
    .where(and(eq(reports.reference, reference), eq(reportPhotos.position, position), scopeWhere(user, 'reports.read')));
  if (!photo) return null;
  const { originalBytes, poleId, communeInsee, intakeUserId, ...served } = photo;
  if (!isOriginal) return served;
  if (!originalBytes || !can(user, 'reports.moderate', { poleId, communeInsee, intakeUserId })) return null;
  return { ...served, bytes: originalBytes };
}

/** The staff report page: the report, the moves this person may make, and the lists its forms offer. */
export async function loadStaffReportPage(user: StaffUser, reference: string) {
  const db = await getDb();
  const report = await getStaffReport(db, user, reference);
  if (!report) return null;
  const [assignees, vocabulary] = await Promise.all([listPoleStaff(db, report.poleId), getStaffVocabulary(db)]);
  return {
    report,
    moves: allowedMoves(user, report),
    assignees,
    poles: vocabulary.poles,
    severities: vocabulary.severities,
    may: {
      triage: can(user, 'reports.triage', report),
      transfer: can(user, 'reports.transfer', report),
      note: can(user, 'reports.note', report),
      moderate: can(user, 'reports.moderate', report),
    },
  };
}

export type StaffReportPage = NonNullable<Awaited<ReturnType<typeof loadStaffReportPage>>>;
