import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceM, meanPoint, nearestNeighbourOrder, roundLengthM, type Point } from '@/lib/rounds/order';

// The round's visiting order: nearest neighbour from the start, ties in the given order.

const JAUDE = { lon: 3.0826, lat: 45.7772 };
const stop = (name: string, lon: number, lat: number) => ({ name, lon, lat });

describe('the distance between two points', () => {
  it('measures about 111 km per degree of latitude and 78 km per degree of longitude at Clermont', () => {
    expect(distanceM({ lon: 3, lat: 45.5 }, { lon: 3, lat: 46.5 })).toBeCloseTo(111_195, -2);
    expect(distanceM({ lon: 2.5, lat: 45.78 }, { lon: 3.5, lat: 45.78 })).toBeCloseTo(77_600, -3);
  });

  it('is the same both ways and zero from a point to itself', () => {
    const a = { lon: 3.05, lat: 45.76 };
    const b = { lon: 3.16, lat: 45.8 };
    expect(distanceM(a, b)).toBe(distanceM(b, a));
    expect(distanceM(a, a)).toBe(0);
  });
});

describe('the nearest-neighbour order of a round', () => {
  it('visits stops on a line from the start outwards, whatever order they were added in', () => {
    const stops = [stop('far', 3.2, 45.7772), stop('near', 3.1, 45.7772), stop('middle', 3.15, 45.7772)];
    expect(nearestNeighbourOrder(JAUDE, stops).map((s) => s.name)).toEqual(['near', 'middle', 'far']);
  });

  it('goes to the nearest stop from where it is, not from the start', () => {
    // From the start, B is nearer than C; from B, D (far from the start) is nearer than C.
    const stops = [stop('C', 3.0826, 45.7872), stop('B', 3.0926, 45.7772), stop('D', 3.1026, 45.7772)];
    expect(nearestNeighbourOrder(JAUDE, stops).map((s) => s.name)).toEqual(['B', 'D', 'C']);
  });

  it('keeps the given order between stops at the same place', () => {
    const stops = [stop('first', 3.1, 45.78), stop('second', 3.1, 45.78), stop('third', 3.1, 45.78)];
    expect(nearestNeighbourOrder(JAUDE, stops).map((s) => s.name)).toEqual(['first', 'second', 'third']);
  });

  it('answers an empty round with an empty order, and one stop with itself', () => {
    expect(nearestNeighbourOrder(JAUDE, [])).toEqual([]);
    const only = stop('only', 3.1, 45.8);
    expect(nearestNeighbourOrder(JAUDE, [only])).toEqual([only]);
  });

  it('shortens a zigzag across Clermont', () => {
    const zigzag = [stop('a', 3.06, 45.77), stop('b', 3.14, 45.79), stop('c', 3.07, 45.78), stop('d', 3.13, 45.8)];
    const ordered = nearestNeighbourOrder(JAUDE, zigzag);
    expect(roundLengthM(JAUDE, ordered)).toBeLessThan(roundLengthM(JAUDE, zigzag));
  });

  it('does not change the stops it is given', () => {
    const stops = [stop('b', 3.2, 45.8), stop('a', 3.1, 45.8)];
    nearestNeighbourOrder(JAUDE, stops);
    expect(stops.map((s) => s.name)).toEqual(['b', 'a']);
  });

  const point = fc.record({
    lon: fc.double({ min: 2.9, max: 3.3, noNaN: true }),
    lat: fc.double({ min: 45.65, max: 45.9, noNaN: true }),
  });

  it('returns every stop exactly once, each step to a nearest stop left', () => {
    fc.assert(
      fc.property(point, fc.array(point, { maxLength: 30 }), (start, points) => {
        const stops = points.map((p, id) => ({ ...p, id }));
        const ordered = nearestNeighbourOrder(start, stops);
        expect(ordered.map((s) => s.id).sort((a, b) => a - b)).toEqual(stops.map((s) => s.id));
        let here: Point = start;
        ordered.forEach((next, index) => {
          const rest = ordered.slice(index);
          expect(rest.every((other) => distanceM(here, next) <= distanceM(here, other))).toBe(true);
          here = next;
        });
      }),
    );
  });
});

describe('the default start of a round', () => {
  it('is the mean of the points it is given', () => {
    expect(
      meanPoint([
        { lon: 3, lat: 45 },
        { lon: 3.2, lat: 45.2 },
        { lon: 3.1, lat: 45.4 },
      ]),
    ).toEqual({
      lon: expect.closeTo(3.1, 10),
      lat: expect.closeTo(45.2, 10),
    });
  });

  it('is unknown without points', () => {
    expect(meanPoint([])).toBeNull();
  });
});
