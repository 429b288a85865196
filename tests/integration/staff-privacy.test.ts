import { eq, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reports } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { seedDemo } from '@/lib/demo/seed';
import type { StaffUser } from '@/lib/permissions';
import { getPublicReport } from '@/lib/reports/queries';
import { addComment, addNote, transferReport } from '@/lib/reports/staff-commands';
import { getStaffReport } from '@/lib/reports/staff-report';
import { receiveFollow } from '@/lib/reports/submit';
import { parseInboxQuery } from '@/lib/staff/inbox-input';
import { countInbox, listInbox } from '@/lib/staff/inbox';
import { listInboxMap } from '@/lib/staff/inbox-map';
import { MAX_MAP_ZOOM } from '@/lib/reports/map-grid';
import { testDbKind, useAppTestDatabase } from '../helpers/database';
import { fileReport, reportRow, seedStaff, TEST_PASSWORD, type TestStaff } from '../helpers/staff';

// Who sees the residents' contact data and which reports: staff only within their reach, contact only for the roles
// that need it, and the public page never an internal note, an internal reason or a staff member's name.

const GERZAT = '63164';
const CLERMONT = '63113';
const COURNON = '63124';
const CONTACT_KEY = /^reporter|^(email|phone|name|postalAddress)$/;

describe(`what staff and the public see (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  let staff: (local: string) => TestStaff;
  const db = () => app.handle.db;

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
    await seedDemo(db(), { count: 90, password: TEST_PASSWORD, history: false });
    staff = await seedStaff(db());
  });
  afterAll(() => app.cleanup());

  async function followedReport(insee: string) {
    const report = await fileReport(db(), insee, { name: 'Dominique Privé', email: 'dominique.prive@example.org' });
    const followed = await receiveFollow(db(), {
      idempotencyKey: `privacy-follow-${report.reference}`,
      reference: report.reference,
      name: 'Voisine Discrète',
      email: 'voisine.discrete@example.org',
      phone: '',
      postalAddress: '',
      noReply: '',
      website: '',
    });
    expect(followed.ok).toBe(true);
    return report;
  }

  /** Every page of the inbox's « tous » view. */
  async function wholeInbox(user: StaffUser) {
    const rows = [];
    let after: string | null = null;
    do {
      const query = new URLSearchParams({ state: 'tous', ...(after ? { after } : {}) });
      const page = await listInbox(db(), user, parseInboxQuery(query));
      rows.push(...page.rows);
      after = page.nextCursor;
    } while (after);
    return rows;
  }

  describe('a report’s staff page', () => {
    it('shows a Centre report to the Nord manager no more than a reference that does not exist', async () => {
      const { reference } = await followedReport(CLERMONT);
      expect(await getStaffReport(db(), staff('pole.nord'), reference)).toBeNull();
      expect(await getStaffReport(db(), staff('pole.nord'), 'PC-2026-999999')).toBeNull();
    });

    it('shows an elected member the report without the reporter’s or the followers’ contact', async () => {
      const { reference } = await followedReport(GERZAT);
      const report = await getStaffReport(db(), staff('elu'), reference);
      expect(report).toMatchObject({ reference, contact: null, mayReadContact: false });
      expect(report!.followers).toHaveLength(1);
      for (const follower of report!.followers) expect(Object.keys(follower)).toEqual(['id']);
      const text = JSON.stringify(report);
      for (const secret of ['Dominique', 'dominique.prive', '04 73 11 22 33', 'rue Secrète', 'Voisine', 'voisine.discrete'])
        expect(text).not.toContain(secret);
    });

    it('shows the Nord manager the contact of a Nord report and of its followers', async () => {
      const { reference } = await followedReport(GERZAT);
      const report = await getStaffReport(db(), staff('pole.nord'), reference);
      expect(report).toMatchObject({
        mayReadContact: true,
        contact: {
          name: 'Dominique Privé',
          email: 'dominique.prive@example.org',
          phone: '04 73 11 22 33',
          postalAddress: '4 rue Secrète, 63000 Clermont-Ferrand',
        },
        followers: [{ name: 'Voisine Discrète', email: 'voisine.discrete@example.org' }],
      });
    });
  });

  describe('the inbox', () => {
    it('lists to the Nord manager the reports of the pôle Nord and no other', async () => {
      await fileReport(db(), GERZAT);
      await fileReport(db(), CLERMONT);
      const rows = await wholeInbox(staff('pole.nord'));
      const nord = await db().select({ reference: reports.reference }).from(reports).where(eq(reports.poleId, 'nord'));
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((row) => row.poleName))).toEqual(new Set(['Pôle de proximité Nord']));
      expect(rows.map((row) => row.reference).sort()).toEqual(nord.map((row) => row.reference).sort());
    });

    it('lists to the Cournon town-hall agent the reports of Cournon and those it keyed in elsewhere, and no other', async () => {
      const agent = staff('accueil.cournon');
      const keyedIn = await fileReport(db(), CLERMONT, { intakeBy: agent });
      await fileReport(db(), COURNON);
      const rows = await wholeInbox(agent);
      const expected = await db()
        .select({ reference: reports.reference })
        .from(reports)
        .where(or(eq(reports.communeInsee, COURNON), eq(reports.intakeUserId, agent.id)));
      expect(rows.map((row) => row.reference).sort()).toEqual(expected.map((row) => row.reference).sort());
      expect(rows.map((row) => row.reference)).toContain(keyedIn.reference);
      expect(new Set(rows.map((row) => row.communeName))).toEqual(new Set(["Cournon-d'Auvergne", 'Clermont-Ferrand']));
      const counts = await countInbox(db(), agent, parseInboxQuery(new URLSearchParams()));
      expect([...counts.byState.values()].reduce((sum, n) => sum + n, 0)).toBe(rows.length);
    });

    it('never carries contact data in its rows or its map points, whoever reads it', async () => {
      for (const local of ['admin', 'pole.nord', 'agent', 'accueil.cournon', 'elu']) {
        const rows = await wholeInbox(staff(local));
        // At the closest zoom over the whole territory: every report of the view, one by one.
        const map = await listInboxMap(db(), staff(local), parseInboxQuery(new URLSearchParams({ state: 'tous' })), {
          bbox: [2.9, 45.6, 3.3, 45.9],
          zoom: MAX_MAP_ZOOM,
        });
        const points = map.features.map((feature) => feature.properties);
        expect(rows.length).toBeGreaterThan(0);
        expect(points).toHaveLength(rows.length);
        for (const row of [...rows, ...points]) expect(Object.keys(row).filter((key) => CONTACT_KEY.test(key))).toEqual([]);
      }
    });
  });

  describe('the public page', () => {
    it('shows the pôle’s comment but not its internal note, the transfer’s reason or any staff name', async () => {
      const { reference } = await fileReport(db(), GERZAT);
      const manager = staff('pole.nord');
      const note = 'Le riverain est agressif au téléphone.';
      const comment = 'Une équipe passera jeudi matin.';
      const reason = 'Secteur suivi par Lempdes depuis mars.';
      expect((await addNote(db(), manager, { reference, text: note })).ok).toBe(true);
      expect((await addComment(db(), manager, { reference, text: comment })).ok).toBe(true);
      const { version } = await reportRow(db(), reference);
      expect((await transferReport(db(), staff('agent'), { reference, version, poleId: 'est', text: reason })).ok).toBe(true);

      const report = await getPublicReport(reference);
      const text = JSON.stringify(report);
      expect(text).toContain(comment);
      for (const secret of [note, reason, 'Marc Aubert', 'Inès Moreau', 'Responsable de pôle', 'Agent du numéro vert'])
        expect(text).not.toContain(secret);
      expect(report!.timeline.map((entry) => [entry.kind, entry.actorLabel])).toEqual([
        ['created', 'Usager'],
        ['comment', 'Pôle de proximité Nord'],
        ['transferred', 'Pôle de proximité Est'],
      ]);
      expect(report!.timeline.at(-1)!.message).toBe('Confié au Pôle de proximité Est.');
    });
  });
});
