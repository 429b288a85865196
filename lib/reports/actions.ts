'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect, unstable_rethrow } from 'next/navigation';
import { getDb } from '@/db';
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

/** A failure of ours (the database, most often) reaches the resident as a French sentence, never as a crash. */
async function orUnavailable(run: () => Promise<FormState>): Promise<FormState> {
  try {
    return await run();
  } catch (error) {
    unstable_rethrow(error);
    log.error('report_action.failed', error);
    return UNAVAILABLE;
  }
}

const privateLink = (reference: string, token: string) => `/suivi/${reference}/acces/${encodeURIComponent(token)}`;

export async function submitReport(_state: FormState, formData: FormData): Promise<FormState> {
  return orUnavailable(async () => {
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
  return orUnavailable(async () => {
    const outcome = await receiveFollow(await getDb(), formStrings(formData, FOLLOW_FIELDS));
    if (!outcome.ok) return outcome;
    redirect(`${privateLink(outcome.reference, outcome.token)}?suivi=1`);
  });
}

export async function reopenReportAction(_state: FormState, formData: FormData): Promise<FormState> {
  const [reference, token, reason] = ['reference', 'token', 'reason'].map((name) => String(formData.get(name) ?? ''));
  return orUnavailable(async () => {
    const outcome = await reopenReport(await getDb(), reference!, token!, reason!);
    // The page the resident is on shows the state it just changed.
    if (outcome.ok) revalidatePath(`/suivi/${reference}`, 'layout');
    return { ...outcome, isDone: outcome.ok };
  });
}

export async function eraseContactAction(_state: FormState, formData: FormData): Promise<FormState> {
  const [reference, token] = ['reference', 'token'].map((name) => String(formData.get(name) ?? ''));
  return orUnavailable(async () => {
    const outcome = await eraseContact(await getDb(), reference!, token!);
    return { ...outcome, isDone: outcome.ok };
  });
}
