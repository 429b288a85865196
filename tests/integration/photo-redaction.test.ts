import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { reportPhotos, reports } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { env } from '@/lib/env';
import { redactReportPhoto } from '@/lib/reports/photo-commands';
import { processPhotos } from '@/lib/reports/photos';
import { getPhoto } from '@/lib/reports/queries';
import type { Rectangle } from '@/lib/reports/redact';
import { NOT_FOUND, type CommandResult } from '@/lib/reports/staff-commands';
import { testDbKind, useAppTestDatabase } from '../helpers/database';
import { differenceByRegion, scenePhoto } from '../helpers/images';
import { countEvents, eventsOf, fileReport, reportRow, seedStaff, type TestStaff } from '../helpers/staff';

// Redacting parts of a resident's photo: who may, what a form may send, what changes in the pixels (inside the
// rectangles only), what becomes of the original, and the one event each decision leaves.

const GERZAT = '63164';
const COURNON = '63124';
const FACE: Rectangle = { x: 0.2, y: 0.15, width: 0.3, height: 0.4 };
const PLATE: Rectangle = { x: 0.6, y: 0.7, width: 0.25, height: 0.12 };

describe(`photo redaction (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  let staff: (local: string) => TestStaff;
  const db = (): Db => app.handle.db;
  const manager = () => staff('pole.nord');
  const setting = env.PHOTO_ORIGINALS;

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
    staff = await seedStaff(db());
  });
  afterAll(() => app.cleanup());
  afterEach(() => {
    env.PHOTO_ORIGINALS = setting;
  });

  /** A report with two photos as the intake stores them (checked, re-encoded), published so the public may see them. */
  async function reportWithPhotos(insee = GERZAT) {
    const report = await fileReport(db(), insee);
    const processed = await processPhotos([
      new File([new Uint8Array(await scenePhoto())], 'rue.jpg', { type: 'image/jpeg' }),
      new File([new Uint8Array(await scenePhoto(320, 240))], 'voiture.jpg', { type: 'image/jpeg' }),
    ]);
    if (!processed.ok) throw new Error(processed.message);
    await db()
      .insert(reportPhotos)
      .values(processed.photos.map((photo, position) => ({ ...photo, reportId: report.id, position })));
    await db().update(reports).set({ publishedAt: new Date() }).where(eq(reports.id, report.id));
    const { version } = await reportRow(db(), report.reference);
    return { ...report, version: String(version), photos: processed.photos };
  }

  const photoRow = async (reportId: number, position = 0) => {
    const [row] = await db()
      .select()
      .from(reportPhotos)
      .where(and(eq(reportPhotos.reportId, reportId), eq(reportPhotos.position, position)));
    return row!;
  };

  const form = (
    report: { reference: string; version: string },
    fields: { position?: string; mode?: string; rectangles?: unknown } = {},
  ) => ({
    reference: report.reference,
    version: report.version,
    position: '0',
    mode: 'blur',
    rectangles: JSON.stringify([FACE]),
    ...fields,
  });

  /** Runs a redaction that must be refused and checks that neither the report, its photos nor its history changed. */
  async function refused(report: { id: number; reference: string }, run: () => Promise<CommandResult>) {
    const snapshot = async () => ({
      row: await reportRow(db(), report.reference),
      photos: await db().select().from(reportPhotos).where(eq(reportPhotos.reportId, report.id)),
      events: await countEvents(db()),
    });
    const before = await snapshot();
    const answer = await run();
    expect(answer.ok).toBe(false);
    expect(await snapshot()).toEqual(before);
    return answer;
  }

  describe('refusals', () => {
    it('answers roles without the moderation permission as if the report did not exist', async () => {
      // In Cournon, the town hall's agent reaches the report: only the permission is missing.
      const report = await reportWithPhotos(COURNON);
      for (const local of ['agent', 'accueil.cournon', 'elu']) {
        expect(await refused(report, () => redactReportPhoto(db(), staff(local), form(report)))).toEqual(NOT_FOUND);
      }
    });

    it('answers a report out of the person’s reach exactly like a missing one', async () => {
      const report = await reportWithPhotos();
      const outOfReach = await refused(report, () => redactReportPhoto(db(), staff('pole.centre'), form(report)));
      const missing = await redactReportPhoto(db(), manager(), form({ reference: 'PC-2026-999999', version: '1' }));
      expect(outOfReach).toEqual(NOT_FOUND);
      expect(missing).toEqual(outOfReach);
    });

    it('refuses rectangles outside the photo, of zero size, too many, or that are not numbers', async () => {
      const report = await reportWithPhotos();
      const errors = async (rectangles: unknown) => {
        const answer = await refused(report, () => redactReportPhoto(db(), manager(), form(report, { rectangles })));
        return answer.ok ? [] : answer.fieldErrors?.rectangles;
      };
      expect(await errors(JSON.stringify([FACE, { x: 0.8, y: 0.1, width: 0.3, height: 0.2 }]))).toEqual([
        'Rectangle 2 : il sort de la photo.',
      ]);
      expect(await errors(JSON.stringify([{ x: -0.1, y: 0, width: 0.2, height: 0.2 }]))).toEqual([
        'Rectangle 1 : il sort de la photo.',
      ]);
      expect(await errors(JSON.stringify([{ x: 0.1, y: 0.1, width: 0, height: 0.2 }]))).toEqual([
        'Rectangle 1 : sa largeur ou sa hauteur est nulle.',
      ]);
      expect(await errors(JSON.stringify([{ x: 0.1, y: 0.1, width: 0.2, height: -0.1 }]))).toEqual([
        'Rectangle 1 : sa largeur ou sa hauteur est nulle.',
      ]);
      expect(await errors(JSON.stringify(Array.from({ length: 21 }, () => FACE)))).toEqual(['20 rectangles au plus à la fois.']);
      expect(await errors(JSON.stringify([{ x: '0.1', y: 0.1, width: 0.2, height: 0.2 }, { x: 0.1 }, null]))).toEqual([
        'Rectangle 1 : ses coordonnées sont illisibles.',
        'Rectangle 2 : ses coordonnées sont illisibles.',
        'Rectangle 3 : ses coordonnées sont illisibles.',
      ]);
      for (const nothing of ['[]', '', 'pas du JSON', '{"x":0}', undefined]) {
        expect(await errors(nothing)).toEqual(['Dessinez au moins un rectangle sur la photo.']);
      }
    });

    it('refuses an unknown mode, a photo place that is not one, and a photo the report does not have', async () => {
      const report = await reportWithPhotos();
      const badMode = await refused(report, () => redactReportPhoto(db(), manager(), form(report, { mode: 'pixels' })));
      expect(badMode).toMatchObject({ fieldErrors: { mode: ['Choisissez : flouter ou masquer.'] } });
      for (const position of ['', '-1', '10', '1.5', 'a']) {
        const badPosition = await refused(report, () => redactReportPhoto(db(), manager(), form(report, { position })));
        expect(badPosition).toMatchObject({ fieldErrors: { position: ['Choisissez une photo du signalement.'] } });
      }
      const noPhoto = await refused(report, () => redactReportPhoto(db(), manager(), form(report, { position: '5' })));
      expect(noPhoto).toMatchObject({ fieldErrors: { position: ['Ce signalement n’a pas de photo à cette place.'] } });
    });

    it('refuses a redaction made on a page someone else has changed since', async () => {
      const report = await reportWithPhotos();
      expect((await redactReportPhoto(db(), manager(), form(report))).ok).toBe(true);
      const stale = await refused(report, () => redactReportPhoto(db(), staff('admin'), form(report, { position: '1' })));
      expect(stale.message).toContain('Marc');
      expect(stale.message).toContain('Rien n’a été enregistré');
    });
  });

  describe('redacting', () => {
    it('blurs the pixels inside the rectangles and leaves those outside as they were', async () => {
      const report = await reportWithPhotos();
      const answer = await redactReportPhoto(db(), manager(), form(report, { rectangles: JSON.stringify([FACE, PLATE]) }));
      expect(answer).toEqual({ ok: true, message: `${report.reference} : photo 1, 2 zones floutées.` });
      const photo = await photoRow(report.id);
      const difference = await differenceByRegion(report.photos[0]!.bytes, photo.bytes, [FACE, PLATE]);
      expect(difference.inside).toBeGreaterThan(30);
      expect(difference.outside).toBeLessThan(3);
      // The other photo is untouched, byte for byte.
      expect(Buffer.from((await photoRow(report.id, 1)).bytes).equals(Buffer.from(report.photos[1]!.bytes))).toBe(true);
    });

    it('fills the pixels inside the rectangles when asked to mask them', async () => {
      const report = await reportWithPhotos();
      expect((await redactReportPhoto(db(), manager(), form(report, { mode: 'fill', position: '1' }))).ok).toBe(true);
      const photo = await photoRow(report.id, 1);
      const difference = await differenceByRegion(report.photos[1]!.bytes, photo.bytes, [FACE]);
      expect(difference.inside).toBeGreaterThan(50);
      expect(difference.outside).toBeLessThan(3);
    });

    it('keeps the original staff-only when PHOTO_ORIGINALS=keep: the public is served the redacted photo', async () => {
      env.PHOTO_ORIGINALS = 'keep';
      const report = await reportWithPhotos();
      const original = Buffer.from(report.photos[0]!.bytes);
      expect((await redactReportPhoto(db(), manager(), form(report))).ok).toBe(true);
      const photo = await photoRow(report.id);
      expect(Buffer.from(photo.originalBytes!).equals(original)).toBe(true);
      expect(photo.redactedAt).toBeInstanceOf(Date);
      const served = await getPhoto(report.reference, 0);
      expect(Buffer.from(served!.bytes).equals(Buffer.from(photo.bytes))).toBe(true);
      expect(Buffer.from(served!.bytes).equals(original)).toBe(false);

      // A second redaction adds to the first; the original kept is still the resident's.
      const version = String((await reportRow(db(), report.reference)).version);
      expect((await redactReportPhoto(db(), manager(), form({ ...report, version }, { mode: 'fill' }))).ok).toBe(true);
      expect(Buffer.from((await photoRow(report.id)).originalBytes!).equals(original)).toBe(true);
    });

    it('deletes the original when PHOTO_ORIGINALS=delete', async () => {
      env.PHOTO_ORIGINALS = 'delete';
      const report = await reportWithPhotos();
      expect((await redactReportPhoto(db(), manager(), form(report))).ok).toBe(true);
      const photo = await photoRow(report.id);
      expect(photo.originalBytes).toBeNull();
      expect(photo.redactedAt).toBeInstanceOf(Date);
      const [event] = (await eventsOf(db(), report.id)).filter((e) => e.kind === 'photo_redacted');
      expect(event!.data).toEqual({ position: 0, rectangles: 1, mode: 'blur', isOriginalKept: false });
    });

    it('leaves one internal event per decision, and raises the report’s version', async () => {
      const report = await reportWithPhotos();
      const before = await reportRow(db(), report.reference);
      const eventsBefore = await countEvents(db());
      expect(
        (await redactReportPhoto(db(), staff('admin'), form(report, { rectangles: JSON.stringify([FACE, PLATE]) }))).ok,
      ).toBe(true);
      expect(await countEvents(db())).toBe(eventsBefore + 1);
      const events = (await eventsOf(db(), report.id)).filter((e) => e.kind === 'photo_redacted');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        isPublic: false,
        actorType: 'staff',
        actorUserId: staff('admin').id,
        data: { position: 0, rectangles: 2, mode: 'blur', isOriginalKept: true },
      });
      expect((await reportRow(db(), report.reference)).version).toBe(before.version + 1);
    });
  });
});
