import { describe, expect, it } from 'vitest';
import { parseOpenDataQuery, stateKeysOf, yearBounds } from '@/lib/open-data/input';

const parse = (query: string) => parseOpenDataQuery(new URLSearchParams(query));

describe('parseOpenDataQuery', () => {
  it.each([
    ['annee=25', /« annee » doit être une année à 4 chiffres/],
    ['annee=2025.0', /« annee » doit être une année à 4 chiffres/],
    ['annee=2025,2026', /« annee » doit être une année à 4 chiffres/],
    ['annee=-2025', /« annee » doit être une année à 4 chiffres/],
    ['annee=２０２５', /« annee » doit être une année à 4 chiffres/],
    ['annee=1999', /« annee » doit être compris entre 2000 et 2100/],
    ['annee=2101', /« annee » doit être compris entre 2000 et 2100/],
    ['etat=open', /« etat » doit valoir ouverts, resolus, clos ou être absent/],
    ['etat=OUVERTS', /« etat » doit valoir ouverts/],
    ['etat=résolus', /« etat » doit valoir ouverts/],
  ])('refuses %s with a French message', (query, message) => {
    const result = parse(query);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('says every wrong parameter at once', () => {
    const result = parse('annee=abc&etat=tous');
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/annee.*etat/) });
  });

  it('reads no parameter, or empty ones, as no filter', () => {
    expect(parse('')).toEqual({ ok: true, value: { year: null, state: null } });
    expect(parse('annee=&etat=%20')).toEqual({ ok: true, value: { year: null, state: null } });
    expect(parse('autre=1')).toEqual({ ok: true, value: { year: null, state: null } });
  });

  it('reads a year and a state', () => {
    expect(parse('annee=2025&etat=ouverts')).toEqual({ ok: true, value: { year: 2025, state: 'ouverts' } });
    expect(parse('annee= 2024 &etat=clos')).toEqual({ ok: true, value: { year: 2024, state: 'clos' } });
    expect(parse('etat=resolus')).toEqual({ ok: true, value: { year: null, state: 'resolus' } });
  });
});

describe('stateKeysOf', () => {
  it('keeps the states of each type', () => {
    expect(stateKeysOf('ouverts')).toEqual(['new', 'acknowledged', 'in_progress', 'reopened']);
    expect(stateKeysOf('resolus')).toEqual(['resolved']);
    expect(stateKeysOf('clos')).toEqual(['rejected', 'duplicate']);
  });
});

describe('yearBounds', () => {
  it('spans a year in Paris time', () => {
    const { from, to } = yearBounds(2025);
    expect(from.toISOString()).toBe('2024-12-31T23:00:00.000Z');
    expect(to.toISOString()).toBe('2025-12-31T23:00:00.000Z');
  });
});
