import 'server-only';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { env } from '@/lib/env';

// How e-mails leave: over SMTP when SMTP_URL is set, otherwise as .eml files in MAIL_DIR (the embedded default), which
// the administrator's « Courriels » page lists so that a newcomer sees what residents would receive.

export type Mail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The same for every try of one outbox message, so that a copy sent twice can be recognised. */
  messageId: string;
  attachments: { filename: string; content: Uint8Array; contentType: string }[];
};

export type Mailer = {
  kind: 'smtp' | 'files';
  /** Sends one message; resolves once the SMTP server accepted it, or the file is written. */
  send(mail: Mail, outboxId: number): Promise<void>;
  close(): void;
};

export type MailSettings = { smtpUrl?: string; from: string; dir: string };

const fromEnv = (): MailSettings => ({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, dir: env.MAIL_DIR });

export function createMailer(settings: MailSettings = fromEnv()): Mailer {
  const toNodemailer = (mail: Mail) => ({
    from: settings.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    attachments: mail.attachments.map((a) => ({ ...a, content: Buffer.from(a.content) })),
  });
  if (settings.smtpUrl) {
    const transport = nodemailer.createTransport(settings.smtpUrl);
    return {
      kind: 'smtp',
      send: async (mail) => {
        await transport.sendMail(toNodemailer(mail));
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'files',
    send: async (mail, outboxId) => {
      const { message } = await transport.sendMail(toNodemailer(mail));
      await mkdir(settings.dir, { recursive: true });
      // Written aside then renamed: a crash never leaves half a message behind.
      const file = path.join(settings.dir, emlName(outboxId));
      await writeFile(`${file}.tmp`, message as Buffer);
      await rename(`${file}.tmp`, file);
    },
    close: () => transport.close(),
  };
}

export const emlName = (outboxId: number) => `${String(outboxId).padStart(8, '0')}.eml`;

/** The .eml file of an outbox message written by the file mailer, or null (sent over SMTP, or not yet). */
export async function readEml(outboxId: number, dir: string = env.MAIL_DIR): Promise<Buffer | null> {
  try {
    return await readFile(path.join(dir, emlName(outboxId)));
  } catch {
    return null;
  }
}

/** Which outbox messages have a file, for the mail page. */
export async function listEmlIds(dir: string = env.MAIL_DIR): Promise<Set<number>> {
  try {
    const names = await readdir(dir);
    return new Set(names.filter((n) => /^\d{8,}\.eml$/.test(n)).map((n) => Number.parseInt(n, 10)));
  } catch {
    return new Set();
  }
}

/**
 * Deletes the written e-mails older than `before`: they hold names and addresses, and the copy on this machine serves
 * only to show what left. Part of the retention job. Returns how many were deleted.
 */
export async function pruneEmlFiles(before: Date, dir: string = env.MAIL_DIR): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let deleted = 0;
  for (const name of names.filter((n) => n.endsWith('.eml'))) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && info.mtime < before) {
      await unlink(file).catch(() => undefined);
      deleted += 1;
    }
  }
  return deleted;
}

/** What may be kept of a failure: its SMTP code or error code, never its words (which may quote the address). */
export function describeMailError(error: unknown): { reason: string; isPermanent: boolean } {
  const e = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  if (typeof e.responseCode === 'number') {
    const isPermanent = e.responseCode >= 500 && e.responseCode < 600;
    return { reason: `Refus du serveur SMTP (${e.responseCode})`, isPermanent };
  }
  if (e.code === 'EENVELOPE') return { reason: 'Adresse refusée (EENVELOPE)', isPermanent: true };
  const code = typeof e.code === 'string' && /^[A-Z_]{2,20}$/.test(e.code) ? e.code : 'inconnue';
  return { reason: `Serveur SMTP injoignable (${code})`, isPermanent: false };
}
