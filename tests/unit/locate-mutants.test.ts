import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { METRES_PER_DEGREE } from '@/lib/geo';
import { buildLocator, type TerritoryCommune } from '@/lib/territory/locate';

// Turf's test, counted: the index promises to keep it to the communes whose box holds the point.
vi.mock('@turf/boolean-point-in-polygon', async (original) => {
  const turf = await original<typeof import('@turf/boolean-point-in-polygon')>();
  return { ...turf, booleanPointInPolygon: vi.fn(turf.booleanPointInPolygon) };
});
const polygonTests = vi.mocked(booleanPointInPolygon);

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

  it('finds every point inside each commune, in whichever cell of the index it falls', () => {
    // A 19×19 lattice strictly inside each square: the index's cells are 0.056° wide here, so each square spans several.
    const inside = (minLon: number, minLat: number, size: number) =>
      Array.from({ length: 19 * 19 }, (_, k) => [
        minLon + ((1 + (k % 19)) * size) / 20,
        minLat + ((1 + Math.floor(k / 19)) * size) / 20,
      ]);
    for (const [insee, squares] of [
      ['63200', [[3.0, 45.0, 0.1]]],
      ['63100', [[3.1, 45.0, 0.1]]],
      [
        '63300',
        [
          [3.3, 45.3, 0.05],
          [3.4, 45.4, 0.05],
        ],
      ],
    ] as const) {
      for (const [minLon, minLat, size] of squares) {
        for (const [lon, lat] of inside(minLon, minLat, size)) expect(inseeAt(lon!, lat!), `${lon} ${lat}`).toBe(insee);
      }
    }
  });

  it('counts a point on a commune’s outer border as inside, on every side, the territory’s limits included', () => {
    const [, , east, north] = locator.bounds;
    for (const [lon, lat, insee] of [
      [3.0, 45.05, '63200'], // the territory's west
      [3.05, 45.0, '63200'], // the territory's south
      [3.05, 45.1, '63200'], // north of the west square
      [3.2, 45.05, '63100'], // east of the east square
      [east, 45.425, '63300'], // the territory's east
      [3.425, north, '63300'], // the territory's north
    ] as const) {
      expect(inseeAt(lon, lat), `${lon} ${lat}`).toBe(insee);
    }
  });

  it('spans a commune whatever vertex its outline starts from', () => {
    // The west square again, its ring starting at the north-east corner and turning clockwise.
    const ring = [
      [3.1, 45.1],
      [3.1, 45.0],
      [3.0, 45.0],
      [3.0, 45.1],
      [3.1, 45.1],
    ];
    const turned = buildLocator([commune('63200', { type: 'Polygon', coordinates: [ring] })]);
    [3.0, 45.0, 3.1, 45.1].forEach((edge, i) => expect(turned.bounds[i]).toBeCloseTo(edge, 9));
    expect(turned.locate(3.001, 45.001)?.commune.insee).toBe('63200');
    expect(turned.locate(3.099, 45.099)?.commune.insee).toBe('63200');
  });

  it('gives a point where four communes meet to the lowest INSEE code, whatever the order given', () => {
    const quarters = [
      commune('63040', { type: 'Polygon', coordinates: square(3.0, 45.0, 0.1) }),
      commune('63010', { type: 'Polygon', coordinates: square(3.1, 45.0, 0.1) }),
      commune('63030', { type: 'Polygon', coordinates: square(3.0, 45.1, 0.1) }),
      commune('63020', { type: 'Polygon', coordinates: square(3.1, 45.1, 0.1) }),
    ];
    const orders = (list: TerritoryCommune[]): TerritoryCommune[][] =>
      list.length <= 1
        ? [list]
        : list.flatMap((first, i) => orders(list.filter((_, j) => j !== i)).map((rest) => [first, ...rest]));
    for (const order of orders(quarters)) {
      const at = buildLocator(order);
      expect(at.locate(3.1, 45.1)?.commune.insee, order.map((c) => c.insee).join()).toBe('63010');
      // Along a border shared by two of them only, the lower of those two.
      expect(at.locate(3.1, 45.15)?.commune.insee).toBe('63020');
      expect(at.locate(3.05, 45.1)?.commune.insee).toBe('63030');
    }
  });

  it('measures a commune of two parts to its own borders, never across the gap between its parts', () => {
    // On the line joining the two islands' first corners: 0.02° from the west and south sides of the first one.
    const point = locator.locate(3.33, 45.33)!;
    expect(point.commune.insee).toBe('63300');
    expect(point.borderDistanceM).toBeCloseTo(0.02 * Math.cos((45.33 * Math.PI) / 180) * METRES_PER_DEGREE, 0);
  });

  it('calls a point near the border only under the threshold, not at it', () => {
    const { borderDistanceM } = locator.locate(3.05, 45.0003)!;
    expect(buildLocator([WEST], { nearBorderM: borderDistanceM }).locate(3.05, 45.0003)!.nearBorder).toBe(false);
    expect(buildLocator([WEST], { nearBorderM: borderDistanceM + 0.01 }).locate(3.05, 45.0003)!.nearBorder).toBe(true);
  });

  it('tests a point against the polygons of only the communes whose box holds it, however close the others', () => {
    const testsFor = (lon: number, lat: number) => {
      polygonTests.mockClear();
      const insee = inseeAt(lon, lat);
      return { insee, tests: polygonTests.mock.calls.length };
    };
    // Just west of the east square, in an index cell that lists both squares: only the west one is tested.
    expect(testsFor(3.09, 45.05)).toEqual({ insee: '63200', tests: 1 });
    // Just outside a box on each side (east, north, south), each in a cell listing that commune: no test at all.
    expect(testsFor(3.21, 45.05)).toEqual({ insee: null, tests: 0 });
    expect(testsFor(3.05, 45.11)).toEqual({ insee: null, tests: 0 });
    expect(testsFor(3.35, 45.29)).toEqual({ insee: null, tests: 0 });
  });

  it('works out a commune’s interior point once, then answers it from memory', () => {
    const first = locator.interiorPoint('63100');
    polygonTests.mockClear();
    expect(locator.interiorPoint('63100')).toEqual(first);
    expect(polygonTests).not.toHaveBeenCalled();
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
