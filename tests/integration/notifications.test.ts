import { eq, inArray } from 'drizzle-orm';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { outboxMessages } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { deliverDue } from '@/lib/notifications/deliver';
import { createMailer, type Mailer } from '@/lib/notifications/mailer';
import { retryMails } from '@/lib/notifications/mail-log';
import { MAX_ATTEMPTS, retryFailed } from '@/lib/notifications/outbox';
import { eraseContact, reopenReport } from '@/lib/reports/follow-up';
import { findAccess } from '@/lib/reports/queries';
import { moveReport, transferReport } from '@/lib/reports/staff-commands';
import { receiveFollow } from '@/lib/reports/submit';
import { testDbKind, useAppTestDatabase } from '../helpers/database';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp';
import { fileReport, reportRow, seedStaff, type TestStaff } from '../helpers/staff';

// The outbox end to end, over a real SMTP server on loopback: what is queued with each change, what arrives, and
// what happens when the server is down, refuses, or the recipient erased their data in between.

const GERZAT = '63164';
const SOLUTION = 'Lampe remplacée le 3 décembre par l’équipe d’éclairage du pôle Nord.';
const MINUTE = 60_000;

describe(`notifications (${testDbKind})`, () => {
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
    // Each test starts from an empty outbox and an empty mailbox.
    await deliverAll();
    await db().delete(outboxMessages);
    smtp.messages.length = 0;
    smtp.refuseWith = null;
  });

  /** Runs worker rounds until nothing is due at `at`. */
  async function deliverAll(at: Date = new Date()) {
    let total = { sent: 0, retried: 0, failed: 0, cancelled: 0 };
    for (let round = 0; round < 20; round++) {
      const result = await deliverDue(db(), mailer, { now: () => at });
      total = {
        sent: total.sent + result.sent,
        retried: total.retried + result.retried,
        failed: total.failed + result.failed,
        cancelled: total.cancelled + result.cancelled,
      };
      if (result.claimed === 0) break;
    }
    return total;
  }

  const messagesOf = (reportId: number) =>
    db().select().from(outboxMessages).where(eq(outboxMessages.reportId, reportId)).orderBy(outboxMessages.id);

  async function resolve(reference: string, text = SOLUTION) {
    const row = await reportRow(db(), reference);
    const done = await moveReport(db(), manager(), { reference, version: String(row.version), to: 'resolved', text });
    expect(done.ok).toBe(true);
  }

  describe('who is not written to', () => {
    it('queues nothing for a reporter who declined an answer, even on resolution', async () => {
      const report = await fileReport(db(), GERZAT, { email: '', postalAddress: '', noReply: true, name: '' });
      await resolve(report.reference);
      expect(await messagesOf(report.id)).toEqual([]);
      expect(await deliverAll()).toEqual({ sent: 0, retried: 0, failed: 0, cancelled: 0 });
      expect(smtp.messages).toHaveLength(0);
    });

    it('sends no acknowledgement by post, but puts the outcome letter in the print queue', async () => {
      const report = await fileReport(db(), GERZAT, { email: '' });
      expect(await messagesOf(report.id)).toEqual([]);
      await resolve(report.reference);
      const [letter, ...others] = await messagesOf(report.id);
      expect(others).toEqual([]);
      expect(letter).toMatchObject({ kind: 'resolution', channel: 'post', status: 'pending' });
      // The worker leaves letters alone: they wait for the pôle's print batch.
      await deliverAll();
      expect((await messagesOf(report.id))[0]!.status).toBe('pending');
      expect(smtp.messages).toHaveLength(0);
    });

    it('cancels what is still waiting when the reporter erases their contact data, and sends nothing', async () => {
      const report = await fileReport(db(), GERZAT);
      const [ack] = await messagesOf(report.id);
      expect(ack).toMatchObject({ kind: 'acknowledgement', channel: 'email', status: 'pending' });
      const row = await reportRow(db(), report.reference);
      // The private link's token is rebuilt from the form's key, as the e-mail would carry it.
      const { trackingTokenFor } = await import('@/lib/reports/tokens');
      const { getTrackingSecret } = await import('@/lib/secrets');
      const { token } = trackingTokenFor(await getTrackingSecret(db()), 'report', row.idempotencyKey!);
      expect((await eraseContact(db(), report.reference, token)).ok).toBe(true);
      expect((await messagesOf(report.id))[0]!.status).toBe('cancelled');
      await deliverAll();
      expect(smtp.messages).toHaveLength(0);
    });

    it('cancels at delivery a message whose recipient lost their e-mail after it was queued', async () => {
      const report = await fileReport(db(), GERZAT);
      await db()
        .update((await import('@/db/schema')).reports)
        .set({ reporterEmail: null })
        .where(eq((await import('@/db/schema')).reports.id, report.id));
      expect(await deliverAll()).toMatchObject({ sent: 0, cancelled: 1 });
      expect(smtp.messages).toHaveLength(0);
    });
  });

  describe('when the SMTP server refuses or is away', () => {
    it('gives up at once on a final refusal (5xx), keeps no address in the error, and lets an admin retry', async () => {
      const report = await fileReport(db(), GERZAT, { email: 'refuse@example.org' });
      smtp.refuseWith = 550;
      expect(await deliverAll()).toMatchObject({ failed: 1, sent: 0 });
      const [failed] = await messagesOf(report.id);
      expect(failed).toMatchObject({ status: 'failed', attempts: 1, lastError: 'Refus du serveur SMTP (550)' });
      expect(JSON.stringify(failed)).not.toContain('refuse@example.org');

      smtp.refuseWith = null;
      // Only the administrator may send it again.
      for (const local of ['pole.nord', 'agent', 'elu']) {
        expect((await retryMails(db(), staff(local), { id: String(failed!.id) })).ok).toBe(false);
      }
      expect((await retryMails(db(), staff('admin'), { id: 'n’importe quoi' })).ok).toBe(false);
      expect((await messagesOf(report.id))[0]!.status).toBe('failed');
      expect(await retryMails(db(), staff('admin'), { id: String(failed!.id) })).toMatchObject({ ok: true });
      smtp.refuseWith = 550;
      await deliverAll();
      smtp.refuseWith = null;
      expect(await retryFailed(db(), [failed!.id])).toBe(1);
      expect(await retryFailed(db(), [failed!.id])).toBe(0); // only failed ones
      expect(await deliverAll()).toMatchObject({ sent: 1 });
      expect(smtp.messages).toHaveLength(1);
    });

    it('retries a temporary refusal later, with a growing wait, and delivers once when it passes', async () => {
      const report = await fileReport(db(), GERZAT);
      smtp.refuseWith = 451;
      const start = new Date();
      expect(await deliverAll(start)).toMatchObject({ retried: 1 });
      const [first] = await messagesOf(report.id);
      expect(first).toMatchObject({ status: 'pending', attempts: 1 });
      expect(first!.nextAttemptAt.getTime()).toBeGreaterThan(start.getTime());
      // Not due yet: nothing is tried again before its time.
      expect(await deliverAll(start)).toMatchObject({ retried: 0, sent: 0 });
      expect(await deliverAll(new Date(start.getTime() + MINUTE))).toMatchObject({ retried: 1 });
      const [second] = await messagesOf(report.id);
      expect(second!.nextAttemptAt.getTime() - start.getTime()).toBeGreaterThan(MINUTE + 50_000);
      smtp.refuseWith = null;
      expect(await deliverAll(new Date(start.getTime() + 10 * MINUTE))).toMatchObject({ sent: 1 });
      expect(smtp.messages).toHaveLength(1);
    });

    it('delivers everything once, after the SMTP server was down for an hour', async () => {
      const reports = [await fileReport(db(), GERZAT), await fileReport(db(), GERZAT), await fileReport(db(), GERZAT)];
      await smtp.stop();
      const start = new Date();
      try {
        for (let minute = 0; minute <= 60; minute += 5) {
          const round = await deliverAll(new Date(start.getTime() + minute * MINUTE));
          expect(round.sent).toBe(0);
        }
      } finally {
        await smtp.start();
      }
      const rows = await db()
        .select()
        .from(outboxMessages)
        .where(
          inArray(
            outboxMessages.reportId,
            reports.map((r) => r.id),
          ),
        );
      expect(rows.every((r) => r.status === 'pending' && r.attempts >= 3 && r.attempts < MAX_ATTEMPTS)).toBe(true);
      expect(rows.every((r) => r.lastError?.startsWith('Serveur SMTP injoignable'))).toBe(true);
      expect(await deliverAll(new Date(start.getTime() + 120 * MINUTE))).toMatchObject({ sent: 3 });
      expect(await deliverAll(new Date(start.getTime() + 240 * MINUTE))).toMatchObject({ sent: 0 });
      expect(smtp.messages.map((m) => m.subject).sort()).toEqual(
        reports.map((r) => `Signalement ${r.reference} bien reçu — Proxim’Cité`).sort(),
      );
    });
  });

  describe('what arrives', () => {
    it('acknowledges a report with its reference, pôle, due date and a private link that opens it', async () => {
      const report = await fileReport(db(), GERZAT, { name: 'Camille Martin', email: 'camille@example.org' });
      expect(await deliverAll()).toMatchObject({ sent: 1 });
      const [mail] = await smtp.waitFor(1);
      expect(mail!.to).toMatchObject({ text: 'camille@example.org' });
      expect(mail!.subject).toBe(`Signalement ${report.reference} bien reçu — Proxim’Cité`);
      expect(mail!.text).toContain('Bonjour Camille Martin,');
      expect(mail!.text).toContain('confié au pôle de proximité Nord');
      expect(mail!.text).toMatch(/au plus tard le \w+ \d/);
      expect(mail!.html).toContain('<html lang="fr">');
      expect(mail!.messageId).toMatch(new RegExp(`^<${report.reference}\\.\\d+@proximcite>$`));
      const link = /\/suivi\/(PC-\d{4}-\d{6})\/acces\/(\S+)/.exec(mail!.text!);
      expect(link?.[1]).toBe(report.reference);
      expect(await findAccess(report.reference, decodeURIComponent(link![2]!))).toMatchObject({
        kind: 'reporter',
        reportId: report.id,
      });
      const [sent] = await messagesOf(report.id);
      expect(sent).toMatchObject({ status: 'sent', subject: mail!.subject, attempts: 1 });
    });

    it('sends the solution with the letter attached as a PDF, to the reporter and to a follower', async () => {
      const report = await fileReport(db(), GERZAT, { name: 'Camille Martin', email: 'camille@example.org' });
      const follow = await receiveFollow(db(), {
        idempotencyKey: `notif-follow-${Date.now()}`,
        reference: report.reference,
        name: 'Voisin Attentif',
        email: 'voisin@example.org',
        phone: '',
        postalAddress: '',
        noReply: '',
        website: '',
      });
      expect(follow.ok).toBe(true);
      await resolve(report.reference);
      expect(await deliverAll()).toMatchObject({ sent: 4 }); // two acknowledgements, two resolutions
      const resolutions = smtp.messages.filter((m) => m.subject?.startsWith(`Signalement ${report.reference} résolu`));
      expect(resolutions.map((m) => (Array.isArray(m.to) ? '' : m.to?.text)).sort()).toEqual([
        'camille@example.org',
        'voisin@example.org',
      ]);
      for (const mail of resolutions) {
        expect(mail.text).toContain(SOLUTION);
        expect(mail.attachments).toHaveLength(1);
        const [pdf] = mail.attachments;
        expect(pdf).toMatchObject({ contentType: 'application/pdf', filename: `courrier-${report.reference}.pdf` });
        const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf!.content)), { mergePages: true });
        const flat = text.replace(/\s+/g, ' ');
        expect(flat).toContain(report.reference);
        expect(flat).toContain(SOLUTION.replace(/\s+/g, ' '));
      }
      expect(resolutions.find((m) => !Array.isArray(m.to) && m.to?.text === 'voisin@example.org')!.text).toContain(
        'Bonjour Voisin Attentif,',
      );
    });

    it('tells the reporter of a transfer, of a rejection with its reason, and of a reopening', async () => {
      const report = await fileReport(db(), GERZAT);
      const transferred = await transferReport(db(), staff('admin'), {
        reference: report.reference,
        version: String((await reportRow(db(), report.reference)).version),
        poleId: 'centre',
        text: 'Voie gérée par le pôle Centre (note interne).',
      });
      expect(transferred.ok).toBe(true);
      const rejected = await moveReport(db(), staff('admin'), {
        reference: report.reference,
        version: String((await reportRow(db(), report.reference)).version),
        to: 'rejected',
        rejection: 'private_property',
        text: '',
      });
      expect(rejected.ok).toBe(true);
      await deliverAll();
      const subjects = smtp.messages.map((m) => m.subject).sort();
      expect(subjects).toEqual(
        [
          `Signalement ${report.reference} bien reçu — Proxim’Cité`,
          `Signalement ${report.reference} confié à un autre pôle — Proxim’Cité`,
          `Signalement ${report.reference} non retenu — Proxim’Cité`,
        ].sort(),
      );
      const bySubject = (words: string) => smtp.messages.find((m) => m.subject?.includes(words))!;
      // The transfer's reason is internal: the resident reads only the new pôle.
      expect(bySubject('autre pôle').text).toContain('traité par le pôle de proximité Centre');
      expect(bySubject('autre pôle').text).not.toContain('note interne');
      expect(bySubject('non retenu').text).toContain('Motif');
      expect(bySubject('non retenu').text).toContain('propriété privée');
      expect(bySubject('non retenu').attachments).toHaveLength(1);

      // Resolved, then « ce n'est pas résolu » from the private link: the reopening is acknowledged.
      const other = await fileReport(db(), GERZAT);
      await resolve(other.reference);
      const { trackingTokenFor } = await import('@/lib/reports/tokens');
      const { getTrackingSecret } = await import('@/lib/secrets');
      const key = (await reportRow(db(), other.reference)).idempotencyKey!;
      const { token } = trackingTokenFor(await getTrackingSecret(db()), 'report', key);
      const reopened = await reopenReport(db(), other.reference, token, 'La lampe est de nouveau éteinte ce soir.');
      expect(reopened.ok).toBe(true);
      smtp.messages.length = 0;
      await deliverAll();
      expect(smtp.messages.map((m) => m.subject).sort()).toEqual(
        [
          `Signalement ${other.reference} bien reçu — Proxim’Cité`,
          `Signalement ${other.reference} résolu — Proxim’Cité`,
          `Signalement ${other.reference} rouvert — Proxim’Cité`,
        ].sort(),
      );
      expect(bySubject('rouvert').text).toContain('La lampe est de nouveau éteinte ce soir.');
    });

    it('commits a message with its change or not at all: a refused command queues nothing', async () => {
      const report = await fileReport(db(), GERZAT);
      const before = await messagesOf(report.id);
      const stale = await moveReport(db(), manager(), {
        reference: report.reference,
        version: '99',
        to: 'resolved',
        text: SOLUTION,
      });
      expect(stale.ok).toBe(false);
      const elected = await moveReport(db(), staff('elu'), {
        reference: report.reference,
        version: String((await reportRow(db(), report.reference)).version),
        to: 'resolved',
        text: SOLUTION,
      });
      expect(elected.ok).toBe(false);
      expect(await messagesOf(report.id)).toEqual(before);
    });
  });
});
