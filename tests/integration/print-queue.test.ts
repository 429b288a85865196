import { and, eq } from 'drizzle-orm';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { letterBatches, outboxMessages, reportEvents } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { listPrintQueues, markBatchPosted, prepareBatch, renderBatch } from '@/lib/notifications/print-queue';
import { moveReport } from '@/lib/reports/staff-commands';
import { testDbKind, useAppTestDatabase } from '../helpers/database';
import { fileReport, reportRow, seedStaff, type TestStaff } from '../helpers/staff';

// The pôles' print queues: who may prepare, download and post a batch, and what each step changes.

const GERZAT = '63164'; // pôle Nord
const CLERMONT = '63113'; // pôle Centre

describe(`print queue (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  let staff: (local: string) => TestStaff;
  const db = (): Db => app.handle.db;
  const nord = () => staff('pole.nord');

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
    staff = await seedStaff(db());
  });
  afterAll(() => app.cleanup());

  /** A report of someone who left only a postal address, resolved: a letter waits in its pôle's queue. */
  async function resolvedByPost(insee: string, address: string) {
    const report = await fileReport(db(), insee, { email: '', postalAddress: address, name: 'Alex Courrier' });
    const row = await reportRow(db(), report.reference);
    const manager = insee === GERZAT ? nord() : staff('pole.centre');
    const done = await moveReport(db(), manager, {
      reference: report.reference,
      version: String(row.version),
      to: 'resolved',
      text: `Réparé pour ${report.reference}.`,
    });
    expect(done.ok).toBe(true);
    return report;
  }

  const batches = () => db().select().from(letterBatches);

  describe('refuses', () => {
    it('anyone without the permission, a pôle out of reach, an unknown pôle, and an empty queue — creating no batch', async () => {
      await resolvedByPost(GERZAT, '1 rue Refus\n63360 Gerzat');
      const before = await batches();
      expect((await prepareBatch(db(), staff('elu'), { poleId: 'nord' })).ok).toBe(false);
      expect((await prepareBatch(db(), staff('agent'), { poleId: 'nord' })).ok).toBe(false);
      expect((await prepareBatch(db(), staff('pole.centre'), { poleId: 'nord' })).ok).toBe(false);
      expect((await prepareBatch(db(), nord(), { poleId: 'atlantide' })).ok).toBe(false);
      expect((await prepareBatch(db(), nord(), {})).ok).toBe(false);
      const empty = await prepareBatch(db(), nord(), { poleId: 'est' });
      expect(empty).toMatchObject({ ok: false });
      expect(await batches()).toEqual(before);
      // The queue itself is shown only within reach.
      expect(await listPrintQueues(db(), staff('elu'))).toEqual([]);
      expect((await listPrintQueues(db(), nord())).map((q) => q.id)).toEqual(['nord']);
      expect((await listPrintQueues(db(), staff('admin'))).length).toBe(7);
    });

    it('to download or post another pôle’s batch, answering like a missing one', async () => {
      await resolvedByPost(CLERMONT, '2 place de Jaude\n63000 Clermont-Ferrand');
      const prepared = await prepareBatch(db(), staff('pole.centre'), { poleId: 'centre' });
      expect(prepared.ok).toBe(true);
      const [batch] = await db().select().from(letterBatches).where(eq(letterBatches.poleId, 'centre'));
      expect(await renderBatch(db(), nord(), batch!.id)).toBeNull();
      expect(await renderBatch(db(), staff('elu'), batch!.id)).toBeNull();
      expect(await renderBatch(db(), nord(), 999_999)).toBeNull();
      const missing = await markBatchPosted(db(), nord(), { batchId: '999999' });
      const outOfReach = await markBatchPosted(db(), nord(), { batchId: String(batch!.id) });
      expect(outOfReach).toEqual(missing);
      expect(outOfReach.ok).toBe(false);
      expect((await markBatchPosted(db(), nord(), { batchId: 'abc' })).ok).toBe(false);
      const [still] = await db().select().from(letterBatches).where(eq(letterBatches.id, batch!.id));
      expect(still!.postedAt).toBeNull();
    });
  });

  it('gathers the pôle’s letters into one PDF, each letter on its own page, then records them as posted', async () => {
    // Whatever earlier tests left in Nord's queue goes into this batch too.
    await prepareBatch(db(), nord(), { poleId: 'nord' });
    const a = await resolvedByPost(GERZAT, '10 rue des Écoles\n63360 Gerzat');
    const b = await resolvedByPost(GERZAT, '12 rue du Stade\n63360 Gerzat');
    const queue = (await listPrintQueues(db(), nord()))[0]!;
    expect(queue.waiting.map((w) => w.reference)).toEqual([a.reference, b.reference]);

    const prepared = await prepareBatch(db(), nord(), { poleId: 'nord' });
    expect(prepared).toMatchObject({ ok: true, message: expect.stringMatching(/^Lot n° \d+ préparé : 2 courriers\./) });
    expect((await prepareBatch(db(), nord(), { poleId: 'nord' })).ok).toBe(false); // nothing left to gather
    const batchId = Number(/Lot n° (\d+)/.exec(prepared.message)![1]);

    const rendered = await renderBatch(db(), nord(), batchId);
    const pdf = await getDocumentProxy(rendered!.pdf);
    expect(pdf.numPages).toBe(2);
    const { text } = await extractText(pdf, { mergePages: false });
    expect(text[0]).toContain(a.reference);
    expect(text[0]).toContain('10 rue des Écoles');
    expect(text[1]).toContain(b.reference);
    expect(text[1]).toContain(`Réparé pour ${b.reference}.`);

    const posted = await markBatchPosted(db(), nord(), { batchId: String(batchId) });
    expect(posted).toMatchObject({ ok: true });
    expect((await markBatchPosted(db(), nord(), { batchId: String(batchId) })).ok).toBe(false);
    const letters = await db().select().from(outboxMessages).where(eq(outboxMessages.batchId, batchId));
    expect(letters.map((l) => l.status)).toEqual(['sent', 'sent']);
    for (const report of [a, b]) {
      const events = await db()
        .select()
        .from(reportEvents)
        .where(and(eq(reportEvents.reportId, report.id), eq(reportEvents.kind, 'letter_posted')));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ isPublic: false, actorUserId: nord().id, data: { batchId, letters: 1 } });
    }
  });
});
