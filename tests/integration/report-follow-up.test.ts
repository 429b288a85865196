import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportEvents, reportFollowers, reports, type StateKey } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { eraseContact, reopenReport } from '@/lib/reports/follow-up';
import { getPublicReport } from '@/lib/reports/queries';
import { MESSAGES, receiveFollow, receiveReport } from '@/lib/reports/submit';
import { testDbKind, useAppTestDatabase } from '../helpers/database';

let n = 0;
const key = () => `follow-up-${testDbKind}-${Date.now()}-${++n}`;
const sender = () => ({ ip: `198.51.100.${++n}`, channel: 'web' as const, actor: { type: 'resident' as const } });

describe(`following up a report (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  const db = () => app.handle.db;

  async function fileReport() {
    const outcome = await receiveReport(
      db(),
      {
        idempotencyKey: key(),
        category: 'eclairage-public',
        description: 'Lampadaire éteint devant le numéro 4.',
        lon: '3.0812',
        lat: '45.7781',
        commune: '',
        address: '',
        name: 'Dominique Privé',
        email: 'dominique.prive@example.org',
        phone: '04 73 11 22 33',
        postalAddress: '4 rue Secrète, 63000 Clermont-Ferrand',
        noReply: '',
        website: '',
      },
      [],
      sender(),
    );
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome;
  }

  const follow = (reference: string, overrides: Record<string, string> = {}) =>
    receiveFollow(db(), {
      idempotencyKey: key(),
      reference,
      name: '',
      email: 'voisine@example.org',
      phone: '',
      postalAddress: '',
      noReply: '',
      website: '',
      ...overrides,
    });

  const setState = (reference: string, stateKey: StateKey, resolvedAt: Date | null) =>
    db().update(reports).set({ stateKey, resolvedAt }).where(eq(reports.reference, reference));

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
  });
  afterAll(() => app.cleanup());

  describe('« C’est le même problème »', () => {
    it('refuses a follower who leaves no way to answer, an unknown reference and a closed report', async () => {
      const { reference } = await fileReport();
      const noAnswer = await follow(reference, { email: '' });
      expect(noAnswer.ok ? null : Object.keys(noAnswer.fieldErrors ?? {})).toEqual(['email']);
      expect(await follow('PC-1999-000001')).toEqual({ ok: false, message: MESSAGES.notFollowable });
      await setState(reference, 'rejected', null);
      expect(await follow(reference)).toEqual({ ok: false, message: MESSAGES.notFollowable });
      // This report's followers only: other tests add theirs to the same database, in any order.
      const [followers] = await db()
        .select({ n: count() })
        .from(reportFollowers)
        .innerJoin(reports, eq(reports.id, reportFollowers.reportId))
        .where(eq(reports.reference, reference));
      expect(followers!.n).toBe(0);
    });

    it('adds the resident to the open report once, counted as one more person, without a new report', async () => {
      const { reference } = await fileReport();
      const [reportsBefore] = await db().select({ n: count() }).from(reports);
      const sent = { idempotencyKey: key() };
      const first = await follow(reference, sent);
      const again = await follow(reference, sent);
      expect(first.ok).toBe(true);
      expect(again).toEqual(first);
      const [reportsAfter] = await db().select({ n: count() }).from(reports);
      expect(reportsAfter!.n).toBe(reportsBefore!.n);
      const report = await getPublicReport(reference);
      expect(report!.reporterCount).toBe(2);
      expect(report!.timeline.map((e) => e.kind)).toContain('follower_added');
    });
  });

  describe('« Le problème n’est pas résolu »', () => {
    it('refuses a wrong token, a report not resolved, one resolved 31 days ago and a too short reason', async () => {
      const { reference, token } = await fileReport();
      expect((await reopenReport(db(), reference, 'faux-jeton', 'Toujours éteint ce soir.')).ok).toBe(false);
      expect(await reopenReport(db(), reference, token, 'Toujours éteint ce soir.')).toMatchObject({
        ok: false,
        message: expect.stringContaining('résolu'),
      });
      await setState(reference, 'resolved', new Date(Date.now() - 31 * 24 * 3_600_000));
      expect((await reopenReport(db(), reference, token, 'Toujours éteint ce soir.')).ok).toBe(false);
      await setState(reference, 'resolved', new Date());
      // A wrong token on a report that could be reopened: only the token stands in the way.
      expect(await reopenReport(db(), reference, 'faux-jeton', 'Toujours éteint ce soir.')).toEqual({
        ok: false,
        message: 'Ce lien de suivi n’est pas valide pour ce signalement.',
      });
      expect(await reopenReport(db(), reference, token, 'non')).toMatchObject({
        ok: false,
        fieldErrors: { reason: [expect.any(String)] },
      });
      const [row] = await db().select({ stateKey: reports.stateKey }).from(reports).where(eq(reports.reference, reference));
      expect(row!.stateKey).toBe('resolved');
    });

    it('reopens a report resolved within 30 days, with the reason in its public timeline', async () => {
      const { reference, token } = await fileReport();
      await setState(reference, 'resolved', new Date(Date.now() - 29 * 24 * 3_600_000));
      expect((await reopenReport(db(), reference, token, 'Le lampadaire est de nouveau éteint.')).ok).toBe(true);
      const report = await getPublicReport(reference);
      expect(report).toMatchObject({ stateLabel: 'Rouvert', stateType: 'open', resolvedAt: null });
      expect(report!.timeline.at(-1)).toMatchObject({ kind: 'reopened', message: 'Le lampadaire est de nouveau éteint.' });
    });

    it('lets a follower reopen too', async () => {
      const { reference } = await fileReport();
      const followed = await follow(reference);
      if (!followed.ok) throw new Error(followed.message);
      await setState(reference, 'resolved', new Date());
      expect((await reopenReport(db(), reference, followed.token, 'Toujours pas réparé, désolé.')).ok).toBe(true);
    });
  });

  describe('« Effacer mes coordonnées »', () => {
    it('refuses without the right token and keeps the contact', async () => {
      const { reference } = await fileReport();
      const other = await fileReport();
      expect((await eraseContact(db(), reference, other.token)).ok).toBe(false);
      const [row] = await db().select({ email: reports.reporterEmail }).from(reports).where(eq(reports.reference, reference));
      expect(row!.email).toBe('dominique.prive@example.org');
    });

    it('erases the reporter’s contact, keeps the report and records it in the internal history', async () => {
      const { reference, token } = await fileReport();
      expect((await eraseContact(db(), reference, token)).ok).toBe(true);
      const [row] = await db().select().from(reports).where(eq(reports.reference, reference));
      expect(row).toMatchObject({
        reporterName: null,
        reporterEmail: null,
        reporterPhone: null,
        reporterAddress: null,
        wantsNoReply: true,
      });
      const events = await db()
        .select({ kind: reportEvents.kind, isPublic: reportEvents.isPublic })
        .from(reportEvents)
        .where(eq(reportEvents.reportId, row!.id));
      expect(events).toContainEqual({ kind: 'contact_erased', isPublic: false });
      expect((await getPublicReport(reference))!.stateLabel).toBe('Nouveau');
    });

    it('erases a follower’s contact only', async () => {
      const { reference } = await fileReport();
      const followed = await follow(reference);
      if (!followed.ok) throw new Error(followed.message);
      expect((await eraseContact(db(), reference, followed.token)).ok).toBe(true);
      const [row] = await db()
        .select({ email: reports.reporterEmail, id: reports.id })
        .from(reports)
        .where(eq(reports.reference, reference));
      expect(row!.email).toBe('dominique.prive@example.org');
      const [follower] = await db()
        .select({ email: reportFollowers.email })
        .from(reportFollowers)
        .where(eq(reportFollowers.reportId, row!.id));
      expect(follower!.email).toBeNull();
    });
  });

  it('never shows contact data on the public page of a report', async () => {
    const { reference } = await fileReport();
    const text = JSON.stringify(await getPublicReport(reference));
    for (const secret of ['Dominique', 'dominique.prive', '04 73 11 22 33', 'rue Secrète']) expect(text).not.toContain(secret);
  });
});
