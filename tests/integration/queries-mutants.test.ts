import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportPhotos, reports } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { findAccess, getPhoto, getPublicReport, getReporterPhoto, listNearbyOpenReports } from '@/lib/reports/queries';
import { receiveReport } from '@/lib/reports/submit';
import { testDbKind, useAppTestDatabase } from '../helpers/database';

// What `npm run test:mutation -- --mutate lib/reports/queries.ts` found untested: the bounds of the duplicate
// suggestions, a reference that is no report's, what the public page carries of the photos and the due date, whether
// a report is said hidden, staff's « service fait » photos on a report still waiting for its check, and the photo a
// reporter's private link serves.

// Place de Jaude, and points due north of it: 0.0001° of latitude is 11.1 m.
const CENTRE = { lon: 3.0819, lat: 45.7772 };
const at = (metresNorth: number) => ({ lon: String(CENTRE.lon), lat: (CENTRE.lat + metresNorth / 111_195).toFixed(7) });
let n = 0;

describe(`public reads of a report (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  const db = () => app.handle.db;
  const file = async (category: string, metresNorth: number, photos: File[] = []) => {
    const outcome = await receiveReport(
      db(),
      {
        idempotencyKey: `queries-mutants-${testDbKind}-${Date.now()}-${++n}`,
        category,
        description: 'Un problème pour les lectures publiques.',
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
      { ip: `203.0.113.${n}`, channel: 'web', actor: { type: 'resident' } },
    );
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome;
  };

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
  });
  afterAll(() => app.cleanup());

  it('offers nothing when no open report of the category is near', async () => {
    await file('nettoyage', 200);
    expect(await listNearbyOpenReports(CENTRE, 'nettoyage', 50)).toEqual([]);
  });

  it('offers at most five open reports near the pin, the nearest ones', async () => {
    const references = [];
    for (const metres of [1, 2, 3, 4, 5, 6, 7]) references.push((await file('encombrants', metres)).reference);
    const offered = await listNearbyOpenReports(CENTRE, 'encombrants', 50);
    expect(offered.map((r) => r.reference)).toEqual(references.slice(0, 5));
  });

  it('answers no report for a reference that is no report’s', async () => {
    expect(await getPublicReport('PC-2099-999999')).toBeNull();
  });

  it('answers nobody for a malformed reference, even one the database would refuse', async () => {
    const { token } = await file('nettoyage', 300);
    for (const reference of ['PC-xx', 'PC-2024-\u0000', '']) expect(await findAccess(reference, token)).toBeNull();
  });

  it('carries of each photo its position and size only, never its bytes', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#777' } })
      .jpeg()
      .toBuffer();
    const { reference } = await file('signalisation', 400, [new File([new Uint8Array(jpeg)], 'panneau.jpg')]);
    // Published (moderation): an unpublished report's photos are not public at all (tests/integration/moderation.test.ts).
    await db().update(reports).set({ publishedAt: new Date() }).where(eq(reports.reference, reference));
    expect((await getPublicReport(reference))!.photos).toEqual([{ position: 0, kind: 'resident', width: 64, height: 48 }]);
  });

  it('shows an open report past its due date as overdue, and not once it is resolved', async () => {
    const { reference } = await file('signalisation', 500);
    const past = new Date(Date.now() - 86_400_000);
    await db().update(reports).set({ dueAt: past }).where(eq(reports.reference, reference));
    expect((await getPublicReport(reference))!.isOverdue).toBe(true);
    await db().update(reports).set({ stateKey: 'resolved', resolvedAt: new Date() }).where(eq(reports.reference, reference));
    expect((await getPublicReport(reference))!.isOverdue).toBe(false);
  });

  const jpeg = async () =>
    new File(
      [
        new Uint8Array(
          await sharp({ create: { width: 32, height: 24, channels: 3, background: '#777' } })
            .jpeg()
            .toBuffer(),
        ),
      ],
      'photo.jpg',
    );
  const idOf = async (reference: string) =>
    (await db().select({ id: reports.id }).from(reports).where(eq(reports.reference, reference)))[0]!.id;

  it('says a report is hidden only once staff hid it, to the public as to its reporter', async () => {
    const { reference } = await file('signalisation', 600);
    await db().update(reports).set({ publishedAt: new Date() }).where(eq(reports.reference, reference));
    expect((await getPublicReport(reference))!.isHidden).toBe(false);
    expect((await getPublicReport(reference, { isReporter: true }))!.isHidden).toBe(false);
    await db().update(reports).set({ hiddenAt: new Date() }).where(eq(reports.reference, reference));
    expect((await getPublicReport(reference, { isReporter: true }))!.isHidden).toBe(true);
  });

  it('shows staff’s « service fait » photos at once, on a report whose own photos still wait for their check', async () => {
    const { reference } = await file('signalisation', 700, [await jpeg()]);
    // A copy of the resident's photo, as staff's own (the staff command that adds them is tested in resolution-photos).
    const [row] = await db()
      .select()
      .from(reportPhotos)
      .where(eq(reportPhotos.reportId, await idOf(reference)));
    const { id: _id, ...resident } = row!;
    await db()
      .insert(reportPhotos)
      .values({ ...resident, position: 1, kind: 'resolution' });
    expect((await getPublicReport(reference))!.photos).toEqual([{ position: 1, kind: 'resolution', width: 32, height: 24 }]);
    expect(await getPhoto(reference, 0)).toBeNull();
    expect(await getPhoto(reference, 1)).toMatchObject({ contentType: 'image/jpeg' });
  });

  it('serves the reporter their own photo before its check, and nothing where they sent none', async () => {
    const { reference } = await file('signalisation', 800, [await jpeg()]);
    const id = await idOf(reference);
    expect(await getReporterPhoto(id, 0)).toMatchObject({ contentType: 'image/jpeg', redactedAt: null });
    expect(await getReporterPhoto(id, 1)).toBeNull();
  });
});
