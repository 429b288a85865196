'use server';

import { runStaffCommand, type StaffFormState } from '@/lib/staff/run-command';
import { formStrings } from './input';
import { editPublicText, hidePhoto, hideReport, markSender, publishReport, showReport } from './moderation-commands';

// The moderation forms' server actions: each hands its fields to its command (moderation-commands.ts), which checks
// the permission, the fields, the report's reach and version itself.

type Command = typeof publishReport;
const TARGET = ['reference', 'version'];
const action = (command: Command, fields: string[]) => (formData: unknown) =>
  runStaffCommand(formData, (db, user, form) => command(db, user, formStrings(form, [...TARGET, ...fields])));

const publish = action(publishReport, []);
const publicText = action(editPublicText, ['text']);
const photo = action(hidePhoto, ['position']);
const hide = action(hideReport, ['text']);
const show = action(showReport, []);
const sender = action(markSender, ['mark', 'text']);

export async function publishReportAction(_state: StaffFormState, formData: FormData) {
  return publish(formData);
}
export async function editPublicTextAction(_state: StaffFormState, formData: FormData) {
  return publicText(formData);
}
export async function hidePhotoAction(_state: StaffFormState, formData: FormData) {
  return photo(formData);
}
export async function hideReportAction(_state: StaffFormState, formData: FormData) {
  return hide(formData);
}
export async function showReportAction(_state: StaffFormState, formData: FormData) {
  return show(formData);
}
export async function markSenderAction(_state: StaffFormState, formData: FormData) {
  return sender(formData);
}
