import type { Feature, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { clusterPoints, FEW_PER_CELL, foldCells, gridCell, MAX_MAP_ZOOM, type ClusterFeature } from '@/lib/reports/map-grid';

const point = (lon: number, lat: number, id: number): Feature<Point, { id: number }> => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { id },
});
const isCluster = (f: Feature<Point, unknown>): f is ClusterFeature => 'cluster' in (f.properties as object);

describe('the map grid', () => {
  it('halves its cells at each zoom, a quarter of a tile wide', () => {
    expect(gridCell(0).lon).toBe(90);
    expect(gridCell(11).lon).toBe(gridCell(10).lon / 2);
    expect(gridCell(11).lat).toBeCloseTo(gridCell(11).lon * 0.7);
  });

  it('keeps every point of the staff map, in a cluster or alone, at every zoom', () => {
    let seed = 3;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const points = Array.from({ length: 500 }, (_, i) => point(3 + random() * 0.3, 45.7 + random() * 0.2, i));
    for (let zoom = 8; zoom <= MAX_MAP_ZOOM; zoom++) {
      const features = clusterPoints(points, zoom);
      const counted = features.reduce((sum, f) => sum + (isCluster(f) ? f.properties.count : 1), 0);
      expect(counted, `zoom ${zoom}`).toBe(points.length);
      for (const f of features) if (isCluster(f)) expect(f.properties.count).toBeGreaterThan(FEW_PER_CELL);
    }
    expect(clusterPoints(points, MAX_MAP_ZOOM).some(isCluster)).toBe(false);
    expect(clusterPoints(points, 10).some(isCluster)).toBe(true);
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
});
