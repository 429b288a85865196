import type { Db } from '@/db';
import { reportEvents, type EventKind, type Role, type StateKey } from '@/db/schema';
import { forgetPublicMap } from './map-cache';

export type { EventKind };

// The one writer of a report's history. Every change to a report calls it inside the change's own transaction, with a
// typed actor and a payload typed by the event's kind; whether an entry is public is a property of its kind.

export type Actor = { type: 'resident' } | { type: 'system' } | { type: 'staff'; userId: number; role: Role };

export const RESIDENT: Actor = { type: 'resident' };
export const SYSTEM: Actor = { type: 'system' };

type Details = {
  created: { toState: StateKey; text?: string | null };
  state_changed: { fromState: StateKey; toState: StateKey; text?: string | null; data?: { originalReference?: string } };
  reopened: { fromState: StateKey; toState: StateKey; text: string };
  severity_changed: { data: { from: string; to: string; dueAt: string } };
  assigned: { data: { assigneeUserId: number | null; assigneeName: string | null } };
  planned: { data: { plannedFor: string | null } };
  transferred: { fromPoleId: string; toPoleId: string; text: string };
  relocated: {
    fromPoleId: string;
    toPoleId: string;
    data: { from: { lon: number; lat: number; communeInsee: string }; to: { lon: number; lat: number; communeInsee: string } };
  };
  duplicate_linked: { data: { duplicateReference: string } };
  follower_added: { data?: { channel?: string } };
  note: { text: string };
  comment: { text: string };
  contact_erased: { text: string };
  letter_posted: { data: { batchId: number; letters: number } };
  published: { data?: { publicText?: boolean } };
  /** The text replaced is kept here, staff-only: the report's `description` stays the resident's original. */
  public_text_edited: { data: { previous: string; next: string } };
  photo_hidden: { data: { position: number } };
  photo_redacted: { data: { position: number; rectangles: number; mode: string; isOriginalKept: boolean } };
  report_hidden: { text: string };
  report_shown: { text?: string | null };
  sender_marked: { text: string; data: { mark: string; keys: number } };
};

export type EventInput = {
  [K in EventKind]: { kind: K; reportId: number; poleId: string; actor: Actor; at?: Date } & Details[K];
}[EventKind];

/** Which kinds the resident's public timeline shows (staff names never: the pôle speaks). */
export const IS_PUBLIC: Record<EventKind, boolean> = {
  created: true,
  state_changed: true,
  reopened: true,
  severity_changed: false,
  assigned: false,
  planned: true,
  transferred: true,
  relocated: true,
  duplicate_linked: true,
  follower_added: true,
  note: false,
  comment: true,
  contact_erased: false,
  letter_posted: false,
  published: false,
  public_text_edited: false,
  photo_hidden: false,
  photo_redacted: false,
  report_hidden: false,
  report_shown: false,
  sender_marked: false,
};

/** Kinds that record a change of the report itself (and raise its version); notes, comments, arrivals do not. */
export const CHANGES_REPORT: Record<EventKind, boolean> = {
  created: true,
  state_changed: true,
  reopened: true,
  severity_changed: true,
  assigned: true,
  planned: true,
  transferred: true,
  relocated: true,
  duplicate_linked: false,
  follower_added: false,
  note: false,
  comment: false,
  contact_erased: false,
  letter_posted: false,
  published: true,
  public_text_edited: true,
  photo_hidden: true,
  photo_redacted: true,
  report_hidden: true,
  report_shown: true,
  sender_marked: false,
};

/** Of the public kinds, those whose written text is meant for the resident too (a transfer's reason is internal). */
export const HAS_PUBLIC_TEXT: Record<EventKind, boolean> = {
  ...IS_PUBLIC,
  transferred: false,
  relocated: false,
};

function eventRow(input: EventInput) {
  const { kind, reportId, poleId, actor, at } = input;
  const staff = actor.type === 'staff' ? actor : null;
  return {
    reportId,
    kind,
    actorType: actor.type,
    actorUserId: staff?.userId ?? null,
    actorRole: staff?.role ?? null,
    poleId,
    fromState: 'fromState' in input ? input.fromState : null,
    toState: 'toState' in input ? input.toState : null,
    fromPoleId: 'fromPoleId' in input ? input.fromPoleId : null,
    toPoleId: 'toPoleId' in input ? input.toPoleId : kind === 'created' ? poleId : null,
    reason: 'text' in input ? (input.text ?? null) : null,
    data: 'data' in input ? ((input.data as Record<string, unknown> | undefined) ?? null) : null,
    isPublic: IS_PUBLIC[kind],
    ...(at ? { createdAt: at } : {}),
  };
}

/** Writes one entry; its id lets a message name the event whose text it carries. */
export async function recordEvent(tx: Db, input: EventInput): Promise<number> {
  const [row] = await tx.insert(reportEvents).values(eventRow(input)).returning({ id: reportEvents.id });
  if (CHANGES_REPORT[input.kind]) forgetPublicMap();
  return row!.id;
}

/** Many entries in one statement (the demo's history, mass actions). */
export async function recordEvents(tx: Db, inputs: EventInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await tx.insert(reportEvents).values(inputs.map(eventRow));
  if (inputs.some((input) => CHANGES_REPORT[input.kind])) forgetPublicMap();
}
