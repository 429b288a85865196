import { describe, expect, it } from 'vitest';
import { parseLocateQuery } from '@/lib/territory/input';

const parse = (query: string) => parseLocateQuery(new URLSearchParams(query));

describe('parseLocateQuery', () => {
  it.each([
    ['', /« lat » \(latitude\) est obligatoire.*« lon » \(longitude\) est obligatoire/],
    ['lat=45.7772', /« lon » \(longitude\) est obligatoire/],
    ['lon=3.0819', /« lat » \(latitude\) est obligatoire/],
    ['lat=&lon=3.08', /« lat » doit être un nombre décimal/],
    ['lat=abc&lon=3.08', /« lat » doit être un nombre décimal/],
    ['lat=45,77&lon=3.08', /« lat » doit être un nombre décimal/],
    ['lat=4e1&lon=3.08', /« lat » doit être un nombre décimal/],
    ['lat=NaN&lon=3.08', /« lat » doit être un nombre décimal/],
    ['lat=Infinity&lon=3.08', /« lat » doit être un nombre décimal/],
    ['lat=0x2D&lon=3.08', /« lat » doit être un nombre décimal/],
    ['lat=90.0001&lon=3.08', /latitude doit être comprise entre -90 et 90/],
    ['lat=-91&lon=3.08', /latitude doit être comprise entre -90 et 90/],
    ['lat=45&lon=180.5', /longitude doit être comprise entre -180 et 180/],
  ])('refuses "%s" with a French message', (query, message) => {
    const result = parse(query);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it.each([
    ['lat=45.7772&lon=3.0819', { lat: 45.7772, lon: 3.0819 }],
    ['lat= 45.7772 &lon=+3.0819', { lat: 45.7772, lon: 3.0819 }],
    ['lat=-90&lon=180', { lat: -90, lon: 180 }],
    ['lat=45&lon=3', { lat: 45, lon: 3 }],
  ])('reads "%s"', (query, value) => {
    expect(parse(query)).toEqual({ ok: true, value });
  });
});
