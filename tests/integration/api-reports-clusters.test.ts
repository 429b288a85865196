import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/reports/route';
import { seedBase } from '@/db/seed';
import { seedDemo } from '@/lib/demo/seed';
import { listReportsPage } from '@/lib/reports/list-page';
import type { PublicMapAnswer } from '@/lib/reports/listing-input';
import { FEW_PER_CELL, MAX_MAP_ZOOM, type ClusterFeature } from '@/lib/reports/map-grid';
import { queryRows, testDbKind, useAppTestDatabase } from '../helpers/database';

// The map's clusters (GET /api/reports with a zoom): every matching report counted once, in a cluster or alone;
// filters applied inside the clusters; hidden reports nowhere; nothing personal.

const REPORT_KEYS = ['category', 'categoryName', 'commune', 'createdAt', 'pole', 'reference', 'state', 'stateType'];
const TERRITORY = [2.95, 45.68, 3.25, 45.86] as const;

const call = async (query: string) => {
  const response = await GET(new Request(`http://localhost/api/reports?${query}`));
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as PublicMapAnswer };
};
const isCluster = (feature: PublicMapAnswer['features'][number]): feature is ClusterFeature => 'cluster' in feature.properties;
const counted = (answer: PublicMapAnswer) =>
  answer.features.reduce((sum, feature) => sum + (isCluster(feature) ? feature.properties.count : 1), 0);
const referencesIn = (answer: PublicMapAnswer) =>
  answer.features.flatMap((feature) => (isCluster(feature) ? [] : [feature.properties.reference]));

// A fixed sequence: the same boxes on every run, so that a failure can be replayed.
function boxes(count: number) {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () => {
    const width = 0.005 + random() * 0.3;
    const height = 0.005 + random() * 0.2;
    const minLon = TERRITORY[0] + random() * (TERRITORY[2] - TERRITORY[0] - width);
    const minLat = TERRITORY[1] + random() * (TERRITORY[3] - TERRITORY[1] - height);
    const zoom = 8 + Math.floor(random() * (MAX_MAP_ZOOM - 8));
    const box = [minLon, minLat, minLon + width, minLat + height].map((n) => Math.round(n * 1e4) / 1e4);
    return { box: box as [number, number, number, number], zoom };
  });
}

describe(`the map's clusters (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  let hidden: { open: string; resolved: string };
  const sqlRows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(app.handle.db, query);
  const PUBLIC = sql`r.hidden_at is null and (s.type = 'open' or (s.type = 'resolved' and r.resolved_at >= now() - interval '30 days'))`;
  const countWhere = async (where: ReturnType<typeof sql>) =>
    Number(
      (
        await sqlRows<{ n: number }>(
          sql`select count(*)::int as n from reports r join report_states s on s.key = r.state_key where ${where}`,
        )
      )[0]!.n,
    );
  const inBox = ([minLon, minLat, maxLon, maxLat]: readonly number[]) =>
    sql`r.lon between ${minLon} and ${maxLon} and r.lat between ${minLat} and ${maxLat}`;

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(app.handle.db);
    await seedDemo(app.handle.db, { count: 300, history: false });
    // Reports piled up in one street, so that some cells hold many reports at every zoom.
    await app.handle.db.execute(sql`update reports set lon = 3.0865 + (id % 7) * 0.0001, lat = 45.7795 + (id % 5) * 0.0001
      where id in (select r.id from reports r join report_states s on s.key = r.state_key where s.type = 'open' order by r.id limit 40)`);
    // A report of each public branch hidden by staff: it must be neither counted nor listed.
    const [open] = await sqlRows<{ reference: string }>(
      sql`select r.reference from reports r join report_states s on s.key = r.state_key where s.type = 'open' order by r.id desc limit 1`,
    );
    const [resolved] = await sqlRows<{ reference: string }>(
      sql`select r.reference from reports r where r.state_key = 'resolved' and r.resolved_at >= now() - interval '30 days' order by r.id limit 1`,
    );
    hidden = { open: open!.reference, resolved: resolved!.reference };
    await app.handle.db.execute(
      sql`update reports set hidden_at = now() where reference in (${hidden.open}, ${hidden.resolved})`,
    );
    await app.handle.db.execute(
      sql`update reports set tracking_token_hash = 'token-hash-that-must-stay-private', reporter_email = 'cluster.secret@example.org'`,
    );
  });
  afterAll(() => app.cleanup());

  describe('refusals', () => {
    it.each([['bbox=3,45.7,3.2,45.8&zoom=19'], ['bbox=3,45.7,3.2,45.8&zoom=1.5'], ['bbox=3,45.7,3.2,45.8&zoom=%2012%20%2012']])(
      'refuses %s with 400 and a French message',
      async (query) => {
        const { status, body } = await call(query);
        expect(status).toBe(400);
        expect(body).toEqual({
          error: 'invalid_parameters',
          message: expect.stringContaining('« zoom » doit être un nombre entier'),
        });
      },
    );
  });

  describe('hidden reports', () => {
    it('never counts nor lists a report staff hid, at any zoom, nor in the list', async () => {
      const expected = await countWhere(PUBLIC);
      expect(expected).toBeGreaterThan(100);
      for (const zoom of [9, 11, 13, 15, 17, 18]) {
        const { body } = await call(`state=all&zoom=${zoom}`);
        expect(body.total, `zoom ${zoom}`).toBe(expected);
        expect(counted(body), `zoom ${zoom}`).toBe(expected);
        expect(referencesIn(body)).not.toContain(hidden.open);
        expect(referencesIn(body)).not.toContain(hidden.resolved);
      }
      const { body } = await call('state=all');
      expect(referencesIn(body)).toHaveLength(expected);
      expect(referencesIn(body)).not.toContain(hidden.open);
      const page = await listReportsPage({ bbox: null, categories: [], commune: null, state: 'all' });
      expect(page.total).toBe(expected);
    });
  });

  describe('privacy', () => {
    it('answers counts, centres, boxes and public summaries only', async () => {
      for (const query of [
        'state=all&zoom=10',
        'state=all&zoom=16&bbox=3.05,45.75,3.12,45.8',
        'state=all&zoom=12&category=voirie',
      ]) {
        const { status, text, body } = await call(query);
        expect(status).toBe(200);
        expect(text).not.toMatch(/example\.org|token-hash|reporter|tracking|description|"id"|"ids"|hidden/);
        for (const feature of body.features) {
          const keys = Object.keys(feature.properties).sort();
          if (isCluster(feature))
            expect(keys).toEqual(
              query.includes('category') ? ['bbox', 'categories', 'cluster', 'count'] : ['bbox', 'cluster', 'count'],
            );
          else expect(keys).toEqual(REPORT_KEYS);
        }
      }
    });
  });

  describe('counts', () => {
    it('counts every matching report exactly once, for random boxes and zooms', async () => {
      let clusters = 0;
      for (const { box, zoom } of boxes(40)) {
        const state = (['open', 'resolved', 'all'] as const)[zoom % 3]!;
        const { status, body } = await call(`state=${state}&zoom=${zoom}&bbox=${box.join(',')}`);
        expect(status).toBe(200);
        const branch =
          state === 'open'
            ? sql`r.hidden_at is null and s.type = 'open'`
            : state === 'resolved'
              ? sql`r.hidden_at is null and s.type = 'resolved' and r.resolved_at >= now() - interval '30 days'`
              : PUBLIC;
        const expected = await countWhere(sql`${branch} and ${inBox(box)}`);
        expect(counted(body), `${state} zoom ${zoom} ${box.join(',')}`).toBe(expected);
        expect(body.total).toBe(expected);
        const references = referencesIn(body);
        expect(new Set(references).size).toBe(references.length);
        for (const feature of body.features) {
          const [lon, lat] = feature.geometry.coordinates as [number, number];
          expect(lon).toBeGreaterThanOrEqual(box[0] - 1e-6);
          expect(lon).toBeLessThanOrEqual(box[2] + 1e-6);
          expect(lat).toBeGreaterThanOrEqual(box[1] - 1e-6);
          expect(lat).toBeLessThanOrEqual(box[3] + 1e-6);
          if (!isCluster(feature)) continue;
          clusters++;
          const { count, bbox } = feature.properties;
          expect(count).toBeGreaterThan(FEW_PER_CELL);
          expect(lon >= bbox[0] && lon <= bbox[2] && lat >= bbox[1] && lat <= bbox[3]).toBe(true);
          // Its box holds its reports: zooming into it finds them all (and perhaps neighbours).
          expect(await countWhere(sql`${branch} and ${inBox(box)} and ${inBox(bbox)}`)).toBeGreaterThanOrEqual(count);
        }
      }
      expect(clusters).toBeGreaterThan(10);
    });

    it('shows single reports only at the closest zoom', async () => {
      const street = [3.085, 45.779, 3.088, 45.781];
      const { body } = await call(`zoom=${MAX_MAP_ZOOM}&bbox=${street.join(',')}`);
      expect(body.features.length).toBeGreaterThan(FEW_PER_CELL);
      expect(body.features.some(isCluster)).toBe(false);
      const closer = await call(`zoom=${MAX_MAP_ZOOM - 4}&bbox=${street.join(',')}`);
      expect(closer.body.features.some(isCluster)).toBe(true);
      expect(closer.body.total).toBe(body.total);
    });
  });

  describe('filters', () => {
    it('counts only the categories asked, inside each cluster too', async () => {
      const { body } = await call(`zoom=11&bbox=${TERRITORY.join(',')}&category=voirie,nettoyage`);
      expect(body.total).toBe(
        await countWhere(sql`r.hidden_at is null and s.type = 'open' and r.category_slug in ('voirie', 'nettoyage')`),
      );
      const clusters = body.features.filter(isCluster);
      expect(clusters.length).toBeGreaterThan(0);
      for (const { properties } of clusters) {
        const byCategory = properties.categories!;
        expect(Object.keys(byCategory).every((slug) => ['voirie', 'nettoyage'].includes(slug))).toBe(true);
        expect(Object.values(byCategory).reduce((a, b) => a + b, 0)).toBe(properties.count);
      }
      for (const feature of body.features) {
        if (!isCluster(feature)) expect(['voirie', 'nettoyage']).toContain(feature.properties.category);
      }
    });

    it('counts only the commune asked', async () => {
      const { body } = await call(`zoom=12&bbox=${TERRITORY.join(',')}&commune=63113&state=all`);
      expect(counted(body)).toBe(await countWhere(sql`${PUBLIC} and r.commune_insee = '63113'`));
      for (const feature of body.features) {
        if (!isCluster(feature)) expect(feature.properties.commune).toBe('Clermont-Ferrand');
      }
    });
  });
});
