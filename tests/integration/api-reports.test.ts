import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/reports/route';
import { seedBase } from '@/db/seed';
import { seedDemo } from '@/lib/demo/seed';
import { listReportsPage } from '@/lib/reports/list-page';
import type { PublicMapAnswer, ReportPointFeature } from '@/lib/reports/listing-input';
import { queryRows, testDbKind, useAppTestDatabase } from '../helpers/database';

const ALLOWED_KEYS = ['category', 'categoryName', 'commune', 'createdAt', 'pole', 'reference', 'state', 'stateType'];
const DAY_MS = 24 * 3_600_000;

const call = async (query = '') => {
  const response = await GET(new Request(`http://localhost/api/reports${query}`));
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) };
};
// Without a zoom, the answer lists every matching report one by one (no cluster).
const collection = async (query = '') =>
  (await call(query)).body as Omit<PublicMapAnswer, 'features'> & { features: ReportPointFeature[] };
const references = (features: ReportPointFeature[]) => features.map((f) => f.properties.reference);

describe(`reports API (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  const sqlRows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(app.handle.db, query);
  const countWhere = async (where: ReturnType<typeof sql>) =>
    Number(
      (
        await sqlRows<{ n: number }>(
          sql`select count(*) as n from reports r join report_states s on s.key = r.state_key where ${where}`,
        )
      )[0]!.n,
    );

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(app.handle.db);
    await seedDemo(app.handle.db, { count: 200, history: false });
    // A secret token on an open report: it must never come out.
    await app.handle.db.execute(
      sql`update reports set tracking_token_hash = 'token-hash-that-must-stay-private' where id = (select min(r.id) from reports r join report_states s on s.key = r.state_key where s.type = 'open')`,
    );
  });
  afterAll(() => app.cleanup());

  describe('refusals', () => {
    it.each([
      ['?bbox=3,45.7,3.2', '4 nombres décimaux'],
      ['?bbox=3.2,45.7,3.0,45.8', 'chaque minimum'],
      ['?bbox=3,95,3.2,96', 'entre -90 et 90'],
      ['?bbox=1.5,45.7,3.2,45.8', 'trop grande'],
      ['?state=closed', 'open, resolved ou all'],
      ['?category=piscine', 'Catégorie inconnue : piscine'],
      ['?category=voirie,piscine', 'Catégorie inconnue : piscine'],
      ['?commune=abc', 'code INSEE'],
      ['?commune=75056', 'ne fait pas partie de la Métropole'],
      ['?zoom=19', '« zoom » doit être un nombre entier entre 0 et 18'],
      ['?zoom=onze', '« zoom » doit être un nombre entier entre 0 et 18'],
      ['?bbox=3,45.7,3.2,45.8&zoom=-2', '« zoom » doit être un nombre entier entre 0 et 18'],
    ])('refuses %s with 400 and a French message', async (query, fragment) => {
      const { status, body } = await call(query);
      expect(status).toBe(400);
      expect(body).toEqual({ error: 'invalid_parameters', message: expect.stringContaining(fragment) });
    });
  });

  describe('privacy', () => {
    it('never answers a contact, a description, an address, an id or a token', async () => {
      const { status, text, body } = await call('?state=all');
      expect(status).toBe(200);
      const personal = await sqlRows<Record<string, string | null>>(
        sql`select reporter_name, reporter_email, reporter_phone, reporter_address, description, address, tracking_token_hash from reports`,
      );
      const secrets = new Set(personal.flatMap((row) => Object.values(row)).filter((value): value is string => !!value));
      expect(secrets.size).toBeGreaterThan(100);
      for (const secret of secrets) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/example\.org|04 73|reporter|tracking|description|"id"/);
      expect(body.features.length).toBeGreaterThan(0);
      for (const feature of (body as PublicMapAnswer).features) {
        expect(Object.keys(feature.properties).sort()).toEqual(ALLOWED_KEYS);
      }
    });
  });

  describe('states', () => {
    it('answers the open reports by default, as GeoJSON points, newest first and never cached', async () => {
      const { status, headers, body } = await call();
      expect(status).toBe(200);
      expect(headers.get('cache-control')).toBe('no-store');
      expect(body).toMatchObject({ type: 'FeatureCollection', zoom: null });
      const features = (body as PublicMapAnswer).features as ReportPointFeature[];
      expect(body.total).toBe(features.length);
      expect(features).toHaveLength(await countWhere(sql`s.type = 'open'`));
      for (const { geometry, properties } of features) {
        expect(geometry.type).toBe('Point');
        expect(geometry.coordinates[0]).toBeGreaterThan(2.9);
        expect(geometry.coordinates[1]).toBeGreaterThan(45.6);
        expect(properties.stateType).toBe('open');
        expect(properties.reference).toMatch(/^PC-\d{4}-\d{6}$/);
      }
      const dates = features.map((f) => f.properties.createdAt);
      expect(dates).toEqual([...dates].sort().reverse());
    });

    it('answers only the reports resolved in the last 30 days for state=resolved', async () => {
      const [old, recent] = await sqlRows<{ reference: string }>(
        sql`select r.reference from reports r join report_states s on s.key = r.state_key where s.type = 'resolved' order by r.id limit 2`,
      );
      const now = Date.now();
      await app.handle.db.execute(
        sql`update reports set resolved_at = ${new Date(now - 40 * DAY_MS).toISOString()} where reference = ${old!.reference}`,
      );
      await app.handle.db.execute(
        sql`update reports set resolved_at = ${new Date(now - 5 * DAY_MS).toISOString()} where reference = ${recent!.reference}`,
      );

      const { features } = await collection('?state=resolved');
      expect(features.every((f) => f.properties.stateType === 'resolved')).toBe(true);
      expect(references(features)).toContain(recent!.reference);
      expect(references(features)).not.toContain(old!.reference);
      expect(features).toHaveLength(await countWhere(sql`s.type = 'resolved' and r.resolved_at >= now() - interval '30 days'`));
    });

    it('answers open and recently resolved ones for state=all, never closed ones', async () => {
      const { features } = await collection('?state=all');
      const open = await countWhere(sql`s.type = 'open'`);
      const resolved = await countWhere(sql`s.type = 'resolved' and r.resolved_at >= now() - interval '30 days'`);
      expect(features).toHaveLength(open + resolved);
      expect(features.some((f) => f.properties.stateType === 'resolved')).toBe(true);
      expect(features.every((f) => f.properties.stateType !== 'closed')).toBe(true);
      expect(await countWhere(sql`s.type = 'closed'`)).toBeGreaterThan(0);
    });
  });

  describe('filters', () => {
    it('keeps the categories asked, repeated or comma-separated', async () => {
      const repeated = await collection('?category=voirie&category=travaux');
      const commaSeparated = await collection('?category=voirie,travaux');
      expect(references(repeated.features)).toEqual(references(commaSeparated.features));
      expect(repeated.features.length).toBe(await countWhere(sql`s.type = 'open' and r.category_slug in ('voirie', 'travaux')`));
      expect(new Set(repeated.features.map((f) => f.properties.category))).toEqual(new Set(['voirie', 'travaux']));
      expect(repeated.features[0]!.properties.categoryName).toMatch(/Voirie dégradée|Travaux/);
    });

    it('keeps the commune asked', async () => {
      const { features } = await collection('?commune=63113');
      expect(features.length).toBe(await countWhere(sql`s.type = 'open' and r.commune_insee = '63113'`));
      expect(features.length).toBeGreaterThan(10);
      expect(features.every((f) => f.properties.commune === 'Clermont-Ferrand')).toBe(true);
    });

    it('keeps the points inside the bbox', async () => {
      const all = await collection('?state=all');
      const bbox = [3.05, 45.75, 3.12, 45.8] as const;
      const inside = await collection(`?state=all&bbox=${bbox.join(',')}`);
      expect(inside.features.length).toBeGreaterThan(0);
      expect(inside.features.length).toBeLessThan(all.features.length);
      for (const { geometry } of inside.features) {
        const [lon, lat] = geometry.coordinates as [number, number];
        expect(lon >= bbox[0] && lon <= bbox[2] && lat >= bbox[1] && lat <= bbox[3]).toBe(true);
      }
      const expected = all.features.filter(
        ({
          geometry: {
            coordinates: [lon, lat],
          },
        }) => {
          return lon! >= bbox[0] && lon! <= bbox[2] && lat! >= bbox[1] && lat! <= bbox[3];
        },
      );
      expect(references(inside.features)).toEqual(references(expected));
    });
  });

  describe('no cap', () => {
    it('answers every matching report without a zoom, however many', async () => {
      const { body } = await call('?state=all');
      expect(Object.keys(body).sort()).toEqual(['features', 'total', 'type', 'zoom']);
      expect(body.features).toHaveLength(
        await countWhere(sql`(s.type = 'open' or (s.type = 'resolved' and r.resolved_at >= now() - interval '30 days'))`),
      );
    });
  });

  describe('list pages', () => {
    const filters = { bbox: null, categories: [], commune: null, state: 'open' as const };

    it('pages the same reports by 50, newest first, each page resuming after the last report shown', async () => {
      const full = await collection();
      const first = await listReportsPage(filters);
      expect(first.total).toBe(full.features.length);
      expect(first.rows.map((row) => row.reference)).toEqual(references(full.features).slice(0, 50));
      expect(Object.keys(first.rows[0]!).sort()).toEqual(ALLOWED_KEYS);

      const second = await listReportsPage(filters, first.nextAfter);
      expect(second.rows.map((row) => row.reference)).toEqual(references(full.features).slice(50, 100));
    });

    it('answers one empty page when nothing matches', async () => {
      const empty = await listReportsPage({ ...filters, bbox: [0, 0, 0.1, 0.1] });
      expect(empty).toEqual({ rows: [], nextAfter: null, total: 0, isTotalCapped: false, isRestarted: false });
    });
  });
});
