import 'server-only';
import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Db } from '@/db';
import { letterBatches, outboxMessages, poles, reports, users } from '@/db/schema';
import { can, reachOf, type StaffUser } from '@/lib/permissions';
import { recordEvents, type EventInput } from '@/lib/reports/events';
import type { CommandResult } from '@/lib/reports/staff-commands';
import { letterFromContext } from './letter-data';
import { renderLetters } from './letters';
import { loadMessageContext } from './message-context';

// The pôles' print queues: letters for people who gave a postal address and no e-mail wait here until the pôle
// prepares a batch (one PDF, every letter on its own pages, for window envelopes), prints it, and marks it posted —
// which each report's history records. A batch stays downloadable; a letter belongs to one batch only.

const postalLetters = and(eq(outboxMessages.channel, 'post'), ne(outboxMessages.status, 'cancelled'));

/** The pôles this person prints for: theirs, or every pôle for the administrator. */
async function printablePoles(db: Db, user: StaffUser) {
  const reach = reachOf(user, 'letters.print');
  if (reach.kind === 'none' || reach.kind === 'commune') return [];
  return db
    .select({ id: poles.id, name: poles.name })
    .from(poles)
    .where(reach.kind === 'pole' ? eq(poles.id, reach.poleId) : undefined)
    .orderBy(asc(poles.name));
}

const canPrintFor = (user: StaffUser, poleId: string) => can(user, 'letters.print', { poleId, communeInsee: '' });

export async function listPrintQueues(db: Db, user: StaffUser) {
  const reachable = await printablePoles(db, user);
  if (reachable.length === 0) return [];
  const ids = reachable.map((p) => p.id);
  const waiting = await db
    .select({
      id: outboxMessages.id,
      poleId: reports.poleId,
      reference: reports.reference,
      kind: outboxMessages.kind,
      isFollower: sql<boolean>`${outboxMessages.followerId} is not null`,
      createdAt: outboxMessages.createdAt,
    })
    .from(outboxMessages)
    .innerJoin(reports, eq(outboxMessages.reportId, reports.id))
    .where(
      and(
        eq(outboxMessages.channel, 'post'),
        eq(outboxMessages.status, 'pending'),
        isNull(outboxMessages.batchId),
        inArray(reports.poleId, ids),
      ),
    )
    .orderBy(asc(outboxMessages.id));
  const creators = alias(users, 'creators');
  const posters = alias(users, 'posters');
  const batches = await db
    .select({
      id: letterBatches.id,
      poleId: letterBatches.poleId,
      letterCount: letterBatches.letterCount,
      createdAt: letterBatches.createdAt,
      createdBy: creators.name,
      postedAt: letterBatches.postedAt,
      postedBy: posters.name,
    })
    .from(letterBatches)
    .innerJoin(creators, eq(letterBatches.createdByUserId, creators.id))
    .leftJoin(posters, eq(letterBatches.postedByUserId, posters.id))
    .where(inArray(letterBatches.poleId, ids))
    .orderBy(desc(letterBatches.id))
    .limit(30 * ids.length);
  return reachable.map((pole) => ({
    ...pole,
    waiting: waiting.filter((w) => w.poleId === pole.id),
    batches: batches.filter((b) => b.poleId === pole.id).slice(0, 30),
  }));
}

const poleInput = z.object({ poleId: z.string().trim().min(1, { error: 'Choisissez un pôle.' }) });
const batchInput = z.object({ batchId: z.coerce.number({ error: 'Lot inconnu.' }).int().positive({ error: 'Lot inconnu.' }) });
const NO_BATCH: CommandResult = { ok: false, message: 'Ce lot est introuvable, ou vous n’y avez pas accès.' };

/** Gathers the pôle's waiting letters into a new batch, to download as one PDF. */
export async function prepareBatch(
  db: Db,
  user: StaffUser,
  raw: Record<string, unknown>,
  now = new Date(),
): Promise<CommandResult> {
  if (!can(user, 'letters.print')) return { ok: false, message: 'Vous n’avez pas accès aux courriers.' };
  const parsed = poleInput.safeParse(raw);
  if (!parsed.success || !canPrintFor(user, parsed.data.poleId)) return { ok: false, message: 'Choisissez un pôle de la liste.' };
  const { poleId } = parsed.data;
  return db.transaction(async (tx) => {
    // Locked, so that two people preparing at once never put a letter in two batches.
    const letters = await tx
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(
        and(
          eq(outboxMessages.channel, 'post'),
          eq(outboxMessages.status, 'pending'),
          isNull(outboxMessages.batchId),
          inArray(outboxMessages.reportId, tx.select({ id: reports.id }).from(reports).where(eq(reports.poleId, poleId))),
        ),
      )
      .orderBy(asc(outboxMessages.id))
      .for('update', { skipLocked: true });
    if (letters.length === 0) return { ok: false, message: 'Aucun courrier n’attend d’être imprimé pour ce pôle.' };
    const [batch] = await tx
      .insert(letterBatches)
      .values({ poleId, letterCount: letters.length, createdByUserId: user.id, createdAt: now })
      .returning({ id: letterBatches.id });
    await tx
      .update(outboxMessages)
      .set({ batchId: batch!.id })
      .where(
        inArray(
          outboxMessages.id,
          letters.map((l) => l.id),
        ),
      );
    const plural = letters.length > 1 ? 's' : '';
    return {
      ok: true,
      message: `Lot n° ${batch!.id} préparé : ${letters.length} courrier${plural}. Téléchargez-le, imprimez-le, puis marquez-le comme posté.`,
    };
  });
}

/** The batch as printed: its letters are sent, and each report's history says so. */
export async function markBatchPosted(
  db: Db,
  user: StaffUser,
  raw: Record<string, unknown>,
  now = new Date(),
): Promise<CommandResult> {
  const parsed = batchInput.safeParse(raw);
  if (!parsed.success) return NO_BATCH;
  const [batch] = await db.select().from(letterBatches).where(eq(letterBatches.id, parsed.data.batchId));
  if (!batch || !canPrintFor(user, batch.poleId)) return NO_BATCH;
  return db.transaction(async (tx) => {
    const posted = await tx
      .update(letterBatches)
      .set({ postedAt: now, postedByUserId: user.id })
      .where(and(eq(letterBatches.id, batch.id), isNull(letterBatches.postedAt)))
      .returning({ id: letterBatches.id });
    if (posted.length === 0) return { ok: false, message: `Le lot n° ${batch.id} est déjà marqué comme posté.` };
    const letters = await tx
      .update(outboxMessages)
      .set({ status: 'sent', sentAt: now })
      .where(and(eq(outboxMessages.batchId, batch.id), eq(outboxMessages.status, 'pending')))
      .returning({ reportId: outboxMessages.reportId });
    const perReport = new Map<number, number>();
    for (const l of letters) perReport.set(l.reportId, (perReport.get(l.reportId) ?? 0) + 1);
    const reportPoles = perReport.size
      ? await tx
          .select({ id: reports.id, poleId: reports.poleId })
          .from(reports)
          .where(inArray(reports.id, [...perReport.keys()]))
      : [];
    const actor = { type: 'staff' as const, userId: user.id, role: user.role };
    await recordEvents(
      tx,
      reportPoles.map((r): EventInput => ({
        kind: 'letter_posted',
        reportId: r.id,
        poleId: r.poleId,
        actor,
        data: { batchId: batch.id, letters: perReport.get(r.id)! },
        at: now,
      })),
    );
    return {
      ok: true,
      message: `Lot n° ${batch.id} marqué comme posté (${letters.length} courrier${letters.length > 1 ? 's' : ''}).`,
    };
  });
}

/** One PDF of a batch's letters, or null when it does not exist or is not this person's to print. */
export async function renderBatch(db: Db, user: StaffUser, batchId: number): Promise<{ pdf: Uint8Array; poleId: string } | null> {
  const [batch] = await db.select().from(letterBatches).where(eq(letterBatches.id, batchId));
  if (!batch || !canPrintFor(user, batch.poleId)) return null;
  const rows = await db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.batchId, batch.id), postalLetters))
    .orderBy(asc(outboxMessages.id));
  const contexts = (await Promise.all(rows.map((r) => loadMessageContext(db, r.id)))).filter((c) => c !== null);
  // Every letter of the batch was cancelled (contact erased since): nothing left to print.
  if (contexts.length === 0) return null;
  // The letter's date is the day the batch was prepared, so a second download prints the same letters.
  const pdf = await renderLetters(contexts.map((ctx) => letterFromContext(ctx, batch.createdAt)));
  return { pdf, poleId: batch.poleId };
}
