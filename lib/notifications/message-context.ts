import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db';
import {
  categories,
  communes,
  outboxMessages,
  poles,
  reportEvents,
  reportFollowers,
  reports,
  type Channel,
  type NotificationChannel,
  type NotificationKind,
} from '@/db/schema';
import { env } from '@/lib/env';
import { trackingTokenFor } from '@/lib/reports/tokens';
import { getTrackingSecret } from '@/lib/secrets';
import { letterPhotoOf, loadResolutionPhotos, type ResolutionPhoto } from './resolution-photos';

// Everything a message says, read when it is delivered (not when it is queued): a contact erased in between cancels it,
// and nothing personal is copied into the outbox.

export type MessageContext = {
  id: number;
  kind: NotificationKind;
  channel: NotificationChannel;
  report: {
    reference: string;
    categoryName: string;
    communeName: string;
    address: string | null;
    lon: number;
    lat: number;
    channel: Channel;
    createdAt: Date;
    dueAt: Date;
    poleName: string;
    poleAddress: string | null;
  };
  /** The event that caused the message: its text (solution, reason), when, and a transfer's new pôle. */
  event: { text: string | null; at: Date; newPoleName: string | null; originalReference: string | null } | null;
  recipient: {
    isFollower: boolean;
    /** The report whose private link the recipient holds (a duplicate's reporter holds the duplicate's). */
    reference: string;
    name: string | null;
    email: string | null;
    postalAddress: string | null;
    /** Their private follow-up link, rebuilt from the form's key; null when it cannot be (no key kept). */
    privateUrl: string | null;
  };
  /** A resolution's « service fait » photos, attached to the e-mail; the first one, small, goes in the letter. */
  photos?: ResolutionPhoto[];
  letterPhoto?: { bytes: Uint8Array; width: number; height: number } | null;
};

const recipientReports = alias(reports, 'recipient_reports');
const toPoles = alias(poles, 'to_poles');

/** What a message names: its kind, the report it is about, the event it carries, and its recipient. */
type MessageSpec = {
  id: number;
  kind: NotificationKind;
  channel: NotificationChannel;
  reportId: number;
  eventId: number | null;
  recipientReportId: number;
  followerId: number | null;
};

export async function loadMessageContext(db: Db, id: number): Promise<MessageContext | null> {
  const [spec] = await db
    .select({
      id: outboxMessages.id,
      kind: outboxMessages.kind,
      channel: outboxMessages.channel,
      reportId: outboxMessages.reportId,
      eventId: outboxMessages.eventId,
      recipientReportId: outboxMessages.recipientReportId,
      followerId: outboxMessages.followerId,
    })
    .from(outboxMessages)
    .where(eq(outboxMessages.id, id));
  return spec ? loadContext(db, spec) : null;
}

/**
 * The letter a report's reporter gets for its last outcome (resolution or rejection), whether or not a message was
 * queued: for staff to preview. Null when the report has no outcome.
 */
export async function loadOutcomeLetterContext(db: Db, reportId: number): Promise<MessageContext | null> {
  const [event] = await db
    .select({ id: reportEvents.id, toState: reportEvents.toState })
    .from(reportEvents)
    .where(
      and(
        eq(reportEvents.reportId, reportId),
        eq(reportEvents.kind, 'state_changed'),
        inArray(reportEvents.toState, ['resolved', 'rejected']),
      ),
    )
    .orderBy(desc(reportEvents.id))
    .limit(1);
  if (!event) return null;
  return loadContext(db, {
    id: 0,
    kind: event.toState === 'rejected' ? 'rejection' : 'resolution',
    channel: 'post',
    reportId,
    eventId: event.id,
    recipientReportId: reportId,
    followerId: null,
  });
}

async function loadContext(db: Db, spec: MessageSpec): Promise<MessageContext | null> {
  const [row] = await db
    .select({
      reference: reports.reference,
      categoryName: categories.name,
      communeName: communes.name,
      address: reports.address,
      lon: reports.lon,
      lat: reports.lat,
      reportChannel: reports.channel,
      createdAt: reports.createdAt,
      dueAt: reports.dueAt,
      poleName: poles.name,
      poleAddress: poles.address,
      eventText: reportEvents.reason,
      eventAt: reportEvents.createdAt,
      eventData: reportEvents.data,
      newPoleName: toPoles.name,
      recipientReference: recipientReports.reference,
      reporterName: recipientReports.reporterName,
      reporterEmail: recipientReports.reporterEmail,
      reporterAddress: recipientReports.reporterAddress,
      reporterKey: recipientReports.idempotencyKey,
      wantsNoReply: recipientReports.wantsNoReply,
      followerId: reportFollowers.id,
      followerName: reportFollowers.name,
      followerEmail: reportFollowers.email,
      followerAddress: reportFollowers.postalAddress,
      followerKey: reportFollowers.idempotencyKey,
    })
    .from(reports)
    .innerJoin(categories, eq(reports.categorySlug, categories.slug))
    .innerJoin(communes, eq(reports.communeInsee, communes.insee))
    .innerJoin(poles, eq(reports.poleId, poles.id))
    .innerJoin(recipientReports, eq(recipientReports.id, spec.recipientReportId))
    .leftJoin(reportEvents, eq(reportEvents.id, spec.eventId ?? -1))
    .leftJoin(toPoles, eq(reportEvents.toPoleId, toPoles.id))
    .leftJoin(reportFollowers, eq(reportFollowers.id, spec.followerId ?? -1))
    .where(eq(reports.id, spec.reportId));
  if (!row) return null;
  const isFollower = row.followerId !== null;
  const key = isFollower ? row.followerKey : row.reporterKey;
  const privateUrl = key ? await privateUrlFor(db, row.recipientReference, isFollower ? 'follow' : 'report', key) : null;
  const originalReference = row.eventData?.originalReference;
  const photos = spec.kind === 'resolution' && row.eventAt ? await loadResolutionPhotos(db, spec.reportId, row.eventAt) : [];
  return {
    id: spec.id,
    kind: spec.kind,
    channel: spec.channel,
    report: {
      reference: row.reference,
      categoryName: row.categoryName,
      communeName: row.communeName,
      address: row.address,
      lon: row.lon,
      lat: row.lat,
      channel: row.reportChannel,
      createdAt: row.createdAt,
      dueAt: row.dueAt,
      poleName: row.poleName,
      poleAddress: row.poleAddress,
    },
    event: row.eventAt
      ? {
          text: row.eventText,
          at: row.eventAt,
          newPoleName: spec.kind === 'transfer' ? row.newPoleName : null,
          originalReference: typeof originalReference === 'string' ? originalReference : null,
        }
      : null,
    recipient: {
      isFollower,
      reference: row.recipientReference,
      // A reporter who declined any answer after the message was queued is not written to either.
      name: isFollower ? row.followerName : row.reporterName,
      email: isFollower ? row.followerEmail : row.wantsNoReply ? null : row.reporterEmail,
      postalAddress: isFollower ? row.followerAddress : row.wantsNoReply ? null : row.reporterAddress,
      privateUrl,
    },
    photos,
    letterPhoto: photos[0] ? await letterPhotoOf(photos[0]) : null,
  };
}

/** The site's address for links in messages, which leave without a request to take a host from. */
export function siteUrlForMessages(): string {
  return (env.SITE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
}

async function privateUrlFor(db: Db, reference: string, purpose: 'report' | 'follow', key: string) {
  const { token } = trackingTokenFor(await getTrackingSecret(db), purpose, key);
  return `${siteUrlForMessages()}/suivi/${reference}/acces/${encodeURIComponent(token)}`;
}
