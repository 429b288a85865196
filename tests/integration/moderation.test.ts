import { count, eq, inArray } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GET as openDataCsv } from '@/app/api/open-data/reports.csv/route';
import { GET as openDataGeoJson } from '@/app/api/open-data/reports.geojson/route';
import { GET as nearby } from '@/app/api/reports/nearby/route';
import { GET as photoRoute } from '@/app/api/reports/[reference]/photos/[position]/route';
import { GET as mapApi } from '@/app/api/reports/route';
import { reportEvents, reports, senderMarks } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { env } from '@/lib/env';
import type { StaffUser } from '@/lib/permissions';
import { parseListingQuery } from '@/lib/reports/listing-input';
import { getListingVocabulary } from '@/lib/reports/listing';
import { listReportsPage } from '@/lib/reports/list-page';
import { editPublicText, hidePhoto, hideReport, markSender, publishReport, showReport } from '@/lib/reports/moderation-commands';
import { getPublicReport, getReporterPhoto } from '@/lib/reports/queries';
import { getStaffReport } from '@/lib/reports/staff-report';
import { receiveReport } from '@/lib/reports/submit';
import { countInbox, listInbox } from '@/lib/staff/inbox';
import { parseInboxQuery } from '@/lib/staff/inbox-input';
import { getLocator } from '@/lib/territory/queries';
import { testDbKind, useAppTestDatabase } from '../helpers/database';
import { eventsOf, reportRow, seedStaff, type TestStaff } from '../helpers/staff';

// Nothing a resident wrote or photographed is public before a person with reports.moderate has published it; what
// staff correct or hide stays corrected or hidden in every public output; the original stays, staff-only.

const CLERMONT = '63113'; // pôle Centre
const SECRET = 'Mon voisin Jean Dupont au 06 12 34 56 78 dépose ses gravats ici';
const settings = env as { MODERATION: 'before' | 'after' };

let n = 0;

describe(`moderation (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  let staff: (local: string) => TestStaff;
  const db = () => app.handle.db;
  let jpeg: Buffer;

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
    staff = await seedStaff(db());
    jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#a33' } })
      .jpeg()
      .toBuffer();
  });
  afterAll(() => app.cleanup());
  afterEach(() => {
    settings.MODERATION = 'before';
  });

  /** A resident's web report in Clermont with one photo, from its own address and mailbox unless told. */
  async function file(options: { email?: string; ip?: string; description?: string } = {}) {
    const i = ++n;
    const point = (await getLocator()).interiorPoint(CLERMONT)!;
    const outcome = await receiveReport(
      db(),
      {
        idempotencyKey: `moderation-${testDbKind}-${process.pid}-${i}`,
        category: 'encombrants',
        description: options.description ?? `${SECRET} (${i})`,
        lon: String(point.lon + i * 1e-5),
        lat: String(point.lat),
        commune: '',
        address: '',
        name: 'Camille Témoin',
        email: options.email ?? `camille.${i}@example.org`,
        phone: '',
        postalAddress: '',
        noReply: '',
        website: '',
      },
      [new File([new Uint8Array(jpeg)], 'photo.jpg', { type: 'image/jpeg' })],
      { ip: options.ip ?? `198.18.${Math.floor(i / 250)}.${i % 250}`, channel: 'web', actor: { type: 'resident' } },
    );
    return outcome;
  }
  async function filed(options: Parameters<typeof file>[0] = {}) {
    const outcome = await file(options);
    if (!outcome.ok) throw new Error(`${outcome.message} ${JSON.stringify(outcome.fieldErrors)}`);
    const row = await reportRow(db(), outcome.reference);
    return { reference: outcome.reference, id: row.id, description: row.description, version: row.version };
  }
  const target = async (reference: string) => ({ reference, version: (await reportRow(db(), reference)).version });
  const photoStatus = async (reference: string, position = 0) =>
    (await photoRoute(new Request('http://localhost/p'), { params: Promise.resolve({ reference, position: String(position) }) }))
      .status;

  /** Everything public that names reports, as text: the map API, the list, nearby, both open-data files. */
  async function publicOutputs(reference: string) {
    const row = await reportRow(db(), reference);
    const vocabulary = await getListingVocabulary();
    const listQuery = parseListingQuery(new URLSearchParams({ state: 'all' }), vocabulary);
    if (!listQuery.ok) throw new Error(listQuery.message);
    const texts = await Promise.all([
      mapApi(new Request('http://localhost/api/reports?state=all')).then((r) => r.text()),
      listReportsPage(listQuery.value).then((page) => JSON.stringify(page)),
      nearby(new Request(`http://localhost/api/reports/nearby?lat=${row.lat}&lon=${row.lon}&category=encombrants`)).then((r) =>
        r.text(),
      ),
      openDataCsv(new Request('http://localhost/api/open-data/reports.csv')).then((r) => r.text()),
      openDataGeoJson(new Request('http://localhost/api/open-data/reports.geojson')).then((r) => r.text()),
    ]);
    return texts.join('\n');
  }

  describe('refusals', () => {
    it.each(['agent', 'accueil.cournon', 'elu'])(
      'answers %s as if the report did not exist, and changes nothing',
      async (who) => {
        const report = await filed();
        const user: StaffUser = staff(who);
        for (const result of [
          await publishReport(db(), user, await target(report.reference)),
          await editPublicText(db(), user, { ...(await target(report.reference)), text: 'Dépôt de gravats sur le trottoir.' }),
          await hidePhoto(db(), user, { ...(await target(report.reference)), position: '0' }),
          await hideReport(db(), user, { ...(await target(report.reference)), text: 'Contenu injurieux' }),
          await markSender(db(), user, { ...(await target(report.reference)), mark: 'refuse', text: 'Envois abusifs' }),
        ]) {
          expect(result).toEqual({ ok: false, message: 'Ce signalement est introuvable, ou vous n’y avez pas accès.' });
        }
        const row = await reportRow(db(), report.reference);
        expect([row.publishedAt, row.publicDescription, row.hiddenAt, row.version]).toEqual([null, null, null, report.version]);
        expect((await eventsOf(db(), report.id)).map((e) => e.kind)).toEqual(['created']);
      },
    );

    it('answers the manager of another pôle as if the report did not exist', async () => {
      const report = await filed();
      const result = await publishReport(db(), staff('pole.nord'), await target(report.reference));
      expect(result.ok).toBe(false);
      expect(result.message).toMatch(/introuvable/);
      expect((await reportRow(db(), report.reference)).publishedAt).toBeNull();
    });

    it('refuses a stale page, an empty public text, an unknown photo and a mark without reason, with French messages', async () => {
      const report = await filed();
      const manager = staff('pole.centre');
      const stale = await publishReport(db(), manager, { reference: report.reference, version: report.version + 5 });
      expect(stale.ok).toBe(false);
      const empty = await editPublicText(db(), manager, { ...(await target(report.reference)), text: '  ' });
      expect(empty).toMatchObject({ ok: false, fieldErrors: { text: [expect.stringMatching(/caractères au moins/)] } });
      const noPhoto = await hidePhoto(db(), manager, { ...(await target(report.reference)), position: '2' });
      expect(noPhoto).toMatchObject({ ok: false, message: 'Cette photo n’existe pas ou est déjà masquée.' });
      const badPhoto = await hidePhoto(db(), manager, { ...(await target(report.reference)), position: 'x' });
      expect(badPhoto.ok).toBe(false);
      const noReason = await markSender(db(), manager, { ...(await target(report.reference)), mark: 'refuse', text: '' });
      expect(noReason.ok).toBe(false);
      const badMark = await markSender(db(), manager, { ...(await target(report.reference)), mark: 'ban', text: 'Abus' });
      expect(badMark.ok).toBe(false);
      expect((await eventsOf(db(), report.id)).map((e) => e.kind)).toEqual(['created']);
      const { senderKeys } = await reportRow(db(), report.reference);
      expect(senderKeys).toHaveLength(2);
      expect(await db().select().from(senderMarks).where(inArray(senderMarks.key, senderKeys!))).toEqual([]);
    });
  });

  describe('with MODERATION=before (the default)', () => {
    it('keeps a new report’s description and photos out of every public output until published, then shows them', async () => {
      const report = await filed();
      const before = await getPublicReport(report.reference);
      expect(before).toMatchObject({ description: null, isAwaitingModeration: true, photos: [] });
      expect(JSON.stringify(before)).not.toContain('Dupont');
      expect(await photoStatus(report.reference)).toBe(404);
      const outputs = await publicOutputs(report.reference);
      expect(outputs).toContain(report.reference); // the report itself is public: its place, category, state
      expect(outputs).not.toContain('Dupont');
      expect(outputs).not.toContain(`/api/reports/${report.reference}/photos/`);

      // The reporter's own link shows what they sent.
      const mine = await getPublicReport(report.reference, { isReporter: true });
      expect(mine).toMatchObject({ description: report.description, photos: [{ position: 0, kind: 'resident' }] });
      expect(await getReporterPhoto(report.id, 0)).not.toBeNull();

      const published = await publishReport(db(), staff('pole.centre'), await target(report.reference));
      expect(published).toMatchObject({ ok: true });
      expect(await getPublicReport(report.reference)).toMatchObject({
        description: report.description,
        isAwaitingModeration: false,
        photos: [{ position: 0, kind: 'resident', width: 64, height: 48 }],
      });
      expect(await photoStatus(report.reference)).toBe(200);
      expect(await publicOutputs(report.reference)).toContain(`/api/reports/${report.reference}/photos/0`); // nearby
    });

    it('refuses to publish twice', async () => {
      const report = await filed();
      await publishReport(db(), staff('admin'), await target(report.reference));
      const again = await publishReport(db(), staff('admin'), await target(report.reference));
      expect(again).toMatchObject({ ok: false, message: 'La description et les photos sont déjà publiées.' });
    });

    it('counts and lists the reports to moderate in the inbox, within the person’s reach', async () => {
      const report = await filed();
      const manager = staff('pole.centre');
      const view = parseInboxQuery(new URLSearchParams({ moderation: '1', state: 'tous' }));
      const before = await countInbox(db(), manager, view);
      const listed = await listInbox(db(), manager, view);
      expect(listed.rows.map((r) => r.reference)).toContain(report.reference);
      expect(listed.rows.every((r) => r.isToModerate)).toBe(true);
      expect((await countInbox(db(), staff('pole.nord'), view)).toModerate).toBe(0);
      await publishReport(db(), manager, await target(report.reference));
      expect((await countInbox(db(), manager, view)).toModerate).toBe(before.toModerate - 1);
      expect((await listInbox(db(), manager, view)).rows.map((r) => r.reference)).not.toContain(report.reference);
    });
  });

  describe('with MODERATION=after', () => {
    it('publishes at once, and staff may still correct and hide', async () => {
      settings.MODERATION = 'after';
      const report = await filed();
      expect(await getPublicReport(report.reference)).toMatchObject({ description: report.description });
      expect(await photoStatus(report.reference)).toBe(200);
    });
  });

  describe('decisions', () => {
    it('shows an edited public text to the public and keeps the original for staff only, with one event', async () => {
      const report = await filed();
      const manager = staff('pole.centre');
      await publishReport(db(), manager, await target(report.reference));
      const text = 'Gravats déposés sur le trottoir.';
      expect(await editPublicText(db(), manager, { ...(await target(report.reference)), text })).toMatchObject({ ok: true });

      const shown = await getPublicReport(report.reference);
      expect(shown!.description).toBe(text);
      expect(JSON.stringify(shown)).not.toContain('Dupont');
      const seenByStaff = await getStaffReport(db(), manager, report.reference);
      expect(seenByStaff).toMatchObject({ description: report.description, publicDescription: text });
      const events = await eventsOf(db(), report.id);
      const edit = events.filter((e) => e.kind === 'public_text_edited');
      expect(edit).toHaveLength(1);
      expect(edit[0]).toMatchObject({ isPublic: false, data: { previous: report.description, next: text } });
      // The reporter still reads their own words.
      expect((await getPublicReport(report.reference, { isReporter: true }))!.description).toBe(report.description);
    });

    it('hides one photo from the public, not from staff nor from the reporter', async () => {
      const report = await filed();
      const manager = staff('pole.centre');
      await publishReport(db(), manager, await target(report.reference));
      expect(await hidePhoto(db(), manager, { ...(await target(report.reference)), position: '0' })).toMatchObject({ ok: true });
      expect((await getPublicReport(report.reference))!.photos).toEqual([]);
      expect(await photoStatus(report.reference)).toBe(404);
      expect((await getStaffReport(db(), manager, report.reference))!.photos[0]!.hiddenAt).not.toBeNull();
      expect(await getReporterPhoto(report.id, 0)).not.toBeNull();
      const again = await hidePhoto(db(), manager, { ...(await target(report.reference)), position: '0' });
      expect(again.ok).toBe(false);
      expect((await eventsOf(db(), report.id)).filter((e) => e.kind === 'photo_hidden')).toHaveLength(1);
    });

    it('hides a whole report from every public output, then shows it again', async () => {
      const report = await filed();
      const manager = staff('pole.centre');
      await publishReport(db(), manager, await target(report.reference));
      const hidden = await hideReport(db(), manager, { ...(await target(report.reference)), text: 'Propos injurieux' });
      expect(hidden).toMatchObject({ ok: true });
      expect(await getPublicReport(report.reference)).toBeNull();
      expect(await photoStatus(report.reference)).toBe(404);
      expect(await publicOutputs(report.reference)).not.toContain(report.reference);
      expect(await getPublicReport(report.reference, { isReporter: true })).toMatchObject({ isHidden: true });

      expect(await showReport(db(), manager, await target(report.reference))).toMatchObject({ ok: true });
      expect(await getPublicReport(report.reference)).not.toBeNull();
      expect(await publicOutputs(report.reference)).toContain(report.reference);
      const kinds = (await eventsOf(db(), report.id)).map((e) => e.kind);
      expect(kinds).toEqual(['created', 'published', 'report_hidden', 'report_shown']);
    });

    it('makes a marked sender’s next reports wait for moderation even when MODERATION=after', async () => {
      settings.MODERATION = 'after';
      const email = `abus.${testDbKind}.${process.pid}@example.org`;
      const first = await filed({ email });
      const marked = await markSender(db(), staff('pole.centre'), {
        ...(await target(first.reference)),
        mark: 'moderate',
        text: 'Photos de plaques',
      });
      expect(marked).toMatchObject({ ok: true });
      const [event] = (await eventsOf(db(), first.id)).filter((e) => e.kind === 'sender_marked');
      expect(event).toMatchObject({ reason: 'Photos de plaques', data: { mark: 'moderate', keys: 2 } });
      expect(JSON.stringify(event)).not.toContain(email);

      // Another address, same mailbox (written otherwise): still the same sender.
      const next = await filed({ email: email.toUpperCase() });
      expect(await getPublicReport(next.reference)).toMatchObject({ description: null, isAwaitingModeration: true });
      const stranger = await filed();
      expect(await getPublicReport(stranger.reference)).toMatchObject({ isAwaitingModeration: false });
    });

    it('refuses a sender marked so with a neutral message, and stores nothing', async () => {
      const ip = `198.19.${process.pid % 250}.7`;
      const first = await filed({ ip });
      await markSender(db(), staff('admin'), { ...(await target(first.reference)), mark: 'refuse', text: 'Envois en masse' });
      const [before] = await db().select({ n: count() }).from(reports);
      const refused = await file({ ip });
      expect(refused.ok).toBe(false);
      expect(refused.ok === false && refused.message).toMatch(/n’a pas pu être enregistré en ligne.*numéro vert/);
      expect(refused.ok === false && refused.message).not.toMatch(/abus|signalé|bloqué/i);
      const [after] = await db().select({ n: count() }).from(reports);
      expect(after!.n).toBe(before!.n);

      // Lifting the mark lets them in again.
      await markSender(db(), staff('admin'), { ...(await target(first.reference)), mark: 'none', text: 'Erreur de ma part' });
      expect((await file({ ip })).ok).toBe(true);
    });

    it('has no sender to mark on a report keyed in by an agent', async () => {
      const report = await filed();
      await db().update(reports).set({ senderKeys: null }).where(eq(reports.id, report.id));
      const result = await markSender(db(), staff('admin'), {
        ...(await target(report.reference)),
        mark: 'refuse',
        text: 'Envois abusifs',
      });
      expect(result).toMatchObject({ ok: false, fieldErrors: { mark: [expect.stringMatching(/aucun expéditeur/)] } });
    });

    it('leaves exactly one event per decision', async () => {
      const report = await filed();
      const manager = staff('pole.centre');
      const [before] = await db().select({ n: count() }).from(reportEvents).where(eq(reportEvents.reportId, report.id));
      await publishReport(db(), manager, await target(report.reference));
      await editPublicText(db(), manager, { ...(await target(report.reference)), text: 'Des gravats sur le trottoir.' });
      await hidePhoto(db(), manager, { ...(await target(report.reference)), position: '0' });
      await hideReport(db(), manager, { ...(await target(report.reference)), text: 'Hors sujet' });
      await showReport(db(), manager, await target(report.reference));
      await markSender(db(), manager, { ...(await target(report.reference)), mark: 'moderate', text: 'À surveiller' });
      const [after] = await db().select({ n: count() }).from(reportEvents).where(eq(reportEvents.reportId, report.id));
      expect(after!.n - before!.n).toBe(6);
    });
  });
});
