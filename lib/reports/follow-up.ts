import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { reportEvents, reportFollowers, reports, reportStates } from '@/db/schema';
import { reopenInput } from './input';
import { findAccess } from './queries';
import { dueAtFor } from './sla';
import { canReopen, REOPEN_WINDOW_DAYS, REOPENED_STATE } from './states';

// What the holder of a private follow-up link may do: say the problem is not fixed, or erase their contact data.

export type FollowUpOutcome = { ok: true; message: string } | { ok: false; message: string; fieldErrors?: { reason?: string[] } };

const NO_ACCESS: FollowUpOutcome = { ok: false, message: 'Ce lien de suivi n’est pas valide pour ce signalement.' };

export async function reopenReport(
  db: Db,
  reference: string,
  token: string,
  reasonText: string,
  now = new Date(),
): Promise<FollowUpOutcome> {
  const access = await findAccess(reference, token);
  if (!access) return NO_ACCESS;
  const parsed = reopenInput.safeParse({ reason: reasonText });
  if (!parsed.success) {
    const messages = parsed.error.issues.map((issue) => issue.message);
    return { ok: false, message: messages.join(' '), fieldErrors: { reason: messages } };
  }
  const { reason } = parsed.data;
  const [report] = await db
    .select({
      stateKey: reports.stateKey,
      type: reportStates.type,
      resolvedAt: reports.resolvedAt,
      severity: reports.severity,
      poleId: reports.poleId,
    })
    .from(reports)
    .innerJoin(reportStates, eq(reports.stateKey, reportStates.key))
    .where(eq(reports.id, access.reportId));
  if (!report || !canReopen(report, report.resolvedAt, now)) {
    return { ok: false, message: `Seul un signalement résolu depuis moins de ${REOPEN_WINDOW_DAYS} jours peut être rouvert.` };
  }
  await db.transaction(async (tx) => {
    await tx
      .update(reports)
      .set({ stateKey: REOPENED_STATE, resolvedAt: null, dueAt: dueAtFor(report.severity, now), updatedAt: now })
      .where(eq(reports.id, access.reportId));
    await tx.insert(reportEvents).values({
      reportId: access.reportId,
      kind: 'reopened',
      actorLabel: 'Usager',
      fromState: report.stateKey,
      toState: REOPENED_STATE,
      toPoleId: report.poleId,
      reason,
      isPublic: true,
      createdAt: now,
    });
  });
  return { ok: true, message: 'Le signalement est rouvert : le pôle de proximité va le reprendre.' };
}

export async function eraseContact(db: Db, reference: string, token: string): Promise<FollowUpOutcome> {
  const access = await findAccess(reference, token);
  if (!access) return NO_ACCESS;
  await db.transaction(async (tx) => {
    if (access.kind === 'reporter') {
      await tx
        .update(reports)
        .set({ reporterName: null, reporterEmail: null, reporterPhone: null, reporterAddress: null, wantsNoReply: true })
        .where(eq(reports.id, access.reportId));
    } else {
      await tx
        .update(reportFollowers)
        .set({ name: null, email: null, postalAddress: null })
        .where(eq(reportFollowers.id, access.followerId));
    }
    await tx.insert(reportEvents).values({
      reportId: access.reportId,
      kind: 'contact_erased',
      actorLabel: 'Usager',
      reason:
        access.kind === 'reporter'
          ? 'Coordonnées du déclarant effacées à sa demande.'
          : 'Coordonnées d’un suiveur effacées à sa demande.',
      isPublic: false,
    });
  });
  return {
    ok: true,
    message: 'Vos coordonnées ont été effacées. Le signalement reste traité, mais vous ne recevrez pas de réponse.',
  };
}
