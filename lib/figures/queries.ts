import 'server-only';
import { asc, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db';
import { categories, channel as channelEnum, communes, poles, reports, type Channel } from '@/db/schema';
import { CHANNEL_LABELS } from '@/lib/reports/labels';
import { listSeverityLevels } from '@/lib/reports/severity';
import { figuresWhere, monthOf, openBacklog, resolutionDelays, tallyColumns, withinDueShare, type Tallied } from './aggregates';
import { listTerritoryCommunes } from '@/lib/territory/queries';
import { remember } from './cache';
import { projectCommunes, type Projected } from './shapes';
import { dayInParis, type FigureFilters } from './filters';

// The public key figures (« chiffres clés »): how many reports, by which channel, about what, where, and how fast
// they were handled. Only counts and delays: nothing here names a person or repeats what anyone wrote.

export type Tally = { key: string; label: string; count: number; color?: string };

export type KeyFigures = {
  total: number;
  byChannel: Tally[];
  byCategory: Tally[];
  byPole: Tally[];
  byCommune: Tally[];
  byMonth: Tally[];
  handling: {
    total: number;
    resolved: number;
    resolvedWithinDue: number;
    withinDueShare: number | null;
    medianHours: number | null;
    p90Hours: number | null;
    open: number;
    overdue: number;
    openMedianAgeHours: number | null;
    openByAge: { label: string; count: number }[];
  };
  /** The service's promise per severity (« 48 h à 5 jours »), from the editable severity levels. */
  promise: { label: string; workingDays: number }[];
  computedAt: string;
};

/** How long the public figures may be served from memory before they are counted again. */
export const FIGURES_CACHE_SECONDS = 60;

const monthLabel = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Every month of the period, so that a month without reports shows as 0 rather than missing from the trend. */
export function monthsOf(filters: Pick<FigureFilters, 'from' | 'to'>): { key: string; label: string }[] {
  const first = dayInParis(filters.from).slice(0, 7);
  const last = dayInParis(new Date(filters.to.getTime() - 1)).slice(0, 7);
  const months: { key: string; label: string }[] = [];
  for (let [year, month] = first.split('-').map(Number) as [number, number]; ; month === 12 ? (year++, (month = 1)) : month++) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) break;
    months.push({ key, label: monthLabel.format(new Date(Date.UTC(year, month - 1, 1))) });
  }
  return months;
}

type CountRow = Tallied & { channel: Channel; category: string; commune: string; month: string };

/**
 * Counts per channel, category, commune and month in one pass over the period: one hash aggregate over those four
 * columns (about 10,000 groups at most, read from the figures' covering index), summed per dimension here. The pôle
 * is counted apart: a report transferred keeps its commune, so the commune does not give it; and with a fifth column
 * the planner expects too many groups to hash, and sorts the whole period instead (three times slower).
 */
async function countReports(db: Db, filters: FigureFilters): Promise<CountRow[]> {
  return db
    .select({
      channel: reports.channel,
      category: reports.categorySlug,
      commune: reports.communeInsee,
      month: sql<string>`to_char(${monthOf}, 'YYYY-MM')`,
      ...tallyColumns,
    })
    .from(reports)
    .where(figuresWhere(filters))
    .groupBy(reports.channel, reports.categorySlug, reports.communeInsee, monthOf);
}

async function countReportsByPole(db: Db, filters: FigureFilters): Promise<Map<string, number>> {
  const rows = await db
    .select({ pole: reports.poleId, count: tallyColumns.count })
    .from(reports)
    .where(figuresWhere(filters))
    .groupBy(reports.poleId);
  return new Map(rows.map((row) => [row.pole, row.count]));
}

function tally(rows: CountRow[], dimension: 'channel' | 'category' | 'commune' | 'month'): (key: string) => number {
  const found = new Map<string, number>();
  for (const row of rows) found.set(row[dimension], (found.get(row[dimension]) ?? 0) + row.count);
  return (key) => found.get(key) ?? 0;
}

async function computeKeyFigures(db: Db, filters: FigureFilters, now: Date): Promise<KeyFigures> {
  const where = figuresWhere(filters);
  const [counts, byPole, delays, backlog, categoryRows, poleRows, communeRows, severities] = await Promise.all([
    countReports(db, filters),
    countReportsByPole(db, filters),
    resolutionDelays(db, where),
    openBacklog(db, where, now),
    db
      .select({ key: categories.slug, label: categories.name, color: categories.color })
      .from(categories)
      .orderBy(asc(categories.position)),
    db.select({ key: poles.id, label: poles.name, color: poles.color }).from(poles).orderBy(asc(poles.name)),
    db.select({ key: communes.insee, label: communes.name }).from(communes),
    listSeverityLevels(db),
  ]);
  const [channels, categoryCount, communeCount, monthCount] = (['channel', 'category', 'commune', 'month'] as const).map(
    (dimension) => tally(counts, dimension),
  );
  const sum = (field: keyof Tallied) => counts.reduce((total, row) => total + row[field], 0);
  const totals = { count: sum('count'), resolved: sum('resolved'), resolvedWithinDue: sum('resolvedWithinDue') };
  return {
    total: totals.count,
    byChannel: channelEnum.enumValues.map((key: Channel) => ({ key, label: CHANNEL_LABELS[key], count: channels!(key) })),
    byCategory: categoryRows.map((c) => ({ ...c, count: categoryCount!(c.key) })).sort((a, b) => b.count - a.count),
    byPole: poleRows.map((p) => ({ ...p, count: byPole.get(p.key) ?? 0 })),
    byCommune: communeRows
      .map((c) => ({ ...c, count: communeCount!(c.key) }))
      .sort((a, b) => a.label.localeCompare(b.label, 'fr')),
    byMonth: monthsOf(filters).map((m) => ({ ...m, count: monthCount!(m.key) })),
    handling: {
      total: totals.count,
      resolved: totals.resolved,
      resolvedWithinDue: totals.resolvedWithinDue,
      withinDueShare: withinDueShare(totals),
      ...delays,
      open: backlog.open,
      overdue: backlog.overdue,
      openMedianAgeHours: backlog.medianAgeHours,
      openByAge: backlog.byAge,
    },
    promise: severities.map((level) => ({ label: level.label, workingDays: level.workingDays })),
    computedAt: now.toISOString(),
  };
}

/**
 * The key figures of a view, counted at most once a minute per view (a page of figures is read far more often than
 * it changes). `fresh` counts again, for the benchmark's uncached runs and for tests.
 */
export async function getKeyFigures(
  filters: FigureFilters,
  options: { db?: Db; now?: Date; fresh?: boolean } = {},
): Promise<KeyFigures> {
  const db = options.db ?? (await getDb());
  // The current year's period ends « now »: the view, not the instant, names the cached figures.
  const key = JSON.stringify({ ...filters, to: filters.year === null ? filters.to : null });
  const compute = () => computeKeyFigures(db, filters, options.now ?? new Date());
  return options.fresh ? compute() : remember(`figures:${key}`, FIGURES_CACHE_SECONDS * 1000, compute);
}

/** The communes' outlines drawn for the figures map, projected once per process (the territory rarely changes). */
export function getCommuneShapes(): Promise<Projected> {
  return remember('figures:shapes', 3_600_000, async () => projectCommunes(await listTerritoryCommunes()));
}
