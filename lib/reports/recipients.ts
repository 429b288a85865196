import 'server-only';
import { and, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '@/db';
import { reportFollowers, reports } from '@/db/schema';

// Who is told a report's outcome: its reporter and followers, and the reporters and followers of every report marked
// as its duplicate (they follow the original). Only people who left a way to answer and did not decline one.

export type Recipient = {
  kind: 'reporter' | 'follower';
  /** The report they filed or followed, whose private link they hold. */
  reference: string;
  name: string | null;
  email: string | null;
  postalAddress: string | null;
};

export async function listOutcomeRecipients(db: Db, reportId: number): Promise<Recipient[]> {
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
    .where(or(eq(reports.id, reportId), eq(reports.duplicateOfId, reportId)));
  if (family.length === 0) return [];
  const followers = await db
    .select({
      reportId: reportFollowers.reportId,
      name: reportFollowers.name,
      email: reportFollowers.email,
      postalAddress: reportFollowers.postalAddress,
    })
    .from(reportFollowers)
    .where(
      and(
        inArray(
          reportFollowers.reportId,
          family.map((r) => r.id),
        ),
      ),
    );
  const referenceOf = new Map(family.map((r) => [r.id, r.reference]));
  const reachable = (r: { email: string | null; postalAddress: string | null }) => Boolean(r.email || r.postalAddress);
  return [
    ...family
      .filter((r) => !r.wantsNoReply && reachable(r))
      .map((r) => ({
        kind: 'reporter' as const,
        reference: r.reference,
        name: r.name,
        email: r.email,
        postalAddress: r.postalAddress,
      })),
    ...followers.filter(reachable).map((f) => ({
      kind: 'follower' as const,
      reference: referenceOf.get(f.reportId)!,
      name: f.name,
      email: f.email,
      postalAddress: f.postalAddress,
    })),
  ];
}
