import 'server-only';
import { asc, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db';
import { categories, channel as channelEnum, communes, poles, reports, type Channel } from '@/db/schema';
import { CHANNEL_LABELS } from '@/lib/reports/labels';
import { listSeverityLevels } from '@/lib/reports/severity';
import { figuresWhere, handlingColumns, monthOf, summariseHandling, type Handling } from './aggregates';
import { remember } from './cache';
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
  handling: Handling;
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

/** Counts per channel, category, pôle, commune and month in one pass over the period (grouping sets). */
async function countReports(db: Db, filters: FigureFilters) {
  return db
    .select({
      channel: reports.channel,
      category: reports.categorySlug,
      pole: reports.poleId,
      commune: reports.communeInsee,
      month: monthOf,
      count: sql<number>`count(*)::int`,
    })
    .from(reports)
    .where(figuresWhere(filters))
    .groupBy(
      sql`grouping sets ((${reports.channel}), (${reports.categorySlug}), (${reports.poleId}), (${reports.communeInsee}), (${monthOf}))`,
    );
}

async function computeKeyFigures(db: Db, filters: FigureFilters, now: Date): Promise<KeyFigures> {
  const [counts, [handlingRow], categoryRows, poleRows, communeRows, severities] = await Promise.all([
    countReports(db, filters),
    db.select(handlingColumns(now)).from(reports).where(figuresWhere(filters)),
    db
      .select({ key: categories.slug, label: categories.name, color: categories.color })
      .from(categories)
      .orderBy(asc(categories.position)),
    db.select({ key: poles.id, label: poles.name, color: poles.color }).from(poles).orderBy(asc(poles.name)),
    db.select({ key: communes.insee, label: communes.name }).from(communes),
    listSeverityLevels(db),
  ]);
  const tally = <K extends 'channel' | 'category' | 'pole' | 'commune' | 'month'>(dimension: K) => {
    const found = new Map<string, number>();
    for (const row of counts) {
      const others = (['channel', 'category', 'pole', 'commune', 'month'] as const).filter((d) => d !== dimension);
      if (row[dimension] !== null && others.every((d) => row[d] === null)) found.set(row[dimension] as string, row.count);
    }
    return (key: string) => found.get(key) ?? 0;
  };
  const [channels, categoryCount, poleCount, communeCount, monthCount] = [
    tally('channel'),
    tally('category'),
    tally('pole'),
    tally('commune'),
    tally('month'),
  ];
  const byCategory = categoryRows.map((c) => ({ ...c, count: categoryCount(c.key) }));
  return {
    total: handlingRow!.total,
    byChannel: channelEnum.enumValues.map((key: Channel) => ({ key, label: CHANNEL_LABELS[key], count: channels(key) })),
    byCategory: byCategory.sort((a, b) => b.count - a.count),
    byPole: poleRows.map((p) => ({ ...p, count: poleCount(p.key) })),
    byCommune: communeRows
      .map((c) => ({ ...c, count: communeCount(c.key) }))
      .sort((a, b) => a.label.localeCompare(b.label, 'fr')),
    byMonth: monthsOf(filters).map((m) => ({ ...m, count: monthCount(m.key) })),
    handling: summariseHandling(handlingRow!),
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
