import 'server-only';
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { OPEN_STATES_SQL, reports } from '@/db/schema';
import type { FigureFilters } from './filters';

// The SQL pieces every figure is made of, so that the public page and the dashboard count alike. All in the database:
// a year of a million-report table is aggregated there, never loaded into the app.

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

/** The month of a report in Paris, as YYYY-MM (the same expression in the select and the group by). */
export const monthOf = sql<string>`to_char(${reports.createdAt} at time zone 'Europe/Paris', 'YYYY-MM')`;

/**
 * How reports were handled: resolution delay (hours, median and 90th percentile, over resolved reports), the share
 * resolved by their due date, and the open backlog with its age. A due date counts working days (lib/reports/sla.ts),
 * so « within the due date » already skips weekends and public holidays. Percentiles ignore the nulls of reports
 * not resolved (or not acknowledged).
 */
export function handlingColumns(now: Date) {
  return {
    total: sql<number>`count(*)::int`,
    resolved: sql<number>`count(${reports.resolvedAt})::int`,
    resolvedWithinDue: sql<number>`(count(*) filter (where ${reports.resolvedAt} <= ${reports.dueAt}))::int`,
    medianHours: sql<
      number | null
    >`percentile_cont(0.5) within group (order by ${hours(sql`${reports.resolvedAt} - ${reports.createdAt}`)})`,
    p90Hours: sql<
      number | null
    >`percentile_cont(0.9) within group (order by ${hours(sql`${reports.resolvedAt} - ${reports.createdAt}`)})`,
    open: sql<number>`(count(*) filter (where ${isOpen}))::int`,
    overdue: sql<number>`(count(*) filter (where ${isOpen} and ${reports.dueAt} < ${at(now)}))::int`,
    openUnder2Days: sql<number>`(count(*) filter (where ${isOpen} and ${reports.createdAt} > ${at(now)} - interval '2 days'))::int`,
    openUnder5Days: sql<number>`(count(*) filter (where ${isOpen} and ${reports.createdAt} > ${at(now)} - interval '5 days'))::int`,
    openUnder30Days: sql<number>`(count(*) filter (where ${isOpen} and ${reports.createdAt} > ${at(now)} - interval '30 days'))::int`,
    openMedianAgeHours: sql<
      number | null
    >`percentile_cont(0.5) within group (order by ${hours(sql`${at(now)} - ${reports.createdAt}`)}) filter (where ${isOpen})`,
  };
}

type Columns = ReturnType<typeof handlingColumns>;
export type HandlingRow = { [K in keyof Columns]: Columns[K]['_']['type'] };

/** Figures read from a handling row, with shares as fractions (null when there is nothing to divide). */
export function summariseHandling(row: HandlingRow) {
  const toNumber = (value: number | string | null) => (value === null ? null : Number(value));
  return {
    total: row.total,
    resolved: row.resolved,
    resolvedWithinDue: row.resolvedWithinDue,
    withinDueShare: row.resolved > 0 ? row.resolvedWithinDue / row.resolved : null,
    medianHours: toNumber(row.medianHours),
    p90Hours: toNumber(row.p90Hours),
    open: row.open,
    overdue: row.overdue,
    openMedianAgeHours: toNumber(row.openMedianAgeHours),
    openByAge: [
      { label: 'moins de 2 jours', count: row.openUnder2Days },
      { label: '2 à 5 jours', count: row.openUnder5Days - row.openUnder2Days },
      { label: '5 à 30 jours', count: row.openUnder30Days - row.openUnder5Days },
      { label: 'plus de 30 jours', count: row.open - row.openUnder30Days },
    ],
  };
}

export type Handling = ReturnType<typeof summariseHandling>;

/** Median time to acknowledge and the reopen rate: what the dashboard adds to the public figures. */
export const serviceColumns = {
  acknowledgeMedianHours: sql<
    number | null
  >`percentile_cont(0.5) within group (order by ${hours(sql`${reports.acknowledgedAt} - ${reports.createdAt}`)})`,
  everResolved: sql<number>`(count(*) filter (where exists (select 1 from report_events e where e.report_id = ${reports.id} and e.to_state = 'resolved')))::int`,
  reopened: sql<number>`(count(*) filter (where exists (select 1 from report_events e where e.report_id = ${reports.id} and e.kind = 'reopened')))::int`,
};
