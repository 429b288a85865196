import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBase } from '@/db/seed';
import { getListingVocabulary, listMapFeatures } from '@/lib/reports/listing';
import { receiveReport } from '@/lib/reports/submit';
import { testDbKind, useAppTestDatabase } from '../helpers/database';

// What `npm run test:mutation -- --mutate lib/reports/listing.ts` found untested: each map point is a GeoJSON
// Feature, and the filters list the communes in French order.

describe(`public listing (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(app.handle.db);
  });
  afterAll(() => app.cleanup());

  it('answers each report as a GeoJSON Feature with a Point', async () => {
    const outcome = await receiveReport(
      app.handle.db,
      {
        idempotencyKey: `listing-mutants-${testDbKind}-${Date.now()}`,
        category: 'voirie',
        description: 'Nid-de-poule devant la boulangerie.',
        lon: '3.0819',
        lat: '45.7772',
        commune: '',
        address: '',
        name: '',
        email: '',
        phone: '',
        postalAddress: '',
        noReply: 'on',
        website: '',
      },
      [],
      { ip: '203.0.113.9', channel: 'web', actor: { type: 'resident' } },
    );
    if (!outcome.ok) throw new Error(outcome.message);
    const { features } = await listMapFeatures({ bbox: null, categories: [], commune: null, state: 'open', zoom: null });
    expect(features).toEqual([
      expect.objectContaining({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [3.0819, 45.7772] },
        properties: expect.objectContaining({ reference: outcome.reference }),
      }),
    ]);
  });

  it('lists the 21 communes in French alphabetical order, Cébazat before Ceyrat', async () => {
    const communes: { insee: string; name: string }[] = (await getListingVocabulary()).communes;
    const names = communes.map((c) => c.name);
    expect(names).toHaveLength(21);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'fr')));
    expect(names.indexOf('Cébazat')).toBeLessThan(names.indexOf('Ceyrat'));
  });
});
