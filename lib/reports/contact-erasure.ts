import 'server-only';
import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import type { Db } from '@/db';
import { reportFollowers, reports } from '@/db/schema';
import { cancelPendingFor } from '@/lib/notifications/outbox';

// What erasing a person's contact data means, the same whether they asked for it (their private link,
// lib/reports/follow-up.ts) or the retention period ran out (lib/reports/retention.ts): name, e-mail, phone and postal
// address (and the hashed sender keys) gone, nobody to answer, and nothing still waiting in the outbox may reach them. The report itself stays.
// Runs inside the caller's transaction, beside the event that records it.

/** The reporter of one report, one follower, or everyone (reporter and followers) of these reports. */
export type Person = { recipientReportId: number } | { followerId: number } | { everyoneOf: number[] };

const FORGOTTEN_REPORTER = {
  reporterName: null,
  reporterEmail: null,
  reporterPhone: null,
  reporterAddress: null,
  // The hashed address and mailbox the rate limit counted: pseudonymous, still the person's.
  senderKeys: null,
  wantsNoReply: true,
};
const FORGOTTEN_FOLLOWER = { name: null, email: null, postalAddress: null };

/** A follower row still holding something to erase. */
export const followerHasContact = or(
  isNotNull(reportFollowers.name),
  isNotNull(reportFollowers.email),
  isNotNull(reportFollowers.postalAddress),
);

/** Erases the contact data of `who`; returns how many follower rows were erased and messages cancelled. */
export async function forgetContact(tx: Db, who: Person): Promise<{ followers: number; cancelled: number }> {
  const reportIds = 'recipientReportId' in who ? [who.recipientReportId] : 'everyoneOf' in who ? who.everyoneOf : [];
  if (reportIds.length > 0) await tx.update(reports).set(FORGOTTEN_REPORTER).where(inArray(reports.id, reportIds));
  let followers = 0;
  if (!('recipientReportId' in who)) {
    const erased = await tx
      .update(reportFollowers)
      .set(FORGOTTEN_FOLLOWER)
      .where(
        'followerId' in who
          ? eq(reportFollowers.id, who.followerId)
          : and(inArray(reportFollowers.reportId, who.everyoneOf), followerHasContact),
      )
      .returning({ id: reportFollowers.id });
    followers = erased.length;
  }
  return { followers, cancelled: await cancelPendingFor(tx, who) };
}
