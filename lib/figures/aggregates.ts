import 'server-only';
import { and, eq, gte, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { OPEN_STATES_SQL, reports } from '@/db/schema';
import type { FigureFilters } from './filters';

// The SQL every figure is made of, so that the public page and the dashboard count alike. All in the database, read
// from the figures' covering index (reports_figures_idx): a year of a million-report table is aggregated there, never
// loaded into the app. A due date counts working days (lib/reports/sla.ts), so « resolved within the due date »
// already leaves weekends and public holidays out.

/** The reports a figure counts: recorded in the period, with the view's filters. */
export function figuresWhere(filters: FigureFilters): SQL {
  return and(
    gte(reports.createdAt, filters.from),
    lt(reports.createdAt, filters.to),
    filters.poleId ? eq(reports.poleId, filters.poleId) : undefined,
    filters.communeInsee ? eq(reports.communeInsee, filters.communeInsee) : undefined,
    filters.categorySlug ? eq(reports.categorySlug, filters.categorySlug) : undefined,
    filters.channel ? eq(reports.channel, filters.channel) : undefined,
  )!;
}

const isOpen = OPEN_STATES_SQL(reports.stateKey);
const hours = (interval: SQL) => sql`extract(epoch from ${interval}) / 3600.0`;
const at = (now: Date) => sql`${now.toISOString()}::timestamptz`;

/** The first day of a report's month in Paris (grouped by; shown as YYYY-MM). */
export const monthOf = sql`date_trunc('month', ${reports.createdAt} at time zone 'Europe/Paris')`;

/** Per group of reports: how many, how many resolved, how many of those by their due date. */
export const tallyColumns = {
  count: sql<number>`count(*)::int`,
  resolved: sql<number>`count(${reports.resolvedAt})::int`,
  resolvedWithinDue: sql<number>`(count(*) filter (where ${reports.resolvedAt} <= ${reports.dueAt}))::int`,
};
export type Tallied = { count: number; resolved: number; resolvedWithinDue: number };

/** A float8[] arrives as an array from postgres.js and PGlite alike; its text form is read too, to be safe. */
function numbers(value: number[] | string | null): (number | null)[] {
  if (value === null) return [null, null];
  const items = typeof value === 'string' ? value.replace(/[{}]/g, '').split(',') : value;
  return items.map((item) => (item === null || item === 'NULL' ? null : Number(item)));
}

/** Median and 90th percentile of an interval in hours, both from one sort. */
export const percentiles = (interval: SQL) =>
  sql<number[] | string | null>`percentile_cont(array[0.5, 0.9]) within group (order by ${hours(interval)})`;

/** Resolution delay of the resolved reports among `where`: median and 90th percentile, in hours. */
export async function resolutionDelays(db: Db, where: SQL) {
  const [row] = await db
    .select({ delays: percentiles(sql`${reports.resolvedAt} - ${reports.createdAt}`) })
    .from(reports)
    .where(and(where, isNotNull(reports.resolvedAt)));
  const [medianHours, p90Hours] = numbers(row?.delays ?? null);
  return { medianHours: medianHours ?? null, p90Hours: p90Hours ?? null };
}

/** The open reports among `where`: how many, how many overdue, how old (median and by age). */
export async function openBacklog(db: Db, where: SQL, now: Date) {
  const [row] = await db
    .select({
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${reports.dueAt} < ${at(now)}))::int`,
      under2Days: sql<number>`(count(*) filter (where ${reports.createdAt} > ${at(now)} - interval '2 days'))::int`,
      under5Days: sql<number>`(count(*) filter (where ${reports.createdAt} > ${at(now)} - interval '5 days'))::int`,
      under30Days: sql<number>`(count(*) filter (where ${reports.createdAt} > ${at(now)} - interval '30 days'))::int`,
      ages: percentiles(sql`${at(now)} - ${reports.createdAt}`),
    })
    .from(reports)
    .where(and(where, isOpen));
  const { open, overdue, under2Days, under5Days, under30Days } = row!;
  return {
    open,
    overdue,
    medianAgeHours: numbers(row!.ages)[0] ?? null,
    byAge: [
      { label: 'moins de 2 jours', count: under2Days },
      { label: '2 à 5 jours', count: under5Days - under2Days },
      { label: '5 à 30 jours', count: under30Days - under5Days },
      { label: 'plus de 30 jours', count: open - under30Days },
    ],
  };
}

export type Backlog = Awaited<ReturnType<typeof openBacklog>>;

/** The share resolved within the due date, as a fraction (null when nothing was resolved). */
export const withinDueShare = ({ resolved, resolvedWithinDue }: Pick<Tallied, 'resolved' | 'resolvedWithinDue'>) =>
  resolved > 0 ? resolvedWithinDue / resolved : null;

/** The median of a percentiles pair. */
export const medianOf = (value: number[] | string | null) => numbers(value)[0] ?? null;
