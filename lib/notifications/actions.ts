'use server';

import { formStrings } from '@/lib/reports/input';
import { runStaffCommand, type StaffFormState } from '@/lib/staff/run-command';
import { retryMails } from './mail-log';
import { markBatchPosted, prepareBatch } from './print-queue';

// Server actions of the letters and e-mails pages: each runs its command, which checks permission and scope itself.

export async function prepareBatchAction(_state: StaffFormState, formData: FormData) {
  return runStaffCommand(formData, (db, user, form) => prepareBatch(db, user, formStrings(form, ['poleId'])));
}

export async function markBatchPostedAction(_state: StaffFormState, formData: FormData) {
  return runStaffCommand(formData, (db, user, form) => markBatchPosted(db, user, formStrings(form, ['batchId'])));
}

export async function retryMailsAction(_state: StaffFormState, formData: FormData) {
  return runStaffCommand(formData, (db, user, form) => retryMails(db, user, formStrings(form, ['id'])));
}
