import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { reports, STATE_TYPES, type Severity, type StateKey, type StateType } from '@/db/schema';
import { can, type Permission, type ReportScope, type StaffUser } from '@/lib/permissions';
import { enqueue } from '@/lib/notifications/outbox';
import type { NotificationKind } from '@/db/schema';
import { recordEvent, type Actor } from './events';
import { dueAtFor, type SeverityDays } from './sla';

// The lifecycle as data: which move exists, who may make it, whether it needs a written reason. Buttons come from
// allowedMoves, every move goes through enterState, which alone applies a move's side effects.

// Code asks a state's type, never lists state keys: labels and order are editable rows of report_states.
export type StateLike = { type: StateType };
export const isOpen = (state: StateLike) => state.type === 'open';
export const isResolved = (state: StateLike) => state.type === 'resolved';
export const typeOf = (key: StateKey): StateType => STATE_TYPES[key];

export const INITIAL_STATE: StateKey = 'new';

/** A resident may say « pas résolu » for this long after the resolution. */
export const REOPEN_WINDOW_DAYS = 30;

export type Transition = {
  from: StateKey;
  to: StateKey;
  /** A staff permission (asked for the report's scope), or the resident holding the private link. */
  by: Permission | 'resident';
  needsReason: boolean;
  /** The button's words. */
  label: string;
};

const WORKING: StateKey[] = ['new', 'acknowledged', 'in_progress', 'reopened'];

export const TRANSITIONS: readonly Transition[] = [
  { from: 'new', to: 'acknowledged', by: 'reports.triage', needsReason: false, label: 'Prendre en compte' },
  { from: 'reopened', to: 'acknowledged', by: 'reports.triage', needsReason: false, label: 'Prendre en compte' },
  ...(['new', 'acknowledged', 'reopened'] as const).map((from) => ({
    from,
    to: 'in_progress' as const,
    by: 'reports.triage' as const,
    needsReason: false,
    label: 'Démarrer l’intervention',
  })),
  ...WORKING.map((from) => ({
    from,
    to: 'resolved' as const,
    by: 'reports.triage' as const,
    needsReason: true,
    label: 'Résoudre',
  })),
  ...WORKING.map((from) => ({
    from,
    to: 'rejected' as const,
    by: 'reports.triage' as const,
    needsReason: true,
    label: 'Rejeter',
  })),
  ...WORKING.map((from) => ({
    from,
    to: 'duplicate' as const,
    by: 'reports.triage' as const,
    needsReason: false,
    label: 'Marquer comme doublon',
  })),
  { from: 'resolved', to: 'reopened', by: 'resident', needsReason: true, label: 'Signaler que ce n’est pas résolu' },
  { from: 'resolved', to: 'reopened', by: 'reports.triage', needsReason: true, label: 'Rouvrir' },
  { from: 'rejected', to: 'reopened', by: 'reports.triage', needsReason: true, label: 'Rouvrir' },
];

export type Mover = 'resident' | StaffUser;
export type MovableReport = ReportScope & { stateKey: StateKey };

function isAllowed(move: Transition, who: Mover, report: MovableReport): boolean {
  if (move.from !== report.stateKey) return false;
  if (who === 'resident' || move.by === 'resident') return who === 'resident' && move.by === 'resident';
  return can(who, move.by, report);
}

/** The moves this person may make on this report now: the buttons of the staff report page. */
export function allowedMoves(user: StaffUser, report: MovableReport): Transition[] {
  return TRANSITIONS.filter((move) => isAllowed(move, user, report));
}

export function findMove(who: Mover, report: MovableReport, to: StateKey): Transition | null {
  return TRANSITIONS.find((move) => move.to === to && isAllowed(move, who, report)) ?? null;
}

export function isWithinReopenWindow(resolvedAt: Date | null, now: Date = new Date()): boolean {
  return resolvedAt !== null && now.getTime() - resolvedAt.getTime() <= REOPEN_WINDOW_DAYS * 24 * 3_600_000;
}

/** Whether the private page offers « ce n'est pas résolu »: the lifecycle allows it and the window is still open. */
export function canResidentReopen(report: { stateKey: StateKey; resolvedAt: Date | null }, now: Date = new Date()): boolean {
  const isMove = TRANSITIONS.some((m) => m.by === 'resident' && m.from === report.stateKey && m.to === 'reopened');
  return isMove && isWithinReopenWindow(report.resolvedAt, now);
}

export type ReportVersion = {
  id: number;
  version: number;
  stateKey: StateKey;
  severity: Severity;
  poleId: string;
};

type Entering = {
  actor: Actor;
  /** The solution, the rejection's reason, the reopening's reason: what the resident is told. */
  text?: string | null;
  now?: Date;
  severityDays: SeverityDays;
  duplicateOf?: { id: number; reference: string };
};

/**
 * Moves a report along `move` if nobody changed it since `report.version` was read; returns false otherwise (the
 * caller rolls back). The side effects of entering a state live here and nowhere else.
 */
export async function enterState(tx: Db, report: ReportVersion, move: Transition, entering: Entering): Promise<boolean> {
  if (move.from !== report.stateKey) throw new Error(`no move from ${report.stateKey} to ${move.to}`);
  if (move.needsReason && !entering.text?.trim()) throw new Error(`the move to ${move.to} needs a reason`);
  const now = entering.now ?? new Date();
  const type = typeOf(move.to);
  const updated = await tx
    .update(reports)
    .set({
      stateKey: move.to,
      version: sql`${reports.version} + 1`,
      updatedAt: now,
      resolvedAt: type === 'resolved' ? now : null,
      acknowledgedAt: sql`coalesce(${reports.acknowledgedAt}, ${now.toISOString()}::timestamptz)`,
      ...(move.to === 'reopened' ? { dueAt: dueAtFor(report.severity, now, entering.severityDays), outcome: null } : {}),
      ...(move.to === 'resolved' || move.to === 'rejected' ? { outcome: entering.text!.trim() } : {}),
      ...(move.to === 'duplicate' ? { duplicateOfId: entering.duplicateOf!.id } : {}),
    })
    .where(and(eq(reports.id, report.id), eq(reports.version, report.version)))
    .returning({ id: reports.id });
  if (updated.length === 0) return false;
  const base = { reportId: report.id, poleId: report.poleId, actor: entering.actor, at: now, fromState: report.stateKey };
  let eventId: number;
  if (move.to === 'reopened') {
    eventId = await recordEvent(tx, { ...base, kind: 'reopened', toState: 'reopened', text: entering.text!.trim() });
  } else {
    eventId = await recordEvent(tx, {
      ...base,
      kind: 'state_changed',
      toState: move.to,
      text: entering.text?.trim() || null,
      ...(entering.duplicateOf ? { data: { originalReference: entering.duplicateOf.reference } } : {}),
    });
  }
  const message = MESSAGE_ON_ENTERING[move.to];
  if (message) await enqueue(tx, { kind: message, reportId: report.id, eventId }, now);
  return true;
}

/** What the people of a report are told when it enters a state (in the same transaction as the move). */
const MESSAGE_ON_ENTERING: Partial<Record<StateKey, NotificationKind>> = {
  resolved: 'resolution',
  rejected: 'rejection',
  reopened: 'reopening',
  duplicate: 'duplicate',
};
