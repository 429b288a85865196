import 'server-only';
import { getDb } from '@/db';
import type { StaffUser } from '@/lib/permissions';
import { isReference } from '@/lib/reports/reference-format';
import { loadReportInScope } from '@/lib/reports/staff-report';
import { letterFileName, letterFromContext } from './letter-data';
import { renderLetter } from './letters';
import { simpleParser } from 'mailparser';
import { env } from '@/lib/env';
import { countFailedMails, getMail, listMails, parseMailFilter } from './mail-log';
import { listEmlIds, readEml } from './mailer';
import { loadOutcomeLetterContext } from './message-context';
import { listPrintQueues, renderBatch } from './print-queue';
import { can } from '@/lib/permissions';

// What the staff's letter and e-mail pages load, each asked with the person who asks: null when out of reach.

export async function loadPrintQueues(user: StaffUser) {
  return listPrintQueues(await getDb(), user);
}

export async function loadBatchPdf(user: StaffUser, id: string) {
  if (!/^\d{1,15}$/.test(id)) return null;
  return renderBatch(await getDb(), user, Number(id));
}

/** The letter of a report's last outcome, addressed to its reporter: for those who may read contact data there. */
export async function loadReportLetterPdf(user: StaffUser, reference: string) {
  if (!isReference(reference)) return null;
  const db = await getDb();
  const report = await loadReportInScope(db, user, 'reports.readContact', reference);
  const context = report && (await loadOutcomeLetterContext(db, report.id));
  if (!context) return null;
  return {
    pdf: await renderLetter(letterFromContext(context, context.event?.at ?? new Date())),
    filename: letterFileName(reference),
  };
}

/** An e-mail as written by the file mailer (the embedded setup), for the administrator. */
export async function loadMailFile(user: StaffUser, id: string) {
  if (!can(user, 'notifications.manage') || !/^\d{1,15}$/.test(id)) return null;
  const mail = await getMail(await getDb(), Number(id));
  const eml = mail && (await readEml(mail.id));
  return mail && eml ? { mail, eml } : null;
}

/** The list page: messages with their state, and which have a file to show (file mailer). */
export async function loadMailLog(user: StaffUser, params: Record<string, string | string[] | undefined>) {
  if (!can(user, 'notifications.manage')) return null;
  const db = await getDb();
  const filter = parseMailFilter(params);
  const [page, files, failed] = await Promise.all([listMails(db, filter), listEmlIds(), countFailedMails(db)]);
  return { ...page, filter, files, failed, isFileMailer: !env.SMTP_URL, dir: env.MAIL_DIR };
}

/** One e-mail as written by the file mailer, parsed for reading in the page. */
export async function loadMailView(user: StaffUser, id: string) {
  const file = await loadMailFile(user, id);
  if (!file) return null;
  const parsed = await simpleParser(file.eml);
  return {
    ...file.mail,
    to: Array.isArray(parsed.to) ? parsed.to.map((t) => t.text).join(', ') : (parsed.to?.text ?? ''),
    date: parsed.date ?? null,
    messageId: parsed.messageId ?? null,
    text: parsed.text ?? '',
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? 'pièce jointe',
      size: a.size,
      contentType: a.contentType,
    })),
  };
}

/** The n-th attachment of a written e-mail; only PDFs (the letters) are served. */
export async function loadMailAttachment(user: StaffUser, id: string, n: string) {
  const file = /^\d{1,2}$/.test(n) ? await loadMailFile(user, id) : null;
  if (!file) return null;
  const attachment = (await simpleParser(file.eml)).attachments[Number(n)];
  if (!attachment || attachment.contentType !== 'application/pdf') return null;
  return {
    content: new Uint8Array(attachment.content),
    contentType: attachment.contentType,
    filename: (attachment.filename ?? 'courrier.pdf').replace(/[^\w.-]/g, '_'),
  };
}
