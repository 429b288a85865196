import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { METRES_PER_DEGREE, type Bounds } from '@/lib/geo';

// Pure: a point -> the commune whose polygon holds it -> its pôle, plus the distance to that commune's border.
// Built once from the territory rows; a uniform grid of bounding boxes keeps the Turf tests to one or two
// polygons per point, at 21 communes as at 35,000.

export type TerritoryCommune = {
  insee: string;
  name: string;
  pole: { id: string; name: string };
  geometry: Polygon | MultiPolygon;
};

export type Location = {
  commune: { insee: string; name: string };
  pole: { id: string; name: string };
  nearBorder: boolean;
  borderDistanceM: number;
};

export type Locator = {
  locate(lon: number, lat: number): Location | null;
  /** A point well inside the commune, for reports placed by commune and address rather than by pin. */
  interiorPoint(insee: string): { lon: number; lat: number } | null;
  bounds: Bounds;
  size: number;
};

type IndexedCommune = {
  commune: TerritoryCommune;
  feature: Feature<Polygon | MultiPolygon>;
  bbox: Bounds;
  /** Every ring's vertices, flattened lon,lat,lon,lat… */
  coords: Float64Array;
  /** Start offset (in numbers) of each ring in `coords`, plus the end. */
  ringStarts: Uint32Array;
};

export const DEFAULT_NEAR_BORDER_M = 50;

function ringsOf(geometry: Polygon | MultiPolygon): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

function indexCommune(commune: TerritoryCommune): IndexedCommune {
  const rings = ringsOf(commune.geometry);
  const total = rings.reduce((n, ring) => n + ring.length * 2, 0);
  const coords = new Float64Array(total);
  const ringStarts = new Uint32Array(rings.length + 1);
  const bbox: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  let offset = 0;
  rings.forEach((ring, r) => {
    ringStarts[r] = offset;
    for (const [lon, lat] of ring) {
      coords[offset++] = lon!;
      coords[offset++] = lat!;
      if (lon! < bbox[0]) bbox[0] = lon!;
      if (lat! < bbox[1]) bbox[1] = lat!;
      if (lon! > bbox[2]) bbox[2] = lon!;
      if (lat! > bbox[3]) bbox[3] = lat!;
    }
  });
  ringStarts[rings.length] = offset;
  const feature: Feature<Polygon | MultiPolygon> = { type: 'Feature', properties: {}, bbox, geometry: commune.geometry };
  return { commune, feature, bbox, coords, ringStarts };
}

/** Shortest distance in metres from the point to any ring of the commune (local equirectangular projection). */
export function distanceToBorderM(indexed: Pick<IndexedCommune, 'coords' | 'ringStarts'>, lon: number, lat: number): number {
  const kx = Math.cos((lat * Math.PI) / 180);
  const { coords, ringStarts } = indexed;
  let best = Infinity;
  for (let r = 0; r + 1 < ringStarts.length; r++) {
    const end = ringStarts[r + 1]!;
    for (let i = ringStarts[r]!; i + 3 < end; i += 2) {
      const ax = (coords[i]! - lon) * kx;
      const ay = coords[i + 1]! - lat;
      const dx = (coords[i + 2]! - lon) * kx - ax;
      const dy = coords[i + 3]! - lat - ay;
      const lengthSq = dx * dx + dy * dy;
      const t = lengthSq === 0 ? 0 : Math.min(1, Math.max(0, -(ax * dx + ay * dy) / lengthSq));
      const px = ax + t * dx;
      const py = ay + t * dy;
      const dSq = px * px + py * py;
      if (dSq < best) best = dSq;
    }
  }
  return Math.sqrt(best) * METRES_PER_DEGREE;
}

export function buildLocator(communes: TerritoryCommune[], options: { nearBorderM?: number } = {}): Locator {
  const nearBorderM = options.nearBorderM ?? DEFAULT_NEAR_BORDER_M;
  // Sorted by INSEE code so that a point exactly on a shared border always goes to the lowest code.
  const indexed = [...communes].sort((a, b) => (a.insee < b.insee ? -1 : a.insee > b.insee ? 1 : 0)).map(indexCommune);
  const bounds: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { bbox } of indexed) {
    bounds[0] = Math.min(bounds[0], bbox[0]);
    bounds[1] = Math.min(bounds[1], bbox[1]);
    bounds[2] = Math.max(bounds[2], bbox[2]);
    bounds[3] = Math.max(bounds[3], bbox[3]);
  }
  const grid = buildGrid(indexed, bounds);

  function locate(lon: number, lat: number): Location | null {
    const candidates = grid.candidatesAt(lon, lat);
    if (!candidates) return null;
    for (const i of candidates) {
      const entry = indexed[i]!;
      const [minLon, minLat, maxLon, maxLat] = entry.bbox;
      if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) continue;
      if (!booleanPointInPolygon([lon, lat], entry.feature)) continue;
      const borderDistanceM = distanceToBorderM(entry, lon, lat);
      const { insee, name, pole } = entry.commune;
      return {
        commune: { insee, name },
        pole: { id: pole.id, name: pole.name },
        nearBorder: borderDistanceM < nearBorderM,
        borderDistanceM,
      };
    }
    return null;
  }

  const interiorPoints = new Map<string, { lon: number; lat: number }>();
  function interiorPoint(insee: string) {
    const entry = indexed.find((candidate) => candidate.commune.insee === insee);
    if (!entry) return null;
    if (!interiorPoints.has(insee)) interiorPoints.set(insee, farthestFromBorder(entry));
    return interiorPoints.get(insee)!;
  }

  return { locate, interiorPoint, bounds, size: indexed.length };
}

/** The sample point of a 24×24 grid over the commune's box that lies deepest inside it. */
function farthestFromBorder(entry: IndexedCommune): { lon: number; lat: number } {
  const [minLon, minLat, maxLon, maxLat] = entry.bbox;
  let best = { lon: entry.coords[0]!, lat: entry.coords[1]!, distance: -1 };
  for (let i = 0; i < 24; i++) {
    for (let j = 0; j < 24; j++) {
      const lon = minLon + ((i + 0.5) / 24) * (maxLon - minLon);
      const lat = minLat + ((j + 0.5) / 24) * (maxLat - minLat);
      if (!booleanPointInPolygon([lon, lat], entry.feature)) continue;
      const distance = distanceToBorderM(entry, lon, lat);
      if (distance > best.distance) best = { lon, lat, distance };
    }
  }
  return { lon: Math.round(best.lon * 1e6) / 1e6, lat: Math.round(best.lat * 1e6) / 1e6 };
}

type Grid = { candidatesAt(lon: number, lat: number): Uint32Array | null };

/** A uniform grid over the territory; each cell lists (in INSEE order) the communes whose box meets it. */
function buildGrid(indexed: IndexedCommune[], bounds: Bounds): Grid {
  const side = Math.max(8, Math.ceil(Math.sqrt(indexed.length * 4)));
  const [minLon, minLat, maxLon, maxLat] = bounds;
  const cellW = (maxLon - minLon) / side || 1;
  const cellH = (maxLat - minLat) / side || 1;
  const column = (lon: number) => Math.min(side - 1, Math.floor((lon - minLon) / cellW));
  const row = (lat: number) => Math.min(side - 1, Math.floor((lat - minLat) / cellH));

  const buckets: number[][] = Array.from({ length: side * side }, () => []);
  indexed.forEach(({ bbox }, i) => {
    for (let y = row(bbox[1]); y <= row(bbox[3]); y++) {
      for (let x = column(bbox[0]); x <= column(bbox[2]); x++) buckets[y * side + x]!.push(i);
    }
  });
  const cells = buckets.map((bucket) => Uint32Array.from(bucket));

  return {
    candidatesAt(lon, lat) {
      if (!(lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat)) return null;
      return cells[row(lat) * side + column(lon)]!;
    },
  };
}
