import 'server-only';
import { and, between, desc, eq, gte, inArray, or, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '@/db';
import { categories, communes, poles, reports, reportStates } from '@/db/schema';
import { env } from '@/lib/env';
import {
  RECENTLY_RESOLVED_DAYS,
  type ListingFilters,
  type ListingVocabulary,
  type PublicReportSummary,
  type PublicReportCollection,
} from './listing-input';

// The public view of reports: what anyone may see, never who reported nor what they wrote.
// Both listings select their columns one by one, so a new personal column can never leak by default.

const publicColumns = {
  reference: reports.reference,
  category: categories.slug,
  categoryName: categories.name,
  state: reportStates.label,
  stateType: reportStates.type,
  commune: communes.name,
  pole: poles.name,
  createdAt: reports.createdAt,
};

// Closed, rejected and duplicate reports are never public; resolved ones only while they are recent.
function whereOf(filters: ListingFilters, now: Date): SQL | undefined {
  const since = new Date(now.getTime() - RECENTLY_RESOLVED_DAYS * 24 * 3_600_000);
  const isOpen = eq(reportStates.type, 'open');
  const isRecentlyResolved = and(eq(reportStates.type, 'resolved'), gte(reports.resolvedAt, since));
  const state = { open: isOpen, resolved: isRecentlyResolved, all: or(isOpen, isRecentlyResolved) }[filters.state];
  const { bbox } = filters;
  return and(
    state,
    bbox ? and(between(reports.lon, bbox[0], bbox[2]), between(reports.lat, bbox[1], bbox[3])) : undefined,
    filters.categories.length > 0 ? inArray(reports.categorySlug, filters.categories) : undefined,
    filters.commune ? eq(reports.communeInsee, filters.commune) : undefined,
  );
}

// Property by property: the public shape is an allowlist, whatever the query happens to select.
export function toSummary(row: Omit<PublicReportSummary, 'createdAt'> & { createdAt: Date }): PublicReportSummary {
  const { reference, category, categoryName, state, stateType, commune, pole, createdAt } = row;
  return { reference, category, categoryName, state, stateType, commune, pole, createdAt: createdAt.toISOString() };
}

// Not async: awaiting a Drizzle builder runs it, and the callers still add their where, order and limit.
export function selectPublicReports(db: Db) {
  return db
    .select({ ...publicColumns, lon: reports.lon, lat: reports.lat })
    .from(reports)
    .innerJoin(categories, eq(reports.categorySlug, categories.slug))
    .innerJoin(reportStates, eq(reports.stateKey, reportStates.key))
    .innerJoin(communes, eq(reports.communeInsee, communes.insee))
    .innerJoin(poles, eq(reports.poleId, poles.id))
    .$dynamic();
}

/** The map's markers, newest first, at most `limit` of them; `truncated` says some were left out. */
export async function listReportsInBounds(
  filters: ListingFilters,
  options: { limit?: number; now?: Date } = {},
): Promise<PublicReportCollection> {
  const limit = options.limit ?? env.REPORTS_API_LIMIT;
  const rows = await selectPublicReports(await getDb())
    .where(whereOf(filters, options.now ?? new Date()))
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(limit + 1);
  return {
    type: 'FeatureCollection',
    truncated: rows.length > limit,
    features: rows.slice(0, limit).map((row) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [row.lon, row.lat] },
      properties: toSummary(row),
    })),
  };
}

/** What the filters may name: every category (inactive ones still have reports) and the 21 communes by name. */
export async function getListingVocabulary(): Promise<ListingVocabulary & { communes: { insee: string; name: string }[] }> {
  const db = await getDb();
  const [categoryRows, communeRows] = await Promise.all([
    db.select({ slug: categories.slug }).from(categories),
    db.select({ insee: communes.insee, name: communes.name }).from(communes),
  ]);
  // Sorted in French (Cébazat before Ceyrat), which the database's collation need not do.
  return { categories: categoryRows, communes: communeRows.sort((a, b) => a.name.localeCompare(b.name, 'fr')) };
}
