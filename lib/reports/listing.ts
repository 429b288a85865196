import 'server-only';
import { and, desc, eq, or, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db';
import { categories, communes, poles, reports, reportStates } from '@/db/schema';
import type {
  ListingFilters,
  ListingVocabulary,
  MapQuery,
  PublicMapAnswer,
  PublicReportSummary,
  ReportPointFeature,
} from './listing-input';
import { gridRows } from './grid-query';
import { rememberPublic } from './map-cache';
import { foldCells, MAX_MAP_ZOOM } from './map-grid';
import { BRANCHES, branchWhere, filtersWhere, type Branch } from './public-scope';

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

/**
 * The map's answer for a view: with a zoom, the reports grouped in that zoom's grid cells, counted in the database (one
 * grouped query per state branch, read from its partial index), a cell of one or two reports listed one by one; without a
 * zoom, or at the closest one, every matching report, newest first. Nothing is left out: the clusters' counts and the
 * single reports add up to `total`, every report the filters keep.
 */
export async function listMapFeatures(query: MapQuery, options: { now?: Date } = {}): Promise<PublicMapAnswer> {
  const now = options.now ?? new Date();
  const db = await getDb();
  const branches = BRANCHES[query.state];
  if (query.zoom === null || query.zoom >= MAX_MAP_ZOOM) {
    const features = await listReportPoints(db, query, branches, null, now);
    return { type: 'FeatureCollection', zoom: query.zoom, total: features.length, features };
  }
  const byCategory = query.categories.length > 0;
  const rows = (
    await Promise.all(
      branches.map((branch) => gridRows(db, and(branchWhere(branch, now), filtersWhere(query)), query.zoom!, byCategory)),
    )
  ).flat();
  const { clusters, ids } = foldCells(rows, { byCategory });
  const points = ids.length === 0 ? [] : await listReportPoints(db, query, branches, ids, now);
  const total = clusters.reduce((sum, cluster) => sum + cluster.properties.count, 0) + points.length;
  return { type: 'FeatureCollection', zoom: query.zoom, total, features: [...clusters, ...points] };
}

type PublicNames = {
  categories: Map<string, string>;
  states: Map<string, { label: string; type: PublicReportSummary['stateType'] }>;
  communes: Map<string, string>;
  poles: Map<string, string>;
};

async function readPublicNames(db: Db): Promise<PublicNames> {
  const [categoryRows, stateRows, communeRows, poleRows] = await Promise.all([
    db.select({ key: categories.slug, name: categories.name }).from(categories),
    db.select({ key: reportStates.key, label: reportStates.label, type: reportStates.type }).from(reportStates),
    db.select({ key: communes.insee, name: communes.name }).from(communes),
    db.select({ key: poles.id, name: poles.name }).from(poles),
  ]);
  const byKey = (rows: { key: string; name: string }[]) => new Map(rows.map(({ key, name }) => [key, name]));
  return {
    categories: byKey(categoryRows),
    states: new Map(stateRows.map(({ key, label, type }) => [key, { label, type }])),
    communes: byKey(communeRows),
    poles: byKey(poleRows),
  };
}

/**
 * The map's reports one by one, newest first (all that match, or the `ids` among them). The names they show come
 * from four small tables read once per kept period rather than joined on every row (read again if one is missing:
 * a category added a moment ago); the ids are one array parameter, which PostgreSQL plans at once however many.
 */
export async function listReportPoints(
  db: Db,
  filters: ListingFilters,
  branches: Branch[],
  ids: number[] | null,
  now: Date,
): Promise<ReportPointFeature[]> {
  const [rows, kept] = await Promise.all([
    db
      .select({
        reference: reports.reference,
        category: reports.categorySlug,
        stateKey: reports.stateKey,
        communeInsee: reports.communeInsee,
        poleId: reports.poleId,
        createdAt: reports.createdAt,
        lon: reports.lon,
        lat: reports.lat,
      })
      .from(reports)
      .where(
        and(
          ids ? sql`${reports.id} = any(string_to_array(${ids.join(',')}, ',')::bigint[])` : undefined,
          or(...branches.map((branch) => branchWhere(branch, now))),
          filtersWhere(filters),
        ),
      )
      .orderBy(desc(reports.createdAt), desc(reports.id)),
    rememberPublic('public-names', () => readPublicNames(db)),
  ]);
  const isNamed = (names: PublicNames) =>
    rows.every(
      (row) =>
        names.categories.has(row.category) &&
        names.states.has(row.stateKey) &&
        names.communes.has(row.communeInsee) &&
        names.poles.has(row.poleId),
    );
  const names = isNamed(kept) ? kept : await readPublicNames(db);
  return rows.map(({ lon, lat, category, stateKey, communeInsee, poleId, reference, createdAt }) => {
    const state = names.states.get(stateKey);
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: toSummary({
        reference,
        category,
        categoryName: names.categories.get(category) ?? category,
        state: state?.label ?? stateKey,
        stateType: state?.type ?? 'open',
        commune: names.communes.get(communeInsee) ?? communeInsee,
        pole: names.poles.get(poleId) ?? poleId,
        createdAt,
      }),
    };
  });
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
