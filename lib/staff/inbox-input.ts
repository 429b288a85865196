import { z } from 'zod';
import { channel, severity, STATE_KEYS } from '@/db/schema';
import { categoryFilter, communeFilter, poleFilter } from '@/lib/reports/filter-fields';

// The inbox's filters, read from the URL so that a view can be bookmarked and shared. Pure: unit-tested without a
// database. A value that cannot be read is dropped with a French notice, never a crash: a stale link still opens.

export const INBOX_PAGE_SIZE = 50;
export const INBOX_SORTS = { recent: 'Plus récents', oldest: 'Plus anciens', due: 'Échéance la plus proche' } as const;
export type InboxSort = keyof typeof INBOX_SORTS;

const optionalText = z.string().trim().max(100).optional().catch(undefined);

const schema = z.object({
  pole: poleFilter,
  /** « ouverts » (default), « tous », or one state key. */
  state: z
    .union([z.enum(['ouverts', 'tous']), z.enum(STATE_KEYS)])
    .default('ouverts')
    .catch('ouverts'),
  category: categoryFilter,
  commune: communeFilter,
  channel: z.enum(channel.enumValues).optional().catch(undefined),
  severity: z.enum(severity.enumValues).optional().catch(undefined),
  overdue: z.literal('1').optional().catch(undefined),
  /** « À modérer »: description and photos not yet published (moderation), report not hidden. */
  moderation: z.literal('1').optional().catch(undefined),
  assigned: z.enum(['moi', 'personne']).optional().catch(undefined),
  planned: z.enum(['oui', 'non']).optional().catch(undefined),
  q: optionalText,
  sort: z
    .enum(Object.keys(INBOX_SORTS) as [InboxSort, ...InboxSort[]])
    .default('recent')
    .catch('recent'),
  after: z
    .string()
    .regex(/^[\w-]{1,80}$/)
    .optional()
    .catch(undefined),
});

export type InboxFilters = z.infer<typeof schema>;

const FIELDS = Object.keys(schema.shape) as (keyof InboxFilters)[];

export function parseInboxQuery(params: URLSearchParams): InboxFilters {
  const raw = Object.fromEntries(FIELDS.map((name) => [name, params.get(name)?.trim() || undefined]));
  return schema.parse(raw);
}

type InboxChanges = Partial<Record<keyof InboxFilters, string | undefined>>;

/** The query string of the same view with some filters changed (a new filter starts again from the first page). */
export function inboxQuery(filters: InboxFilters, changes: InboxChanges = {}): string {
  const merged: Record<string, string | undefined> = { ...filters, after: undefined, ...changes };
  const params = new URLSearchParams();
  for (const name of FIELDS) {
    const value = merged[name];
    if (value === undefined || value === '') continue;
    if ((name === 'state' && value === 'ouverts') || (name === 'sort' && value === 'recent')) continue;
    params.set(name, value);
  }
  return params.toString();
}

export function inboxHref(filters: InboxFilters, changes: InboxChanges = {}) {
  const query = inboxQuery(filters, changes);
  return query ? `/gestion?${query}` : '/gestion';
}

// A keyset cursor: the sort value and the id of the last row shown, so that page 5,000 costs what page 1 costs.
/** `at`: the sort column in microseconds since 1970 (a link made before microseconds carried milliseconds). */
export type Cursor = { at: number; id: number };

export function encodeCursor(cursor: Cursor): string {
  return `${cursor.at.toString(36)}-${cursor.id.toString(36)}`;
}

export function decodeCursor(value: string | undefined): Cursor | null {
  const match = value?.match(/^(-?[0-9a-z]{1,12})-([0-9a-z]{1,12})$/);
  if (!match) return null;
  const at = parseInt(match[1]!, 36);
  const id = parseInt(match[2]!, 36);
  if (!Number.isSafeInteger(at) || !Number.isSafeInteger(id)) return null;
  // Milliseconds from an older link (before 5138 in milliseconds, before 1973 in microseconds): read as such.
  return { at: Math.abs(at) < 1e14 ? at * 1000 : at, id };
}
