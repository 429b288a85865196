import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { countHit, type Limit } from '@/lib/rate-limits';
import { categories, communes, poles, reportFollowers, reportPhotos, reports, type Channel } from '@/db/schema';
import { enqueue } from '@/lib/notifications/outbox';
import { recordEvent, type Actor } from './events';
import type { ProcessedPhoto } from './photos';
import { allocateReferenceNumbers, formatReference, referenceYear } from './reference';
import { dueAtFor, type SeverityDays } from './sla';
import { INITIAL_STATE } from './states';

// Writing a new report: everything that must exist together (report, first event, photos, rate-limit hit)
// is written in one transaction, or nothing is.

export type ReportDraft = {
  categorySlug: string;
  description: string;
  lon: number;
  lat: number;
  address: string | null;
  communeInsee: string;
  poleId: string;
  channel: Channel;
  isNearBorder: boolean;
  isLocationToConfirm: boolean;
  wantsNoReply: boolean;
  reporterName: string | null;
  reporterEmail: string | null;
  reporterPhone: string | null;
  reporterAddress: string | null;
  idempotencyKey: string;
  trackingTokenHash: string;
  /** The hashed keys the rate limit counted for this sender (none for an agent's intake): what staff may mark. */
  senderKeys?: string[] | null;
  /** Null: description and photos wait for moderation. */
  publishedAt?: Date | null;
  photos: ProcessedPhoto[];
  actor: Actor;
  /** The agent who keyed it in for a caller or a visitor. */
  intakeUserId?: number | null;
  /** The public first line when an agent keyed it in: « Signalement reçu par téléphone… ». */
  receivedText?: string | null;
};

export type RateLimit = Limit;

export class RateLimitedError extends Error {
  constructor() {
    super('rate limited');
  }
}

export async function getActiveCategory(db: Db, slug: string) {
  const [row] = await db
    .select({ slug: categories.slug, severity: categories.defaultSeverity })
    .from(categories)
    .where(and(eq(categories.slug, slug), eq(categories.isActive, true)));
  return row ?? null;
}

export async function getCommuneWithPole(db: Db, insee: string) {
  const [row] = await db
    .select({ insee: communes.insee, name: communes.name, poleId: poles.id, poleName: poles.name })
    .from(communes)
    .innerJoin(poles, eq(communes.poleId, poles.id))
    .where(eq(communes.insee, insee));
  return row ?? null;
}

export async function findReportByIdempotencyKey(db: Db, key: string) {
  const [row] = await db
    .select({ reference: reports.reference, dueAt: reports.dueAt, poleName: poles.name })
    .from(reports)
    .innerJoin(poles, eq(reports.poleId, poles.id))
    .where(eq(reports.idempotencyKey, key));
  return row ?? null;
}

export async function insertReport(
  db: Db,
  draft: ReportDraft,
  options: {
    severity: Parameters<typeof dueAtFor>[0];
    severityDays: SeverityDays;
    limits: RateLimit[];
    windowMinutes: number;
    /** The previous window's share per sender, from the check made before any costly work (lib/rate-limits.ts). */
    previousShare?: Map<string, number>;
    now?: Date;
  },
): Promise<{ reference: string; dueAt: Date }> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    if (await countHit(tx, options.limits, options.windowMinutes * 60_000, now, options.previousShare)) {
      throw new RateLimitedError();
    }
    const year = referenceYear(now);
    const reference = formatReference(year, await allocateReferenceNumbers(tx, year));
    const { photos, actor, receivedText, ...report } = draft;
    const dueAt = dueAtFor(options.severity, now, options.severityDays);
    const [row] = await tx
      .insert(reports)
      .values({
        ...report,
        reference,
        stateKey: INITIAL_STATE,
        severity: options.severity,
        dueAt,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: reports.id });
    const eventId = await recordEvent(tx, {
      kind: 'created',
      reportId: row!.id,
      poleId: draft.poleId,
      actor,
      toState: INITIAL_STATE,
      text: receivedText ?? null,
      at: now,
    });
    // The reporter is in hand: no need to read them back (the intake's hot path).
    const reporter = { recipientReportId: row!.id, followerId: null, email: draft.reporterEmail, postalAddress: null };
    const recipients = draft.wantsNoReply ? [] : [reporter];
    await enqueue(tx, { kind: 'acknowledgement', reportId: row!.id, eventId, recipients }, now);
    if (photos.length > 0) {
      await tx.insert(reportPhotos).values(photos.map((photo, position) => ({ ...photo, reportId: row!.id, position })));
    }
    return { reference, dueAt };
  });
}

/** Adds a follower to an open report (once per form), with a public line in its timeline. */
export async function insertFollower(
  db: Db,
  follower: {
    reportId: number;
    poleId: string;
    actor: Actor;
    channel: Channel;
    name: string | null;
    email: string | null;
    postalAddress: string | null;
    trackingTokenHash: string;
    idempotencyKey: string;
  },
) {
  const { poleId, actor, channel, ...row } = follower;
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(reportFollowers)
      .values(row)
      .onConflictDoNothing({ target: reportFollowers.idempotencyKey })
      .returning({ id: reportFollowers.id });
    if (inserted.length === 0) return;
    const eventId = await recordEvent(tx, { kind: 'follower_added', reportId: row.reportId, poleId, actor, data: { channel } });
    await enqueue(tx, { kind: 'follow_acknowledgement', reportId: row.reportId, eventId, followerId: inserted[0]!.id });
  });
}

/** A unique violation on the idempotency key: the same form was sent twice at the same moment. */
export function isDuplicateKeyError(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}
