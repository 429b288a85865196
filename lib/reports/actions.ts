'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect, unstable_rethrow } from 'next/navigation';
import { getDb } from '@/db';
import { isForm, NOT_A_FORM } from '@/lib/action-body';
import { clientIpFrom } from '@/lib/client-ip';
import { siteOrigin } from '@/lib/site-url';
import { RESIDENT } from './events';
import { eraseContact, reopenReport } from './follow-up';
import { FOLLOW_FIELDS, formStrings, REPORT_FIELDS, type FieldErrors } from './input';
import { receiveFollow, receiveReport } from './submit';
import { log } from '@/lib/log';

// Public endpoints: anyone may call them, so each one validates everything itself (lib/reports/submit.ts).

export type Confirmation = { reference: string; poleName: string; dueAt: string; privateUrl: string; isEmailed: boolean };
export type FormState = { fieldErrors?: FieldErrors; message?: string; isDone?: boolean; confirmation?: Confirmation };

async function senderIp(): Promise<string> {
  return clientIpFrom(await headers());
}

const UNAVAILABLE: FormState = {
  message: 'Le service est momentanément indisponible : rien n’a été enregistré. Réessayez dans quelques instants.',
};
const MALFORMED: FormState = { message: NOT_A_FORM };

/**
 * Runs a public form's action. Arguments of another shape (a robot's, not a form's) are refused as such; a failure of
 * ours (the database, most often) reaches the resident as a French sentence, never as a crash.
 */
async function fromForm(formData: unknown, run: (formData: FormData) => Promise<FormState>): Promise<FormState> {
  if (!isForm(formData)) return MALFORMED;
  try {
    return await run(formData);
  } catch (error) {
    unstable_rethrow(error);
    log.error('report_action.failed', error);
    return UNAVAILABLE;
  }
}

const privateLink = (reference: string, token: string) => `/suivi/${reference}/acces/${encodeURIComponent(token)}`;

export async function submitReport(_state: FormState, formData: FormData): Promise<FormState> {
  return fromForm(formData, async (formData) => {
    const files = formData.getAll('photos').filter((value): value is File => value instanceof File);
    const raw = formStrings(formData, REPORT_FIELDS);
    const outcome = await receiveReport(await getDb(), raw, files, {
      ip: await senderIp(),
      channel: 'web',
      actor: RESIDENT,
    });
    if (!outcome.ok) return outcome;
    // Confirmed in place rather than by a redirect, which would make Next render the next page within this request.
    // No revalidation either: every page showing reports is rendered per request, and the map fetches uncached.
    const { reference, poleName, dueAt, token } = outcome;
    return {
      isDone: true,
      confirmation: {
        reference,
        poleName,
        dueAt: dueAt.toISOString(),
        privateUrl: `${await siteOrigin()}${privateLink(reference, token)}`,
        // The acknowledgement queued with the report (lib/notifications/outbox.ts) carries the same link.
        isEmailed: Boolean(raw.email?.trim()) && !raw.noReply,
      },
    };
  });
}

export async function followReport(_state: FormState, formData: FormData): Promise<FormState> {
  return fromForm(formData, async (formData) => {
    const outcome = await receiveFollow(await getDb(), formStrings(formData, FOLLOW_FIELDS));
    if (!outcome.ok) return outcome;
    redirect(`${privateLink(outcome.reference, outcome.token)}?suivi=1`);
  });
}

export async function reopenReportAction(_state: FormState, formData: FormData): Promise<FormState> {
  return fromForm(formData, async (formData) => {
    const { reference, token, reason } = formStrings(formData, ['reference', 'token', 'reason']);
    const outcome = await reopenReport(await getDb(), reference!, token!, reason!);
    // The page the resident is on shows the state it just changed.
    if (outcome.ok) revalidatePath(`/suivi/${reference}`, 'layout');
    return { ...outcome, isDone: outcome.ok };
  });
}

export async function eraseContactAction(_state: FormState, formData: FormData): Promise<FormState> {
  return fromForm(formData, async (formData) => {
    const { reference, token } = formStrings(formData, ['reference', 'token']);
    const outcome = await eraseContact(await getDb(), reference!, token!);
    return { ...outcome, isDone: outcome.ok };
  });
}
