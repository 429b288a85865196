import 'server-only';
import type { Feature, Point } from 'geojson';
import { and, between, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '@/db';
import { categories, communes, poles, reports, reportStates } from '@/db/schema';
import type { StaffUser } from '@/lib/permissions';
import { gridRows } from '@/lib/reports/grid-query';
import type { MapViewParams } from '@/lib/reports/listing-input';
import { foldCells, MAX_MAP_ZOOM, type ClusterFeature } from '@/lib/reports/map-grid';
import type { InboxFilters } from './inbox-input';
import { filtersWhere, stateWhere } from './inbox';

// The inbox's map for one view (GET /gestion/carte): the reports the inbox lists for the same filters, the person's
// reach inside the `where`, grouped in the public map's grid. Nothing capped, nothing personal.

/** A report on the staff map: what its marker and popup say, and where its link goes. Never who reported it. */
export type InboxMapReport = {
  reference: string;
  category: string;
  categoryName: string;
  state: string;
  stateType: 'open' | 'resolved' | 'closed';
  commune: string;
  pole: string;
  createdAt: string;
  isOverdue: boolean;
  href: string;
};
export type InboxMapAnswer = {
  type: 'FeatureCollection';
  zoom: number;
  /** Every report of the view: the clusters' counts and the single reports add up to it. */
  total: number;
  features: (ClusterFeature | Feature<Point, InboxMapReport>)[];
};

/**
 * The view's reports grouped in its zoom's cells by one grouped query, a cell of one or two reports listed one by one;
 * at the closest zoom (where a cluster could not be zoomed into) every report of the box, newest first.
 */
export async function listInboxMap(
  db: Db,
  user: StaffUser,
  filters: InboxFilters,
  { bbox, zoom }: MapViewParams,
  now: Date = new Date(),
): Promise<InboxMapAnswer> {
  const where = and(
    filtersWhere(user, filters, now),
    stateWhere(filters),
    between(reports.lon, bbox[0], bbox[2]),
    between(reports.lat, bbox[1], bbox[3]),
  )!;
  if (zoom >= MAX_MAP_ZOOM) {
    const features = await listInboxMapReports(db, where, now);
    return { type: 'FeatureCollection', zoom, total: features.length, features };
  }
  const { clusters, ids } = foldCells(await gridRows(db, where, zoom, false), { byCategory: false });
  // The ids come back through the same `where`: a report is listed only if the grid could count it.
  const points = ids.length === 0 ? [] : await listInboxMapReports(db, and(where, inArray(reports.id, ids))!, now);
  const total = clusters.reduce((sum, cluster) => sum + cluster.properties.count, 0) + points.length;
  return { type: 'FeatureCollection', zoom, total, features: [...clusters, ...points] };
}

export async function loadInboxMap(user: StaffUser, filters: InboxFilters, view: MapViewParams): Promise<InboxMapAnswer> {
  return listInboxMap(await getDb(), user, filters, view);
}

/** The reports `where` keeps, newest first, column by column: a personal column can never slip in. */
async function listInboxMapReports(db: Db, where: SQL, now: Date): Promise<Feature<Point, InboxMapReport>[]> {
  const rows = await db
    .select({
      reference: reports.reference,
      lon: reports.lon,
      lat: reports.lat,
      category: reports.categorySlug,
      categoryName: categories.name,
      state: reportStates.label,
      stateType: reportStates.type,
      commune: communes.name,
      pole: poles.name,
      createdAt: reports.createdAt,
      dueAt: reports.dueAt,
    })
    .from(reports)
    .innerJoin(reportStates, eq(reports.stateKey, reportStates.key))
    .innerJoin(categories, eq(reports.categorySlug, categories.slug))
    .innerJoin(communes, eq(reports.communeInsee, communes.insee))
    .innerJoin(poles, eq(reports.poleId, poles.id))
    .where(where)
    .orderBy(desc(reports.createdAt), desc(reports.id));
  return rows.map(({ lon, lat, createdAt, dueAt, ...row }) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: {
      ...row,
      createdAt: createdAt.toISOString(),
      isOverdue: row.stateType === 'open' && dueAt.getTime() < now.getTime(),
      href: `/gestion/signalements/${row.reference}`,
    },
  }));
}
