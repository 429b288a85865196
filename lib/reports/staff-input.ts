import { z } from 'zod';
import { severity } from '@/db/schema';
import { coordinate } from '@/lib/territory/input';
import { hasControlCharacters, noControl } from './input';
import { REFERENCE_PATTERN } from './reference-format';

// What the staff's forms send, one schema per command; every error in French, next to its field.

export const STAFF_TEXT_MAX = 2000;

/** Why a report is not taken on; the resident's letter says it, so each reason reads as a sentence. */
export const REJECTION_REASONS = {
  not_competent: 'Ce signalement ne relève pas de la compétence de la Métropole',
  not_found: 'L’anomalie n’a pas été constatée sur place',
  private_property: 'L’anomalie se trouve sur une propriété privée',
  already_planned: 'Une intervention est déjà programmée à cet endroit',
  other: 'Ce signalement n’a pas pu être retenu',
} as const;
export type RejectionReason = keyof typeof REJECTION_REASONS;

const reference = z.string().trim().regex(REFERENCE_PATTERN, { error: 'Référence de signalement invalide.' });
const version = z.coerce.number({ error: 'Version manquante : rechargez la page.' }).int().min(0);
export const words = (label: string, min = 3) =>
  z
    .string()
    // A browser sends a textarea's line breaks as CRLF but counts them as one character against maxlength: count them
    // as one here too, or a text the form let through is refused.
    .transform((value) => value.replace(/\r\n?/g, '\n'))
    .pipe(
      z
        .string()
        .trim()
        .min(min, { error: `${label} : ${min} caractères au moins.` })
        .max(STAFF_TEXT_MAX, { error: `${label} : ${STAFF_TEXT_MAX} caractères au plus.` })
        .refine((value) => !hasControlCharacters(value), noControl(label)),
    );

export const target = { reference, version };

export const moveInput = z.discriminatedUnion('to', [
  z.object({ ...target, to: z.enum(['acknowledged', 'in_progress']) }),
  z.object({ ...target, to: z.literal('resolved'), text: words('La solution apportée', 10) }),
  z.object({ ...target, to: z.literal('reopened'), text: words('La raison de la réouverture', 10) }),
  z
    .object({
      ...target,
      to: z.literal('rejected'),
      rejection: z.enum(Object.keys(REJECTION_REASONS) as [RejectionReason, ...RejectionReason[]], {
        error: 'Choisissez le motif du rejet.',
      }),
      competentBody: z.string().trim().max(200).optional().default(''),
      text: z.string().trim().max(STAFF_TEXT_MAX).optional().default(''),
    })
    .refine((input) => input.rejection !== 'not_competent' || input.competentBody.length >= 3, {
      error: 'Nommez l’organisme compétent (par exemple : la commune, le Département, Enedis).',
      path: ['competentBody'],
    }),
  z.object({
    ...target,
    to: z.literal('duplicate'),
    originalReference: z
      .string()
      .trim()
      .toUpperCase()
      .regex(REFERENCE_PATTERN, { error: 'Saisissez la référence du signalement d’origine (PC-2026-000123).' }),
  }),
]);
export type MoveInput = z.infer<typeof moveInput>;

/** The sentence the resident reads when a report is rejected. */
export function rejectionText(input: Extract<MoveInput, { to: 'rejected' }>): string {
  const body = input.rejection === 'not_competent' ? ` : il a été transmis à ${input.competentBody}` : '';
  return [`${REJECTION_REASONS[input.rejection]}${body}.`, input.text].filter(Boolean).join('\n');
}

export const severityInput = z.object({
  ...target,
  severity: z.enum(severity.enumValues, { error: 'Choisissez une gravité.' }),
});

export const assignInput = z.object({
  ...target,
  assigneeUserId: z
    .string()
    .trim()
    .regex(/^\d{0,9}$/, { error: 'Choisissez une personne de la liste.' })
    .transform((value) => (value ? Number(value) : null)),
});

export const planInput = z.object({
  ...target,
  plannedFor: z
    .string()
    .trim()
    .refine((value) => value === '' || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))), {
      error: 'Saisissez une date valide (jj/mm/aaaa).',
    })
    .transform((value) => value || null),
});

export const transferInput = z.object({
  ...target,
  poleId: z.string().trim().min(1, { error: 'Choisissez le pôle qui doit traiter le signalement.' }),
  text: words('Le motif du transfert'),
});

export const relocateInput = z.object({
  ...target,
  lon: coordinate(180, { format: 'Longitude illisible.', range: 'Longitude hors limites.' }),
  lat: coordinate(90, { format: 'Latitude illisible.', range: 'Latitude hors limites.' }),
});

export const noteInput = z.object({ reference, text: words('Le texte', 2) });

/** A mass action: the selected reports, each with the version shown in the list. */
export const selectionInput = z
  .array(z.string().regex(/^PC-\d{4}-\d{6}:\d{1,9}$/))
  .min(1, { error: 'Sélectionnez au moins un signalement.' })
  .max(200, { error: '200 signalements au plus à la fois.' })
  .transform((items) => items.map((item) => ({ reference: item.split(':')[0]!, version: Number(item.split(':')[1]) })));
