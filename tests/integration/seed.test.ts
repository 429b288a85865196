import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db';
import { categories, communes, poles, reportEvents, reports, reportStates } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { isDemoWanted, seedDemo } from '@/lib/demo/seed';
import { isReference } from '@/lib/reports/reference';
import { buildLocator } from '@/lib/territory/locate';
import { openTestDatabase, testDbKind } from '../helpers/database';

async function counts(db: DatabaseHandle['db']) {
  const of = async (
    table: typeof poles | typeof communes | typeof categories | typeof reportStates | typeof reports | typeof reportEvents,
  ) => (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    poles: await of(poles),
    communes: await of(communes),
    categories: await of(categories),
    states: await of(reportStates),
    reports: await of(reports),
    events: await of(reportEvents),
  };
}

describe(`seed (${testDbKind})`, () => {
  let handle: Awaited<ReturnType<typeof openTestDatabase>>;
  let afterFirstSeed: Awaited<ReturnType<typeof counts>>;
  // The first seed happens here, so that each test stands alone whatever order they run in.
  beforeAll(async () => {
    handle = await openTestDatabase();
    await seedBase(handle.db);
    afterFirstSeed = await counts(handle.db);
  });
  afterAll(() => handle.cleanup());

  it('loads the territory, the 10 categories and the states, and a second run changes nothing', async () => {
    expect(afterFirstSeed).toMatchObject({ poles: 7, communes: 21, categories: 10, states: 7, reports: 0 });
    const before = await counts(handle.db);
    await seedBase(handle.db);
    expect(await counts(handle.db)).toEqual(before);
    const slugs = (await handle.db.select({ slug: categories.slug }).from(categories).orderBy(categories.position)).map(
      (c) => c.slug,
    );
    expect(slugs).toEqual([
      'nettoyage',
      'encombrants',
      'espaces-verts',
      'voirie',
      'travaux',
      'eau-assainissement',
      'eclairage-public',
      'signalisation',
      'incivilites',
      'autres',
    ]);
  });

  it('keeps a staff edit of the territory when it runs again', async () => {
    await handle.db.update(poles).set({ name: 'Pôle Nord (renommé)' }).where(eq(poles.id, 'nord'));
    await seedBase(handle.db);
    const [nord] = await handle.db.select({ name: poles.name }).from(poles).where(eq(poles.id, 'nord'));
    expect(nord!.name).toBe('Pôle Nord (renommé)');
  });

  it('adds the demo reports once, over every commune, channel and state type', async () => {
    expect(await seedDemo(handle.db, { count: 300, history: false })).toBe(300);
    const after = await counts(handle.db);
    expect(await seedDemo(handle.db, { count: 300, history: false })).toBe(0);
    expect(await counts(handle.db)).toEqual(after);

    const rows = await handle.db
      .select({
        reference: reports.reference,
        lon: reports.lon,
        lat: reports.lat,
        communeInsee: reports.communeInsee,
        poleId: reports.poleId,
        channel: reports.channel,
        stateType: reportStates.type,
        createdAt: reports.createdAt,
      })
      .from(reports)
      .innerJoin(reportStates, eq(reports.stateKey, reportStates.key));
    expect(new Set(rows.map((r) => r.communeInsee)).size).toBe(21);
    expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(['web', 'phone', 'counter', 'api']));
    expect(new Set(rows.map((r) => r.stateType))).toEqual(new Set(['open', 'resolved', 'closed']));
    expect(rows.every((r) => isReference(r.reference))).toBe(true);
    expect(new Set(rows.map((r) => r.reference)).size).toBe(rows.length);
    expect(rows.every((r) => r.createdAt.getTime() <= Date.now())).toBe(true);

    // Every demo report sits where the territory engine would route it.
    const territory = await handle.db
      .select({ insee: communes.insee, name: communes.name, geometry: communes.geometry, poleId: communes.poleId })
      .from(communes);
    const locator = buildLocator(territory.map((c) => ({ ...c, pole: { id: c.poleId, name: c.poleId } })));
    for (const r of rows) {
      const location = locator.locate(r.lon, r.lat);
      expect([location?.commune.insee, location?.pole.id]).toEqual([r.communeInsee, r.poleId]);
    }

    const [events] = await handle.db
      .select({ n: count() })
      .from(reportEvents)
      .where(sql`${reportEvents.kind} = 'created'`);
    expect(events!.n).toBe(300);
  });

  it('wants demo data on the embedded database, and on PostgreSQL only with DEMO_SEED=1', () => {
    expect(isDemoWanted('pglite', {})).toBe(true);
    expect(isDemoWanted('pglite', { DEMO_SEED: '0' })).toBe(false);
    expect(isDemoWanted('postgres', {})).toBe(false);
    expect(isDemoWanted('postgres', { DEMO_SEED: '1' })).toBe(true);
  });
});
