import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { reports } from '@/db/schema';
import { gridCell, type CellRow } from './map-grid';

/**
 * One row per grid cell of `zoom` (and per category, when counted by category) for the reports `where` keeps: the
 * public map's and the staff map's one grid query, each caller bringing its own scope. The cell sizes are numbers this
 * code computed from an integer zoom, written as literals so that the grouped expressions are the selected ones; only
 * id, lon, lat and category are read, so a partial index holding them serves the scan without visiting the table.
 */
export function gridRows(db: Db, where: SQL | undefined, zoom: number, byCategory: boolean): Promise<CellRow[]> {
  const cell = gridCell(zoom);
  const columns = {
    gx: sql<number>`floor(${reports.lon} / ${sql.raw(String(cell.lon))}::float8)::int`,
    gy: sql<number>`floor(${reports.lat} / ${sql.raw(String(cell.lat))}::float8)::int`,
    n: sql<number>`count(*)::int`,
    minLon: sql<number>`min(${reports.lon})`,
    minLat: sql<number>`min(${reports.lat})`,
    maxLon: sql<number>`max(${reports.lon})`,
    maxLat: sql<number>`max(${reports.lat})`,
    sumLon: sql<number>`sum(${reports.lon})`,
    sumLat: sql<number>`sum(${reports.lat})`,
    // A bigint may come back as a string: read as a number (ids stay far below 2^53).
    minId: sql<number>`min(${reports.id})`.mapWith(Number),
    maxId: sql<number>`max(${reports.id})`.mapWith(Number),
  };
  return byCategory
    ? db
        .select({ ...columns, category: reports.categorySlug })
        .from(reports)
        .where(where)
        .groupBy(sql`1, 2, ${reports.categorySlug}`)
    : db
        .select(columns)
        .from(reports)
        .where(where)
        .groupBy(sql`1, 2`);
}
