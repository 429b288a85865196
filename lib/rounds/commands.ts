import 'server-only';
import { and, asc, count, eq, max } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db';
import { roundStops } from '@/db/schema';
import { can, type StaffUser } from '@/lib/permissions';
import { fieldErrorsOf, NOT_FOUND, type CommandResult } from '@/lib/reports/staff-commands';

export { NOT_FOUND };
import { loadReportInScope } from '@/lib/reports/staff-report';
import { addInput, moveInput, ownerInput, ROUND_MAX_STOPS, stopInput } from './input';
import { nearestNeighbourOrder, roundLengthM } from './order';
import { findRoundOwner, getRoundStart, listRoundStops, type RoundOwner } from './queries';

// What a person does to a round, one command each: may they plan rounds at all, parse every field, whose round (their
// own, or a person of their pôle), then the change. A report out of reach answers exactly like a missing one.

const NOT_ALLOWED: CommandResult = { ok: false, message: 'Cette tournée est introuvable, ou vous n’y avez pas accès.' };
const NOT_IN_ROUND: CommandResult = { ok: false, message: 'Ce signalement n’est pas dans cette tournée.' };
const OWNER_REFUSED: CommandResult = {
  ok: false,
  message: 'Rien n’a été enregistré : corrigez les champs indiqués.',
  fieldErrors: { owner: ['Vous ne pouvez préparer une tournée que pour vous-même ou une personne de votre pôle.'] },
};

type Context<I> = { db: Db; user: StaffUser; owner: RoundOwner; input: I };

function roundCommand<S extends z.ZodType<{ owner: number | null }>>(
  schema: S,
  run: (context: Context<z.infer<S>>) => Promise<CommandResult>,
) {
  return async (db: Db, user: StaffUser, raw: Record<string, unknown>): Promise<CommandResult> => {
    if (!can(user, 'rounds.plan')) return NOT_ALLOWED;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      return {
        ok: false,
        message: 'Rien n’a été enregistré : corrigez les champs indiqués.',
        fieldErrors: fieldErrorsOf(parsed.error),
      };
    }
    const owner = await findRoundOwner(db, user, parsed.data.owner);
    if (!owner) return OWNER_REFUSED;
    return run({ db, user, owner, input: parsed.data });
  };
}

/** « à votre tournée » or « à la tournée de Rémi Fournier ». */
const whose = (user: StaffUser, owner: RoundOwner) => (owner.id === user.id ? 'votre tournée' : `la tournée de ${owner.name}`);

/** A report the viewer may plan and the owner may read, or null: both answer as missing otherwise. */
async function loadStopReport(db: Db, user: StaffUser, owner: RoundOwner, reference: string) {
  const report = await loadReportInScope(db, user, 'rounds.plan', reference);
  return report && can(owner, 'reports.read', report) ? report : null;
}

export const addToRound = roundCommand(addInput, async ({ db, user, owner, input }) => {
  const refused: string[] = [];
  const kept: number[] = [];
  for (const reference of input.selection) {
    const report = await loadStopReport(db, user, owner, reference);
    if (!report) refused.push(`${reference} : introuvable, ou vous n’y avez pas accès.`);
    else if (report.stateType !== 'open')
      refused.push(`${reference} : il est clos ; une tournée ne passe que par des signalements ouverts.`);
    else kept.push(report.id);
  }
  const added = await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ stops: count(), last: max(roundStops.position) })
      .from(roundStops)
      .where(eq(roundStops.userId, owner.id));
    const room = ROUND_MAX_STOPS - current!.stops;
    if (kept.length > room) return null;
    if (kept.length === 0) return 0;
    const first = (current!.last ?? -1) + 1;
    const rows = await tx
      .insert(roundStops)
      .values(kept.map((reportId, i) => ({ userId: owner.id, reportId, position: first + i, addedByUserId: user.id })))
      .onConflictDoNothing({ target: [roundStops.userId, roundStops.reportId] })
      .returning({ id: roundStops.id });
    return rows.length;
  });
  if (added === null)
    return { ok: false, message: `Une tournée compte ${ROUND_MAX_STOPS} étapes au plus : retirez-en avant d’en ajouter.` };
  const already = kept.length - added;
  const summary = [
    `${added} signalement${added > 1 ? 's' : ''} ajouté${added > 1 ? 's' : ''} à ${whose(user, owner)}.`,
    already > 0 ? `${already} y étai${already > 1 ? 'ent' : 't'} déjà.` : '',
  ].join(' ');
  const message = [summary.trim(), ...refused].join('\n');
  return added + already > 0 ? { ok: true, message } : { ok: false, message };
});

export const removeFromRound = roundCommand(stopInput, async ({ db, user, owner, input }) => {
  const report = await loadStopReport(db, user, owner, input.reference);
  if (!report) return NOT_FOUND;
  const removed = await db
    .delete(roundStops)
    .where(and(eq(roundStops.userId, owner.id), eq(roundStops.reportId, report.id)))
    .returning({ id: roundStops.id });
  if (removed.length === 0) return NOT_IN_ROUND;
  return { ok: true, message: `${input.reference} retiré de ${whose(user, owner)}.` };
});

/**
 * Writes a new order of the stops this viewer sees, in the places they held: the stops hidden from them (a report
 * since transferred out of their pôle) keep theirs. Positions are then 0…n-1.
 */
async function writeOrder(db: Db, owner: RoundOwner, visibleOrder: number[]) {
  await db.transaction(async (tx) => {
    const all = await tx
      .select({ id: roundStops.id })
      .from(roundStops)
      .where(eq(roundStops.userId, owner.id))
      .orderBy(asc(roundStops.position), asc(roundStops.id))
      .for('update');
    const visible = new Set(visibleOrder);
    const next = [...visibleOrder];
    const ids = all.map(({ id }) => (visible.has(id) ? next.shift()! : id));
    for (const [position, id] of ids.entries()) {
      await tx.update(roundStops).set({ position }).where(eq(roundStops.id, id));
    }
  });
}

export const moveStop = roundCommand(moveInput, async ({ db, user, owner, input }) => {
  const stops = await listRoundStops(db, user, owner);
  const index = stops.findIndex((stop) => stop.reference === input.reference);
  if (index < 0) return (await loadStopReport(db, user, owner, input.reference)) ? NOT_IN_ROUND : NOT_FOUND;
  const other = input.direction === 'up' ? index - 1 : index + 1;
  if (other < 0 || other >= stops.length)
    return {
      ok: false,
      message: `${input.reference} est déjà ${input.direction === 'up' ? 'la première' : 'la dernière'} étape.`,
    };
  const order = stops.map((stop) => stop.stopId);
  [order[index], order[other]] = [order[other]!, order[index]!];
  await writeOrder(db, owner, order);
  return { ok: true, message: `${input.reference} est maintenant l’étape ${other + 1}.` };
});

const lowerFirst = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
const km = (metres: number) => `${(metres / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} km`;

export const orderRound = roundCommand(ownerInput, async ({ db, user, owner }) => {
  const stops = await listRoundStops(db, user, owner);
  if (stops.length < 2) return { ok: false, message: 'Il faut au moins deux étapes pour les ordonner.' };
  const start = await getRoundStart(db, owner, stops);
  if (!start) return { ok: false, message: 'Le point de départ de cette tournée est inconnu.' };
  const ordered = nearestNeighbourOrder(start.point, stops);
  await writeOrder(
    db,
    owner,
    ordered.map((stop) => stop.stopId),
  );
  const [before, after] = [roundLengthM(start.point, stops), roundLengthM(start.point, ordered)];
  return {
    ok: true,
    message: `Étapes ordonnées au plus court depuis le centre du ${lowerFirst(start.poleName)} : ${km(after)} à vol d’oiseau (avant : ${km(before)}).`,
  };
});
