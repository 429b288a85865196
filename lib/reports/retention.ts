import 'server-only';
import { and, asc, eq, exists, gt, isNotNull, isNull, ne, not, or, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '@/db';
import { reportEvents, reportFollowers, reports, reportStates } from '@/db/schema';
import { followerHasContact, forgetContact } from './contact-erasure';
import { recordEvents, SYSTEM, type EventInput } from './events';

// The report form promises (components/reports/contact-fields.tsx) that contact data « sont conservées un an après la
// clôture du signalement, puis effacées ». This keeps the promise: the reporter's and the followers' contact data of
// every report closed (resolved, rejected, duplicate) for longer than the retention period are erased, as if they had
// asked (lib/reports/contact-erasure.ts), with a system event. Run daily by the app (retention-job.ts) and by
// `npm run retention`. A report reopened in the meantime is open again and keeps its data until it closes again.

export type RetentionCounts = { reports: number; followers: number; cancelled: number };

/** Reports per transaction: a million expired reports make 2,000 short transactions, not one that locks them all. */
export const RETENTION_BATCH = 500;

const original = alias(reports, 'original');
const originalState = alias(reportStates, 'original_state');

type Closable = { id: AnyPgColumn; resolvedAt: AnyPgColumn; updatedAt: AnyPgColumn };

/**
 * When a report left the open states. Resolved: its resolvedAt. Rejected or duplicate: the time of its last state
 * change (the history entry that moved it where it is). Not updatedAt: it says when the row was last written, and any
 * later correction, data fix or migration would move it on and silently postpone the erasure, whereas the history is
 * append-only and records the closing itself. updatedAt is only the fallback for a report imported without history.
 */
function closedAt(report: Closable, state: { type: AnyPgColumn }): SQL {
  return sql`coalesce(
    case when ${state.type} = 'resolved' then ${report.resolvedAt} end,
    (select max(${reportEvents.createdAt}) from ${reportEvents}
      where ${reportEvents.reportId} = ${report.id} and ${reportEvents.toState} is not null),
    ${report.updatedAt})`;
}

/** Up to `limit` expired reports after `afterId`, locked until the transaction ends (a reopening waits for it). */
function selectExpired(tx: Db, { now, months, afterId, limit }: { now: Date; months: number; afterId: number; limit: number }) {
  const cutoff = sql`(${now.toISOString()}::timestamptz - make_interval(months => ${months}::int))`;
  const hasContact = or(
    isNotNull(reports.reporterName),
    isNotNull(reports.reporterEmail),
    isNotNull(reports.reporterPhone),
    isNotNull(reports.reporterAddress),
    isNotNull(reports.senderKeys),
    exists(
      tx
        .select({ one: sql`1` })
        .from(reportFollowers)
        .where(and(eq(reportFollowers.reportId, reports.id), followerHasContact)),
    ),
  );
  // A duplicate's people follow its original and are told its outcome: they wait until the original has been closed
  // for the retention period too.
  const originalStillNeedsThem = exists(
    tx
      .select({ one: sql`1` })
      .from(original)
      .innerJoin(originalState, eq(original.stateKey, originalState.key))
      .where(
        and(
          eq(original.id, reports.duplicateOfId),
          or(eq(originalState.type, 'open'), sql`${closedAt(original, originalState)} >= ${cutoff}`),
        ),
      ),
  );
  return tx
    .select({ id: reports.id, poleId: reports.poleId })
    .from(reports)
    .innerJoin(reportStates, eq(reports.stateKey, reportStates.key))
    .where(
      and(
        gt(reports.id, afterId),
        ne(reportStates.type, 'open'),
        hasContact,
        sql`${closedAt(reports, reportStates)} < ${cutoff}`,
        or(isNull(reports.duplicateOfId), not(originalStillNeedsThem)),
      ),
    )
    .orderBy(asc(reports.id))
    .limit(limit)
    .for('update', { of: reports });
}

/**
 * Erases the contact data of every report closed more than `months` months before `now`, batch by batch, each report
 * with its `contact_erased` event in the same transaction; idempotent (what was erased no longer matches).
 */
export async function anonymiseExpired(
  db: Db,
  { now, months, batchSize = RETENTION_BATCH }: { now: Date; months: number; batchSize?: number },
): Promise<RetentionCounts> {
  const text = `Coordonnées effacées : durée de conservation écoulée (${months} mois après la clôture).`;
  const counts: RetentionCounts = { reports: 0, followers: 0, cancelled: 0 };
  for (let afterId = 0; ;) {
    const done = await db.transaction(async (tx) => {
      const batch = await selectExpired(tx, { now, months, afterId, limit: batchSize });
      if (batch.length === 0) return { ids: [], followers: 0, cancelled: 0 };
      const ids = batch.map((report) => report.id);
      const erased = await forgetContact(tx, { everyoneOf: ids });
      await recordEvents(
        tx,
        batch.map((report): EventInput => ({
          kind: 'contact_erased',
          reportId: report.id,
          poleId: report.poleId,
          actor: SYSTEM,
          text,
          at: now,
        })),
      );
      return { ids, ...erased };
    });
    counts.reports += done.ids.length;
    counts.followers += done.followers;
    counts.cancelled += done.cancelled;
    if (done.ids.length < batchSize) return counts;
    afterId = done.ids.at(-1)!;
  }
}
