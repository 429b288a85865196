import { describe, expect, it } from 'vitest';
import { OPEN_DATA_COLUMNS, roundCoordinate, type OpenDataRow } from '@/lib/open-data/columns';
import { FEATURE_COLLECTION_CLOSING, feature, featureCollectionOpening } from '@/lib/open-data/geojson';
import { openDataFileName, openDataHeaders } from '@/lib/open-data/dataset';

const row: OpenDataRow = {
  reference: 'PC-2026-000123',
  categorySlug: 'voirie',
  categoryName: 'Voirie dégradée',
  communeInsee: '63113',
  communeName: 'Clermont-Ferrand',
  poleId: 'centre',
  poleName: 'Pôle de proximité Centre',
  channel: 'web',
  stateKey: 'acknowledged',
  stateLabel: 'Pris en compte',
  stateType: 'open',
  severity: 'medium',
  createdAt: '2026-03-04T08:15:00Z',
  acknowledgedAt: '2026-03-04T10:02:00Z',
  resolvedAt: null,
  dueAt: '2026-03-09T08:15:00Z',
  lat: 45.777_249_9,
  lon: 3.081_950_01,
};

describe('the columns', () => {
  it('name nothing personal', () => {
    const names = OPEN_DATA_COLUMNS.map((column) => column.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z_]+$/);
    expect(names.join(' ')).not.toMatch(
      /reporter|contact|mail|phone|telephone|adresse|address|description|note|outcome|reponse|motif|token|idempotency/,
    );
  });

  it('document every column with a type, a meaning and an example', () => {
    for (const column of OPEN_DATA_COLUMNS) {
      expect(column.type.length).toBeGreaterThan(2);
      expect(column.meaning.length).toBeGreaterThan(10);
      expect(column.example.length).toBeGreaterThan(0);
    }
  });

  it('write a report as codes, labels, instants and rounded coordinates, an empty date as null', () => {
    expect(Object.fromEntries(OPEN_DATA_COLUMNS.map((column) => [column.name, column.value(row)]))).toEqual({
      reference: 'PC-2026-000123',
      categorie: 'voirie',
      categorie_libelle: 'Voirie dégradée',
      commune_insee: '63113',
      commune_nom: 'Clermont-Ferrand',
      pole_id: 'centre',
      pole_nom: 'Pôle de proximité Centre',
      canal: 'web',
      etat: 'acknowledged',
      etat_libelle: 'Pris en compte',
      etat_type: 'open',
      gravite: 'medium',
      cree_le: '2026-03-04T08:15:00Z',
      pris_en_compte_le: '2026-03-04T10:02:00Z',
      resolu_le: null,
      echeance: '2026-03-09T08:15:00Z',
      latitude: 45.7772,
      longitude: 3.082,
    });
  });

  it('round coordinates to 4 decimals, about 10 m', () => {
    expect(roundCoordinate(45.777_26)).toBe(45.7773);
    expect(roundCoordinate(45.777_249)).toBe(45.7772);
    expect(String(roundCoordinate(3.123_456_789))).toBe('3.1235');
    expect(String(roundCoordinate(45.7))).toBe('45.7');
  });
});

describe('the GeoJSON pieces', () => {
  it('make a valid FeatureCollection with its licence, coordinates as geometry, not properties', () => {
    const text = featureCollectionOpening(new Date('2026-05-06T10:00:00Z')) + feature(row) + FEATURE_COLLECTION_CLOSING;
    const collection = JSON.parse(text);
    expect(collection).toMatchObject({
      type: 'FeatureCollection',
      license: 'Licence Ouverte / Open Licence 2.0 (Etalab)',
      attribution: expect.stringContaining('INSEE'),
      generatedAt: '2026-05-06T10:00:00.000Z',
    });
    expect(collection.features).toHaveLength(1);
    expect(collection.features[0].geometry).toEqual({ type: 'Point', coordinates: [3.082, 45.7772] });
    expect(collection.features[0].properties).not.toHaveProperty('latitude');
    expect(collection.features[0].properties.reference).toBe('PC-2026-000123');
  });

  it('make a valid empty FeatureCollection', () => {
    const text = featureCollectionOpening(new Date()) + FEATURE_COLLECTION_CLOSING;
    expect(JSON.parse(text).features).toEqual([]);
  });
});

describe('the download', () => {
  const now = new Date('2026-12-31T23:30:00Z');

  it('is named after what was asked and the day, in Paris', () => {
    expect(openDataFileName('csv', { year: null, state: null }, now)).toBe('proximcite-signalements-2027-01-01.csv');
    expect(openDataFileName('geojson', { year: 2025, state: 'ouverts' }, now)).toBe(
      'proximcite-signalements-2025-ouverts-2027-01-01.geojson',
    );
  });

  it('is an attachment, cached a short while in public caches, and says its licence', () => {
    const headers = new Headers(openDataHeaders('csv', { year: null, state: null }, now));
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(headers.get('content-disposition')).toBe('attachment; filename="proximcite-signalements-2027-01-01.csv"');
    expect(headers.get('cache-control')).toBe('public, max-age=300');
    expect(headers.get('x-license')).toBe('Licence Ouverte 2.0 (Etalab)');
    expect(headers.get('link')).toContain('rel="license"');
  });
});
