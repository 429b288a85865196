import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db';
import { poles, reportEvents, reportStates, users, type Channel, type EventKind, type Severity } from '@/db/schema';
import { formatDate } from '@/lib/format';
import { ROLE_LABELS } from '@/lib/permissions';
import { HAS_PUBLIC_TEXT } from './events';
import { CHANNEL_LABELS, SEVERITY_SHORT_LABELS } from './labels';

// A report's history as people read it: the public timeline (the pôle speaks, never a person; internal entries and
// internal texts left out) and the staff's full history (who, in which role, internal entries marked).

export type TimelineEntry = {
  id: number;
  kind: EventKind;
  at: Date;
  stateLabel: string | null;
  /** Who acted, as the reader may know it: « Pôle de proximité Nord », « Usager », or a staff name for staff. */
  actorLabel: string;
  message: string | null;
  isPublic: boolean;
};

const toPole = alias(poles, 'to_pole');

function selectHistory(db: Db, reportId: number, publicOnly: boolean) {
  return db
    .select({
      id: reportEvents.id,
      kind: reportEvents.kind,
      at: reportEvents.createdAt,
      stateLabel: reportStates.label,
      actorType: reportEvents.actorType,
      actorRole: reportEvents.actorRole,
      actorName: users.name,
      poleName: poles.name,
      toPoleName: toPole.name,
      reason: reportEvents.reason,
      data: reportEvents.data,
      isPublic: reportEvents.isPublic,
    })
    .from(reportEvents)
    .innerJoin(poles, eq(reportEvents.poleId, poles.id))
    .leftJoin(toPole, eq(reportEvents.toPoleId, toPole.id))
    .leftJoin(reportStates, eq(reportEvents.toState, reportStates.key))
    .leftJoin(users, eq(reportEvents.actorUserId, users.id))
    .where(and(eq(reportEvents.reportId, reportId), publicOnly ? eq(reportEvents.isPublic, true) : undefined))
    .orderBy(asc(reportEvents.createdAt), asc(reportEvents.id));
}

type Row = Awaited<ReturnType<typeof selectHistory>>[number];
const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** What an entry says beyond its kind: facts from its typed payload, then the text a person wrote. */
function detailsOf(row: Row, audience: 'public' | 'staff'): string | null {
  const data = row.data ?? {};
  const facts: (string | null)[] = [];
  if (row.kind === 'planned') {
    const day = text(data.plannedFor);
    facts.push(day ? `Intervention prévue le ${formatDate(day)}.` : 'La date d’intervention prévue est retirée.');
  }
  if (row.kind === 'transferred' && row.toPoleName) facts.push(`Confié au ${row.toPoleName}.`);
  if (row.kind === 'state_changed' && text(data.originalReference))
    facts.push(`Même problème que ${text(data.originalReference)}.`);
  if (row.kind === 'duplicate_linked') facts.push(`Le signalement ${text(data.duplicateReference)} décrit le même problème.`);
  if (audience === 'staff') {
    if (row.kind === 'severity_changed') {
      const label = (value: unknown) => SEVERITY_SHORT_LABELS[value as Severity] ?? text(value);
      facts.push(`Gravité : ${label(data.from)} → ${label(data.to)} ; échéance recalculée.`);
    }
    if (row.kind === 'follower_added' && text(data.channel))
      facts.push(`Canal : ${CHANNEL_LABELS[data.channel as Channel] ?? data.channel}.`);
    if (row.kind === 'letter_posted' && typeof data.batchId === 'number')
      facts.push(`Lot d’impression n° ${data.batchId} (${data.letters} courrier${Number(data.letters) > 1 ? 's' : ''}).`);
    if (row.kind === 'assigned')
      facts.push(text(data.assigneeName) ? `Affecté à ${text(data.assigneeName)}.` : 'Plus affecté à personne.');
  }
  const written = audience === 'staff' || HAS_PUBLIC_TEXT[row.kind] ? row.reason : null;
  const message = [...facts, written].filter(Boolean).join('\n');
  return message || null;
}

function publicActor(row: Row): string {
  return row.actorType === 'resident' ? 'Usager' : row.poleName;
}

function staffActor(row: Row): string {
  if (row.actorType === 'resident') return 'Usager';
  if (row.actorType === 'system') return 'Système';
  return `${row.actorName} (${ROLE_LABELS[row.actorRole!]})`;
}

export async function getPublicTimeline(db: Db, reportId: number): Promise<TimelineEntry[]> {
  const rows = await selectHistory(db, reportId, true);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    at: row.at,
    stateLabel: row.stateLabel,
    actorLabel: publicActor(row),
    message: detailsOf(row, 'public'),
    isPublic: true,
  }));
}

export async function getStaffTimeline(db: Db, reportId: number): Promise<TimelineEntry[]> {
  const rows = await selectHistory(db, reportId, false);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    at: row.at,
    stateLabel: row.stateLabel,
    actorLabel: staffActor(row),
    message: detailsOf(row, 'staff'),
    isPublic: row.isPublic,
  }));
}
