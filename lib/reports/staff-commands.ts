import 'server-only';
import { and, eq, max, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db';
import { poles, reportEvents, reports, type NewReport } from '@/db/schema';
import { can, type Permission, type StaffUser } from '@/lib/permissions';
import { listPoleStaff } from '@/lib/staff/users';
import { getLocator } from '@/lib/territory/queries';
import { enqueue } from '@/lib/notifications/outbox';
import { recordEvent, type Actor } from './events';
import type { FieldErrors } from './input';
import { getSeverityDays } from './severity';
import { dueAtFor } from './sla';
import {
  assignInput,
  moveInput,
  noteInput,
  planInput,
  rejectionText,
  relocateInput,
  severityInput,
  transferInput,
} from './staff-input';
import { describeLastChange, loadReportInScope, type ScopedReport } from './staff-report';
import { enterState, findMove } from './states';

// What staff do to a report, one command each. Every command reads the same way: may this person use the permission
// at all, parse every field, load the report within their reach (out of reach = missing), check the move, then one
// transaction that names the version it read (0 rows = someone else changed it first) and writes its event.
// The 'use server' wrappers (staff-actions.ts) only add the session and the page refresh.

export type CommandResult = { ok: true; message: string } | { ok: false; message: string; fieldErrors?: FieldErrors };

export const NOT_FOUND: CommandResult = {
  ok: false,
  message: 'Ce signalement est introuvable, ou vous n’y avez pas accès.',
};
export const FIX = { ok: false, message: 'Rien n’a été enregistré : corrigez les champs indiqués.' };

/** Raised inside a command's transaction to roll it back with a French answer. */
export class Refused extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
  }
}
export class Conflict extends Error {}

export type CommandContext<I> = { tx: Db; user: StaffUser; actor: Actor; input: I; report: ScopedReport; now: Date };

export const actorOf = (user: StaffUser): Actor => ({ type: 'staff', userId: user.id, role: user.role });

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) (errors[String(issue.path[0] ?? 'form')] ??= []).push(issue.message);
  return errors;
}

export function command<S extends z.ZodType<{ reference: string; version?: number }>>(
  permission: Permission,
  schema: S,
  run: (context: CommandContext<z.infer<S>>) => Promise<string>,
) {
  return async (db: Db, user: StaffUser, raw: Record<string, unknown>, now: Date = new Date()): Promise<CommandResult> => {
    if (!can(user, permission)) return NOT_FOUND;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return { ...FIX, fieldErrors: fieldErrorsOf(parsed.error) };
    const report = await loadReportInScope(db, user, permission, parsed.data.reference);
    if (!report) return NOT_FOUND;
    const conflict = async (): Promise<CommandResult> => ({
      ok: false,
      message: `Rien n’a été enregistré : ce signalement a été ${await describeLastChange(db, report.id)}. Vérifiez puis recommencez si nécessaire.`,
    });
    if (parsed.data.version !== undefined && parsed.data.version !== report.version) return conflict();
    try {
      const message = await db.transaction((tx) => run({ tx, user, actor: actorOf(user), input: parsed.data, report, now }));
      return { ok: true, message };
    } catch (error) {
      if (error instanceof Conflict) return conflict();
      if (error instanceof Refused) return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
      throw error;
    }
  };
}

/** Updates the report if it is still at the version that was read; anything else means someone else won. */
export async function updateReport(tx: Db, report: ScopedReport, set: Partial<NewReport>, now: Date) {
  const updated = await tx
    .update(reports)
    .set({ ...set, version: sql`${reports.version} + 1`, updatedAt: now })
    .where(and(eq(reports.id, report.id), eq(reports.version, report.version)))
    .returning({ id: reports.id });
  if (updated.length === 0) throw new Conflict();
}

const NOT_NOW = 'Cette action n’est pas possible dans l’état actuel du signalement.';
export const mustBeOpen = (report: ScopedReport) => {
  if (report.stateType !== 'open') throw new Refused(`${NOT_NOW} Il est clos : rouvrez-le d’abord.`);
};

export const moveReport = command('reports.triage', moveInput, async ({ tx, user, actor, input, report, now }) => {
  const move = findMove(user, report, input.to);
  if (!move) throw new Refused(NOT_NOW);
  const severityDays = await getSeverityDays(tx);
  let duplicateOf: { id: number; reference: string } | undefined;
  if (input.to === 'duplicate') {
    const original = await loadReportInScope(tx, user, 'reports.read', input.originalReference);
    const error = !original
      ? 'Aucun signalement ne porte cette référence.'
      : original.id === report.id
        ? 'Un signalement ne peut pas être le doublon de lui-même.'
        : original.stateKey === 'duplicate'
          ? 'Ce signalement est lui-même un doublon : indiquez celui d’origine.'
          : null;
    if (error) throw new Refused(FIX.message, { originalReference: [error] });
    duplicateOf = { id: original!.id, reference: original!.reference };
  }
  const text = input.to === 'rejected' ? rejectionText(input) : 'text' in input ? input.text : null;
  if (!(await enterState(tx, report, move, { actor, text, now, severityDays, duplicateOf }))) throw new Conflict();
  if (duplicateOf) {
    const [original] = await tx.select({ poleId: reports.poleId }).from(reports).where(eq(reports.id, duplicateOf.id));
    await recordEvent(tx, {
      kind: 'duplicate_linked',
      reportId: duplicateOf.id,
      poleId: original!.poleId,
      actor,
      data: { duplicateReference: report.reference },
      at: now,
    });
  }
  return `${report.reference} : ${move.label.toLowerCase()} — c’est fait.`;
});

export const setSeverity = command('reports.triage', severityInput, async ({ tx, actor, input, report, now }) => {
  mustBeOpen(report);
  if (input.severity === report.severity) throw new Refused('La gravité est déjà celle-ci : rien n’a changé.');
  // Counted from the report's creation, or from its last reopening: a reopened report has a fresh promise.
  const [reopened] = await tx
    .select({ at: max(reportEvents.createdAt) })
    .from(reportEvents)
    .where(and(eq(reportEvents.reportId, report.id), eq(reportEvents.kind, 'reopened')));
  const dueAt = dueAtFor(input.severity, reopened?.at ?? report.createdAt, await getSeverityDays(tx));
  await updateReport(tx, report, { severity: input.severity, dueAt }, now);
  await recordEvent(tx, {
    kind: 'severity_changed',
    reportId: report.id,
    poleId: report.poleId,
    actor,
    data: { from: report.severity, to: input.severity, dueAt: dueAt.toISOString() },
    at: now,
  });
  return `${report.reference} : gravité modifiée, échéance recalculée.`;
});

export const assignReport = command('reports.triage', assignInput, async ({ tx, actor, input, report, now }) => {
  mustBeOpen(report);
  const assignee = input.assigneeUserId
    ? (await listPoleStaff(tx, report.poleId)).find((person) => person.id === input.assigneeUserId)
    : null;
  if (input.assigneeUserId && !assignee)
    throw new Refused(FIX.message, { assigneeUserId: ['Choisissez une personne du pôle qui traite ce signalement.'] });
  await updateReport(tx, report, { assigneeUserId: assignee?.id ?? null }, now);
  await recordEvent(tx, {
    kind: 'assigned',
    reportId: report.id,
    poleId: report.poleId,
    actor,
    data: { assigneeUserId: assignee?.id ?? null, assigneeName: assignee?.name ?? null },
    at: now,
  });
  return assignee ? `${report.reference} : affecté à ${assignee.name}.` : `${report.reference} : plus affecté à personne.`;
});

const parisToday = (now: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);

export const planReport = command('reports.triage', planInput, async ({ tx, actor, input, report, now }) => {
  mustBeOpen(report);
  if (input.plannedFor && input.plannedFor < parisToday(now))
    throw new Refused(FIX.message, { plannedFor: ['La date prévue ne peut pas être passée.'] });
  await updateReport(tx, report, { plannedFor: input.plannedFor }, now);
  await recordEvent(tx, {
    kind: 'planned',
    reportId: report.id,
    poleId: report.poleId,
    actor,
    data: { plannedFor: input.plannedFor },
    at: now,
  });
  return input.plannedFor
    ? `${report.reference} : intervention planifiée.`
    : `${report.reference} : date d’intervention retirée.`;
});

export const transferReport = command('reports.transfer', transferInput, async ({ tx, actor, input, report, now }) => {
  mustBeOpen(report);
  const [pole] = await tx.select({ id: poles.id, name: poles.name }).from(poles).where(eq(poles.id, input.poleId));
  if (!pole) throw new Refused(FIX.message, { poleId: ['Choisissez un pôle de la liste.'] });
  if (pole.id === report.poleId) throw new Refused(FIX.message, { poleId: ['Le signalement est déjà confié à ce pôle.'] });
  // The assignee belongs to the pôle the report leaves.
  await updateReport(tx, report, { poleId: pole.id, assigneeUserId: null }, now);
  const eventId = await recordEvent(tx, {
    kind: 'transferred',
    reportId: report.id,
    poleId: pole.id,
    actor,
    fromPoleId: report.poleId,
    toPoleId: pole.id,
    text: input.text,
    at: now,
  });
  await enqueue(tx, { kind: 'transfer', reportId: report.id, eventId }, now);
  return `${report.reference} : transféré au ${pole.name}.`;
});

export const relocateReport = command('reports.triage', relocateInput, async ({ tx, actor, input, report, now }) => {
  mustBeOpen(report);
  const found = (await getLocator()).locate(input.lon, input.lat);
  if (!found)
    throw new Refused(FIX.message, {
      location: ['Ce point est hors des 21 communes de la Métropole : placez-le sur le territoire.'],
    });
  const isRerouted = found.pole.id !== report.poleId;
  await updateReport(
    tx,
    report,
    {
      lon: input.lon,
      lat: input.lat,
      communeInsee: found.commune.insee,
      poleId: found.pole.id,
      isNearBorder: found.nearBorder,
      isLocationToConfirm: false,
      ...(isRerouted ? { assigneeUserId: null } : {}),
    },
    now,
  );
  await recordEvent(tx, {
    kind: 'relocated',
    reportId: report.id,
    poleId: found.pole.id,
    actor,
    fromPoleId: report.poleId,
    toPoleId: found.pole.id,
    data: {
      from: { lon: report.lon, lat: report.lat, communeInsee: report.communeInsee },
      to: { lon: input.lon, lat: input.lat, communeInsee: found.commune.insee },
    },
    at: now,
  });
  return isRerouted
    ? `${report.reference} : emplacement corrigé (${found.commune.name}) ; le signalement passe au ${found.pole.name}.`
    : `${report.reference} : emplacement corrigé (${found.commune.name}).`;
});

export const addNote = command('reports.note', noteInput, async ({ tx, actor, input, report, now }) => {
  await recordEvent(tx, { kind: 'note', reportId: report.id, poleId: report.poleId, actor, text: input.text, at: now });
  return 'Note interne ajoutée.';
});

export const addComment = command('reports.triage', noteInput, async ({ tx, actor, input, report, now }) => {
  await recordEvent(tx, { kind: 'comment', reportId: report.id, poleId: report.poleId, actor, text: input.text, at: now });
  return 'Message publié dans l’historique public du signalement.';
});

const MASS_COMMANDS = {
  acknowledge: (db: Db, user: StaffUser, target: Record<string, unknown>) =>
    moveReport(db, user, { ...target, to: 'acknowledged' }),
  assign: assignReport,
  severity: setSeverity,
  transfer: transferReport,
} as const;
export type MassCommand = keyof typeof MASS_COMMANDS;

/**
 * One command over a selection of the inbox: each report on its own (its own scope check, version and transaction),
 * so one that someone else changed meanwhile is skipped and said, never overwritten.
 */
export async function runOnSelection(
  db: Db,
  user: StaffUser,
  name: MassCommand,
  selection: { reference: string; version: number }[],
  fields: Record<string, unknown>,
): Promise<CommandResult> {
  const results = [];
  for (const target of selection) {
    results.push({ reference: target.reference, result: await MASS_COMMANDS[name](db, user, { ...fields, ...target }) });
  }
  const done = results.filter((r) => r.result.ok).length;
  const refused = results.filter((r) => !r.result.ok);
  if (refused.length === results.length && refused[0]?.result.ok === false && refused[0].result.fieldErrors) {
    return { ok: false, message: refused[0].result.message, fieldErrors: refused[0].result.fieldErrors };
  }
  const details = refused.map((r) => `${r.reference} : ${r.result.message}`).join('\n');
  const summary = `${done} signalement${done > 1 ? 's' : ''} traité${done > 1 ? 's' : ''} sur ${results.length}.`;
  return done > 0
    ? { ok: true, message: details ? `${summary}\n${details}` : summary }
    : { ok: false, message: `${summary}\n${details}` };
}
