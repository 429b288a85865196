import { count, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getCsv } from '@/app/api/open-data/reports.csv/route';
import { GET as getGeoJson } from '@/app/api/open-data/reports.geojson/route';
import type { Db } from '@/db';
import * as schema from '@/db/schema';
import { categories, communes, reportEvents, reportFollowers, reports, STATE_KEYS, type NewReport } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { OPEN_DATA_COLUMNS } from '@/lib/open-data/columns';
import { exportOpenDataCsv, exportOpenDataGeoJson } from '@/lib/open-data/export';
import { NO_FILTERS } from '@/lib/open-data/input';
import { queryRows, testDbKind, useAppTestDatabase } from '../helpers/database';

// The open-data exports read by their route handlers, on reports carrying a marker in every personal or free-text
// column: no marker may come out, and what comes out must parse back to the table, filter by filter.

const MARKER = 'MRQ7Z';
const REPORTS = 49; // 7 states × 7, so that every state and type is there
const ODD_CATEGORY = { slug: 'mobilier-urbain', name: 'Mobilier "urbain", bancs\r\net abris' };
const PERSONAL_NAME =
  /reporter|contact|mail|phone|telephone|adresse|address|description|note|outcome|reponse|motif|raison|reason|token|jeton|idempotency|courriel|declarant|personne|agent|assign/i;

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (isQuoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"' && (isQuoted || field === '')) {
      isQuoted = !isQuoted;
    } else if (isQuoted || (c !== ',' && c !== '\r' && c !== '\n')) {
      field += c;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      records.push([...record, field]);
      [record, field] = [[], ''];
      i++;
    } else {
      throw new Error(`a line break outside quotes at ${i}`);
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the last record does not end with CRLF');
  return records;
}

const call = async (handler: (request: Request) => Promise<Response>, path: string, query = '') => {
  const response = await handler(new Request(`http://localhost/api/open-data/${path}${query}`));
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, text: new TextDecoder().decode(bytes) };
};
const csv = (query = '') => call(getCsv, 'reports.csv', query);
const geoJson = (query = '') => call(getGeoJson, 'reports.geojson', query);

/** The CSV as records keyed by column name. */
async function csvRows(query = '') {
  const { status, text } = await csv(query);
  expect(status).toBe(200);
  const [header, ...records] = parseCsv(text);
  return records.map((record) => Object.fromEntries(header!.map((name, i) => [name, record[i]])));
}

async function geoJsonFeatures(query = '') {
  const { status, text } = await geoJson(query);
  expect(status).toBe(200);
  return JSON.parse(text).features as { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[];
}

describe(`open-data exports (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  const countWhere = async (where: ReturnType<typeof sql>) =>
    Number(
      (
        await queryRows<{ n: number }>(
          app.handle.db,
          sql`select count(*)::int as n from reports r join report_states s on s.key = r.state_key where ${where}`,
        )
      )[0]!.n,
    );
  const reportCount = async () => (await app.handle.db.select({ n: count() }).from(reports))[0]!.n;

  beforeAll(async () => {
    app = await useAppTestDatabase();
    const { db } = app.handle;
    await seedBase(db);
    await db.insert(categories).values({ ...ODD_CATEGORY, color: '#123456', icon: 'dots' });
    const places = await db.select({ insee: communes.insee, poleId: communes.poleId }).from(communes);
    const slugs = (await db.select({ slug: categories.slug }).from(categories)).map((c) => c.slug);

    const rows: NewReport[] = Array.from({ length: REPORTS }, (_, i) => {
      const place = places[i % places.length]!;
      // 2023 to 2026, the first one on 31 December 2024 at 23:30 UTC: already 2025 in Paris.
      const createdAt =
        i === 0 ? new Date('2024-12-31T23:30:00Z') : new Date(Date.UTC(2023 + (i % 4), i % 12, 1 + (i % 27), 9, i));
      const stateKey = STATE_KEYS[i % STATE_KEYS.length]!;
      return {
        reference: `PC-${2023 + (i % 4)}-${String(i + 1).padStart(6, '0')}`,
        categorySlug: i % 5 === 0 ? ODD_CATEGORY.slug : slugs[i % slugs.length]!,
        description: `${MARKER}-description-${i}, avec "guillemets"\net retour à la ligne`,
        lat: 45.7 + i * 0.001_234_567_89,
        lon: 3.05 + i * 0.000_987_654_32,
        address: `${MARKER}-adresse-${i} rue des Secrets`,
        communeInsee: place.insee,
        poleId: place.poleId,
        channel: (['web', 'phone', 'counter', 'api'] as const)[i % 4]!,
        stateKey,
        severity: (['high', 'medium', 'low'] as const)[i % 3]!,
        dueAt: new Date(createdAt.getTime() + 3 * 86_400_000),
        acknowledgedAt: stateKey === 'new' ? null : new Date(createdAt.getTime() + 3_600_000),
        resolvedAt: stateKey === 'resolved' ? new Date(createdAt.getTime() + 86_400_000) : null,
        outcome: stateKey === 'resolved' || stateKey === 'rejected' ? `${MARKER}-reponse-${i}` : null,
        trackingTokenHash: `${MARKER}-jeton-${i}`,
        idempotencyKey: `${MARKER}-cle-${i}`,
        reporterName: `${MARKER}-nom-${i}`,
        reporterEmail: `${MARKER.toLowerCase()}-${i}@courriel.test`,
        reporterPhone: `${MARKER}-tel-${i}`,
        reporterAddress: `${MARKER}-postale-${i}`,
        createdAt,
      };
    });
    const inserted = await db.insert(reports).values(rows).returning({ id: reports.id, poleId: reports.poleId });
    const original = inserted[0]!.id;
    await db
      .update(reports)
      .set({ duplicateOfId: original })
      .where(sql`${reports.stateKey} = 'duplicate'`);
    await db.insert(reportEvents).values(
      inserted.map(({ id, poleId }, i) => ({
        reportId: id,
        kind: 'note' as const,
        actorType: 'system' as const,
        poleId,
        reason: `${MARKER}-note-${i}`,
        data: { text: `${MARKER}-donnee-${i}` },
      })),
    );
    await db.insert(reportFollowers).values(
      inserted.slice(0, 5).map(({ id }, i) => ({
        reportId: id,
        name: `${MARKER}-suiveur-${i}`,
        email: `${MARKER.toLowerCase()}-suiveur-${i}@courriel.test`,
        postalAddress: `${MARKER}-suiveur-adresse-${i}`,
        trackingTokenHash: `${MARKER}-suiveur-jeton-${i}`,
      })),
    );
  });
  afterAll(() => app.cleanup());

  describe('refusals', () => {
    it.each([
      ['?annee=abc', '« annee » doit être une année à 4 chiffres'],
      ['?annee=1999', 'entre 2000 et 2100'],
      ['?annee=2025%00', '« annee »'],
      ['?etat=open', '« etat » doit valoir ouverts, resolus, clos'],
      ['?annee=20251&etat=tous', '« etat »'],
    ])('refuses %s with 400, a French message, and changes nothing', async (query, fragment) => {
      const before = await reportCount();
      for (const answer of [await csv(query), await geoJson(query)]) {
        expect(answer.status).toBe(400);
        expect(answer.headers.get('cache-control')).toBe('no-store');
        expect(JSON.parse(answer.text)).toEqual({ error: 'invalid_parameters', message: expect.stringContaining(fragment) });
      }
      expect(await reportCount()).toBe(before);
    });
  });

  it('fails before writing a byte when the database does not answer, so that the route can answer 503', async () => {
    const client = postgres('postgres://nobody@127.0.0.1:1/nowhere', { max: 1, connect_timeout: 2, onnotice: () => {} });
    const unreachable = drizzle({ client, schema, casing: 'snake_case' }) as unknown as Db;
    try {
      await expect(exportOpenDataCsv(NO_FILTERS, { db: unreachable })).rejects.toThrow();
      await expect(exportOpenDataGeoJson(NO_FILTERS, { db: unreachable })).rejects.toThrow();
    } finally {
      await client.end();
    }
  });

  describe('privacy', () => {
    it('never answers a contact, an address, a description, an outcome, a note, a token or a key', async () => {
      const stored = await queryRows<{ n: number }>(
        app.handle.db,
        sql`select count(*)::int as n from reports where reporter_email like ${`${MARKER.toLowerCase()}%`}`,
      );
      expect(stored[0]!.n).toBeGreaterThanOrEqual(REPORTS);
      for (const { status, text } of [await csv(), await geoJson()]) {
        expect(status).toBe(200);
        expect(text.toLowerCase()).not.toContain(MARKER.toLowerCase());
        expect(text).not.toMatch(/@|rue des Secrets/);
      }
    });

    it('names no column after personal data or free text', async () => {
      const [header] = parseCsv((await csv()).text);
      expect(header!.length).toBe(OPEN_DATA_COLUMNS.length);
      const [first] = await geoJsonFeatures();
      for (const name of [...header!, ...Object.keys(first!.properties)]) expect(name).not.toMatch(PERSONAL_NAME);
    });
  });

  describe('CSV', () => {
    it('is a UTF-8 attachment with a BOM, a dated name, a short public cache and its licence', async () => {
      const { status, headers, bytes } = await csv();
      expect(status).toBe(200);
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
      expect(headers.get('content-disposition')).toMatch(
        /^attachment; filename="proximcite-signalements-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      expect(headers.get('cache-control')).toBe('public, max-age=300');
      expect(headers.get('x-license')).toBe('Licence Ouverte 2.0 (Etalab)');
    });

    it('parses back to one record per report, every field in place, even around a label with quotes, a comma and a line break', async () => {
      const { text } = await csv();
      const records = parseCsv(text.replace(/^\uFEFF/, ''));
      expect(records[0]).toEqual(OPEN_DATA_COLUMNS.map((column) => column.name));
      expect(records.length - 1).toBe(await reportCount());
      for (const record of records) expect(record).toHaveLength(OPEN_DATA_COLUMNS.length);
      const rows = await csvRows();
      const odd = rows.filter((row) => row.categorie === ODD_CATEGORY.slug);
      expect(odd.length).toBe(await countWhere(sql`r.category_slug = ${ODD_CATEGORY.slug}`));
      expect(odd.length).toBeGreaterThan(5);
      for (const row of odd) expect(row.categorie_libelle).toBe(ODD_CATEGORY.name);
    });

    it('writes a report as it is stored, its coordinates rounded to 4 decimals', async () => {
      const rows = await csvRows();
      const [stored] = await app.handle.db.select().from(reports).where(eq(reports.reference, 'PC-2026-000004'));
      expect(rows.find((row) => row.reference === 'PC-2026-000004')).toEqual({
        reference: 'PC-2026-000004',
        categorie: stored!.categorySlug,
        categorie_libelle: expect.any(String),
        commune_insee: stored!.communeInsee,
        commune_nom: expect.any(String),
        pole_id: stored!.poleId,
        pole_nom: expect.stringContaining('Pôle de proximité'),
        canal: 'api',
        etat: 'reopened',
        etat_libelle: 'Rouvert',
        etat_type: 'open',
        gravite: 'high',
        cree_le: '2026-04-04T09:03:00Z',
        pris_en_compte_le: '2026-04-04T10:03:00Z',
        resolu_le: '',
        echeance: '2026-04-07T09:03:00Z',
        latitude: (Math.round(stored!.lat * 1e4) / 1e4).toString(),
        longitude: (Math.round(stored!.lon * 1e4) / 1e4).toString(),
      });
      for (const row of rows) {
        expect(row.latitude).toMatch(/^45\.\d{1,4}$/);
        expect(row.longitude).toMatch(/^3\.\d{1,4}$/);
      }
    });

    it('includes the duplicates and the closed reports with their state', async () => {
      const rows = await csvRows();
      expect(rows.filter((row) => row.etat === 'duplicate')).toHaveLength(await countWhere(sql`r.state_key = 'duplicate'`));
      expect(new Set(rows.map((row) => row.etat_type))).toEqual(new Set(['open', 'resolved', 'closed']));
    });

    it('labels a category created while the export runs', async () => {
      const { db } = app.handle;
      const reader = (await exportOpenDataCsv(NO_FILTERS, { batchSize: 4 })).getReader();
      const chunks = [(await reader.read()).value!];
      await db.insert(categories).values({ slug: 'bornes-recharge', name: 'Bornes de recharge', color: '#654321', icon: 'dots' });
      const [template] = await db.select().from(reports).where(eq(reports.reference, 'PC-2026-000004'));
      const { id: _id, reference: _reference, idempotencyKey: _key, ...rest } = template!;
      await db.insert(reports).values({ ...rest, reference: 'PC-2026-900001', categorySlug: 'bornes-recharge' });
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) chunks.push(chunk.value);
      const [header, ...records] = parseCsv(new TextDecoder().decode(Buffer.concat(chunks)));
      const added = records.find((record) => record[0] === 'PC-2026-900001');
      expect(added?.[header!.indexOf('categorie_libelle')]).toBe('Bornes de recharge');
    });

    it('writes the same bytes whatever the batch size', async () => {
      const { bytes } = await csv();
      const stream = await exportOpenDataCsv(NO_FILTERS, { batchSize: 4 });
      expect(new Uint8Array(await new Response(stream).arrayBuffer())).toEqual(bytes);
    });
  });

  describe('GeoJSON', () => {
    it('is a FeatureCollection of every report carrying its licence and attribution', async () => {
      const { status, headers, text } = await geoJson();
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
      expect(headers.get('content-disposition')).toMatch(/filename="proximcite-signalements-\d{4}-\d{2}-\d{2}\.geojson"$/);
      expect(headers.get('x-license')).toBe('Licence Ouverte 2.0 (Etalab)');
      const collection = JSON.parse(text);
      expect(collection).toMatchObject({
        type: 'FeatureCollection',
        license: 'Licence Ouverte / Open Licence 2.0 (Etalab)',
        attribution: expect.stringContaining('Clermont Auvergne Métropole'),
      });
      expect(collection.features).toHaveLength(await reportCount());
    });

    it('places each report by its coordinates rounded to 4 decimals, the same as the CSV', async () => {
      const features = await geoJsonFeatures();
      const rows = new Map((await csvRows()).map((row) => [row.reference, row]));
      for (const { geometry, properties } of features) {
        const row = rows.get(properties.reference as string)!;
        expect(geometry.coordinates).toEqual([Number(row.longitude), Number(row.latitude)]);
        for (const value of geometry.coordinates) expect(Math.round(value * 1e4) / 1e4).toBe(value);
        expect(properties.resolu_le).toBe(row.resolu_le || null);
        expect(properties.categorie_libelle).toBe(row.categorie_libelle);
      }
    });
  });

  describe('filters', () => {
    it('keeps the reports created in a year, in Paris time', async () => {
      const [year2025, year2024] = [await csvRows('?annee=2025'), await csvRows('?annee=2024')];
      expect(year2025.map((row) => row.reference)).toContain('PC-2023-000001');
      expect(year2024.map((row) => row.reference)).not.toContain('PC-2023-000001');
      const parisYear = (year: number) => countWhere(sql`extract(year from r.created_at at time zone 'Europe/Paris') = ${year}`);
      expect(year2025).toHaveLength(await parisYear(2025));
      expect(year2024).toHaveLength(await parisYear(2024));
      expect(year2025.length).toBeGreaterThan(5);
      expect(await geoJsonFeatures('?annee=2025')).toHaveLength(year2025.length);
    });

    it('keeps the reports of a state type', async () => {
      for (const [state, type] of [
        ['ouverts', 'open'],
        ['resolus', 'resolved'],
        ['clos', 'closed'],
      ] as const) {
        const rows = await csvRows(`?etat=${state}`);
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((row) => row.etat_type === type)).toBe(true);
        expect(rows).toHaveLength(await countWhere(sql`s.type = ${type}`));
        expect(await geoJsonFeatures(`?etat=${state}`)).toHaveLength(rows.length);
      }
    });

    it('combines both, and answers an empty file when nothing matches', async () => {
      const rows = await csvRows('?annee=2026&etat=ouverts');
      expect(rows).toHaveLength(
        await countWhere(sql`s.type = 'open' and extract(year from r.created_at at time zone 'Europe/Paris') = 2026`),
      );
      const { status, text, headers } = await csv('?annee=2030');
      expect(status).toBe(200);
      expect(parseCsv(text)).toEqual([OPEN_DATA_COLUMNS.map((column) => column.name)]);
      expect(headers.get('content-disposition')).toMatch(/proximcite-signalements-2030-\d{4}/);
      expect(await geoJsonFeatures('?annee=2030')).toEqual([]);
    });
  });
});
