import { desc, eq } from 'drizzle-orm';
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as publicPhoto } from '@/app/api/reports/[reference]/photos/[position]/route';
import type { Db } from '@/db';
import { outboxMessages, reportPhotos, reports } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { deliverDue } from '@/lib/notifications/deliver';
import { createMailer, type Mailer } from '@/lib/notifications/mailer';
import { prepareBatch, renderBatch } from '@/lib/notifications/print-queue';
import { resolveReport } from '@/lib/reports/photo-commands';
import { processPhotos } from '@/lib/reports/photos';
import { getPublicReport } from '@/lib/reports/queries';
import { moveReport, NOT_FOUND, type CommandResult } from '@/lib/reports/staff-commands';
import { testDbKind, useAppTestDatabase } from '../helpers/database';
import { scenePhoto } from '../helpers/images';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp';
import { countEvents, eventsOf, fileReport, reportRow, seedStaff, type TestStaff } from '../helpers/staff';

// The « service fait » photos: what resolving with them refuses, where they are stored, that the public sees them at
// once (staff took them) while the resident's wait for moderation, and that the e-mail and the letter carry them.

const GERZAT = '63164';
const SOLUTION = 'Lampe remplacée le 3 décembre par l’équipe d’éclairage du pôle Nord.';

const jpeg = (bytes: Uint8Array, name = 'apres.jpg') => new File([new Uint8Array(bytes)], name, { type: 'image/jpeg' });

/** A phone photo: a JPEG carrying EXIF with a GPS position and an author, which must never be published. */
const phonePhoto = async () =>
  jpeg(
    await sharp(await scenePhoto(640, 480))
      .withMetadata({ exif: { IFD0: { Artist: 'Agent Terrain', Copyright: 'GPS 45.8601 3.1502' } } })
      .jpeg()
      .toBuffer(),
    'IMG_0042.jpg',
  );

describe(`resolution photos (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  let staff: (local: string) => TestStaff;
  let smtp: SmtpReceiver;
  let mailer: Mailer;
  const db = (): Db => app.handle.db;
  const manager = () => staff('pole.nord');

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
    staff = await seedStaff(db());
    smtp = await startSmtpReceiver();
    mailer = createMailer({ smtpUrl: smtp.url, from: 'Proxim’Cité <ne-pas-repondre@proximcite.example>', dir: '/nonexistent' });
  });
  afterAll(async () => {
    mailer.close();
    await smtp.stop();
    await app.cleanup();
  });
  beforeEach(async () => {
    await deliverAll();
    await db().delete(outboxMessages);
    smtp.messages.length = 0;
  });

  async function deliverAll() {
    for (let round = 0; round < 20; round++) if ((await deliverDue(db(), mailer)).claimed === 0) break;
  }

  /** A report with one resident photo, waiting for moderation as every new one does (MODERATION=before). */
  async function nordReport(options: Parameters<typeof fileReport>[2] = {}) {
    const report = await fileReport(db(), GERZAT, options);
    const processed = await processPhotos([jpeg(await scenePhoto(320, 240), 'trou.jpg')]);
    if (!processed.ok) throw new Error(processed.message);
    await db()
      .insert(reportPhotos)
      .values({ ...processed.photos[0]!, reportId: report.id, position: 0 });
    return { ...report, version: String((await reportRow(db(), report.reference)).version) };
  }

  const photosOf = (reportId: number) =>
    db().select().from(reportPhotos).where(eq(reportPhotos.reportId, reportId)).orderBy(reportPhotos.position);

  /** Runs a resolution that must be refused and checks that nothing changed: report, photos, history, outbox. */
  async function refused(report: { id: number; reference: string }, run: () => Promise<CommandResult>) {
    const snapshot = async () => ({
      row: await reportRow(db(), report.reference),
      photos: (await photosOf(report.id)).length,
      events: await countEvents(db()),
      outbox: (await db().select().from(outboxMessages).where(eq(outboxMessages.reportId, report.id))).length,
    });
    const before = await snapshot();
    const answer = await run();
    expect(answer.ok).toBe(false);
    expect(await snapshot()).toEqual(before);
    return answer;
  }

  const resolve = (report: { reference: string; version: string }, files: File[], who = manager(), text = SOLUTION) =>
    resolveReport(db(), who, { reference: report.reference, version: report.version, text }, files);

  describe('refusals', () => {
    it('answers roles that may not resolve as if the report did not exist, before reading any photo', async () => {
      const report = await nordReport();
      // Not even a photo: the answer comes before any decoding.
      for (const local of ['agent', 'accueil.cournon', 'elu']) {
        expect(await refused(report, () => resolve(report, [jpeg(new Uint8Array([1, 2, 3]))], staff(local)))).toEqual(NOT_FOUND);
      }
    });

    it('answers a report out of reach exactly like a missing one', async () => {
      const report = await nordReport();
      const outOfReach = await refused(report, async () => resolve(report, [await phonePhoto()], staff('pole.centre')));
      const missing = await resolve({ reference: 'PC-2026-999999', version: '1' }, [await phonePhoto()]);
      expect(outOfReach).toEqual(NOT_FOUND);
      expect(missing).toEqual(NOT_FOUND);
    });

    it('refuses a file that is not an image, one too big and more than three, with the text’s own errors', async () => {
      const report = await nordReport();
      const notImage = await refused(report, () =>
        resolve(report, [new File(['%PDF-1.7 facture'], 'facture.jpg', { type: 'image/jpeg' })]),
      );
      expect(notImage).toMatchObject({
        fieldErrors: { photos: ['La photo « facture.jpg » n’est pas une image JPEG, PNG ou WebP.'] },
      });
      const big = new Uint8Array(10 * 1024 * 1024 + 1);
      big.set(await scenePhoto(64, 64));
      const tooBig = await refused(report, () => resolve(report, [jpeg(big, 'enorme.jpg')]));
      expect(tooBig).toMatchObject({ fieldErrors: { photos: ['La photo « enorme.jpg » dépasse 10 Mo.'] } });
      const four = await Promise.all([1, 2, 3, 4].map(async () => jpeg(await scenePhoto(64, 64))));
      const tooMany = await refused(report, () => resolve(report, four, manager(), ' '));
      expect(tooMany).toMatchObject({
        fieldErrors: {
          photos: ['Vous pouvez joindre 3 photos au maximum.'],
          text: [expect.stringContaining('10 caractères')],
        },
      });
    });

    it('refuses photos past the tenth place a report has, and a report already resolved', async () => {
      const report = await nordReport();
      const three = async () => Promise.all([1, 2, 3].map(async () => jpeg(await scenePhoto(64, 64))));
      let version = Number(report.version);
      for (let round = 0; round < 2; round++) {
        expect((await resolve({ ...report, version: String(version) }, await three())).ok).toBe(true);
        const reopened = await moveReport(db(), manager(), {
          reference: report.reference,
          version: String(version + 1),
          to: 'reopened',
          text: 'La lampe s’est de nouveau éteinte.',
        });
        expect(reopened.ok).toBe(true);
        version += 2;
      }
      // Places 3–5, then 6–8: one left.
      const answer = await refused(report, async () => resolve({ ...report, version: String(version) }, await three()));
      expect(answer).toMatchObject({ fieldErrors: { photos: ['Ce signalement ne peut plus recevoir que 1 photo.'] } });
      expect((await resolve({ ...report, version: String(version) }, [jpeg(await scenePhoto(64, 64))])).ok).toBe(true);
      const closed = await refused(report, async () => resolve({ ...report, version: String(version + 1) }, []));
      expect(closed.message).toContain('rouvrez-le');
    });
  });

  describe('resolving with photos', () => {
    it('stores them after the resident’s, re-encoded without metadata, in the resolution’s transaction', async () => {
      const report = await nordReport();
      const eventsBefore = await countEvents(db());
      const answer = await resolve(report, [await phonePhoto(), jpeg(await scenePhoto(200, 300), 'pot.jpg')]);
      expect(answer).toEqual({ ok: true, message: `${report.reference} : résolu avec 2 photos — c’est fait.` });
      expect(await countEvents(db())).toBe(eventsBefore + 1);
      const row = await reportRow(db(), report.reference);
      expect(row).toMatchObject({ stateKey: 'resolved', outcome: SOLUTION });
      const photos = await photosOf(report.id);
      expect(photos.map((p) => [p.position, p.kind])).toEqual([
        [0, 'resident'],
        [3, 'resolution'],
        [4, 'resolution'],
      ]);
      const [event] = (await eventsOf(db(), report.id)).filter((e) => e.kind === 'state_changed');
      for (const photo of photos.slice(1)) {
        expect(photo.createdAt).toEqual(event!.createdAt);
        const meta = await sharp(photo.bytes).metadata();
        expect(meta.format).toBe('jpeg');
        expect(meta.exif).toBeUndefined();
        expect(Buffer.from(photo.bytes).includes('Agent Terrain')).toBe(false);
        expect(Buffer.from(photo.bytes).includes('GPS 45')).toBe(false);
      }
      expect(photos[2]).toMatchObject({ width: 200, height: 300 });
    });

    it('resolves without photos as before', async () => {
      const report = await nordReport();
      expect(await resolve(report, [new File([], '', { type: 'application/octet-stream' })])).toEqual({
        ok: true,
        message: `${report.reference} : résolu — c’est fait.`,
      });
      expect((await photosOf(report.id)).map((p) => p.kind)).toEqual(['resident']);
    });

    it('shows them publicly at once, while the resident’s photo still waits for moderation', async () => {
      const report = await nordReport();
      expect((await resolve(report, [await phonePhoto()])).ok).toBe(true);
      const page = await getPublicReport(report.reference);
      expect(page!.photos).toEqual([{ position: 3, kind: 'resolution', width: 640, height: 480 }]);
      const served = await publicPhoto(new Request('http://localhost'), {
        params: Promise.resolve({ reference: report.reference, position: '3' }),
      });
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/jpeg');
      const resident = await publicPhoto(new Request('http://localhost'), {
        params: Promise.resolve({ reference: report.reference, position: '0' }),
      });
      expect(resident.status).toBe(404);
      // Once published, both groups show.
      await db().update(reports).set({ publishedAt: new Date() }).where(eq(reports.id, report.id));
      expect((await getPublicReport(report.reference))!.photos.map((p) => [p.position, p.kind])).toEqual([
        [0, 'resident'],
        [3, 'resolution'],
      ]);
    });
  });

  describe('the outcome e-mail and letter', () => {
    /** The images a PDF embeds, with their size in pixels. */
    async function imagesOf(pdf: Uint8Array) {
      const doc = await PDFDocument.load(pdf);
      return doc.context
        .enumerateIndirectObjects()
        .map(([, object]) => object)
        .filter((object): object is PDFRawStream => object instanceof PDFRawStream)
        .map((stream) => stream.dict)
        .filter((dict: PDFDict) => dict.get(PDFName.of('Subtype')) === PDFName.of('Image'))
        .map((dict) => ({
          width: (dict.get(PDFName.of('Width')) as PDFNumber).asNumber(),
          height: (dict.get(PDFName.of('Height')) as PDFNumber).asNumber(),
        }));
    }

    const textOf = async (pdf: Uint8Array) =>
      (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text.replace(/\s+/g, ' ');

    it('attaches the photos to the resolution e-mail, and prints the first one small in its letter', async () => {
      const report = await nordReport({ name: 'Camille Martin', email: 'camille.photos@example.org' });
      expect((await resolve(report, [await phonePhoto(), jpeg(await scenePhoto(300, 200), 'pot.jpg')])).ok).toBe(true);
      await deliverAll();
      const mail = smtp.messages.find((m) => m.subject?.startsWith(`Signalement ${report.reference} résolu`));
      expect(mail).toBeDefined();
      expect(mail!.text).toContain('les photos prises après l’intervention sont jointes');
      expect(mail!.attachments.map((a) => [a.filename, a.contentType])).toEqual([
        [`courrier-${report.reference}.pdf`, 'application/pdf'],
        ['photo-intervention-1.jpg', 'image/jpeg'],
        ['photo-intervention-2.jpg', 'image/jpeg'],
      ]);
      const stored = (await photosOf(report.id)).filter((p) => p.kind === 'resolution');
      expect(Buffer.from(mail!.attachments[1]!.content).equals(Buffer.from(stored[0]!.bytes))).toBe(true);
      expect(Buffer.from(mail!.attachments[2]!.content).equals(Buffer.from(stored[1]!.bytes))).toBe(true);

      const pdf = new Uint8Array(mail!.attachments[0]!.content);
      expect(await textOf(pdf)).toContain('Photo prise après l’intervention');
      // One image, the first photo, made small (600 px at most) for the letter.
      expect(await imagesOf(pdf)).toEqual([{ width: 600, height: 450 }]);
    });

    it('prints the photo in the posted letter, and only the photos of the resolution it tells of', async () => {
      const report = await nordReport({ email: '', name: 'Jean Poste' });
      expect((await resolve(report, [await phonePhoto()])).ok).toBe(true);
      const [letter] = await db().select().from(outboxMessages).where(eq(outboxMessages.reportId, report.id));
      expect(letter).toMatchObject({ kind: 'resolution', channel: 'post' });
      expect((await prepareBatch(db(), manager(), { poleId: 'nord' })).ok).toBe(true);
      const [batch] = await db()
        .select({ id: outboxMessages.batchId })
        .from(outboxMessages)
        .where(eq(outboxMessages.id, letter!.id));
      const rendered = await renderBatch(db(), manager(), batch!.id!);
      expect(await imagesOf(rendered!.pdf)).toEqual([{ width: 600, height: 450 }]);

      // Reopened, then resolved again without photos: that letter tells of no photo.
      const version = Number((await reportRow(db(), report.reference)).version);
      expect(
        (
          await moveReport(db(), manager(), {
            reference: report.reference,
            version: String(version),
            to: 'reopened',
            text: 'La lampe s’est de nouveau éteinte.',
          })
        ).ok,
      ).toBe(true);
      expect((await resolve({ ...report, version: String(version + 1) }, [])).ok).toBe(true);
      expect((await prepareBatch(db(), manager(), { poleId: 'nord' })).ok).toBe(true);
      const [latest] = await db()
        .select({ batchId: outboxMessages.batchId })
        .from(outboxMessages)
        .where(eq(outboxMessages.reportId, report.id))
        .orderBy(desc(outboxMessages.id));
      const secondBatch = await renderBatch(db(), manager(), latest!.batchId!);
      expect(secondBatch).not.toBeNull();
      expect(await imagesOf(secondBatch!.pdf)).toEqual([]);
      expect(await textOf(secondBatch!.pdf)).not.toContain('Photo prise après l’intervention');
    });
  });
});
