import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as health } from '@/app/api/health/route';
import { GET as locate } from '@/app/api/territory/locate/route';
import { communes } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { invalidateLocator } from '@/lib/territory/queries';
import { testDbKind, useAppTestDatabase } from '../helpers/database';

const call = async (query: string) => {
  const response = await locate(new Request(`http://localhost/api/territory/locate${query}`));
  return { status: response.status, body: await response.json() };
};

describe(`territory API (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(app.handle.db);
  });
  afterAll(() => app.cleanup());

  describe('GET /api/health', () => {
    it('reports the database in use', async () => {
      const response = await health();
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', database: testDbKind });
    });
  });

  describe('GET /api/territory/locate', () => {
    it.each([
      ['', 'lat'],
      ['?lat=45.7772', 'lon'],
      ['?lon=3.0819', 'lat'],
      ['?lat=abc&lon=3.0819', 'nombre'],
      ['?lat=&lon=3.0819', 'nombre'],
      ['?lat=45.7772&lon=3,08', 'nombre'],
      ['?lat=1e3&lon=3.0819', 'nombre'],
      ['?lat=91&lon=3.0819', 'entre -90 et 90'],
      ['?lat=45.7772&lon=-181', 'entre -180 et 180'],
    ])('refuses %s with 400 and a French message', async (query, fragment) => {
      const { status, body } = await call(query);
      expect(status).toBe(400);
      expect(body.error).toBe('invalid_coordinates');
      expect(body.message).toContain(fragment);
    });

    it.each([
      ['Paris', '?lat=48.8566&lon=2.3522'],
      ['Riom, just north of the Métropole', '?lat=45.8936&lon=3.1126'],
      ['the null island', '?lat=0&lon=0'],
    ])('answers 404 outside_territory for %s', async (_, query) => {
      const { status, body } = await call(query);
      expect(status).toBe(404);
      expect(body).toEqual({
        error: 'outside_territory',
        message: expect.stringContaining('hors du territoire de Clermont Auvergne Métropole'),
      });
    });

    it('routes place de Jaude to Clermont-Ferrand and the pôle Centre', async () => {
      const { status, body } = await call('?lat=45.7772&lon=3.0819');
      expect(status).toBe(200);
      expect(body).toEqual({
        commune: { insee: '63113', name: 'Clermont-Ferrand' },
        pole: { id: 'centre', name: 'Pôle de proximité Centre' },
        nearBorder: false,
        borderDistanceM: expect.any(Number),
      });
      expect(Number.isInteger(body.borderDistanceM)).toBe(true);
      expect(body.borderDistanceM).toBeGreaterThan(50);
    });

    it('routes a point in the centre of Royat to the pôle Ouest', async () => {
      const { status, body } = await call('?lat=45.7658&lon=3.0505');
      expect(status).toBe(200);
      expect(body.commune).toEqual({ insee: '63308', name: 'Royat' });
      expect(body.pole.id).toBe('ouest');
    });

    it('follows a change of the territory once the index is rebuilt', async () => {
      const moveJaude = (poleId: string) => app.handle.db.update(communes).set({ poleId }).where(eq(communes.insee, '63113'));
      expect((await call('?lat=45.7772&lon=3.0819')).body.pole.id).toBe('centre');
      await moveJaude('nord');
      try {
        invalidateLocator();
        expect((await call('?lat=45.7772&lon=3.0819')).body.pole).toEqual({ id: 'nord', name: 'Pôle de proximité Nord' });
      } finally {
        await moveJaude('centre');
        invalidateLocator();
      }
    });
  });
});
