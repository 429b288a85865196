import { z } from 'zod';
import { REFERENCE_PATTERN } from '@/lib/reports/reference-format';

// What the round's forms send, one schema per command; every error in French.

/** Most stops a round holds: a day's work, and a PDF that stays a few megabytes. */
export const ROUND_MAX_STOPS = 60;

/** Whose round: a user id; empty means the signed-in person's own. */
const owner = z
  .string()
  .trim()
  .regex(/^\d{0,9}$/, { error: 'Choisissez une personne de la liste.' })
  .transform((value) => (value ? Number(value) : null));

const reference = z.string().trim().regex(REFERENCE_PATTERN, { error: 'Référence de signalement invalide.' });

export const addInput = z.object({
  owner,
  // The inbox's checkboxes send « PC-2026-000123:4 » (reference and the version shown); the version is not needed here.
  selection: z
    .array(z.string().regex(/^PC-\d{4}-\d{6}(:\d{1,9})?$/, { error: 'Sélection illisible : rechargez la page.' }))
    .min(1, { error: 'Cochez au moins un signalement à ajouter à la tournée.' })
    .max(ROUND_MAX_STOPS, { error: `${ROUND_MAX_STOPS} signalements au plus à la fois.` })
    .transform((items) => [...new Set(items.map((item) => item.split(':')[0]!))]),
});

export const stopInput = z.object({ owner, reference });

export const moveInput = z.object({
  owner,
  reference,
  direction: z.enum(['up', 'down'], { error: 'Choisissez de monter ou de descendre l’étape.' }),
});

export const ownerInput = z.object({ owner });

/** The `?pour=` of the round's page and sheet: a user id, or nothing for one's own round. */
export function parseOwnerParam(value: string | string[] | undefined): number | null | undefined {
  const parsed = owner.safeParse(typeof value === 'string' ? value : '');
  // undefined: unreadable, which the page answers as « introuvable ».
  return parsed.success ? parsed.data : undefined;
}
