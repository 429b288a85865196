'use server';

import { revalidatePath } from 'next/cache';
import { unstable_rethrow } from 'next/navigation';
import { getDb, type Db } from '@/db';
import { getStaff } from '@/lib/auth';
import { log } from '@/lib/log';
import { isForm } from '@/lib/action-body';
import { MALFORMED, runStaffCommand, SIGNED_OUT, UNAVAILABLE, type StaffFormState } from '@/lib/staff/run-command';
import { siteOrigin } from '@/lib/site-url';
import type { StaffUser } from '@/lib/permissions';
import { FOLLOW_FIELDS, formStrings, REPORT_FIELDS, type FieldErrors } from './input';
import {
  addComment,
  addNote,
  assignReport,
  moveReport,
  planReport,
  relocateReport,
  runOnSelection,
  setSeverity,
  transferReport,
  type CommandResult,
  type MassCommand,
} from './staff-commands';
import { redactReportPhoto, resolveReport } from './photo-commands';
import { getPublicReport } from './queries';
import { followForCaller, receiveIntake } from './staff-intake';
import { selectionInput } from './staff-input';
import { updateDesk } from '@/lib/territory/desks';
import { updateTemplate } from './templates';

// The staff's server actions: public endpoints like any other, so each one finds the signed-in person itself and
// hands everything else (permission, parsing, scope, version, transaction) to its command in staff-commands.ts.

export type { StaffFormState };

type Command = (db: Db, user: StaffUser, raw: Record<string, unknown>) => Promise<CommandResult>;

const run = runStaffCommand;

const action = (command: Command, fields: string[]) => (formData: FormData) =>
  run(formData, (db, user, form) => command(db, user, formStrings(form, fields)));

const TARGET = ['reference', 'version'];
const moveAction = action(moveReport, [...TARGET, 'to', 'text', 'rejection', 'competentBody', 'originalReference']);
const severityAction = action(setSeverity, [...TARGET, 'severity']);
const assignAction = action(assignReport, [...TARGET, 'assigneeUserId']);
const planAction = action(planReport, [...TARGET, 'plannedFor']);
const transferAction = action(transferReport, [...TARGET, 'poleId', 'text']);
const relocateAction = action(relocateReport, [...TARGET, 'lon', 'lat']);
const noteAction = action(addNote, ['reference', 'text']);
const commentAction = action(addComment, ['reference', 'text']);
const templateAction = action(updateTemplate, ['slug', 'template']);
const deskAction = action(updateDesk, ['insee', 'deskAddress', 'deskHours']);

export async function moveReportAction(_state: StaffFormState, formData: FormData) {
  return moveAction(formData);
}
export async function setSeverityAction(_state: StaffFormState, formData: FormData) {
  return severityAction(formData);
}
export async function assignReportAction(_state: StaffFormState, formData: FormData) {
  return assignAction(formData);
}
export async function planReportAction(_state: StaffFormState, formData: FormData) {
  return planAction(formData);
}
export async function transferReportAction(_state: StaffFormState, formData: FormData) {
  return transferAction(formData);
}
export async function relocateReportAction(_state: StaffFormState, formData: FormData) {
  return relocateAction(formData);
}
export async function addNoteAction(_state: StaffFormState, formData: FormData) {
  return noteAction(formData);
}
export async function addCommentAction(_state: StaffFormState, formData: FormData) {
  return commentAction(formData);
}

export async function updateTemplateAction(_state: StaffFormState, formData: FormData) {
  return templateAction(formData);
}

export async function updateDeskAction(_state: StaffFormState, formData: FormData) {
  return deskAction(formData);
}

const MASS: MassCommand[] = ['acknowledge', 'assign', 'severity', 'transfer'];

export async function massAction(_state: StaffFormState, formData: FormData): Promise<StaffFormState> {
  return run(formData, async (db, user, form) => {
    const name = String(form.get('command') ?? '') as MassCommand;
    const selection = selectionInput.safeParse(form.getAll('selection').map(String));
    if (!MASS.includes(name)) return { ok: false, message: 'Choisissez une action à appliquer à la sélection.' };
    if (!selection.success) return { ok: false, message: selection.error.issues[0]!.message };
    const fields = formStrings(form, ['assigneeUserId', 'severity', 'poleId', 'text']);
    return runOnSelection(db, user, name, selection.data, fields);
  });
}

/** What the agent reads back to the caller, and what the counter's receipt prints. */
export type IntakeReceipt = {
  reference: string;
  poleName: string;
  dueAt: string;
  categoryName: string;
  description: string;
  place: string;
  publicUrl: string;
  privateUrl: string;
  /** An acknowledgement with the same links is on its way to the e-mail address the person gave. */
  isEmailed: boolean;
};
export type IntakeState = { fieldErrors?: FieldErrors; message?: string; receipt?: IntakeReceipt; followed?: string };

export async function submitIntakeAction(_state: IntakeState, formData: FormData): Promise<IntakeState> {
  const user = await getStaff();
  if (!user) return SIGNED_OUT;
  if (!isForm(formData)) return MALFORMED;
  try {
    const files = formData.getAll('photos').filter((value): value is File => value instanceof File);
    const raw = formStrings(formData, [...REPORT_FIELDS, 'channel', 'severity']);
    const outcome = await receiveIntake(await getDb(), user, raw, files);
    if (!outcome.ok) return outcome;
    const report = await getPublicReport(outcome.reference, { isReporter: true });
    const origin = await siteOrigin();
    revalidatePath('/gestion', 'layout');
    return {
      receipt: {
        reference: outcome.reference,
        poleName: outcome.poleName,
        dueAt: outcome.dueAt.toISOString(),
        categoryName: report?.categoryName ?? '',
        description: report?.description ?? '',
        place: [report?.address, report?.communeName].filter(Boolean).join(', '),
        publicUrl: `${origin}/suivi/${outcome.reference}`,
        privateUrl: `${origin}/suivi/${outcome.reference}/acces/${encodeURIComponent(outcome.token)}`,
        isEmailed: Boolean(raw.email?.trim()) && !raw.noReply,
      },
    };
  } catch (error) {
    unstable_rethrow(error);
    log.error('intake.failed', error, { userId: user.id });
    return UNAVAILABLE;
  }
}

export async function followForCallerAction(_state: IntakeState, formData: FormData): Promise<IntakeState> {
  const user = await getStaff();
  if (!user) return SIGNED_OUT;
  if (!isForm(formData)) return MALFORMED;
  try {
    const outcome = await followForCaller(await getDb(), user, formStrings(formData, [...FOLLOW_FIELDS, 'channel']));
    if (!outcome.ok) return outcome;
    revalidatePath('/gestion', 'layout');
    return { followed: outcome.reference };
  } catch (error) {
    unstable_rethrow(error);
    log.error('intake_follow.failed', error, { userId: user.id });
    return UNAVAILABLE;
  }
}

// Photos: redacting one (moderators), and resolving with photos of the work done, whose files formStrings would drop.
const redactAction = action(redactReportPhoto, [...TARGET, 'position', 'mode', 'rectangles']);

export async function redactPhotoAction(_state: StaffFormState, formData: FormData) {
  return redactAction(formData);
}

export async function resolveReportAction(_state: StaffFormState, formData: FormData) {
  return run(formData, (db, user, form) => {
    const files = form.getAll('photos').filter((value): value is File => value instanceof File);
    return resolveReport(db, user, formStrings(form, [...TARGET, 'text']), files);
  });
}
