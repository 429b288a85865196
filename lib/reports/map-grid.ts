import type { Feature, Point } from 'geojson';
import type { Bounds } from '@/lib/geo';

// The map's clusters: one grid per zoom level, fixed on the globe (cell = floor(lon / width), floor(lat / height)),
// so that the public map and the staff inbox's group the same reports into the same cells, and panning never moves a
// cell. Pure: no database, no Leaflet.

/** The closest zoom the maps allow (street level); there, every report is its own marker. */
export const MAX_MAP_ZOOM = 18;

/** A cell is a quarter of a 256-px tile wide: about 64 px on screen, the size of a cluster icon and its margin. */
const CELLS_PER_TILE = 4;

/**
 * Cells are shorter than wide in degrees so that they look square on the Web Mercator map around the Métropole
 * (cos 45.8° ≈ 0.70); over France (42° to 51°) they stay within 10 % of square.
 */
const LAT_TO_LON = 0.7;

/**
 * A cell holding this many reports or fewer shows them one by one (two pins read better than a « 2 »). Two, because
 * the grid query then names them with min(id) and max(id): fixed-size aggregates, which PostgreSQL groups in a hash
 * table in one pass, where collecting ids (array_agg) made it sort the view's rows first, 5 times slower.
 */
export const FEW_PER_CELL = 2;

export type GridCell = { lon: number; lat: number };

/** The size of a cell in degrees at `zoom` (powers of two: the cells of a zoom nest in those of the zoom before). */
export function gridCell(zoom: number): GridCell {
  const lon = 360 / 2 ** (zoom + Math.log2(CELLS_PER_TILE));
  return { lon, lat: lon * LAT_TO_LON };
}

// Outwards to 6 decimals (about 10 cm): a box so rounded still holds every point of the one it rounds.
const down = (value: number) => Math.floor(value * 1e6) / 1e6;
const up = (value: number) => Math.ceil(value * 1e6) / 1e6;

/** The size of a tile in degrees at `zoom`: the 256-px square that the zoom's cells divide into 4 × 4. */
export function gridTile(zoom: number): GridCell {
  const cell = gridCell(zoom);
  return { lon: cell.lon * CELLS_PER_TILE, lat: cell.lat * CELLS_PER_TILE };
}

/** The box the public map asks within: the territory's, widened by 0.01° (a report on its border), rounded outwards. */
export function territoryLimit(territory: Bounds): Bounds {
  const margin = 0.01;
  return [down(territory[0] - margin), down(territory[1] - margin), up(territory[2] + margin), up(territory[3] + margin)];
}

/**
 * What the map asks for a view at `zoom`: its box widened to whole tiles, then cut to `limit` (the territory's box).
 * Views over the same tiles ask the same question, which the server keeps a few seconds for everyone (map-cache.ts);
 * and a cluster at the view's edge counts its whole cell, so its number does not change while the map pans. Rounded
 * outwards to 6 decimals (a short, stable query string); null when the view is off `limit`.
 */
export function viewBox(view: Bounds, zoom: number, limit: Bounds): Bounds | null {
  const tile = gridTile(Math.min(zoom, MAX_MAP_ZOOM));
  const minLon = Math.max(Math.floor(view[0] / tile.lon) * tile.lon, limit[0]);
  const minLat = Math.max(Math.floor(view[1] / tile.lat) * tile.lat, limit[1]);
  const maxLon = Math.min(Math.ceil(view[2] / tile.lon) * tile.lon, limit[2]);
  const maxLat = Math.min(Math.ceil(view[3] / tile.lat) * tile.lat, limit[3]);
  if (minLon > maxLon || minLat > maxLat) return null;
  return [down(minLon), down(minLat), up(maxLon), up(maxLat)];
}

/** A group of reports in one cell: how many, where their centre is, the box they span (to zoom into it). */
export type MapCluster = {
  cluster: true;
  count: number;
  bbox: Bounds;
  /** Reports per category, given when the map is filtered by category. */
  categories?: Record<string, number>;
};
export type ClusterFeature = Feature<Point, MapCluster>;

/** What the grid query gives for one cell (and one category, when counted by category). */
export type CellRow = {
  gx: number;
  gy: number;
  category?: string;
  n: number;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
  sumLon: number;
  sumLat: number;
  /** The smallest and largest id: the reports themselves when there are one or two. */
  minId: number;
  maxId: number;
};

/**
 * Rows of one or several queries (the state branches, the categories of a cell) folded per cell: the cells of few
 * reports give their ids (to be listed one by one), the others a cluster. Nothing is dropped: every row's count lands
 * in exactly one cluster or is listed.
 */
export function foldCells(rows: CellRow[], options: { byCategory: boolean }): { clusters: ClusterFeature[]; ids: number[] } {
  const cells = new Map<string, CellRow & { categories: Record<string, number>; ids: number[] }>();
  const idsOf = (row: CellRow) => (row.n === 1 ? [row.minId] : row.n === 2 ? [row.minId, row.maxId] : []);
  for (const row of rows) {
    const key = `${row.gx}:${row.gy}`;
    const cell = cells.get(key);
    if (!cell) {
      cells.set(key, { ...row, ids: idsOf(row), categories: row.category ? { [row.category]: row.n } : {} });
      continue;
    }
    cell.n += row.n;
    cell.minLon = Math.min(cell.minLon, row.minLon);
    cell.minLat = Math.min(cell.minLat, row.minLat);
    cell.maxLon = Math.max(cell.maxLon, row.maxLon);
    cell.maxLat = Math.max(cell.maxLat, row.maxLat);
    cell.sumLon += row.sumLon;
    cell.sumLat += row.sumLat;
    cell.ids.push(...idsOf(row));
    if (row.category) cell.categories[row.category] = (cell.categories[row.category] ?? 0) + row.n;
  }
  const clusters: ClusterFeature[] = [];
  const ids: number[] = [];
  for (const cell of cells.values()) {
    // A cell of few reports is made of rows of few reports, each of which named its own.
    if (cell.n <= FEW_PER_CELL) {
      ids.push(...cell.ids);
      continue;
    }
    clusters.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [round6(cell.sumLon / cell.n), round6(cell.sumLat / cell.n)] },
      properties: {
        cluster: true,
        count: cell.n,
        bbox: [down(cell.minLon), down(cell.minLat), up(cell.maxLon), up(cell.maxLat)],
        ...(options.byCategory && { categories: cell.categories }),
      },
    });
  }
  return { clusters, ids };
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
