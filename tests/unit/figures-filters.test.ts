import { describe, expect, it } from 'vitest';
import {
  dashboardQuery,
  figureQuery,
  parisMidnight,
  parseDashboardQuery,
  parseFigureQuery,
  selectableYears,
} from '@/lib/figures/filters';
import { formatHours, formatShare } from '@/lib/figures/format';

const NOW = new Date('2026-11-29T22:00:00Z');
const parse = (query: string) => parseFigureQuery(new URLSearchParams(query), NOW);

describe('the figures’ period', () => {
  it('falls back to the current year so far for a year it cannot show', () => {
    for (const query of ['', 'annee=1999', 'annee=2030', 'annee=abc', 'annee=2017.5', 'annee=%00']) {
      const filters = parse(query);
      expect(filters.year, query).toBe(2026);
      expect(filters.from.toISOString()).toBe('2025-12-31T23:00:00.000Z');
      expect(filters.to).toEqual(NOW);
      expect(filters.label).toBe('depuis le 1er janvier 2026');
    }
  });

  it('gives a past year from midnight in Paris to the next new year', () => {
    const filters = parse('annee=2017');
    expect([filters.from.toISOString(), filters.to.toISOString()]).toEqual([
      '2016-12-31T23:00:00.000Z',
      '2017-12-31T23:00:00.000Z',
    ]);
    expect(filters.label).toBe('en 2017');
  });

  it('takes two days, both included, across a change to summer time, and refuses them in the wrong order', () => {
    const filters = parse('du=2026-03-28&au=2026-03-29&annee=2020');
    expect([filters.from.toISOString(), filters.to.toISOString()]).toEqual([
      '2026-03-27T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z',
    ]);
    expect(filters.year).toBeNull();
    expect(filters.label).toBe('du 28 mars 2026 au 29 mars 2026');
    expect(parse('du=2026-03-29&au=2026-03-28').year).toBe(2026);
    expect(parse('du=2026-02-30&au=2026-03-02').year).toBe(2026);
    expect(parse('du=2010-01-01&au=2010-02-01').year).toBe(2026);
  });

  it('drops filters it cannot read instead of failing', () => {
    const filters = parse('pole=../x&commune=75056%27&categorie=A B&canal=fax');
    expect(filters).toMatchObject({ poleId: undefined, communeInsee: undefined, categorySlug: undefined, channel: undefined });
    expect(parse('pole=nord&commune=63113&categorie=voirie&canal=phone')).toMatchObject({
      poleId: 'nord',
      communeInsee: '63113',
      categorySlug: 'voirie',
      channel: 'phone',
    });
  });

  it('writes the same view back as a query string', () => {
    for (const query of ['annee=2017', 'du=2026-03-28&au=2026-03-29', 'annee=2025&pole=nord&canal=web']) {
      expect(figureQuery(parse(query), NOW)).toBe(query);
    }
    expect(figureQuery(parse(''), NOW)).toBe('');
    expect(parisMidnight('2026-07-14').toISOString()).toBe('2026-07-13T22:00:00.000Z');
    expect(selectableYears(NOW)).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017]);
  });

  it('keeps a manager’s choice of the whole Métropole in the dashboard’s links', () => {
    const manager = { role: 'pole_manager', poleId: 'nord', communeInsee: null };
    const all = parseDashboardQuery(new URLSearchParams('pole=tous'), manager, NOW);
    expect(all.poleId).toBeUndefined();
    expect(parseDashboardQuery(new URLSearchParams(dashboardQuery(all, NOW)), manager, NOW).poleId).toBeUndefined();
    const agent = { role: 'town_hall_agent', poleId: null, communeInsee: '63124' };
    expect(parseDashboardQuery(new URLSearchParams(), agent, NOW).communeInsee).toBe('63124');
    expect(parseDashboardQuery(new URLSearchParams('commune=toutes'), agent, NOW).communeInsee).toBeUndefined();
  });
});

describe('figures in words', () => {
  it('says delays in hours under two days and in days beyond', () => {
    expect([formatHours(null), formatHours(0.4), formatHours(31.6), formatHours(47.9), formatHours(81.6)]).toEqual([
      '—',
      '0 h',
      '32 h',
      '48 h',
      '3,4 jours',
    ]);
    expect([formatShare(null), formatShare(2 / 3)]).toEqual(['—', '67\u00a0%']);
  });
});
