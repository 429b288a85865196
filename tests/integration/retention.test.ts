import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { outboxMessages, reportEvents, reportFollowers, reports } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { anonymiseExpired, type RetentionCounts } from '@/lib/reports/retention';
import { moveReport } from '@/lib/reports/staff-commands';
import { receiveFollow } from '@/lib/reports/submit';
import { testDbKind, useAppTestDatabase } from '../helpers/database';
import { fileReport, reportRow, seedStaff, type TestStaff } from '../helpers/staff';

// The retention promise of the report form, kept: contact data erased a year after the closing, never before, never
// on an open report. Reports are filed today and moved along at injected dates; the job runs « three years later ».

const GERZAT = '63164';
const NOW = new Date(Date.now() + 3 * 365 * 86_400_000);
const monthsBefore = (months: number, days = 0) => {
  const at = new Date(NOW);
  at.setUTCMonth(at.getUTCMonth() - months);
  return new Date(at.getTime() - days * 86_400_000);
};
const SOLUTION = 'Lampe remplacée par l’équipe d’éclairage du pôle Nord.';

type Filed = { id: number; reference: string };

describe(`retention of contact data (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  let staff: (local: string) => TestStaff;
  const db = (): Db => app.handle.db;
  const manager = () => staff('pole.nord');
  const cases = {} as Record<
    | 'resolvedLongAgo'
    | 'resolvedRecently'
    | 'openForYears'
    | 'rejectedLongAgo'
    | 'reopened'
    | 'letterOnly'
    | 'duplicateOfOpen'
    | 'duplicateOfRecent',
    Filed
  >;
  let first: RetentionCounts;

  async function move(report: Filed, at: Date, input: Record<string, string>) {
    const row = await reportRow(db(), report.reference);
    const done = await moveReport(db(), manager(), { reference: report.reference, version: String(row.version), ...input }, at);
    expect(done).toMatchObject({ ok: true });
  }
  const resolve = (report: Filed, at: Date) => move(report, at, { to: 'resolved', text: SOLUTION });

  async function follow(report: Filed, name: string) {
    const followed = await receiveFollow(db(), {
      idempotencyKey: `retention-follow-${testDbKind}-${report.id}-${Date.now()}`,
      reference: report.reference,
      name,
      email: `${name.split(' ')[0]!.toLowerCase()}@example.org`,
      phone: '',
      postalAddress: '2 place de la Mairie, 63360 Gerzat',
      noReply: '',
      website: '',
    });
    expect(followed.ok).toBe(true);
  }

  const followersOf = (report: Filed) =>
    db()
      .select({ name: reportFollowers.name, email: reportFollowers.email, postalAddress: reportFollowers.postalAddress })
      .from(reportFollowers)
      .where(eq(reportFollowers.reportId, report.id));
  const erasuresOf = (report: Filed) =>
    db()
      .select()
      .from(reportEvents)
      .where(and(eq(reportEvents.reportId, report.id), eq(reportEvents.kind, 'contact_erased')));
  const messageStatuses = async (report: Filed) =>
    (
      await db()
        .select({ status: outboxMessages.status })
        .from(outboxMessages)
        .where(eq(outboxMessages.recipientReportId, report.id))
    ).map((m) => m.status);

  async function expectKept(report: Filed) {
    const row = await reportRow(db(), report.reference);
    expect(row).toMatchObject({ reporterName: 'Dominique Privé', wantsNoReply: false });
    expect(row.reporterEmail ?? row.reporterAddress).not.toBeNull();
    expect(await erasuresOf(report)).toEqual([]);
  }

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
    staff = await seedStaff(db());
    const file = (options: Parameters<typeof fileReport>[2] = {}) => fileReport(db(), GERZAT, options);

    cases.resolvedLongAgo = await file();
    await follow(cases.resolvedLongAgo, 'Camille Voisine');
    await resolve(cases.resolvedLongAgo, monthsBefore(13));

    cases.resolvedRecently = await file();
    await resolve(cases.resolvedRecently, monthsBefore(11));

    cases.openForYears = await file();
    await follow(cases.openForYears, 'Alix Riveraine');
    await move(cases.openForYears, monthsBefore(30), { to: 'acknowledged' });

    cases.rejectedLongAgo = await file();
    await move(cases.rejectedLongAgo, monthsBefore(13), { to: 'rejected', rejection: 'private_property' });
    // A later write of the row (a data fix) must not postpone the erasure: the closing is the state change's date.
    await db()
      .update(reports)
      .set({ updatedAt: monthsBefore(0, 1) })
      .where(eq(reports.id, cases.rejectedLongAgo.id));

    cases.reopened = await file();
    await resolve(cases.reopened, monthsBefore(14));
    await move(cases.reopened, monthsBefore(13), { to: 'reopened', text: 'La lampe s’est de nouveau éteinte le lendemain.' });

    // No e-mail: the resolution waits as a letter in the pôle's print queue, never printed.
    cases.letterOnly = await file({ email: '' });
    await resolve(cases.letterOnly, monthsBefore(13, 3));

    const openOriginal = await file();
    cases.duplicateOfOpen = await file();
    await move(cases.duplicateOfOpen, monthsBefore(13), { to: 'duplicate', originalReference: openOriginal.reference });
    const recentOriginal = await file();
    cases.duplicateOfRecent = await file();
    await move(cases.duplicateOfRecent, monthsBefore(13), { to: 'duplicate', originalReference: recentOriginal.reference });
    await resolve(recentOriginal, monthsBefore(11));

    // Batches of 2: the three expired reports take two transactions.
    first = await anonymiseExpired(db(), { now: NOW, months: 12, batchSize: 2 });
  });
  afterAll(() => app.cleanup());

  it('keeps the contact data of a report resolved 11 months ago', async () => {
    await expectKept(cases.resolvedRecently);
    expect(await messageStatuses(cases.resolvedRecently)).toContain('pending');
  });

  it('keeps the contact data of an open report, even three years old, and of its followers', async () => {
    await expectKept(cases.openForYears);
    expect(await followersOf(cases.openForYears)).toEqual([
      { name: 'Alix Riveraine', email: 'alix@example.org', postalAddress: '2 place de la Mairie, 63360 Gerzat' },
    ]);
  });

  it('keeps the contact data of a report reopened after its resolution: it is open again', async () => {
    await expectKept(cases.reopened);
  });

  it('keeps the people of a duplicate until its original has been closed for the period: they are told its outcome', async () => {
    await expectKept(cases.duplicateOfOpen);
    await expectKept(cases.duplicateOfRecent);
  });

  it('erases the contact data of a report resolved 13 months ago and of its followers, with one system event', async () => {
    const row = await reportRow(db(), cases.resolvedLongAgo.reference);
    expect(row).toMatchObject({
      reporterName: null,
      reporterEmail: null,
      reporterPhone: null,
      reporterAddress: null,
      wantsNoReply: true,
      stateKey: 'resolved',
      description: 'Lampadaire éteint devant le numéro 4.',
    });
    expect(await followersOf(cases.resolvedLongAgo)).toEqual([{ name: null, email: null, postalAddress: null }]);
    const events = await erasuresOf(cases.resolvedLongAgo);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorType: 'system',
      actorUserId: null,
      isPublic: false,
      reason: 'Coordonnées effacées : durée de conservation écoulée (12 mois après la clôture).',
      createdAt: NOW,
    });
  });

  it('erases the contact data of a report rejected 13 months ago, though its row was written since', async () => {
    const row = await reportRow(db(), cases.rejectedLongAgo.reference);
    expect(row).toMatchObject({ reporterName: null, reporterEmail: null, reporterPhone: null, reporterAddress: null });
    expect(await erasuresOf(cases.rejectedLongAgo)).toHaveLength(1);
  });

  it('cancels every message still waiting for the people of an erased report, letters included', async () => {
    expect(await messageStatuses(cases.letterOnly)).toEqual(['cancelled']);
    const [letter] = await db().select().from(outboxMessages).where(eq(outboxMessages.recipientReportId, cases.letterOnly.id));
    expect(letter).toMatchObject({ channel: 'post', kind: 'resolution' });
    const statuses = await messageStatuses(cases.resolvedLongAgo);
    expect(statuses.length).toBeGreaterThanOrEqual(4); // acknowledgements and resolutions, reporter's and follower's
    expect(new Set(statuses)).toEqual(new Set(['cancelled']));
  });

  it('counts what it erased, and a second run erases nothing and writes no event', async () => {
    expect(first).toMatchObject({ reports: 3, followers: 1 });
    expect(first.cancelled).toBeGreaterThanOrEqual(5);
    const ids = Object.values(cases).map((c) => c.id);
    const snapshot = async () => ({
      reports: await db().select().from(reports).where(inArray(reports.id, ids)).orderBy(reports.id),
      followers: await db().select().from(reportFollowers).orderBy(reportFollowers.id),
      events: await db().select().from(reportEvents).orderBy(reportEvents.id),
      messages: await db().select().from(outboxMessages).orderBy(outboxMessages.id),
    });
    const before = await snapshot();
    expect(await anonymiseExpired(db(), { now: NOW, months: 12 })).toEqual({ reports: 0, followers: 0, cancelled: 0 });
    expect(await snapshot()).toEqual(before);
  });
});
