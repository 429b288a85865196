import 'server-only';
import type { Db } from '@/db';
import { log } from '@/lib/log';
import { letterFileName, letterFromContext } from './letter-data';
import { renderLetter } from './letters';
import type { Mail, Mailer } from './mailer';
import { describeMailError } from './mailer';
import { loadMessageContext } from './message-context';
import { composeMessage } from './messages';
import { BY_POST, claimDue, LEASE_MS, markCancelled, markFailed, markSent } from './outbox';

// One round of the e-mail worker: claim what is due, compose each message from the data as it is now, send it, and
// record the result. A failure is kept as a code and retried later; the log never names a recipient.

export type RoundResult = { claimed: number; sent: number; retried: number; failed: number; cancelled: number };

export async function deliverDue(
  db: Db,
  mailer: Mailer,
  { now = () => new Date(), limit = 20, leaseMs = LEASE_MS }: { now?: () => Date; limit?: number; leaseMs?: number } = {},
): Promise<RoundResult> {
  const claims = await claimDue(db, { now: now(), limit, leaseMs });
  const result: RoundResult = { claimed: claims.length, sent: 0, retried: 0, failed: 0, cancelled: 0 };
  for (const claim of claims) {
    const outcome = await deliverOne(db, mailer, claim, now);
    result[outcome] += 1;
  }
  return result;
}

async function deliverOne(
  db: Db,
  mailer: Mailer,
  claim: { id: number; attempts: number },
  now: () => Date,
): Promise<'sent' | 'retried' | 'failed' | 'cancelled'> {
  const ctx = await loadMessageContext(db, claim.id);
  if (!ctx || !ctx.recipient.email) {
    await markCancelled(db, claim.id, 'Coordonnées effacées avant l’envoi');
    log.info('outbox.cancelled', { id: claim.id });
    return 'cancelled';
  }
  const composed = composeMessage(ctx);
  let attachments: Mail['attachments'];
  try {
    attachments = BY_POST.has(ctx.kind)
      ? [
          {
            filename: letterFileName(ctx.report.reference),
            content: await renderLetter(letterFromContext(ctx, now())),
            contentType: 'application/pdf',
          },
          ...(ctx.photos ?? []).map((photo) => ({
            filename: photo.filename,
            content: photo.bytes,
            contentType: 'image/jpeg',
          })),
        ]
      : [];
  } catch (error) {
    // Not the SMTP server's fault: said as such, and tried again later like any failure.
    log.error('outbox.letter_failed', error, { id: claim.id });
    const failure = { reason: 'Courrier PDF impossible à produire', isPermanent: false };
    return (await markFailed(db, claim, failure, now())) === 'failed' ? 'failed' : 'retried';
  }
  try {
    await mailer.send(
      {
        to: ctx.recipient.email,
        subject: composed.subject,
        text: composed.text,
        html: composed.html,
        messageId: `<${ctx.report.reference}.${ctx.id}@proximcite>`,
        attachments,
      },
      ctx.id,
    );
  } catch (error) {
    const failure = describeMailError(error);
    const decision = await markFailed(db, claim, failure, now());
    log.warn('outbox.failed', { id: claim.id, attempts: claim.attempts, decision, cause: failure.reason });
    return decision === 'failed' ? 'failed' : 'retried';
  }
  await markSent(db, claim.id, composed.subject, now());
  log.info('outbox.sent', { id: claim.id, kind: ctx.kind, via: mailer.kind });
  return 'sent';
}
