import { METRES_PER_DEGREE } from '@/lib/geo';

// The visiting order of a round: a nearest-neighbour tour from the start, which a person then adjusts by hand. Pure,
// so that it is unit-tested; no road network is known here, so distances are straight lines.

export type Point = { lon: number; lat: number };

/**
 * Straight-line distance in metres on a plane tangent at the two points' mean latitude: within the Métropole (about
 * 30 km across) it differs from the great-circle distance by far less than a street's width.
 */
export function distanceM(a: Point, b: Point): number {
  const kx = Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
  return Math.hypot((b.lon - a.lon) * kx, b.lat - a.lat) * METRES_PER_DEGREE;
}

/**
 * From the start, always on to the nearest stop not yet visited. Ties keep the stops' given order, so ordering an
 * already ordered round changes nothing. O(n²): a round is tens of stops, not thousands.
 */
export function nearestNeighbourOrder<T extends Point>(start: Point, stops: readonly T[]): T[] {
  const left = [...stops];
  const ordered: T[] = [];
  let here = start;
  while (left.length > 0) {
    let best = 0;
    let bestDistance = distanceM(here, left[0]!);
    for (let i = 1; i < left.length; i++) {
      const distance = distanceM(here, left[i]!);
      if (distance < bestDistance) [best, bestDistance] = [i, distance];
    }
    here = left.splice(best, 1)[0]!;
    ordered.push(here as T);
  }
  return ordered;
}

/** The length of the tour from the start through the stops in their order (no way back), in metres. */
export function roundLengthM(start: Point, stops: readonly Point[]): number {
  let length = 0;
  let here = start;
  for (const stop of stops) {
    length += distanceM(here, stop);
    here = stop;
  }
  return length;
}

/**
 * Where a round starts when nothing better is known: the mean of the given points (a pôle's communes, each by a
 * point well inside it), or null when there are none.
 */
export function meanPoint(points: readonly Point[]): Point | null {
  if (points.length === 0) return null;
  const sum = points.reduce((acc, p) => ({ lon: acc.lon + p.lon, lat: acc.lat + p.lat }), { lon: 0, lat: 0 });
  return { lon: sum.lon / points.length, lat: sum.lat / points.length };
}
