import 'server-only';
import { and, count, desc, eq, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { NOTIFICATION_STATUSES, outboxMessages, reports, type NotificationStatus } from '@/db/schema';
import { can, type StaffUser } from '@/lib/permissions';
import type { CommandResult } from '@/lib/reports/staff-commands';
import { retryFailed } from './outbox';

// The administrator's view of the e-mails: what left, what waits, what failed (and sending it again).

export const STATUS_LABELS: Record<NotificationStatus, string> = {
  pending: 'En attente',
  sending: 'En cours d’envoi',
  sent: 'Envoyé',
  failed: 'En échec',
  cancelled: 'Annulé',
};

export const PAGE_SIZE = 50;

export function parseMailFilter(params: Record<string, string | string[] | undefined>) {
  const status =
    typeof params.etat === 'string' && (NOTIFICATION_STATUSES as readonly string[]).includes(params.etat)
      ? (params.etat as NotificationStatus)
      : null;
  const before = typeof params.avant === 'string' && /^\d{1,15}$/.test(params.avant) ? Number(params.avant) : null;
  return { status, before };
}

export async function listMails(db: Db, filter: { status: NotificationStatus | null; before: number | null }) {
  const where: SQL[] = [eq(outboxMessages.channel, 'email')];
  if (filter.status) where.push(eq(outboxMessages.status, filter.status));
  if (filter.before) where.push(lt(outboxMessages.id, filter.before));
  const rows = await db
    .select({
      id: outboxMessages.id,
      kind: outboxMessages.kind,
      status: outboxMessages.status,
      reference: reports.reference,
      subject: outboxMessages.subject,
      attempts: outboxMessages.attempts,
      lastError: outboxMessages.lastError,
      nextAttemptAt: outboxMessages.nextAttemptAt,
      sentAt: outboxMessages.sentAt,
      createdAt: outboxMessages.createdAt,
    })
    .from(outboxMessages)
    .innerJoin(reports, eq(outboxMessages.reportId, reports.id))
    .where(and(...where))
    .orderBy(desc(outboxMessages.id))
    .limit(PAGE_SIZE + 1);
  return { rows: rows.slice(0, PAGE_SIZE), next: rows.length > PAGE_SIZE ? rows[PAGE_SIZE - 1]!.id : null };
}

export async function getMail(db: Db, id: number) {
  const [row] = await db
    .select({
      id: outboxMessages.id,
      kind: outboxMessages.kind,
      status: outboxMessages.status,
      reference: reports.reference,
      subject: outboxMessages.subject,
      sentAt: outboxMessages.sentAt,
    })
    .from(outboxMessages)
    .innerJoin(reports, eq(outboxMessages.reportId, reports.id))
    .where(and(eq(outboxMessages.id, id), eq(outboxMessages.channel, 'email')));
  return row ?? null;
}

const retryInput = z.object({
  id: z.union([z.literal('tous'), z.coerce.number().int().positive()], { error: 'Message inconnu.' }),
});

/** Sends again one failed e-mail, or all of them. */
export async function retryMails(db: Db, user: StaffUser, raw: Record<string, unknown>): Promise<CommandResult> {
  if (!can(user, 'notifications.manage')) return { ok: false, message: 'Cette page est réservée à l’administrateur.' };
  const parsed = retryInput.safeParse(raw);
  if (!parsed.success) return { ok: false, message: 'Message inconnu.' };
  const ids =
    parsed.data.id === 'tous'
      ? (
          await db
            .select({ id: outboxMessages.id })
            .from(outboxMessages)
            .where(and(eq(outboxMessages.channel, 'email'), eq(outboxMessages.status, 'failed')))
        ).map((r) => r.id)
      : [parsed.data.id];
  const count = await retryFailed(db, ids);
  if (count === 0) return { ok: false, message: 'Aucun courriel en échec à renvoyer.' };
  return { ok: true, message: `${count} courriel${count > 1 ? 's' : ''} remis en file d’envoi.` };
}

export async function countFailedMails(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.channel, 'email'), eq(outboxMessages.status, 'failed')));
  return row!.n;
}
