import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildLocator, type TerritoryCommune } from '@/lib/territory/locate';

type CommuneProperties = { insee: string; name: string; pole: string };
type PoleRow = { id: string; name: string; communes: string[] };

const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(process.cwd(), path), 'utf8')) as T;
const features = readJson<FeatureCollection<Polygon, CommuneProperties>>('db/data/communes.geojson').features;
const poles = readJson<PoleRow[]>('db/data/poles.json');

const communes: TerritoryCommune[] = features.map(({ properties, geometry }) => {
  const pole = poles.find((p) => p.id === properties.pole);
  if (!pole) throw new Error(`unknown pôle ${properties.pole} for ${properties.insee}`);
  return { insee: properties.insee, name: properties.name, pole: { id: pole.id, name: pole.name }, geometry };
});
const locator = buildLocator(communes);

// One point per commune, 660 m to 3 km from any border, found once by sampling and then frozen here;
// insee, name and pôle are copied from the table in db/data/SOURCES.md, never read from the geojson.
const INTERIOR = [
  { insee: '63014', name: 'Aubière', pole: 'sud', at: [3.1184, 45.7505] },
  { insee: '63019', name: 'Aulnat', pole: 'est', at: [3.1719, 45.7942] },
  { insee: '63032', name: 'Beaumont', pole: 'sud', at: [3.0878, 45.75] },
  { insee: '63042', name: 'Blanzat', pole: 'nord', at: [3.0693, 45.8343] },
  { insee: '63063', name: 'Cébazat', pole: 'nord', at: [3.1066, 45.8314] },
  { insee: '63069', name: 'Le Cendre', pole: 'sud-est', at: [3.1892, 45.7189] },
  { insee: '63070', name: 'Ceyrat', pole: 'sud-ouest', at: [3.067, 45.7347] },
  { insee: '63075', name: 'Chamalières', pole: 'ouest', at: [3.0636, 45.7748] },
  { insee: '63099', name: 'Châteaugay', pole: 'nord', at: [3.0918, 45.8541] },
  { insee: '63113', name: 'Clermont-Ferrand', pole: 'centre', at: [3.0819, 45.7772] }, // place de Jaude
  { insee: '63124', name: "Cournon-d'Auvergne", pole: 'sud-est', at: [3.1741, 45.7436] },
  { insee: '63141', name: 'Durtol', pole: 'ouest', at: [3.0487, 45.7953] },
  { insee: '63164', name: 'Gerzat', pole: 'nord', at: [3.1523, 45.8288] },
  { insee: '63193', name: 'Lempdes', pole: 'est', at: [3.1928, 45.7728] },
  { insee: '63254', name: 'Nohanent', pole: 'ouest', at: [3.058, 45.8109] },
  { insee: '63263', name: 'Orcines', pole: 'ouest', at: [3.0, 45.787] },
  { insee: '63272', name: 'Pérignat-lès-Sarliève', pole: 'sud-est', at: [3.1435, 45.7325] },
  { insee: '63284', name: 'Pont-du-Château', pole: 'est', at: [3.2283, 45.7962] },
  { insee: '63307', name: 'Romagnat', pole: 'sud', at: [3.084, 45.7109] },
  { insee: '63308', name: 'Royat', pole: 'ouest', at: [3.0403, 45.7582] },
  { insee: '63345', name: 'Saint-Genès-Champanelle', pole: 'sud-ouest', at: [2.9919, 45.7264] },
] as const;

// Edges [lon, lat, lon, lat] taken verbatim from the geojson, each running northwards so that 'east' is its right side.
type Edge = [number, number, number, number];
const CHAMALIERES_CLERMONT: Edge = [3.074487, 45.773782, 3.070687, 45.781433]; // 900 m
const PERIGNAT_COURNON: Edge = [3.160501, 45.730298, 3.153125, 45.740821]; // 1.3 km
const CLERMONT_AULNAT: Edge = [3.161424, 45.803283, 3.162314, 45.806639]; // 380 m, closing segment of Clermont's ring
const AULNAT_OUTER: Edge = [3.18549, 45.799804, 3.17268, 45.805702]; // 1.2 km, on the Métropole limit

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (degrees: number) => (degrees * Math.PI) / 180;
const deg = (radians: number) => (radians * 180) / Math.PI;

function haversineM([lon1, lat1]: Position, [lon2, lat2]: Position): number {
  const h =
    Math.sin(rad(lat2! - lat1!) / 2) ** 2 + Math.cos(rad(lat1!)) * Math.cos(rad(lat2!)) * Math.sin(rad(lon2! - lon1!) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

/** The great-circle destination from `from`, `metres` away on `bearingDeg`. */
function destination([lon, lat]: Position, bearingDeg: number, metres: number): [number, number] {
  const [phi, theta, delta] = [rad(lat!), rad(bearingDeg), metres / EARTH_RADIUS_M];
  const phi2 = Math.asin(Math.sin(phi) * Math.cos(delta) + Math.cos(phi) * Math.sin(delta) * Math.cos(theta));
  const lambda2 = Math.atan2(Math.sin(theta) * Math.sin(delta) * Math.cos(phi), Math.cos(delta) - Math.sin(phi) * Math.sin(phi2));
  return [lon! + deg(lambda2), deg(phi2)];
}

/** The point `metres` off the middle of a northward edge, on its east (right) or west (left) side. */
function besideEdge([lon1, lat1, lon2, lat2]: Edge, metres: number, side: 'east' | 'west'): [number, number] {
  const middle = [(lon1 + lon2) / 2, (lat1 + lat2) / 2];
  const y = Math.sin(rad(lon2 - lon1)) * Math.cos(rad(lat2));
  const x = Math.cos(rad(lat1)) * Math.sin(rad(lat2)) - Math.sin(rad(lat1)) * Math.cos(rad(lat2)) * Math.cos(rad(lon2 - lon1));
  const bearing = deg(Math.atan2(y, x));
  return destination(middle, bearing + (side === 'east' ? 90 : -90), metres);
}

/** Independent of the locator: haversine to samples taken every metre along the commune's ring. */
function sampledBorderDistanceM(insee: string, point: Position): number {
  const ring = features.find((f) => f.properties.insee === insee)!.geometry.coordinates[0]!;
  let best = Infinity;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [a, b] = [ring[i]!, ring[i + 1]!];
    const steps = Math.max(1, Math.ceil(haversineM(a, b)));
    for (let s = 0; s <= steps; s++) {
      const t = s / steps;
      best = Math.min(best, haversineM([a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)], point));
    }
  }
  return best;
}

/** Deterministic Fisher–Yates shuffle, driven by a 32-bit linear congruential generator. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const j = Math.floor((state / 2 ** 32) * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('buildLocator on the 21 communes of the Métropole', () => {
  const outside = [
    { where: 'north of the territory', at: [3.1, 45.88] },
    { where: 'south of the territory', at: [3.1, 45.67] },
    { where: 'east of the territory', at: [3.3, 45.78] },
    { where: 'west of the territory', at: [2.93, 45.78] },
    { where: 'inside the bounding box but 4.8 km from any commune', at: [3.27, 45.7] },
    { where: '5 m outside the Métropole limit at Aulnat', at: besideEdge(AULNAT_OUTER, 5, 'east') },
    { where: 'in Paris', at: [2.3522, 48.8566] },
    { where: 'at 0/0', at: [0, 0] },
    { where: 'for non-finite coordinates', at: [Number.NaN, Infinity] },
  ];
  for (const { where, at } of outside) {
    it(`returns null ${where}`, () => expect(locator.locate(at[0]!, at[1]!)).toBeNull());
  }

  it('indexes the 21 communes and spans the Métropole', () => {
    expect(locator.size).toBe(21);
    expect(locator.bounds).toEqual([2.942996, 45.680483, 3.288148, 45.867438]);
  });

  for (const { insee, name, pole, at } of INTERIOR) {
    it(`routes a point in ${name} to the pôle ${pole}`, () => {
      const location = locator.locate(at[0], at[1]);
      expect(location?.commune).toEqual({ insee, name });
      expect(location?.pole.id).toBe(pole);
      expect(location?.nearBorder).toBe(false);
    });
  }

  it('gives every commune the one pôle that lists it in poles.json', () => {
    expect(poles).toHaveLength(7);
    const listed = poles.flatMap((p) => p.communes);
    expect(new Set(listed).size).toBe(21);
    expect([...listed].sort()).toEqual(INTERIOR.map((c) => c.insee));
    for (const pole of poles) {
      for (const insee of pole.communes) {
        const [lon, lat] = INTERIOR.find((c) => c.insee === insee)!.at;
        expect(locator.locate(lon, lat)?.pole).toEqual({ id: pole.id, name: pole.name });
      }
    }
  });

  it('gives a vertex shared by several communes to the lowest INSEE code, whatever the input order', () => {
    const shared = [
      { at: [3.074487, 45.773782], lowest: '63075', other: '63113' }, // Chamalières / Clermont-Ferrand
      { at: [3.127544, 45.757336], lowest: '63014', other: '63113' }, // Aubière / Clermont-Ferrand
      { at: [3.023902, 45.767406], lowest: '63263', other: '63308' }, // Orcines / Royat
      { at: [3.053291, 45.785777], lowest: '63075', other: '63263' }, // Chamalières, Clermont, Durtol, Orcines
    ] as const;
    for (const { at, other } of shared) {
      // The vertex really lies in the other commune too, so the tie-break is what decides.
      expect(buildLocator(communes.filter((c) => c.insee === other)).locate(at[0], at[1])?.commune.insee).toBe(other);
    }
    for (let seed = 1; seed <= 20; seed++) {
      const shuffledLocator = buildLocator(shuffled(communes, seed));
      for (const { at, lowest } of shared) {
        for (let call = 0; call < 3; call++) expect(shuffledLocator.locate(at[0], at[1])?.commune.insee).toBe(lowest);
      }
    }
  });

  it('puts a point 5 m off the Chamalières / Clermont-Ferrand border on its own side, near the border', () => {
    const west = locator.locate(...besideEdge(CHAMALIERES_CLERMONT, 5, 'west'));
    const east = locator.locate(...besideEdge(CHAMALIERES_CLERMONT, 5, 'east'));
    expect(west).toMatchObject({ commune: { insee: '63075' }, pole: { id: 'ouest' }, nearBorder: true });
    expect(east).toMatchObject({ commune: { insee: '63113' }, pole: { id: 'centre' }, nearBorder: true });
    expect(west?.borderDistanceM).toBeCloseTo(5, 1);
    expect(east?.borderDistanceM).toBeCloseTo(5, 1);
  });

  it('flags a point 5 m inside the Métropole limit as near the border', () => {
    expect(locator.locate(...besideEdge(AULNAT_OUTER, 5, 'west'))).toMatchObject({
      commune: { insee: '63019' },
      nearBorder: true,
    });
  });

  it('does not flag a point far from any border', () => {
    const location = locator.locate(2.9919, 45.7264);
    expect(location?.nearBorder).toBe(false);
    expect(location?.borderDistanceM).toBeGreaterThan(2_000);
  });

  it('honours the nearBorderM threshold', () => {
    const farther = besideEdge(PERIGNAT_COURNON, 300, 'east');
    const closer = besideEdge(PERIGNAT_COURNON, 20, 'west');
    expect(locator.locate(...farther)).toMatchObject({ commune: { insee: '63124' }, nearBorder: false });
    expect(locator.locate(...closer)).toMatchObject({ commune: { insee: '63272' }, nearBorder: true });
    expect(buildLocator(communes, { nearBorderM: 1_000 }).locate(...farther)?.nearBorder).toBe(true);
    expect(buildLocator(communes, { nearBorderM: 10 }).locate(...closer)?.nearBorder).toBe(false);
  });

  it('measures the border distance within 1 % of an independent haversine computation', () => {
    const cases = [
      { insee: '63113', at: [3.0819, 45.7772] }, // place de Jaude
      { insee: '63345', at: [2.9919, 45.7264] },
      { insee: '63113', at: besideEdge(CHAMALIERES_CLERMONT, 200, 'east') },
      { insee: '63113', at: besideEdge(CLERMONT_AULNAT, 10, 'west') },
      { insee: '63019', at: besideEdge(CLERMONT_AULNAT, 10, 'east') },
    ];
    for (const { insee, at } of cases) {
      const expected = sampledBorderDistanceM(insee, at);
      const location = locator.locate(at[0]!, at[1]!);
      expect(location?.commune.insee).toBe(insee);
      expect(Math.abs(location!.borderDistanceM - expected) / expected).toBeLessThan(0.01);
    }
    expect(sampledBorderDistanceM('63113', besideEdge(CHAMALIERES_CLERMONT, 200, 'east'))).toBeCloseTo(200, 0);
  });
});
