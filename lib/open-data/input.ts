import { z } from 'zod';
import { STATE_KEYS, STATE_TYPES, type StateKey, type StateType } from '@/db/schema';

// The export's two filters, read from its query string; pure, so every refusal is unit-tested without a database.
// French names, like the page that documents them: ?annee=2025&etat=ouverts.

export const OPEN_DATA_STATES = { ouverts: 'open', resolus: 'resolved', clos: 'closed' } as const satisfies Record<
  string,
  StateType
>;
export type OpenDataStateFilter = keyof typeof OPEN_DATA_STATES;
const STATE_NAMES = Object.keys(OPEN_DATA_STATES) as [OpenDataStateFilter, ...OpenDataStateFilter[]];

/** The service opened long after this; a year outside is a typing error, not an empty dataset. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

export type OpenDataFilters = { year: number | null; state: OpenDataStateFilter | null };
export const NO_FILTERS: OpenDataFilters = { year: null, state: null };

const schema = z.object({
  annee: z
    .string()
    .regex(/^\d{4}$/, { error: 'Le paramètre « annee » doit être une année à 4 chiffres, par exemple 2025.', abort: true })
    .transform(Number)
    .refine((year) => year >= FIRST_YEAR && year <= LAST_YEAR, {
      error: `Le paramètre « annee » doit être compris entre ${FIRST_YEAR} et ${LAST_YEAR}.`,
    })
    .optional(),
  etat: z.enum(STATE_NAMES, { error: `Le paramètre « etat » doit valoir ${STATE_NAMES.join(', ')} ou être absent.` }).optional(),
});

// An empty field is an unset filter, as a plain GET form sends it.
const present = (value: string | null) => (value === null || value.trim() === '' ? undefined : value.trim());

export function parseOpenDataQuery(
  params: URLSearchParams,
): { ok: true; value: OpenDataFilters } | { ok: false; message: string } {
  const result = schema.safeParse({ annee: present(params.get('annee')), etat: present(params.get('etat')) });
  if (!result.success) return { ok: false, message: result.error.issues.map((issue) => issue.message).join(' ') };
  return { ok: true, value: { year: result.data.annee ?? null, state: result.data.etat ?? null } };
}

/** The state keys a state filter keeps, as literals the planner can match. */
export function stateKeysOf(state: OpenDataStateFilter): StateKey[] {
  return STATE_KEYS.filter((key) => STATE_TYPES[key] === OPEN_DATA_STATES[state]);
}

/** The instants a year of creation spans, in Paris time (a reference's year is Paris time too); 1 January is always UTC+1. */
export function yearBounds(year: number): { from: Date; to: Date } {
  return { from: new Date(`${year}-01-01T00:00:00+01:00`), to: new Date(`${year + 1}-01-01T00:00:00+01:00`) };
}
