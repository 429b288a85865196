import 'server-only';
import { and, asc, desc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { outboxMessages, type NotificationKind, type NotificationChannel } from '@/db/schema';
import { listRecipients, type Reach, type Recipient } from '@/lib/reports/recipients';

// The transactional outbox. `enqueue` runs inside the transaction of the change that causes a message, so the change
// and its messages commit together or not at all; workers claim due e-mails with FOR UPDATE SKIP LOCKED (several may
// run at once on PostgreSQL), and letters wait in their pôle's print queue (lib/notifications/print-queue.ts).
//
// Delivery is at least once: a worker killed after the SMTP server accepted a message but before it marked it sent
// leaves the claim to lapse (LEASE_MS), and the message is sent again. That window is the only source of duplicates;
// every copy carries the same Message-ID (lib/notifications/deliver.ts), so a mail client can tell them apart.

/** Who hears of each kind of message. */
const REACH: Record<NotificationKind, Reach | 'follower'> = {
  acknowledgement: 'reporter',
  follow_acknowledgement: 'follower',
  transfer: 'report',
  duplicate: 'report',
  reopening: 'report',
  resolution: 'family',
  rejection: 'family',
};

async function recipientsOf(tx: Db, message: { kind: NotificationKind; reportId: number; followerId?: number }) {
  const reach = REACH[message.kind];
  const everyone = await listRecipients(tx, message.reportId, reach === 'follower' ? 'report' : reach);
  return reach === 'follower' ? everyone.filter((r) => r.followerId === message.followerId) : everyone;
}

/** The outcomes a person without e-mail still gets, as a letter in the pôle's print queue. */
export const BY_POST: ReadonlySet<NotificationKind> = new Set(['resolution', 'rejection']);

export type Enqueued = { email: number; post: number };

/**
 * Queues the messages a change causes, inside its transaction: one row per recipient, by e-mail when they gave one,
 * else by post for an outcome. Returns how many went each way (none: nobody can be told).
 */
export async function enqueue(
  tx: Db,
  message: {
    kind: NotificationKind;
    reportId: number;
    eventId?: number | null;
    followerId?: number;
    /** The recipients when the caller already holds them (a report being written): saves reading them back. */
    recipients?: Pick<Recipient, 'recipientReportId' | 'followerId' | 'email' | 'postalAddress'>[];
  },
  now: Date = new Date(),
): Promise<Enqueued> {
  const recipients = message.recipients ?? (await recipientsOf(tx, message));
  const rows = recipients.flatMap((r) => {
    const channel: NotificationChannel | null = r.email ? 'email' : r.postalAddress && BY_POST.has(message.kind) ? 'post' : null;
    if (!channel) return [];
    return [
      {
        kind: message.kind,
        channel,
        reportId: message.reportId,
        eventId: message.eventId ?? null,
        recipientReportId: r.recipientReportId,
        followerId: r.followerId,
        nextAttemptAt: now,
        createdAt: now,
      },
    ];
  });
  if (rows.length > 0) await tx.insert(outboxMessages).values(rows);
  return {
    email: rows.filter((r) => r.channel === 'email').length,
    post: rows.filter((r) => r.channel === 'post').length,
  };
}

/** How long a claimed e-mail stays with its worker before another may take it over. */
export const LEASE_MS = 5 * 60_000;
/** Attempts before an e-mail is given up (left `failed`, retryable by an administrator): about 3 h 30 of retries. */
export const MAX_ATTEMPTS = 12;

/** Wait before the next try after `attempts` failed ones: 30 s, 1 min, 2 min … capped at 30 min. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
}

/**
 * Claims up to `limit` due e-mails for this worker: pending ones whose time has come, and claims that lapsed (a worker
 * died). One statement: rows another worker holds are skipped, never waited for nor taken twice.
 */
export async function claimDue(db: Db, { now = new Date(), limit = 20, leaseMs = LEASE_MS } = {}) {
  const due = db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(
      and(
        eq(outboxMessages.channel, 'email'),
        or(
          and(eq(outboxMessages.status, 'pending'), lte(outboxMessages.nextAttemptAt, now)),
          and(eq(outboxMessages.status, 'sending'), lt(outboxMessages.lockedUntil, now)),
        ),
      ),
    )
    .orderBy(asc(outboxMessages.nextAttemptAt), asc(outboxMessages.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(outboxMessages)
    .set({
      status: 'sending',
      attempts: sql`${outboxMessages.attempts} + 1`,
      lockedUntil: new Date(now.getTime() + leaseMs),
    })
    .where(inArray(outboxMessages.id, due))
    .returning({ id: outboxMessages.id, attempts: outboxMessages.attempts });
}

/** The claim is still this worker's: it has not lapsed and been taken over. */
const stillClaimed = (id: number) => and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'sending'));

export async function markSent(db: Db, id: number, subject: string, now: Date = new Date()) {
  await db
    .update(outboxMessages)
    .set({ status: 'sent', sentAt: now, subject, lockedUntil: null, lastError: null })
    .where(stillClaimed(id));
}

/** A failed try: again later with a longer wait, or given up after MAX_ATTEMPTS or when the refusal is final. */
export async function markFailed(
  db: Db,
  claim: { id: number; attempts: number },
  error: { reason: string; isPermanent: boolean },
  now: Date = new Date(),
): Promise<'retry' | 'failed'> {
  const isGivenUp = error.isPermanent || claim.attempts >= MAX_ATTEMPTS;
  await db
    .update(outboxMessages)
    .set({
      status: isGivenUp ? 'failed' : 'pending',
      lastError: error.reason,
      lockedUntil: null,
      nextAttemptAt: new Date(now.getTime() + backoffMs(claim.attempts)),
    })
    .where(stillClaimed(claim.id));
  return isGivenUp ? 'failed' : 'retry';
}

/** The recipient's contact data is gone (erased, or retention): the message will never leave. */
export async function markCancelled(db: Db, id: number, reason: string) {
  await db
    .update(outboxMessages)
    .set({ status: 'cancelled', lastError: reason, lockedUntil: null })
    .where(or(stillClaimed(id), and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'pending'))));
}

/**
 * Contact data was erased (at the person's request, or when the retention period ran out): nothing still waiting may
 * reach them (letters included). `everyoneOf`: the reporters and followers of these reports. Returns how many.
 */
export async function cancelPendingFor(
  tx: Db,
  who: { recipientReportId: number } | { followerId: number } | { everyoneOf: number[] },
): Promise<number> {
  if ('everyoneOf' in who && who.everyoneOf.length === 0) return 0;
  const cancelled = await tx
    .update(outboxMessages)
    .set({ status: 'cancelled', lastError: 'Coordonnées effacées avant l’envoi', lockedUntil: null })
    .where(
      and(
        'followerId' in who
          ? eq(outboxMessages.followerId, who.followerId)
          : 'everyoneOf' in who
            ? inArray(outboxMessages.recipientReportId, who.everyoneOf)
            : and(eq(outboxMessages.recipientReportId, who.recipientReportId), isNull(outboxMessages.followerId)),
        inArray(outboxMessages.status, ['pending', 'sending', 'failed']),
      ),
    )
    .returning({ id: outboxMessages.id });
  return cancelled.length;
}

/** An administrator sends failed e-mails again, from a fresh count of attempts. */
export async function retryFailed(db: Db, ids: number[], now: Date = new Date()): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .update(outboxMessages)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null })
    .where(and(inArray(outboxMessages.id, ids), eq(outboxMessages.channel, 'email'), eq(outboxMessages.status, 'failed')))
    .returning({ id: outboxMessages.id });
  return rows.length;
}

/** The messages about a report, for its staff page (no contact data: who is said by role). */
export async function listReportMessages(db: Db, reportId: number) {
  return db
    .select({
      id: outboxMessages.id,
      kind: outboxMessages.kind,
      channel: outboxMessages.channel,
      status: outboxMessages.status,
      isFollower: sql<boolean>`${outboxMessages.followerId} is not null`,
      isDuplicateReporter: sql<boolean>`${outboxMessages.recipientReportId} <> ${outboxMessages.reportId}`,
      attempts: outboxMessages.attempts,
      lastError: outboxMessages.lastError,
      batchId: outboxMessages.batchId,
      sentAt: outboxMessages.sentAt,
      createdAt: outboxMessages.createdAt,
    })
    .from(outboxMessages)
    .where(eq(outboxMessages.reportId, reportId))
    .orderBy(desc(outboxMessages.id));
}
