import type { MultiPolygon, Polygon, Position } from 'geojson';

// The 21 communes drawn as SVG paths for the figures' map (a choropleth needs no tiles and no JavaScript) and for the
// route sheet's map (lib/rounds/sheet.ts, which places its stops with the same projection). Pure:
// an equirectangular projection scaled by the cosine of the middle latitude (fine over 30 km), coordinates rounded to
// whole units (the map is 600 units wide) and points closer than `tolerance` units to the last one kept dropped, so
// that the page carries about 19 kB of outlines (sent twice: HTML and RSC payload) rather than thousands of vertices.

export type Shape = { insee: string; path: string };
export type Projected = { width: number; height: number; shapes: Shape[] };

type Commune = { insee: string; geometry: Polygon | MultiPolygon };

/** A projection of the communes' box onto `width` units (y down, as in SVG), to place points on their outlines. */
export type Projection = { width: number; height: number; project: (lon: number, lat: number) => [x: number, y: number] };

const ringsOf = (geometry: Polygon | MultiPolygon): Position[][] =>
  geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();

export function projectionOf(communes: Commune[], width = 600): Projection {
  const all = communes.flatMap((c) => ringsOf(c.geometry).flat());
  const [minLon, maxLon] = [Math.min(...all.map((p) => p[0]!)), Math.max(...all.map((p) => p[0]!))];
  const [minLat, maxLat] = [Math.min(...all.map((p) => p[1]!)), Math.max(...all.map((p) => p[1]!))];
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = width / ((maxLon - minLon) * kx);
  return {
    width,
    height: Math.round((maxLat - minLat) * scale),
    project: (lon, lat) => [(lon - minLon) * kx * scale, (maxLat - lat) * scale],
  };
}

export function projectCommunes(communes: Commune[], width = 600, tolerance = 2): Projected {
  const { height, project } = projectionOf(communes, width);
  const toPath = (ring: Position[]) => {
    const kept: [number, number][] = [];
    for (const [lon, lat] of ring) {
      const [x, y] = project(lon!, lat!);
      const point: [number, number] = [Math.round(x), Math.round(y)];
      const last = kept.at(-1);
      if (!last || Math.hypot(point[0] - last[0], point[1] - last[1]) >= tolerance) kept.push(point);
    }
    return kept.length >= 3 ? `M${kept.map(([x, y]) => `${x} ${y}`).join('L')}Z` : '';
  };
  return {
    width,
    height,
    shapes: communes.map((c) => ({ insee: c.insee, path: ringsOf(c.geometry).map(toPath).join('') })),
  };
}

/** Five classes from 0 to the largest count, for the map's colours; 0 has a class of its own. */
export function classOf(count: number, max: number, classes = 5): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(classes - 1, 1 + Math.floor(((count - 1) / max) * (classes - 1)));
}

/** The counts each non-zero class holds, for the legend: [from, to] per class 1…classes-1, empty ones left out. */
export function classRanges(max: number, classes = 5): { index: number; from: number; to: number }[] {
  const steps = classes - 1;
  const from = (k: number) => Math.ceil(((k - 1) * max) / steps) + 1;
  const ranges = [];
  for (let k = 1; k <= steps; k++) {
    const range = { index: k, from: from(k), to: k === steps ? max : from(k + 1) - 1 };
    if (max > 0 && range.to >= range.from) ranges.push(range);
  }
  return ranges;
}
