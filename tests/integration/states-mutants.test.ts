import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { getSeverityDays } from '@/lib/reports/severity';
import { moveReport } from '@/lib/reports/staff-commands';
import { enterState, findMove } from '@/lib/reports/states';
import { testDbKind, useAppTestDatabase } from '../helpers/database';
import { eventsOf, fileReport, reportRow, seedStaff, type TestStaff } from '../helpers/staff';

// What `npm run test:mutation -- --mutate lib/reports/states.ts` found untested: which move tells the resident what,
// in the same transaction as the move.

const GERZAT = '63164';
const TEXT = 'Lampe remplacée par l’équipe du pôle.';

describe(`what entering a state sends (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  let staff: (local: string) => TestStaff;
  const db = () => app.handle.db;
  const manager = () => staff('pole.nord');

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
    staff = await seedStaff(db());
  });
  afterAll(() => app.cleanup());

  async function newReport() {
    const report = await fileReport(db(), GERZAT);
    return { ...report, version: (await reportRow(db(), report.reference)).version };
  }

  const messagesOf = async (reportId: number) =>
    (await db().select({ kind: outboxMessages.kind }).from(outboxMessages).where(eq(outboxMessages.reportId, reportId)))
      .map((m) => m.kind)
      .filter((kind) => kind !== 'acknowledgement');

  it('tells the resident nothing when a report is taken in hand or started', async () => {
    const report = await newReport();
    expect((await moveReport(db(), manager(), { ...report, to: 'acknowledged' })).ok).toBe(true);
    expect((await moveReport(db(), manager(), { ...report, version: report.version + 1, to: 'in_progress' })).ok).toBe(true);
    expect(await messagesOf(report.id)).toEqual([]);
    expect((await eventsOf(db(), report.id)).at(-1)).toMatchObject({ kind: 'state_changed', reason: null });
  });

  it('sends the resolution, then the reopening, each once', async () => {
    const report = await newReport();
    expect((await moveReport(db(), manager(), { ...report, to: 'resolved', text: TEXT })).ok).toBe(true);
    expect(await messagesOf(report.id)).toEqual(['resolution']);
    const reopen = { ...report, version: report.version + 1, to: 'reopened' as const, text: 'De nouveau éteint ce soir.' };
    expect((await moveReport(db(), manager(), reopen)).ok).toBe(true);
    expect(await messagesOf(report.id)).toEqual(['resolution', 'reopening']);
  });

  it('sends the rejection with its reason, and the duplicate notice', async () => {
    const rejected = await newReport();
    const answer = await moveReport(db(), manager(), { ...rejected, to: 'rejected', rejection: 'other', text: TEXT });
    expect(answer.ok).toBe(true);
    expect(await messagesOf(rejected.id)).toEqual(['rejection']);
    const original = await newReport();
    const copy = await newReport();
    expect((await moveReport(db(), manager(), { ...copy, to: 'duplicate', originalReference: original.reference })).ok).toBe(
      true,
    );
    expect(await messagesOf(copy.id)).toEqual(['duplicate']);
  });

  it('keeps the first acknowledgement’s time through a resolution', async () => {
    const report = await newReport();
    const at = new Date(Date.now() - 3_600_000);
    await moveReport(db(), manager(), { ...report, to: 'acknowledged' }, at);
    await moveReport(db(), manager(), { ...report, version: report.version + 1, to: 'resolved', text: TEXT });
    expect((await reportRow(db(), report.reference)).acknowledgedAt).toEqual(at);
  });

  it('keeps the due date when a report is taken in hand', async () => {
    const report = await newReport();
    const before = await reportRow(db(), report.reference);
    const later = new Date(Date.now() + 3 * 86_400_000);
    expect((await moveReport(db(), manager(), { ...report, to: 'acknowledged' }, later)).ok).toBe(true);
    expect((await reportRow(db(), report.reference)).dueAt).toEqual(before.dueAt);
  });

  it('stores the outcome and the reason without the blanks around them, whoever calls it', async () => {
    const report = await newReport();
    const row = await reportRow(db(), report.reference);
    const severityDays = await getSeverityDays(db());
    const resolve = findMove(manager(), row, 'resolved')!;
    const actor = { type: 'staff' as const, userId: manager().id, role: manager().role };
    expect(await db().transaction((tx) => enterState(tx, row, resolve, { actor, text: `  ${TEXT}\n`, severityDays }))).toBe(true);
    expect(await reportRow(db(), report.reference)).toMatchObject({ outcome: TEXT });
    expect((await eventsOf(db(), report.id)).at(-1)).toMatchObject({ toState: 'resolved', reason: TEXT });
    const resolved = await reportRow(db(), report.reference);
    const reopen = findMove('resident', resolved, 'reopened')!;
    const reason = 'De nouveau éteint ce soir.';
    const reopened = await db().transaction((tx) =>
      enterState(tx, resolved, reopen, { actor: { type: 'resident' }, text: ` ${reason} `, severityDays }),
    );
    expect(reopened).toBe(true);
    expect((await eventsOf(db(), report.id)).at(-1)).toMatchObject({ kind: 'reopened', reason });
  });
});
