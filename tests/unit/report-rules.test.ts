import { describe, expect, it } from 'vitest';
import { boxAround, metresBetween, withinRadius } from '@/lib/reports/duplicates';
import { formatReference, isReference, referenceYear } from '@/lib/reports/reference';
import { dueAtFor, isOverdue } from '@/lib/reports/sla';
import { isOpen, canResidentReopen } from '@/lib/reports/states';

const JAUDE = { lon: 3.0819, lat: 45.7772 };
// 0.0001° of latitude is 11.12 m; of longitude at 45.78° N, 7.75 m.
const north = (metres: number) => ({ ...JAUDE, lat: JAUDE.lat + metres / 111_195 });

describe('duplicate radius', () => {
  it('measures metres like a great circle', () => {
    expect(metresBetween(JAUDE, north(50))).toBeCloseTo(50, 1);
    expect(metresBetween(JAUDE, { lon: 3.0829, lat: 45.7772 })).toBeCloseTo(77.6, 0);
  });

  it('keeps the reports within the radius, nearest first, and drops the one just beyond', () => {
    const found = withinRadius(JAUDE, [north(49), north(10), north(51), { ...JAUDE, lon: JAUDE.lon + 0.0007 }], 50);
    expect(found.map((r) => r.distanceM)).toEqual([10, 49]);
  });

  it('boxes every point of the radius, whatever the direction', () => {
    const box = boxAround(JAUDE, 50);
    for (let angle = 0; angle < 360; angle += 15) {
      const rad = (angle * Math.PI) / 180;
      const p = {
        lon: JAUDE.lon + (49.9 * Math.sin(rad)) / (111_195 * Math.cos((JAUDE.lat * Math.PI) / 180)),
        lat: JAUDE.lat + (49.9 * Math.cos(rad)) / 111_195,
      };
      expect(p.lon >= box.minLon && p.lon <= box.maxLon && p.lat >= box.minLat && p.lat <= box.maxLat).toBe(true);
    }
  });
});

describe('references', () => {
  it('read PC, the year and six digits', () => {
    expect(formatReference(2026, 123)).toBe('PC-2026-000123');
    expect(isReference('PC-2026-000123')).toBe(true);
    for (const bad of ['PC-2026-123', 'pc-2026-000123', 'PC-2026-0001234', 'XX-2026-000123', ' PC-2026-000123'])
      expect(isReference(bad)).toBe(false);
  });

  it('take the year of Paris, not of UTC, on New Year’s Eve', () => {
    expect(referenceYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
    expect(referenceYear(new Date('2026-12-31T22:30:00Z'))).toBe(2026);
  });
});

describe('due dates', () => {
  const at = new Date('2026-03-02T09:00:00Z');
  it('give 48 h, 3 working days or 5 working days by severity', () => {
    expect(dueAtFor('high', at).toISOString()).toBe('2026-03-04T09:00:00.000Z');
    expect(dueAtFor('medium', at).toISOString()).toBe('2026-03-05T09:00:00.000Z');
    expect(dueAtFor('low', at).toISOString()).toBe('2026-03-09T09:00:00.000Z');
  });

  it('make an open report overdue once passed, never a closed one', () => {
    const due = dueAtFor('high', at);
    expect(isOverdue(due, true, new Date('2026-03-04T09:00:01Z'))).toBe(true);
    expect(isOverdue(due, true, new Date('2026-03-04T08:59:59Z'))).toBe(false);
    expect(isOverdue(due, false, new Date('2026-04-01T00:00:00Z'))).toBe(false);
  });
});

describe('states', () => {
  it('are asked by type', () => {
    expect(isOpen({ type: 'open' })).toBe(true);
    expect(isOpen({ type: 'resolved' })).toBe(false);
  });

  it('let a resolved report be reopened for 30 days', () => {
    const resolvedAt = new Date('2026-03-01T12:00:00Z');
    expect(canResidentReopen({ stateKey: 'resolved', resolvedAt }, new Date('2026-03-31T12:00:00Z'))).toBe(true);
    expect(canResidentReopen({ stateKey: 'resolved', resolvedAt }, new Date('2026-03-31T12:00:01Z'))).toBe(false);
    expect(canResidentReopen({ stateKey: 'in_progress', resolvedAt }, new Date('2026-03-02T12:00:00Z'))).toBe(false);
    expect(canResidentReopen({ stateKey: 'rejected', resolvedAt }, new Date('2026-03-02T12:00:00Z'))).toBe(false);
  });
});
