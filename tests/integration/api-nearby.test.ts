import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as nearby } from '@/app/api/reports/nearby/route';
import { GET as photo } from '@/app/api/reports/[reference]/photos/[position]/route';
import { reports } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { receiveReport } from '@/lib/reports/submit';
import { testDbKind, useAppTestDatabase } from '../helpers/database';

// Place de Jaude, and points due north of it: 0.0001° of latitude is 11.1 m.
const at = (metresNorth: number) => ({ lon: '3.0819', lat: (45.7772 + metresNorth / 111_195).toFixed(7) });
let n = 0;

describe(`duplicate suggestions and photos (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  const file = async (category: string, metresNorth: number, photos: File[] = []) => {
    const outcome = await receiveReport(
      app.handle.db,
      {
        idempotencyKey: `nearby-${testDbKind}-${Date.now()}-${++n}`,
        category,
        description: 'Un problème pour les doublons.',
        ...at(metresNorth),
        commune: '',
        address: '',
        name: '',
        email: '',
        phone: '',
        postalAddress: '',
        noReply: 'on',
        website: '',
      },
      photos,
      { ip: `203.0.113.${n}`, channel: 'web', actor: { type: 'resident' as const } },
    );
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.reference;
  };
  const ask = async (query: string) => {
    const response = await nearby(new Request(`http://localhost/api/reports/nearby${query}`));
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(app.handle.db);
  });
  afterAll(() => app.cleanup());

  it.each([['?lat=45.7772&lon=3.0819'], ['?lat=45.7772&lon=3.0819&category=<b>'], ['?lat=abc&lon=3.0819&category=voirie']])(
    'refuses %s with 400',
    async (query) => {
      const { status, body } = await ask(query);
      expect(status).toBe(400);
      expect(body.error).toBe('invalid_parameters');
    },
  );

  it('offers the open reports of the same category within 50 m, nearest first, with their first photo', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#777' } })
      .jpeg()
      .toBuffer();
    const near = await file('signalisation', 10, [new File([new Uint8Array(jpeg)], 'panneau.jpg')]);
    const nearer = await file('signalisation', 3);
    const far = await file('signalisation', 60);
    const otherCategory = await file('travaux', 5);
    const closed = await file('signalisation', 4);
    await app.handle.db.update(reports).set({ stateKey: 'rejected' }).where(eq(reports.reference, closed));
    // Photos are offered once published (moderation): tests/integration/moderation.test.ts covers the unpublished.
    await app.handle.db.update(reports).set({ publishedAt: new Date() }).where(eq(reports.reference, near));

    const { status, body } = await ask(`?lat=${at(0).lat}&lon=${at(0).lon}&category=signalisation`);
    expect(status).toBe(200);
    expect(body.radiusM).toBe(50);
    expect(body.reports.map((r: { reference: string }) => r.reference)).toEqual([nearer, near]);
    expect(body.reports[1]).toMatchObject({ distanceM: 10, photoUrl: `/api/reports/${near}/photos/0` });
    expect(body.reports[0].photoUrl).toBeNull();
    expect(JSON.stringify(body)).not.toContain(far);
    expect(JSON.stringify(body)).not.toContain(otherCategory);

    const served = await photo(new Request('http://localhost'), { params: Promise.resolve({ reference: near, position: '0' }) });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).width).toBe(64);
  });

  it('answers 404 for a photo that does not exist or a malformed address', async () => {
    const reference = await file('autres', 200);
    for (const params of [
      { reference, position: '0' },
      { reference, position: '9' },
      { reference: 'PC-../../etc', position: '0' },
    ]) {
      expect((await photo(new Request('http://localhost'), { params: Promise.resolve(params) })).status).toBe(404);
    }
  });
});
