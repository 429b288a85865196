import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { reports } from '@/db/schema';
import { forgetContact } from './contact-erasure';
import { recordEvent, RESIDENT } from './events';
import { reopenInput } from './input';
import { findAccess } from './queries';
import { getSeverityDays } from './severity';
import { enterState, findMove, isWithinReopenWindow, REOPEN_WINDOW_DAYS } from './states';

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
      id: reports.id,
      version: reports.version,
      stateKey: reports.stateKey,
      severity: reports.severity,
      poleId: reports.poleId,
      communeInsee: reports.communeInsee,
      resolvedAt: reports.resolvedAt,
    })
    .from(reports)
    .where(eq(reports.id, access.reportId));
  const move = report && findMove('resident', report, 'reopened');
  if (!report || !move || !isWithinReopenWindow(report.resolvedAt, now)) {
    return { ok: false, message: `Seul un signalement résolu depuis moins de ${REOPEN_WINDOW_DAYS} jours peut être rouvert.` };
  }
  const severityDays = await getSeverityDays(db);
  const isMoved = await db.transaction((tx) =>
    enterState(tx, report, move, { actor: RESIDENT, text: reason, now, severityDays }),
  );
  if (!isMoved) return { ok: false, message: 'Le signalement vient d’être modifié : rechargez la page et réessayez.' };
  return { ok: true, message: 'Le signalement est rouvert : le pôle de proximité va le reprendre.' };
}

export async function eraseContact(db: Db, reference: string, token: string): Promise<FollowUpOutcome> {
  const access = await findAccess(reference, token);
  if (!access) return NO_ACCESS;
  const [report] = await db.select({ poleId: reports.poleId }).from(reports).where(eq(reports.id, access.reportId));
  await db.transaction(async (tx) => {
    await forgetContact(
      tx,
      access.kind === 'reporter' ? { recipientReportId: access.reportId } : { followerId: access.followerId },
    );
    await recordEvent(tx, {
      kind: 'contact_erased',
      reportId: access.reportId,
      poleId: report!.poleId,
      actor: RESIDENT,
      text:
        access.kind === 'reporter'
          ? 'Coordonnées du déclarant effacées à sa demande.'
          : 'Coordonnées d’un suiveur effacées à sa demande.',
    });
  });
  return {
    ok: true,
    message: 'Vos coordonnées ont été effacées. Le signalement reste traité, mais vous ne recevrez pas de réponse.',
  };
}
