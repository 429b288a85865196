import { EARTH_RADIUS_M, METRES_PER_DEGREE } from '@/lib/geo';

// Pure geometry of duplicate detection: which open reports of the same category are "the same problem".

export type Point = { lon: number; lat: number };

/** Great-circle distance (haversine), exact enough from a metre to the size of the Métropole. */
export function metresBetween(a: Point, b: Point): number {
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLon = (b.lon - a.lon) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A box that holds every point within `radiusM` of the centre: the index-friendly prefilter of the SQL query. */
export function boxAround(centre: Point, radiusM: number) {
  const dLat = radiusM / METRES_PER_DEGREE;
  const dLon = radiusM / (METRES_PER_DEGREE * Math.max(Math.cos((centre.lat * Math.PI) / 180), 1e-6));
  return { minLon: centre.lon - dLon, maxLon: centre.lon + dLon, minLat: centre.lat - dLat, maxLat: centre.lat + dLat };
}

/** Keeps the candidates within the radius, nearest first, each with its distance in whole metres. */
export function withinRadius<T extends Point>(centre: Point, candidates: T[], radiusM: number): (T & { distanceM: number })[] {
  return candidates
    .map((candidate) => ({ ...candidate, distanceM: Math.round(metresBetween(centre, candidate)) }))
    .filter((candidate) => candidate.distanceM <= radiusM)
    .sort((a, b) => a.distanceM - b.distanceM);
}
