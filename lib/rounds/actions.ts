'use server';

import { formStrings } from '@/lib/reports/input';
import { runStaffCommand, type StaffFormState } from '@/lib/staff/run-command';
import { addToRound, moveStop, orderRound, removeFromRound } from './commands';

// The round's server actions: public endpoints like any other, so each finds the signed-in person itself
// (runStaffCommand) and hands permission, parsing, owner and scope to its command in commands.ts.

export async function addToRoundAction(_state: StaffFormState, formData: FormData): Promise<StaffFormState> {
  return runStaffCommand(formData, (db, user, form) =>
    addToRound(db, user, { ...formStrings(form, ['owner']), selection: form.getAll('selection').map(String) }),
  );
}

export async function removeFromRoundAction(_state: StaffFormState, formData: FormData): Promise<StaffFormState> {
  return runStaffCommand(formData, (db, user, form) => removeFromRound(db, user, formStrings(form, ['owner', 'reference'])));
}

export async function moveStopAction(_state: StaffFormState, formData: FormData): Promise<StaffFormState> {
  return runStaffCommand(formData, (db, user, form) =>
    moveStop(db, user, formStrings(form, ['owner', 'reference', 'direction'])),
  );
}

export async function orderRoundAction(_state: StaffFormState, formData: FormData): Promise<StaffFormState> {
  return runStaffCommand(formData, (db, user, form) => orderRound(db, user, formStrings(form, ['owner'])));
}
