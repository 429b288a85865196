import { z } from 'zod';
import { channel } from '@/db/schema';
import { categoryFilter, communeFilter, poleFilter } from '@/lib/reports/filter-fields';

// Which reports the key figures count: a period (a calendar year of Paris, or from/to days) and, on the dashboard,
// a pôle, a commune, a category, a channel. Read from the URL so that a view can be bookmarked; pure and unit-tested.
// A value that cannot be read is dropped (the default applies), never a crash: a stale link still opens.

/** The first year a report can carry (the service's references start in 2017, the seed's published year). */
export const FIRST_YEAR = 2017;

export type FigureFilters = {
  /** The period, as instants: `from` inclusive, `to` exclusive. */
  from: Date;
  to: Date;
  /** The calendar year shown, or null for a period of days. */
  year: number | null;
  /** How the period reads in French (« en 2025 », « du 1 mars au 31 mai 2026 »). */
  label: string;
  poleId?: string;
  communeInsee?: string;
  categorySlug?: string;
  channel?: (typeof channel.enumValues)[number];
};

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(
    (value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
  )
  .optional()
  .catch(undefined);

const schema = z.object({
  annee: z.coerce.number().int().optional().catch(undefined),
  du: day,
  au: day,
  pole: poleFilter,
  commune: communeFilter,
  categorie: categoryFilter,
  canal: z.enum(channel.enumValues).optional().catch(undefined),
});

const parisOffset = (at: Date) => {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')!.value;
  return name === 'GMT+2' ? '+02:00' : '+01:00';
};

/** Midnight in Paris at the start of a day given as YYYY-MM-DD. */
export function parisMidnight(dayText: string): Date {
  const noon = new Date(`${dayText}T12:00:00Z`);
  return new Date(`${dayText}T00:00:00${parisOffset(noon)}`);
}

/** The current year in Paris. */
export function parisYear(now: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric' }).format(now));
}

const longDay = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const nextDay = (dayText: string) => new Date(Date.parse(`${dayText}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The filters of a query string. The period: `du`/`au` (days, both included) when both read and are in order, else
 * `annee` when it is a year with reports possible, else the current year so far (1 January to now).
 */
export function parseFigureQuery(params: URLSearchParams, now: Date = new Date()): FigureFilters {
  const raw = Object.fromEntries(Object.keys(schema.shape).map((name) => [name, params.get(name)?.trim() || undefined]));
  const query = schema.parse(raw);
  const currentYear = parisYear(now);
  const rest = {
    poleId: query.pole,
    communeInsee: query.commune,
    categorySlug: query.categorie,
    channel: query.canal,
  };
  if (query.du && query.au && query.du <= query.au && query.du >= `${FIRST_YEAR}-01-01`) {
    return {
      from: parisMidnight(query.du),
      to: parisMidnight(nextDay(query.au)),
      year: null,
      label: `du ${longDay.format(new Date(`${query.du}T00:00:00Z`))} au ${longDay.format(new Date(`${query.au}T00:00:00Z`))}`,
      ...rest,
    };
  }
  const year = query.annee && query.annee >= FIRST_YEAR && query.annee <= currentYear ? query.annee : currentYear;
  const end = parisMidnight(`${year + 1}-01-01`);
  return {
    from: parisMidnight(`${year}-01-01`),
    to: year === currentYear && now < end ? now : end,
    year,
    label: year === currentYear ? `depuis le 1er janvier ${year}` : `en ${year}`,
    ...rest,
  };
}

/** The years the year picker offers, newest first. */
export function selectableYears(now: Date = new Date()): number[] {
  const years: number[] = [];
  for (let year = parisYear(now); year >= FIRST_YEAR; year--) years.push(year);
  return years;
}

/** The query string of the same view (for links and the export), without the defaults. */
export function figureQuery(filters: FigureFilters, now: Date = new Date()): string {
  const params = new URLSearchParams();
  if (filters.year === null) {
    const lastDay = new Date(filters.to.getTime() - 1);
    params.set('du', dayInParis(filters.from));
    params.set('au', dayInParis(lastDay));
  } else if (filters.year !== parisYear(now)) {
    params.set('annee', String(filters.year));
  }
  if (filters.poleId) params.set('pole', filters.poleId);
  if (filters.communeInsee) params.set('commune', filters.communeInsee);
  if (filters.categorySlug) params.set('categorie', filters.categorySlug);
  if (filters.channel) params.set('canal', filters.channel);
  return params.toString();
}

/** YYYY-MM-DD of an instant in Paris. */
export function dayInParis(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );
}

/** « Toute la Métropole » / « toutes les communes » in the dashboard's form, so that a manager can leave their default. */
export const ALL = { pole: 'tous', commune: 'toutes' } as const;

/**
 * The dashboard's filters for this person: a pôle manager starts on their pôle, a town-hall agent on their commune,
 * everyone else on the whole Métropole; each can choose another view (the figures are public-grade).
 */
export function parseDashboardQuery(
  params: URLSearchParams,
  staff: { role: string; poleId: string | null; communeInsee: string | null },
  now: Date = new Date(),
): FigureFilters {
  const filters = parseFigureQuery(params, now);
  const pole = params.get('pole');
  const commune = params.get('commune');
  return {
    ...filters,
    poleId:
      pole === ALL.pole
        ? undefined
        : (filters.poleId ?? (pole === null && staff.role === 'pole_manager' ? staff.poleId! : undefined)),
    communeInsee:
      commune === ALL.commune
        ? undefined
        : (filters.communeInsee ?? (commune === null && staff.role === 'town_hall_agent' ? staff.communeInsee! : undefined)),
  };
}

/** The dashboard's query string for this view: pôle and commune always written, so that no default replaces them. */
export function dashboardQuery(filters: FigureFilters, now: Date = new Date()): string {
  const params = new URLSearchParams(figureQuery(filters, now));
  if (!filters.poleId) params.set('pole', ALL.pole);
  if (!filters.communeInsee) params.set('commune', ALL.commune);
  return params.toString();
}
