import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import type { Bounds } from '@/lib/geo';
import { buildLocator, type TerritoryCommune } from '@/lib/territory/locate';
import { prng } from '@/lib/demo/random';

// Times locate() per call on the real Métropole, against a naive Turf loop, and on a synthetic France-scale
// territory. Prints figures and ratios only: times depend on the machine, so nothing is asserted.

const POINTS = 100_000;
const WARM_UP = 10_000;

type CommuneProperties = { insee: string; name: string; pole: string };
type PoleRow = { id: string; name: string };
type Stats = { p50: number; p99: number; mean: number; inside: number };

function pointsIn([minLon, minLat, maxLon, maxLat]: Bounds, count: number, seed: number): Float64Array {
  const random = prng(seed);
  const points = new Float64Array(count * 2);
  for (let i = 0; i < count; i++) {
    points[2 * i] = minLon + random() * (maxLon - minLon);
    points[2 * i + 1] = minLat + random() * (maxLat - minLat);
  }
  return points;
}

/** Times each call on its own; the first WARM_UP points only let the JIT settle. */
function time(find: (lon: number, lat: number) => unknown, points: Float64Array): Stats {
  for (let i = 0; i < WARM_UP; i++) find(points[2 * i]!, points[2 * i + 1]!);
  const count = points.length / 2 - WARM_UP;
  const ns = new Float64Array(count);
  let inside = 0;
  for (let i = 0; i < count; i++) {
    const lon = points[2 * (i + WARM_UP)]!;
    const lat = points[2 * (i + WARM_UP) + 1]!;
    const start = process.hrtime.bigint();
    const found = find(lon, lat);
    ns[i] = Number(process.hrtime.bigint() - start);
    if (found !== null) inside++;
  }
  ns.sort();
  const at = (q: number) => ns[Math.min(count - 1, Math.floor(q * count))]! / 1_000;
  return { p50: at(0.5), p99: at(0.99), mean: ns.reduce((sum, t) => sum + t, 0) / count / 1_000, inside };
}

const us = (value: number) => `${value.toFixed(2)} µs`;
const count = (n: number) => n.toLocaleString('en');
const line = (label: string, s: Stats) =>
  `  ${label}: p50 ${us(s.p50)}, p99 ${us(s.p99)}, mean ${us(s.mean)}, inside ${count(s.inside)} / ${count(POINTS)}`;
const megabytes = () =>
  `rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB, heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB`;

function loadMetropole(): { communes: TerritoryCommune[]; features: Feature<Polygon, CommuneProperties>[] } {
  const read = <T>(path: string): T => JSON.parse(readFileSync(join(process.cwd(), path), 'utf8')) as T;
  const { features } = read<FeatureCollection<Polygon, CommuneProperties>>('db/data/communes.geojson');
  const poles = new Map(read<PoleRow[]>('db/data/poles.json').map((p) => [p.id, p]));
  const communes = features.map(({ properties: { insee, name, pole }, geometry }) => {
    const row = poles.get(pole);
    if (!row) throw new Error(`unknown pôle ${pole} for ${insee}`);
    return { insee, name, pole: { id: row.id, name: row.name }, geometry };
  });
  return { communes, features };
}

// A 187 × 187 tessellation of mainland France's box shaped like real communes: columns and rows of uneven widths,
// corners moved by up to 30 % of the smaller neighbouring cell, and borders that wander (two harmonics plus a little
// noise) with a number of vertices drawn per border, so that rings have the real Métropole's vertex counts (226 on
// average, 76 to 567) rather than equal squares of 100, which suit a grid index best. Every corner and every border is
// generated once, from its own seed, and the same Position objects go into both neighbours' rings: borders match exactly.
const SIDE = 187;
const BOX: Bounds = [-5, 41.3, 9.5, 51.1];

/** `count` + 1 cut positions from `from` to `to`, spaced unevenly (each gap 0.5 to 1.5 times the mean). */
function unevenCuts(from: number, to: number, count: number, seed: number): number[] {
  const random = prng(seed);
  const gaps = Array.from({ length: count }, () => 0.5 + random());
  const total = gaps.reduce((sum, gap) => sum + gap, 0);
  const cuts = [from];
  for (const gap of gaps) cuts.push(cuts.at(-1)! + (gap / total) * (to - from));
  cuts[count] = to;
  return cuts;
}

function syntheticFrance(): TerritoryCommune[] {
  const xs = unevenCuts(BOX[0], BOX[2], SIDE, 3);
  const ys = unevenCuts(BOX[1], BOX[3], SIDE, 5);
  const corners: Position[] = [];
  for (let y = 0; y <= SIDE; y++) {
    for (let x = 0; x <= SIDE; x++) {
      const random = prng(1 + y * (SIDE + 1) + x);
      const w = Math.min(xs[x]! - (xs[x - 1] ?? xs[x]! - 1), (xs[x + 1] ?? xs[x]! + 1) - xs[x]!);
      const h = Math.min(ys[y]! - (ys[y - 1] ?? ys[y]! - 1), (ys[y + 1] ?? ys[y]! + 1) - ys[y]!);
      // Corners on the outer frame stay on it, so the territory keeps its box.
      const dx = x === 0 || x === SIDE ? 0 : (random() - 0.5) * 0.6 * w;
      const dy = y === 0 || y === SIDE ? 0 : (random() - 0.5) * 0.6 * h;
      corners.push([xs[x]! + dx, ys[y]! + dy]);
    }
  }
  const corner = (x: number, y: number) => corners[y * (SIDE + 1) + x]!;
  // Points strictly between two corners, wandering sideways (not on the outer frame), fading towards the corners.
  const edge = (from: Position, to: Position, seed: number, isFrame: boolean): Position[] => {
    const random = prng(seed);
    // Segments per border: log-normal around 50, so that four borders make rings of about 226 vertices, a few 500+.
    const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const segments = Math.min(200, Math.round(10 + 40 * Math.exp(0.55 * gaussian)));
    const [a1, a3, phase] = [(random() - 0.5) * 0.16, (random() - 0.5) * 0.06, random() < 0.5 ? 1 : -1];
    const [dLon, dLat] = [to[0]! - from[0]!, to[1]! - from[1]!];
    const points: Position[] = [];
    for (let k = 1; k < segments; k++) {
      const t = k / segments;
      const fade = Math.sin(Math.PI * t);
      const wobble = isFrame ? 0 : a1 * fade + phase * a3 * Math.sin(3 * Math.PI * t) + (random() - 0.5) * 0.01 * fade;
      points.push([from[0]! + t * dLon - wobble * dLat, from[1]! + t * dLat + wobble * dLon]);
    }
    return points;
  };
  // One memo for all edges: id 2·c is the edge running east from corner c, 2·c + 1 the one running north.
  const edges = new Map<number, Position[]>();
  const edgeFrom = (x: number, y: number, isNorthward: boolean): Position[] => {
    const id = 2 * (y * (SIDE + 1) + x) + (isNorthward ? 1 : 0);
    const isFrame = isNorthward ? x === 0 || x === SIDE : y === 0 || y === SIDE;
    const points = edges.get(id) ?? edge(corner(x, y), isNorthward ? corner(x, y + 1) : corner(x + 1, y), 1e7 + id, isFrame);
    edges.set(id, points);
    return points;
  };

  const communes: TerritoryCommune[] = [];
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      // Counter-clockwise: along the south edge, up the east, back along the north, down the west.
      const ring: Position[] = [
        corner(x, y),
        ...edgeFrom(x, y, false),
        corner(x + 1, y),
        ...edgeFrom(x + 1, y, true),
        corner(x + 1, y + 1),
        ...edgeFrom(x, y + 1, false).toReversed(),
        corner(x, y + 1),
        ...edgeFrom(x, y, true).toReversed(),
        corner(x, y),
      ];
      const n = y * SIDE + x;
      const insee = String(n).padStart(5, '0');
      communes.push({
        insee,
        name: `Commune ${insee}`,
        pole: { id: `p${n % 500}`, name: `Pôle ${n % 500}` },
        geometry: { type: 'Polygon', coordinates: [ring] },
      });
    }
  }
  return communes;
}

const { communes, features } = loadMetropole();
const metropole = buildLocator(communes);
const vertices = features.reduce((n, f) => n + f.geometry.coordinates.reduce((m, ring) => m + ring.length, 0), 0);
const points = pointsIn(metropole.bounds, WARM_UP + POINTS, 42);

// The naive baseline only answers "which commune": no grid, no bounding box, no border distance.
const naive = (lon: number, lat: number) => features.find((f) => booleanPointInPolygon([lon, lat], f)) ?? null;
let disagreements = 0;
for (let i = 0; i < points.length / 2; i++) {
  const [lon, lat] = [points[2 * i]!, points[2 * i + 1]!];
  if ((naive(lon, lat)?.properties.insee ?? null) !== (metropole.locate(lon, lat)?.commune.insee ?? null)) disagreements++;
}

const timerOverhead = time(() => null, points);
const indexed = time(metropole.locate, points);
const baseline = time(naive, points);

console.log(`locate() benchmark, Node ${process.version}: ${count(POINTS)} seeded random points per run in the bounding box,`);
console.log(`each call timed with process.hrtime.bigint() after ${count(WARM_UP)} warm-up calls`);
console.log(
  `timer overhead (empty call): p50 ${us(timerOverhead.p50)}, p99 ${us(timerOverhead.p99)} (included in every figure below)`,
);
console.log(`\nMétropole: ${metropole.size} communes, ${count(vertices)} vertices, bbox [${metropole.bounds.join(', ')}]`);
console.log(line('indexed locate (grid + Turf point-in-polygon + border distance)', indexed));
console.log(
  line(
    'naive loop over the 21 polygons with Turf booleanPointInPolygon, first match (commune lookup ONLY, no border distance)',
    baseline,
  ),
);
console.log(
  `  ratio naive / indexed: p50 ×${(baseline.p50 / indexed.p50).toFixed(2)}, p99 ×${(baseline.p99 / indexed.p99).toFixed(2)}, mean ×${(baseline.mean / indexed.mean).toFixed(2)}`,
);
console.log(`  naive and indexed disagree on ${disagreements} of ${count(points.length / 2)} points`);

let started = performance.now();
const france = syntheticFrance();
const generatedMs = performance.now() - started;
started = performance.now();
const national = buildLocator(france);
const builtMs = performance.now() - started;
const nationalStats = time(national.locate, pointsIn(national.bounds, WARM_UP + POINTS, 7));

const ringSizes = france.map((c) => (c.geometry.coordinates as Position[][])[0]!.length).sort((a, b) => a - b);
console.log(
  `\nSynthetic France: ${count(national.size)} communes (${SIDE}×${SIDE} irregular cells of uneven sizes, shared borders), vertices per ring: mean ${(ringSizes.reduce((a, b) => a + b, 0) / ringSizes.length).toFixed(0)}, median ${ringSizes[ringSizes.length >> 1]}, min ${ringSizes[0]}, max ${ringSizes.at(-1)} (Métropole: mean ${(vertices / metropole.size).toFixed(0)}), bbox [${national.bounds.map((v) => v.toFixed(2)).join(', ')}]`,
);
console.log(`  generated in ${generatedMs.toFixed(0)} ms, locator built in ${builtMs.toFixed(0)} ms, ${megabytes()}`);
console.log(line('indexed locate', nationalStats));
console.log(`  national / Métropole p99: ×${(nationalStats.p99 / indexed.p99).toFixed(2)}\n`);

const round = (value: number) => Math.round(value * 100) / 100;
console.log(
  JSON.stringify({
    p50_us: round(indexed.p50),
    p99_us: round(indexed.p99),
    naive_p99_us: round(baseline.p99),
    national_p99_us: round(nationalStats.p99),
  }),
);
