import { readFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { classOf, classRanges, projectCommunes } from '@/lib/figures/shapes';

const data = JSON.parse(readFileSync('db/data/communes.geojson', 'utf8')) as FeatureCollection<
  Polygon | MultiPolygon,
  { insee: string }
>;
const communes = data.features.map((f) => ({ insee: f.properties.insee, geometry: f.geometry }));

describe('the communes drawn for the figures map', () => {
  it('draws every commune inside the box, in a few kilobytes', () => {
    const { width, height, shapes } = projectCommunes(communes);
    expect(shapes).toHaveLength(21);
    expect(width).toBe(600);
    expect(height).toBeGreaterThan(300);
    expect(height).toBeLessThan(900);
    const numbers = shapes.flatMap((s) => s.path.match(/-?\d+(\.\d+)?/g)!.map(Number));
    expect(Math.min(...numbers)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...numbers)).toBeLessThanOrEqual(Math.max(width, height));
    expect(shapes.every((s) => /^M[\d. L]+Z/.test(s.path))).toBe(true);
    const bytes = shapes.reduce((sum, s) => sum + s.path.length, 0);
    expect(bytes).toBeLessThan(40_000);
  });

  it('puts Clermont-Ferrand west of Pont-du-Château', () => {
    const { shapes } = projectCommunes(communes);
    const firstX = (insee: string) =>
      Number(
        shapes
          .find((s) => s.insee === insee)!
          .path.slice(1)
          .split(' ')[0],
      );
    expect(firstX('63113')).toBeLessThan(firstX('63284'));
  });

  it('puts 0 in a class of its own and the largest count in the last class', () => {
    expect(classOf(0, 100)).toBe(0);
    expect(classOf(1, 100)).toBe(1);
    expect(classOf(100, 100)).toBe(4);
    expect(classOf(50, 100)).toBe(2);
    expect(classOf(5, 0)).toBe(0);
  });

  it('gives the legend ranges that classOf uses, without gaps or overlaps', () => {
    for (const max of [1, 2, 3, 4, 5, 7, 10, 99, 100, 3021]) {
      const ranges = classRanges(max);
      for (const range of ranges) {
        expect(classOf(range.from, max)).toBe(range.index);
        expect(classOf(range.to, max)).toBe(range.index);
      }
      const covered = ranges.reduce((sum, r) => sum + r.to - r.from + 1, 0);
      expect(covered).toBe(max);
    }
    expect(classRanges(0)).toEqual([]);
  });
});
