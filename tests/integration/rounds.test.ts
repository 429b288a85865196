import { eq } from 'drizzle-orm';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBase } from '@/db/seed';
import { reportPhotos, reports, roundStops } from '@/db/schema';
import type { StaffUser } from '@/lib/permissions';
import { moveReport, transferReport } from '@/lib/reports/staff-commands';
import { addToRound, moveStop, NOT_FOUND, orderRound, removeFromRound } from '@/lib/rounds/commands';
import { nearestNeighbourOrder } from '@/lib/rounds/order';
import { findRoundOwner, getRoundStart, listRoundOwners, listRoundStops } from '@/lib/rounds/queries';
import { loadRoundSheet } from '@/lib/rounds/sheet-data';
import { testDbKind, useAppTestDatabase } from '../helpers/database';
import { fileReport, reportRow, seedStaff, type TestStaff } from '../helpers/staff';

// « Ma tournée »: who may prepare whose round and with which reports (refusals first, each writing nothing), then
// adding, removing, reordering, the nearest-neighbour order, and the route sheet read back as a person would read it.

const GERZAT = '63164';
const CEBAZAT = '63063';
const BLANZAT = '63042';
const CLERMONT = '63113';

describe(`the round sheet (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  let staff: (local: string) => TestStaff;
  const db = () => app.handle.db;
  const manager = () => staff('pole.nord');
  const colleague = () => staff('equipe.nord');

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
    staff = await seedStaff(db());
  });
  afterAll(() => app.cleanup());

  const stopsOf = async (owner: TestStaff) =>
    (
      await db()
        .select({ reportId: roundStops.reportId, position: roundStops.position })
        .from(roundStops)
        .where(eq(roundStops.userId, owner.id))
        .orderBy(roundStops.position)
    ).map((row) => row.reportId);
  const allStops = async () => db().select().from(roundStops).orderBy(roundStops.id);
  const emptyRound = (owner: TestStaff) => db().delete(roundStops).where(eq(roundStops.userId, owner.id));
  /** The references of a round as its page lists them, for the person looking. */
  const visibleRound = async (viewer: StaffUser, owner: TestStaff) =>
    (await listRoundStops(db(), viewer, (await findRoundOwner(db(), viewer, owner.id))!)).map((stop) => stop.reference);

  async function add(user: StaffUser, references: string[], owner = '') {
    return addToRound(db(), user, { owner, selection: references });
  }

  async function sheetText(viewer: StaffUser, owner: number | null = null) {
    const sheet = await loadRoundSheet(viewer, owner);
    expect(sheet).not.toBeNull();
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(sheet!.pdf)), { mergePages: true });
    return { text: text.replace(/\s+/g, ' '), pdf: sheet!.pdf };
  }

  describe('refusals', () => {
    it.each(['agent', 'accueil.cournon', 'elu'])('refuses every round command and the sheet to %s', async (local) => {
      const person = staff(local);
      const report = await fileReport(db(), CLERMONT);
      const before = await allStops();
      const answers = [
        await add(person, [report.reference]),
        await removeFromRound(db(), person, { owner: '', reference: report.reference }),
        await moveStop(db(), person, { owner: '', reference: report.reference, direction: 'up' }),
        await orderRound(db(), person, { owner: '' }),
      ];
      for (const answer of answers) expect(answer).toEqual({ ok: false, message: expect.stringContaining('introuvable') });
      expect(await allStops()).toEqual(before);
      expect(await loadRoundSheet(person, null)).toBeNull();
      expect(await findRoundOwner(db(), person, null)).toBeNull();
      expect(await listRoundOwners(db(), person)).toEqual([]);
    });

    it('answers a report of another pôle exactly like a reference that does not exist', async () => {
      await emptyRound(manager());
      const centre = await fileReport(db(), CLERMONT);
      const outOfScope = await add(manager(), [centre.reference]);
      const missing = await add(manager(), ['PC-2001-999999']);
      expect(outOfScope).toEqual({ ok: false, message: expect.stringContaining(`${centre.reference} : introuvable`) });
      expect(outOfScope.message.replace(centre.reference, 'X')).toBe(missing.message.replace('PC-2001-999999', 'X'));
      expect(await stopsOf(manager())).toEqual([]);
      const removal = await removeFromRound(db(), manager(), { owner: '', reference: centre.reference });
      expect(removal).toEqual(NOT_FOUND);
    });

    it('refuses to prepare the round of a person of another pôle, but not the administrator', async () => {
      const report = await fileReport(db(), GERZAT);
      const other = staff('pole.centre');
      const answer = await add(manager(), [report.reference], String(other.id));
      expect(answer).toMatchObject({ ok: false, fieldErrors: { owner: [expect.stringContaining('de votre pôle')] } });
      expect(await stopsOf(other)).toEqual([]);
      expect(await loadRoundSheet(manager(), other.id)).toBeNull();
      expect((await listRoundOwners(db(), manager())).map((person) => person.name).sort()).toEqual(
        [manager().name, colleague().name].sort(),
      );
      expect((await listRoundOwners(db(), staff('admin'))).length).toBeGreaterThan(5);
    });

    it('refuses to put on a person’s round a report that person may not read, even for the administrator', async () => {
      await emptyRound(manager());
      const centre = await fileReport(db(), CLERMONT);
      const answer = await add(staff('admin'), [centre.reference], String(manager().id));
      expect(answer.ok).toBe(false);
      expect(answer.message).toContain(`${centre.reference} : introuvable`);
      expect(await stopsOf(manager())).toEqual([]);
    });

    it('refuses a closed report with a French reason, and adds the open ones of the same selection', async () => {
      await emptyRound(manager());
      const closed = await fileReport(db(), GERZAT);
      const version = (await reportRow(db(), closed.reference)).version;
      const resolution = { ...closed, version, to: 'resolved', text: 'Lampe remplacée par l’équipe du pôle.' };
      expect((await moveReport(db(), manager(), resolution)).ok).toBe(true);
      const alone = await add(manager(), [closed.reference]);
      expect(alone).toEqual({ ok: false, message: expect.stringContaining(`${closed.reference} : il est clos`) });
      expect(await stopsOf(manager())).toEqual([]);
      const open = await fileReport(db(), GERZAT);
      const mixed = await add(manager(), [closed.reference, open.reference]);
      expect(mixed).toEqual({
        ok: true,
        message: expect.stringMatching(/^1 signalement ajouté à votre tournée\.\n.*il est clos/),
      });
      expect(await stopsOf(manager())).toEqual([open.id]);
    });

    it('refuses what no form sends: an empty or unreadable selection, an unknown direction, a bad person', async () => {
      const before = await allStops();
      expect(await add(manager(), [])).toMatchObject({ fieldErrors: { selection: [expect.stringContaining('Cochez')] } });
      expect(await add(manager(), ['DROP TABLE'])).toMatchObject({ fieldErrors: { selection: [expect.any(String)] } });
      expect(await add(manager(), ['PC-2026-000001'], 'moi')).toMatchObject({ fieldErrors: { owner: [expect.any(String)] } });
      expect(await add(manager(), ['PC-2026-000001'], '999999')).toMatchObject({ fieldErrors: { owner: [expect.any(String)] } });
      expect(await moveStop(db(), manager(), { owner: '', reference: 'PC-2026-000001', direction: 'left' })).toMatchObject({
        fieldErrors: { direction: [expect.any(String)] },
      });
      expect(await removeFromRound(db(), manager(), { owner: '', reference: '1; --' })).toMatchObject({
        fieldErrors: { reference: ['Référence de signalement invalide.'] },
      });
      const tooMany = Array.from({ length: 61 }, (_, i) => `PC-2026-${String(i + 1).padStart(6, '0')}`);
      expect(await add(manager(), tooMany)).toMatchObject({ fieldErrors: { selection: [expect.stringContaining('60')] } });
      expect(await allStops()).toEqual(before);
    });
  });

  describe('adding, removing, reordering', () => {
    it('adds reports in the order given, once each, and says which were there already', async () => {
      await emptyRound(manager());
      const [a, b, c] = [await fileReport(db(), GERZAT), await fileReport(db(), CEBAZAT), await fileReport(db(), BLANZAT)];
      expect(await add(manager(), [`${a.reference}:0`, b.reference])).toEqual({
        ok: true,
        message: '2 signalements ajoutés à votre tournée.',
      });
      expect(await add(manager(), [b.reference, c.reference])).toEqual({
        ok: true,
        message: '1 signalement ajouté à votre tournée. 1 y était déjà.',
      });
      expect(await stopsOf(manager())).toEqual([a.id, b.id, c.id]);
      const [row] = await db().select().from(roundStops).where(eq(roundStops.reportId, c.id));
      expect(row).toMatchObject({ userId: manager().id, addedByUserId: manager().id });
    });

    it('lets a manager prepare the round of a person of the pôle, who then sees it as theirs', async () => {
      await emptyRound(colleague());
      const report = await fileReport(db(), GERZAT);
      expect(await add(manager(), [report.reference], String(colleague().id))).toEqual({
        ok: true,
        message: `1 signalement ajouté à la tournée de ${colleague().name}.`,
      });
      const [row] = await db().select().from(roundStops).where(eq(roundStops.userId, colleague().id));
      expect(row).toMatchObject({ reportId: report.id, addedByUserId: manager().id });
      expect(await visibleRound(colleague(), colleague())).toEqual([report.reference]);
    });

    it('moves a stop up and down, refuses to move the first up, and removes a stop', async () => {
      await emptyRound(manager());
      const [a, b, c] = [await fileReport(db(), GERZAT), await fileReport(db(), CEBAZAT), await fileReport(db(), BLANZAT)];
      await add(manager(), [a.reference, b.reference, c.reference]);
      const move = (reference: string, direction: string) => moveStop(db(), manager(), { owner: '', reference, direction });
      expect(await move(c.reference, 'up')).toEqual({ ok: true, message: `${c.reference} est maintenant l’étape 2.` });
      expect(await stopsOf(manager())).toEqual([a.id, c.id, b.id]);
      expect(await move(a.reference, 'down')).toMatchObject({ ok: true });
      expect(await stopsOf(manager())).toEqual([c.id, a.id, b.id]);
      expect(await move(c.reference, 'up')).toEqual({ ok: false, message: `${c.reference} est déjà la première étape.` });
      expect(await removeFromRound(db(), manager(), { owner: '', reference: a.reference })).toMatchObject({ ok: true });
      expect(await stopsOf(manager())).toEqual([c.id, b.id]);
      expect(await removeFromRound(db(), manager(), { owner: '', reference: a.reference })).toEqual({
        ok: false,
        message: 'Ce signalement n’est pas dans cette tournée.',
      });
    });

    it('orders the stops by nearest neighbour from the centre of the pôle', async () => {
      await emptyRound(manager());
      const reports = [await fileReport(db(), BLANZAT), await fileReport(db(), GERZAT), await fileReport(db(), CEBAZAT)];
      await add(
        manager(),
        reports.map((r) => r.reference),
      );
      const answer = await orderRound(db(), manager(), { owner: '' });
      expect(answer).toEqual({
        ok: true,
        message: expect.stringMatching(/^Étapes ordonnées au plus court .* km à vol d’oiseau/),
      });
      const owner = (await findRoundOwner(db(), manager(), null))!;
      const stops = await listRoundStops(db(), manager(), owner);
      const start = (await getRoundStart(db(), owner, stops))!;
      expect(start.poleId).toBe('nord');
      expect(stops.map((s) => s.reference)).toEqual(nearestNeighbourOrder(start.point, stops).map((s) => s.reference));
    });

    it('keeps a stop whose report left the owner’s reach out of the round’s view, in its place', async () => {
      await emptyRound(manager());
      const [a, b] = [await fileReport(db(), GERZAT), await fileReport(db(), CEBAZAT)];
      await add(manager(), [a.reference, b.reference]);
      const version = (await reportRow(db(), a.reference)).version;
      const transfer = { ...a, version, poleId: 'centre', text: 'Relève du centre-ville.' };
      expect((await transferReport(db(), manager(), transfer)).ok).toBe(true);
      expect(await visibleRound(manager(), manager())).toEqual([b.reference]);
      expect((await sheetText(manager())).text).not.toContain(a.reference);
      expect(await orderRound(db(), manager(), { owner: '' })).toMatchObject({ ok: false });
      expect(await stopsOf(manager())).toEqual([a.id, b.id]);
    });
  });

  describe('the route sheet', () => {
    const jpeg = (colour: string) =>
      sharp({ create: { width: 800, height: 600, channels: 3, background: colour } })
        .jpeg()
        .toBuffer();

    it('lists the references in the chosen order, each with its category, place and moderated description', async () => {
      await emptyRound(manager());
      const a = await fileReport(db(), GERZAT, { description: 'Texte d’origine avec le nom du voisin.' });
      const b = await fileReport(db(), CEBAZAT, { description: 'Poteau penché au coin de la rue.' });
      const c = await fileReport(db(), BLANZAT, { description: 'Lampadaire clignotant près de l’école.' });
      await db().update(reports).set({ publicDescription: 'Texte relu par le pôle.' }).where(eq(reports.id, a.id));
      await db().update(reports).set({ plannedFor: '2031-04-15' }).where(eq(reports.id, b.id));
      await add(manager(), [c.reference, a.reference, b.reference]);
      const { text } = await sheetText(manager());
      const at = [c, a, b].map((r) => text.indexOf(r.reference));
      expect(at.every((index) => index >= 0)).toBe(true);
      expect([...at].sort((x, y) => x - y)).toEqual(at);
      expect(text).toContain(`1. ${c.reference} — Éclairage public`);
      expect(text).toContain(`3. ${b.reference}`);
      expect(text).toContain('Texte relu par le pôle.');
      expect(text).not.toContain('nom du voisin');
      expect(text).toContain('Poteau penché au coin de la rue.');
      expect(text).toContain('intervention prévue le 15 avril 2031');
      expect(text).toContain('Gerzat');
      expect(text).toContain('Notes de l’équipe');
      expect(text).toContain('Départ (D) : centre du pôle de proximité Nord');
      expect(text).toContain('3 étapes');
    });

    it('prints the residents’ photos small, not those staff hid nor the « service fait » ones', async () => {
      await emptyRound(manager());
      const report = await fileReport(db(), GERZAT);
      const photo = (position: number, bytes: Buffer, extra: object = {}) => ({
        reportId: report.id,
        position,
        contentType: 'image/jpeg',
        width: 800,
        height: 600,
        bytes: new Uint8Array(bytes),
        ...extra,
      });
      await db()
        .insert(reportPhotos)
        .values([
          photo(0, await jpeg('#c00')),
          photo(1, await jpeg('#0c0'), { hiddenAt: new Date() }),
          photo(2, await jpeg('#00c'), { kind: 'resolution' }),
        ]);
      await add(manager(), [report.reference]);
      const { pdf } = await sheetText(manager());
      const doc = await PDFDocument.load(pdf);
      const images = doc.context
        .enumerateIndirectObjects()
        .map(([, object]) => object)
        .filter((object) => object instanceof PDFRawStream && object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'));
      expect(images).toHaveLength(1);
      const image = images[0] as PDFRawStream;
      expect(Math.max(Number(image.dict.get(PDFName.of('Width'))), Number(image.dict.get(PDFName.of('Height'))))).toBe(480);
    });

    it('prints the round of a person of the pôle for the manager who prepared it, under that person’s name', async () => {
      await emptyRound(colleague());
      const report = await fileReport(db(), CEBAZAT);
      await add(manager(), [report.reference], String(colleague().id));
      const { text } = await sheetText(manager(), colleague().id);
      expect(text).toContain(report.reference);
      expect(text).toContain(`Feuille de tournée de ${colleague().name}`);
    });
  });
});
