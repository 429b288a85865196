import type { MultiPolygon, Polygon } from 'geojson';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildLocator, type TerritoryCommune } from '@/lib/territory/locate';

// What `npm run test:mutation -- --mutate lib/territory/locate.ts` found untested, on a small made-up territory whose
// answers are known exactly: two squares sharing a border, an island commune of two parts, and points on every side.

const square = (minLon: number, minLat: number, size: number): Polygon['coordinates'] => [
  [
    [minLon, minLat],
    [minLon + size, minLat],
    [minLon + size, minLat + size],
    [minLon, minLat + size],
    [minLon, minLat],
  ],
];
const commune = (insee: string, geometry: Polygon | MultiPolygon): TerritoryCommune => ({
  insee,
  name: `Commune ${insee}`,
  pole: { id: `pole-${insee}`, name: `Pôle ${insee}` },
  geometry,
});

// West and east squares of 0.1° meet at lon 3.1; the islands lie apart to the north-east.
const WEST = commune('63200', { type: 'Polygon', coordinates: square(3.0, 45.0, 0.1) });
const EAST = commune('63100', { type: 'Polygon', coordinates: square(3.1, 45.0, 0.1) });
const ISLANDS = commune('63300', { type: 'MultiPolygon', coordinates: [square(3.3, 45.3, 0.05), square(3.4, 45.4, 0.05)] });
// Built inside each test, not when the file loads: a mutant that breaks the build then fails the test that met it.
let locator: ReturnType<typeof buildLocator>;
beforeEach(() => {
  locator = buildLocator([WEST, ISLANDS, EAST]);
});
const inseeAt = (lon: number, lat: number) => locator.locate(lon, lat)?.commune.insee ?? null;

describe('buildLocator on a made-up territory', () => {
  it('spans every commune, islands included', () => {
    [3.0, 45.0, 3.45, 45.45].forEach((edge, i) => expect(locator.bounds[i]).toBeCloseTo(edge, 9));
    expect(locator.size).toBe(3);
  });

  it('finds nothing beyond the territory on each side, however far', () => {
    for (const [lon, lat] of [
      [2.9, 45.05],
      [-170, 45.05],
      [3.05, 44.9],
      [3.05, -80],
      [3.6, 45.05],
      [3.05, 45.6],
    ]) {
      expect(inseeAt(lon!, lat!)).toBeNull();
    }
  });

  it('finds a point in either part of a commune of two parts, and nothing between them', () => {
    expect(inseeAt(3.325, 45.325)).toBe('63300');
    expect(inseeAt(3.425, 45.425)).toBe('63300');
    expect(inseeAt(3.375, 45.375)).toBeNull();
  });

  it('gives a point on a shared border to the lowest INSEE code, whatever the order given', () => {
    expect(inseeAt(3.1, 45.05)).toBe('63100');
    expect(buildLocator([EAST, WEST]).locate(3.1, 45.05)?.commune.insee).toBe('63100');
  });

  it('measures the distance to the nearest border, and calls a point near when under the threshold', () => {
    const centre = locator.locate(3.05, 45.05)!;
    // 0.05° of latitude to the south and north borders: about 5.56 km.
    expect(centre.borderDistanceM).toBeGreaterThan(3_900);
    expect(centre.borderDistanceM).toBeLessThan(5_600);
    expect(centre.nearBorder).toBe(false);
    const near = locator.locate(3.05, 45.0003)!;
    expect(near.borderDistanceM).toBeGreaterThan(30);
    expect(near.borderDistanceM).toBeLessThan(35);
    expect(near.nearBorder).toBe(true);
    expect(buildLocator([WEST], { nearBorderM: 10 }).locate(3.05, 45.0003)!.nearBorder).toBe(false);
  });

  it('measures to a corner when the nearest point of the border is one', () => {
    const nearCorner = locator.locate(3.0003, 45.0003)!;
    expect(nearCorner.borderDistanceM).toBeGreaterThan(20);
    expect(nearCorner.borderDistanceM).toBeLessThan(35);
  });

  it('offers a point well inside a commune for a report placed by commune, and none for an unknown code', () => {
    const point = locator.interiorPoint('63200')!;
    // A degree of longitude is shorter than one of latitude: the deepest points run north-south through the middle.
    expect(Math.abs(point.lon - 3.05)).toBeLessThan(0.005);
    expect(Math.abs(point.lat - 45.05)).toBeLessThan(0.025);
    expect(inseeAt(point.lon, point.lat)).toBe('63200');
    expect(locator.interiorPoint('63200')).toEqual(point);
    const island = locator.interiorPoint('63300')!;
    expect(inseeAt(island.lon, island.lat)).toBe('63300');
    expect(locator.interiorPoint('99999')).toBeNull();
  });
});
