import { describe, expect, it } from 'vitest';
import { listingHref, parseListingQuery, parseListPosition, parseMapView, toSearchParams } from '@/lib/reports/listing-input';

const vocabulary = {
  categories: [{ slug: 'voirie' }, { slug: 'eclairage-public' }, { slug: 'espaces-verts' }],
  communes: [{ insee: '63113' }, { insee: '63308' }],
};
const parse = (query: string) => parseListingQuery(new URLSearchParams(query), vocabulary);

describe('parseListingQuery', () => {
  it.each([
    ['bbox=3.0,45.7,3.2', /« bbox » doit contenir 4 nombres décimaux/],
    ['bbox=3.0,45.7,3.2,45.8,1', /« bbox » doit contenir 4 nombres décimaux/],
    ['bbox=3.0;45.7;3.2;45.8', /« bbox » doit contenir 4 nombres décimaux/],
    ['bbox=3.0,45.7,abc,45.8', /« bbox » doit contenir 4 nombres décimaux/],
    ['bbox=3.0,45.7,3.2,', /« bbox » doit contenir 4 nombres décimaux/],
    ['bbox=3e0,45.7,3.2,45.8', /« bbox » doit contenir 4 nombres décimaux/],
    ['bbox=NaN,45.7,3.2,45.8', /« bbox » doit contenir 4 nombres décimaux/],
    ['bbox=3.0,45.7,Infinity,45.8', /« bbox » doit contenir 4 nombres décimaux/],
    ['bbox=180.5,45.7,181,45.8', /longitudes doivent être comprises entre -180 et 180/],
    ['bbox=3.0,90.5,3.2,91', /latitudes doivent être comprises entre -90 et 90/],
    ['bbox=3.2,45.7,3.0,45.8', /chaque minimum doit être inférieur ou égal au maximum/],
    ['bbox=3.0,45.8,3.2,45.7', /chaque minimum doit être inférieur ou égal au maximum/],
    ['bbox=2.0,45.7,3.2,45.8', /« bbox » est trop grande : 1 degré au plus/],
    ['bbox=3.0,45.0,3.2,46.5', /« bbox » est trop grande/],
    ['category=voirie&category=piscine', /Catégorie inconnue : piscine\./],
    ['category=voirie,piscine,plage', /Catégorie inconnue : piscine, plage\./],
    ['category=VOIRIE', /Catégorie inconnue : VOIRIE\./],
    ['commune=6311', /« commune » doit être un code INSEE à 5 caractères/],
    ['commune=clermont', /« commune » doit être un code INSEE/],
    ['commune=75056', /Cette commune ne fait pas partie de la Métropole/],
    ['state=closed', /« state » doit valoir open, resolved ou all/],
    ['state=OPEN', /« state » doit valoir open, resolved ou all/],
    ['zoom=19', /« zoom » doit être un nombre entier entre 0 et 18/],
    ['zoom=-1', /« zoom » doit être un nombre entier entre 0 et 18/],
    ['zoom=12.5', /« zoom » doit être un nombre entier entre 0 et 18/],
    ['zoom=douze', /« zoom » doit être un nombre entier entre 0 et 18/],
    ['zoom=123', /« zoom » doit être un nombre entier entre 0 et 18/],
  ])('refuses "%s" with a French message', (query, message) => {
    const result = parse(query);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('gives one message for a malformed commune, not also « not in the Métropole »', () => {
    const result = parse('commune=abc');
    expect(result).toEqual({ ok: false, message: 'Le paramètre « commune » doit être un code INSEE à 5 caractères.' });
  });

  it('gives every refusal at once', () => {
    const result = parse('bbox=1,2,3&category=piscine&state=x');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/bbox.*Catégorie inconnue.*state/s);
  });

  it('reads an empty query as the open reports of the whole territory', () => {
    expect(parse('')).toEqual({ ok: true, value: { bbox: null, categories: [], commune: null, state: 'open', zoom: null } });
  });

  it.each([
    ['bbox=2.95,45.68,3.3,45.88', { bbox: [2.95, 45.68, 3.3, 45.88] }],
    ['bbox= 3 , 45.7 , +3.2 , 45.8 ', { bbox: [3, 45.7, 3.2, 45.8] }],
    ['bbox=3.1,45.7,3.1,45.7', { bbox: [3.1, 45.7, 3.1, 45.7] }],
    ['bbox=-0.5,-0.5,0.5,0.5', { bbox: [-0.5, -0.5, 0.5, 0.5] }],
    ['category=voirie&category=eclairage-public', { categories: ['voirie', 'eclairage-public'] }],
    ['category=voirie,espaces-verts,voirie', { categories: ['voirie', 'espaces-verts'] }],
    ['category=&commune=&state=', {}],
    ['commune=63308', { commune: '63308' }],
    ['state=resolved', { state: 'resolved' }],
    ['state=all', { state: 'all' }],
    ['zoom=0', { zoom: 0 }],
    ['zoom=12', { zoom: 12 }],
    ['zoom=18', { zoom: 18 }],
    ['zoom=', {}],
  ])('reads "%s"', (query, expected) => {
    const result = parse(query);
    expect(result).toEqual({
      ok: true,
      value: { bbox: null, categories: [], commune: null, state: 'open', zoom: null, ...expected },
    });
  });
});

describe('parseListPosition', () => {
  const position = (query: string) => parseListPosition(new URLSearchParams(query));

  it.each(['', 'page=1', 'after=', 'page='])('reads "%s" as the first page, without a notice', (query) => {
    expect(position(query)).toEqual({ after: null, notice: null });
  });

  it('resumes after a reference', () => {
    expect(position('after=PC-2026-000123')).toEqual({ after: 'PC-2026-000123', notice: null });
    expect(position('after=PC-2026-000123&page=7')).toEqual({ after: 'PC-2026-000123', notice: null });
  });

  it.each(['after=PC-26-1', "after=PC-2026-000123' or 1=1", 'after=%00', 'after=' + 'x'.repeat(5000)])(
    'opens the first page with a French notice for a malformed "%s"',
    (query) => {
      expect(position(query)).toEqual({ after: null, notice: expect.stringContaining('début de la liste') });
    },
  );

  it.each(['page=3', 'page=999999', 'page=abc', 'page=-2'])(
    'opens an old numbered link "%s" at the start, saying why',
    (query) => {
      expect(position(query)).toEqual({ after: null, notice: expect.stringContaining('ne sont plus numérotées') });
    },
  );
});

describe('toSearchParams and listingHref', () => {
  it('keeps repeated values of a page query', () => {
    const params = toSearchParams({ category: ['voirie', 'travaux'], commune: '63113', after: undefined });
    expect(params.getAll('category')).toEqual(['voirie', 'travaux']);
    expect(params.get('commune')).toBe('63113');
    expect(params.has('after')).toBe(false);
  });

  it('links a page with the same filters and leaves the defaults out', () => {
    expect(listingHref({ bbox: null, categories: ['voirie'], commune: '63113', state: 'all' }, 'PC-2026-000123')).toBe(
      '?category=voirie&commune=63113&state=all&after=PC-2026-000123',
    );
    expect(listingHref({ bbox: [3, 45.7, 3.1, 45.8], categories: [], commune: null, state: 'open' }, 'PC-2025-000001')).toBe(
      '?bbox=3%2C45.7%2C3.1%2C45.8&after=PC-2025-000001',
    );
    expect(listingHref({ bbox: null, categories: [], commune: null, state: 'open' })).toBe('');
  });
});

describe('parseMapView', () => {
  it.each([
    ['', 'Paramètre obligatoire manquant : « bbox » et « zoom ».'],
    ['bbox=%20&zoom=12', 'Paramètre obligatoire manquant : « bbox ».'],
    ['bbox=3,45.7,3.2,45.8', 'Paramètre obligatoire manquant : « zoom ».'],
    ['bbox=3,45.7,3.2,45.8&zoom=19', 'Le paramètre « zoom » doit être un nombre entier entre 0 et 18.'],
    ['bbox=3,45.7,3.2&zoom=12', expect.stringContaining('« bbox » doit contenir 4 nombres décimaux')],
  ])('refuses « %s »', (query, message) => {
    expect(parseMapView(new URLSearchParams(query))).toEqual({ ok: false, message });
  });

  it('reads a box and a zoom, as the map asks them (6 decimals)', () => {
    expect(parseMapView(new URLSearchParams('bbox=3.011718,45.7,3.2,45.834375&zoom=12'))).toEqual({
      ok: true,
      value: { bbox: [3.011718, 45.7, 3.2, 45.834375], zoom: 12 },
    });
  });
});
