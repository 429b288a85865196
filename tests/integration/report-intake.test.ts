import { count, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { categories, referenceCounters, reportEvents, reportPhotos, reports } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { DEFAULT_SEVERITY_DAYS, dueAtFor } from '@/lib/reports/sla';
import { testDbKind, useAppTestDatabase } from '../helpers/database';

// Low limits so that the rate-limit refusal is reachable; read by lib/env when the modules load below.
process.env.RATE_LIMIT_PER_IP = '4';
process.env.RATE_LIMIT_PER_EMAIL = '2';
const { receiveReport, MESSAGES } = await import('@/lib/reports/submit');
const { insertReport } = await import('@/lib/reports/intake');
const { findAccess } = await import('@/lib/reports/queries');

const JAUDE = { lon: '3.0819', lat: '45.7772' };
let keyCounter = 0;
const newKey = () => `test-key-${testDbKind}-${Date.now()}-${++keyCounter}`;
let ipCounter = 0;
const newSender = () => ({ ip: `192.0.2.${++ipCounter}`, channel: 'web' as const, actor: { type: 'resident' as const } });

function form(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    idempotencyKey: newKey(),
    category: 'voirie',
    description: 'Nid-de-poule profond devant la fontaine.',
    ...JAUDE,
    commune: '',
    address: '',
    name: 'Camille Test',
    email: `camille.${keyCounter}@example.org`,
    phone: '',
    postalAddress: '',
    noReply: '',
    website: '',
    ...overrides,
  };
}

const jpegWithGps = async (name = 'photo.jpg') => {
  const bytes = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#556b2f' } })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: 'TestCam', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '45/1 46/1 38/1' } })
    .jpeg()
    .toBuffer();
  return new File([new Uint8Array(bytes)], name, { type: 'image/jpeg' });
};

describe(`receiving a report (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  const db = () => app.handle.db;
  const totals = async () => ({
    reports: (await db().select({ n: count() }).from(reports))[0]!.n,
    events: (await db().select({ n: count() }).from(reportEvents))[0]!.n,
    photos: (await db().select({ n: count() }).from(reportPhotos))[0]!.n,
    counters: (await db().select({ n: count() }).from(referenceCounters))[0]!.n,
  });
  let before: Awaited<ReturnType<typeof totals>>;

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
  });
  afterAll(() => app.cleanup());
  beforeEach(async () => {
    before = await totals();
  });

  describe('refuses and writes nothing', () => {
    it.each([
      ['an empty description', { description: '  ' }, 'description'],
      ['a description of 2001 characters', { description: 'x'.repeat(2001) }, 'description'],
      ['no category', { category: '' }, 'category'],
      ['an unknown category', { category: 'ovnis' }, 'category'],
      ['no place at all', { lon: '', lat: '' }, 'location'],
      ['an unreadable pin', { lon: '3,08', lat: '45.77' }, 'location'],
      ['a commune outside the list', { lon: '', lat: '', commune: '75056', address: '1 rue de Rivoli' }, 'commune'],
      ['a commune without address', { lon: '', lat: '', commune: '63308', address: '' }, 'address'],
      ['an invalid e-mail', { email: 'pas-une-adresse' }, 'email'],
      ['no way to answer', { email: '', postalAddress: '', noReply: '' }, 'email'],
      ['an invalid phone', { phone: 'appelez-moi' }, 'phone'],
      ['a missing idempotency key', { idempotencyKey: '' }, 'idempotencyKey'],
    ])('with %s', async (_, overrides, field) => {
      const outcome = await receiveReport(db(), form(overrides), [], newSender());
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.message).toBe(MESSAGES.fix);
      expect(outcome.fieldErrors?.[field]?.[0]).toMatch(/[a-zé]/);
      expect(await totals()).toEqual(before);
    });

    it('with a category the administrator has switched off', async () => {
      await db().update(categories).set({ isActive: false }).where(eq(categories.slug, 'travaux'));
      try {
        const outcome = await receiveReport(db(), form({ category: 'travaux' }), [], newSender());
        expect(outcome.ok ? null : Object.keys(outcome.fieldErrors ?? {})).toEqual(['category']);
        expect(await totals()).toEqual(before);
      } finally {
        await db().update(categories).set({ isActive: true }).where(eq(categories.slug, 'travaux'));
      }
    });

    it('with every field error at once', async () => {
      const outcome = await receiveReport(
        db(),
        form({ description: '', category: '', lon: '', lat: '', email: '' }),
        [],
        newSender(),
      );
      expect(outcome.ok).toBe(false);
      if (!outcome.ok)
        expect(Object.keys(outcome.fieldErrors ?? {}).sort()).toEqual(['category', 'description', 'email', 'location']);
    });

    it('with a point outside the 21 communes', async () => {
      const outcome = await receiveReport(db(), form({ lon: '2.3522', lat: '48.8566' }), [], newSender());
      expect(outcome).toEqual({ ok: false, message: MESSAGES.fix, fieldErrors: { location: [MESSAGES.outside] } });
      expect(await totals()).toEqual(before);
    });

    it('with a file that is not an image', async () => {
      const outcome = await receiveReport(
        db(),
        form(),
        [new File(['%PDF-1.7'], 'facture.jpg', { type: 'image/jpeg' })],
        newSender(),
      );
      expect(outcome.ok ? null : outcome.fieldErrors?.photos).toEqual([
        'La photo « facture.jpg » n’est pas une image JPEG, PNG ou WebP.',
      ]);
      expect(await totals()).toEqual(before);
    });

    it('with a photo over 10 MB', async () => {
      const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'enorme.jpg', { type: 'image/jpeg' });
      const outcome = await receiveReport(db(), form(), [big], newSender());
      expect(outcome.ok ? null : outcome.fieldErrors?.photos).toEqual(['La photo « enorme.jpg » dépasse 10 Mo.']);
      expect(await totals()).toEqual(before);
    });

    it('with a decompression bomb', async () => {
      const bomb = await sharp({ create: { width: 9000, height: 9000, channels: 3, background: '#000' } })
        .png({ compressionLevel: 9, palette: true, colours: 2 })
        .toBuffer();
      const outcome = await receiveReport(db(), form(), [new File([new Uint8Array(bomb)], 'bombe.png')], newSender());
      expect(outcome.ok ? null : outcome.fieldErrors?.photos).toEqual([
        'La photo « bombe.png » est trop grande (dimensions excessives).',
      ]);
      expect(await totals()).toEqual(before);
    });

    it('from a robot that fills the hidden field', async () => {
      const outcome = await receiveReport(db(), form({ website: 'http://spam.example' }), [], newSender());
      expect(outcome).toEqual({ ok: false, message: MESSAGES.refused });
      expect(await totals()).toEqual(before);
    });

    it('from an address past its hourly limit, rolling back the reference counter too', async () => {
      const sender = newSender();
      for (let i = 0; i < 4; i++)
        expect((await receiveReport(db(), form({ email: '', noReply: 'on' }), [], sender)).ok).toBe(true);
      const counted = await totals();
      const fifth = await receiveReport(db(), form({ email: '', noReply: 'on' }), [], sender);
      expect(fifth).toEqual({ ok: false, message: MESSAGES.rateLimited });
      expect(await totals()).toEqual(counted);
      const [counter] = await db().select({ last: referenceCounters.last }).from(referenceCounters);
      expect(counter!.last).toBe(counted.reports);
    });

    it('from an address that used its limit just before the hour: the turn of the window resets nothing', async () => {
      const sender = newSender();
      const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3 * 3_600_000; // a past hour, away from other tests
      const at = (minutes: number) => new Date(hour + minutes * 60_000);
      const send = (minutes: number) => receiveReport(db(), form({ email: '', noReply: 'on' }), [], sender, at(minutes));
      for (let i = 0; i < 4; i++) expect((await send(59)).ok).toBe(true);
      // One minute into the next window, 59/60 of the previous window's 4 still count: refused.
      expect(await send(61)).toEqual({ ok: false, message: MESSAGES.rateLimited });
      // Half an hour later, half of them do: accepted again.
      expect((await send(90)).ok).toBe(true);
    });

    it('before decoding its photos, once the sender is past the limit', async () => {
      const sender = newSender();
      for (let i = 0; i < 4; i++)
        expect((await receiveReport(db(), form({ email: '', noReply: 'on' }), [], sender)).ok).toBe(true);
      // Not an image at all: had it been read, the answer would be a photo error, not the rate limit.
      const notRead = new File([new Uint8Array(64)], 'pas-une-photo.jpg', { type: 'image/jpeg' });
      expect(await receiveReport(db(), form({ email: '', noReply: 'on' }), [notRead], sender)).toEqual({
        ok: false,
        message: MESSAGES.rateLimited,
      });
    });

    it('from an e-mail past its hourly limit, whatever the address it comes from', async () => {
      const email = `limite.${testDbKind}@example.org`;
      for (let i = 0; i < 2; i++) expect((await receiveReport(db(), form({ email }), [], newSender())).ok).toBe(true);
      expect(await receiveReport(db(), form({ email: email.toUpperCase() }), [], newSender())).toEqual({
        ok: false,
        message: MESSAGES.rateLimited,
      });
    });
  });

  it('writes nothing at all when a part of the report fails to insert', async () => {
    const broken = { contentType: 'image/jpeg', width: null, height: 10, bytes: new Uint8Array([1]) } as never;
    const draft = {
      categorySlug: 'voirie',
      description: 'Une photo invalide fait échouer la transaction.',
      lon: 3.0819,
      lat: 45.7772,
      address: null,
      communeInsee: '63113',
      poleId: 'centre',
      channel: 'web' as const,
      isNearBorder: false,
      isLocationToConfirm: false,
      wantsNoReply: true,
      reporterName: null,
      reporterEmail: null,
      reporterPhone: null,
      reporterAddress: null,
      idempotencyKey: newKey(),
      trackingTokenHash: 'x',
      photos: [broken],
      actor: { type: 'resident' as const },
    };
    await expect(
      insertReport(db(), draft, { severity: 'medium', severityDays: DEFAULT_SEVERITY_DAYS, limits: [], windowMinutes: 60 }),
    ).rejects.toThrow();
    expect(await totals()).toEqual(before);
  });

  it('routes the pin, computes the due date, and stores report, first event and photos together', async () => {
    const started = Date.now();
    const outcome = await receiveReport(db(), form({ category: 'eau-assainissement' }), [await jpegWithGps()], newSender());
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.reference).toMatch(/^PC-\d{4}-\d{6}$/);

    const [row] = await db().select().from(reports).where(eq(reports.reference, outcome.reference));
    expect(row).toMatchObject({
      communeInsee: '63113',
      poleId: 'centre',
      channel: 'web',
      stateKey: 'new',
      severity: 'high',
      isLocationToConfirm: false,
    });
    expect(row!.dueAt).toEqual(dueAtFor('high', row!.createdAt)); // 2 working days
    expect(row!.createdAt.getTime()).toBeGreaterThanOrEqual(started - 1000);
    const events = await db().select().from(reportEvents).where(eq(reportEvents.reportId, row!.id));
    expect(events).toMatchObject([{ kind: 'created', toState: 'new', toPoleId: 'centre', isPublic: true }]);
    expect(await totals()).toMatchObject({ reports: before.reports + 1, events: before.events + 1, photos: before.photos + 1 });
    expect(await findAccess(outcome.reference, outcome.token)).toEqual({ kind: 'reporter', reportId: row!.id });
    expect(await findAccess(outcome.reference, `${outcome.token}x`)).toBeNull();
  });

  it('stores photos upright, at most 2048 px, with no EXIF, GPS or camera left in them', async () => {
    const outcome = await receiveReport(db(), form(), [await jpegWithGps()], newSender());
    if (!outcome.ok) throw new Error(outcome.message);
    const [photo] = await db()
      .select({ bytes: reportPhotos.bytes, width: reportPhotos.width, height: reportPhotos.height })
      .from(reportPhotos)
      .innerJoin(reports, eq(reportPhotos.reportId, reports.id))
      .where(eq(reports.reference, outcome.reference));
    const stored = await sharp(photo!.bytes).metadata();
    expect([stored.format, stored.width, stored.height]).toEqual(['jpeg', 1365, 2048]);
    expect([photo!.width, photo!.height]).toEqual([1365, 2048]);
    expect(stored.exif).toBeUndefined();
    expect(stored.orientation).toBeUndefined();
    expect(Buffer.from(photo!.bytes).includes('TestCam')).toBe(false);
  });

  it('gives the same report back when the same form is sent twice', async () => {
    const sent = form();
    const [first, second] = await Promise.all([
      receiveReport(db(), sent, [], newSender()),
      receiveReport(db(), sent, [], newSender()),
    ]);
    const third = await receiveReport(db(), sent, [], newSender());
    expect(first.ok && second.ok && third.ok).toBe(true);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect((await totals()).reports).toBe(before.reports + 1);
  });

  it('routes a report placed by commune and address to that commune, flagged for staff to confirm', async () => {
    const outcome = await receiveReport(
      db(),
      form({ lon: '', lat: '', commune: '63308', address: 'Place Allard' }),
      [],
      newSender(),
    );
    if (!outcome.ok) throw new Error(outcome.message);
    const [row] = await db().select().from(reports).where(eq(reports.reference, outcome.reference));
    expect(row).toMatchObject({ communeInsee: '63308', poleId: 'ouest', isLocationToConfirm: true, address: 'Place Allard' });
  });
});
