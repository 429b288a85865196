import 'server-only';
import { revalidatePath } from 'next/cache';
import { unstable_rethrow } from 'next/navigation';
import { getDb, type Db } from '@/db';
import { isForm, NOT_A_FORM } from '@/lib/action-body';
import { getStaff } from '@/lib/auth';
import { log } from '@/lib/log';
import type { StaffUser } from '@/lib/permissions';
import type { FieldErrors } from '@/lib/reports/input';
import type { CommandResult } from '@/lib/reports/staff-commands';

// How every staff server action runs its command: it finds the signed-in person itself, refuses arguments that are no
// form, runs the command (which checks permission, input and scope), refreshes the staff pages on success, and never
// lets an error's words out.

export type StaffFormState = { ok?: boolean; message?: string; fieldErrors?: FieldErrors };

export const SIGNED_OUT: StaffFormState = {
  ok: false,
  message: 'Votre session a expiré : reconnectez-vous, rien n’a été enregistré.',
};
export const UNAVAILABLE: StaffFormState = {
  ok: false,
  message: 'Le service est momentanément indisponible : rien n’a été enregistré. Réessayez dans quelques instants.',
};

export const MALFORMED: StaffFormState = { ok: false, message: NOT_A_FORM };

/** `formData` is what the action was called with: the command reads it only once it is known to be a form. */
export async function runStaffCommand(
  formData: unknown,
  execute: (db: Db, user: StaffUser, formData: FormData) => Promise<CommandResult>,
): Promise<StaffFormState> {
  const user = await getStaff();
  if (!user) return SIGNED_OUT;
  if (!isForm(formData)) return MALFORMED;
  try {
    const result = await execute(await getDb(), user, formData);
    if (result.ok) revalidatePath('/gestion', 'layout');
    return result;
  } catch (error) {
    unstable_rethrow(error);
    // The error's name only: a database error's message can quote the values of the query.
    log.error('staff_action.failed', error, { userId: user.id });
    return UNAVAILABLE;
  }
}
