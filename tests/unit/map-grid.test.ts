import { describe, expect, it } from 'vitest';
import { foldCells, gridCell, gridTile, territoryLimit, viewBox } from '@/lib/reports/map-grid';

describe('the map grid', () => {
  it('halves its cells at each zoom, a quarter of a tile wide', () => {
    expect(gridCell(0).lon).toBe(90);
    expect(gridCell(11).lon).toBe(gridCell(10).lon / 2);
    expect(gridCell(11).lat).toBeCloseTo(gridCell(11).lon * 0.7);
  });

  it('folds the rows of one cell into one cluster with its categories, and names the reports of a small cell', () => {
    const row = { gx: 1, gy: 2, minLon: 3, minLat: 45, maxLon: 3.01, maxLat: 45.01, minId: 10, maxId: 20 };
    const { clusters, ids } = foldCells(
      [
        { ...row, category: 'voirie', n: 2, sumLon: 6.01, sumLat: 90.01 },
        { ...row, category: 'travaux', n: 1, sumLon: 3, sumLat: 45, minId: 30, maxId: 30 },
        { ...row, gx: 5, category: 'voirie', n: 2, sumLon: 6, sumLat: 90, minId: 40, maxId: 41 },
      ],
      { byCategory: true },
    );
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.properties).toEqual({
      cluster: true,
      count: 3,
      bbox: [3, 45, 3.01, 45.01],
      categories: { voirie: 2, travaux: 1 },
    });
    expect(ids).toEqual([40, 41]);
  });

  describe('the box a view asks for', () => {
    const limit = territoryLimit([2.9, 45.66, 3.32, 45.88]);
    const onTile = (value: number, size: number) => Math.abs(value / size - Math.round(value / size)) < 1e-4;

    it('widens the view to whole tiles, so that nearby views ask the same question', () => {
      for (const zoom of [13, 15, 17]) {
        const tile = gridTile(zoom);
        const view: [number, number, number, number] = [3.0819, 45.7772, 3.0819 + 2.3 * tile.lon, 45.7772 + 1.7 * tile.lat];
        const box = viewBox(view, zoom, limit)!;
        expect(box[0]).toBeLessThanOrEqual(view[0]);
        expect(box[1]).toBeLessThanOrEqual(view[1]);
        expect(box[2]).toBeGreaterThanOrEqual(view[2]);
        expect(box[3]).toBeGreaterThanOrEqual(view[3]);
        expect(box.every((value, i) => onTile(value, i % 2 === 0 ? tile.lon : tile.lat))).toBe(true);
        const nudged = viewBox([view[0] + tile.lon / 1000, view[1], view[2] - tile.lon / 1000, view[3]], zoom, limit);
        expect(nudged).toEqual(box);
        expect((box[2] - box[0]) / tile.lon).toBeCloseTo(Math.round((box[2] - box[0]) / tile.lon));
      }
    });

    it('cuts the box to the territory, and answers null off it', () => {
      expect(viewBox([-10, 30, 20, 60], 9, limit)).toEqual(limit);
      expect(viewBox([-10, 30, 20, 60], 3, limit)).toEqual(limit);
      expect(viewBox([5, 47, 5.1, 47.1], 14, limit)).toBeNull();
      expect(limit).toEqual([2.89, 45.65, 3.33, 45.89]);
    });
  });
});
