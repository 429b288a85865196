import 'server-only';
import { eq, inArray, or } from 'drizzle-orm';
import type { Db } from '@/db';
import { reportFollowers, reports } from '@/db/schema';

// Who hears about a report: its reporter, its followers, and for an outcome the reporters and followers of every report
// marked as its duplicate (they follow the original). Only people who left a way to answer and did not decline one.

export type Recipient = {
  kind: 'reporter' | 'follower';
  /** The report they filed or followed, whose private link they hold. */
  reference: string;
  recipientReportId: number;
  followerId: number | null;
  name: string | null;
  email: string | null;
  postalAddress: string | null;
};

/** reporter: the report's own reporter; report: and its followers; family: and its duplicates' people. */
export type Reach = 'reporter' | 'report' | 'family';

export async function listRecipients(db: Db, reportId: number, reach: Reach): Promise<Recipient[]> {
  const family = await db
    .select({
      id: reports.id,
      reference: reports.reference,
      name: reports.reporterName,
      email: reports.reporterEmail,
      postalAddress: reports.reporterAddress,
      wantsNoReply: reports.wantsNoReply,
    })
    .from(reports)
    .where(reach === 'family' ? or(eq(reports.id, reportId), eq(reports.duplicateOfId, reportId)) : eq(reports.id, reportId))
    .orderBy(reports.id);
  if (family.length === 0) return [];
  const followers =
    reach === 'reporter'
      ? []
      : await db
          .select({
            id: reportFollowers.id,
            reportId: reportFollowers.reportId,
            name: reportFollowers.name,
            email: reportFollowers.email,
            postalAddress: reportFollowers.postalAddress,
          })
          .from(reportFollowers)
          .where(
            inArray(
              reportFollowers.reportId,
              family.map((r) => r.id),
            ),
          )
          .orderBy(reportFollowers.id);
  const referenceOf = new Map(family.map((r) => [r.id, r.reference]));
  return [
    ...family
      .filter((r) => !r.wantsNoReply && isReachable(r))
      .map((r) => ({
        kind: 'reporter' as const,
        reference: r.reference,
        recipientReportId: r.id,
        followerId: null,
        name: r.name,
        email: r.email,
        postalAddress: r.postalAddress,
      })),
    ...followers.filter(isReachable).map((f) => ({
      kind: 'follower' as const,
      reference: referenceOf.get(f.reportId)!,
      recipientReportId: f.reportId,
      followerId: f.id,
      name: f.name,
      email: f.email,
      postalAddress: f.postalAddress,
    })),
  ];
}

/** Everyone told a report's outcome (resolution or rejection). */
export function listOutcomeRecipients(db: Db, reportId: number): Promise<Recipient[]> {
  return listRecipients(db, reportId, 'family');
}

function isReachable(r: { email: string | null; postalAddress: string | null }) {
  return Boolean(r.email || r.postalAddress);
}
