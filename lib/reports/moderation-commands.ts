import 'server-only';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { reportPhotos, reports, senderMarks } from '@/db/schema';
import { recordEvent } from './events';
import {
  hidePhotoInput,
  hideReportInput,
  markSenderInput,
  publicTextInput,
  publishInput,
  showReportInput,
} from './moderation-input';
import { command, FIX, Refused, updateReport } from './staff-commands';

// Moderation: what residents wrote and photographed reaches the public only through these decisions (see PUBLIC_PHOTO
// and getPublicReport in queries.ts). Each is a staff command like the others (permission reports.moderate, the report
// in reach, the version read, one transaction, one event); the original text and photos always stay, staff-only.

export const publishReport = command('reports.moderate', publishInput, async ({ tx, actor, report, now }) => {
  const [row] = await tx.select({ publishedAt: reports.publishedAt }).from(reports).where(eq(reports.id, report.id));
  if (row?.publishedAt) throw new Refused('La description et les photos sont déjà publiées.');
  await updateReport(tx, report, { publishedAt: now }, now);
  await recordEvent(tx, { kind: 'published', reportId: report.id, poleId: report.poleId, actor, at: now });
  return `${report.reference} : description et photos publiées.`;
});

export const editPublicText = command('reports.moderate', publicTextInput, async ({ tx, actor, input, report, now }) => {
  const [row] = await tx
    .select({ description: reports.description, publicDescription: reports.publicDescription })
    .from(reports)
    .where(eq(reports.id, report.id));
  const previous = row!.publicDescription ?? row!.description;
  if (input.text === previous) throw new Refused('Le texte public est déjà celui-ci : rien n’a changé.');
  // Back to the resident's own words: nothing replaces them any more.
  await updateReport(tx, report, { publicDescription: input.text === row!.description ? null : input.text }, now);
  await recordEvent(tx, {
    kind: 'public_text_edited',
    reportId: report.id,
    poleId: report.poleId,
    actor,
    data: { previous, next: input.text },
    at: now,
  });
  return `${report.reference} : texte public modifié (l’original reste visible des agents).`;
});

export const hidePhoto = command('reports.moderate', hidePhotoInput, async ({ tx, actor, input, report, now }) => {
  const hidden = await tx
    .update(reportPhotos)
    .set({ hiddenAt: now })
    .where(and(eq(reportPhotos.reportId, report.id), eq(reportPhotos.position, input.position), isNull(reportPhotos.hiddenAt)))
    .returning({ id: reportPhotos.id });
  if (hidden.length === 0) throw new Refused('Cette photo n’existe pas ou est déjà masquée.');
  await updateReport(tx, report, {}, now);
  await recordEvent(tx, {
    kind: 'photo_hidden',
    reportId: report.id,
    poleId: report.poleId,
    actor,
    data: { position: input.position },
    at: now,
  });
  return `${report.reference} : photo ${input.position + 1} masquée au public.`;
});

export const hideReport = command('reports.moderate', hideReportInput, async ({ tx, actor, input, report, now }) => {
  if (await isHidden(tx, report.id)) throw new Refused('Ce signalement est déjà masqué au public.');
  await updateReport(tx, report, { hiddenAt: now }, now);
  await recordEvent(tx, { kind: 'report_hidden', reportId: report.id, poleId: report.poleId, actor, text: input.text, at: now });
  return `${report.reference} : masqué au public (carte, listes, page publique, données ouvertes).`;
});

export const showReport = command('reports.moderate', showReportInput, async ({ tx, actor, report, now }) => {
  if (!(await isHidden(tx, report.id))) throw new Refused('Ce signalement est déjà visible du public.');
  await updateReport(tx, report, { hiddenAt: null }, now);
  await recordEvent(tx, { kind: 'report_shown', reportId: report.id, poleId: report.poleId, actor, at: now });
  return `${report.reference} : de nouveau visible du public.`;
});

const MARK_DONE = {
  moderate: 'ses prochains signalements attendront une vérification avant publication',
  refuse: 'ses prochains signalements seront refusés',
  none: 'ses prochains signalements seront traités comme les autres',
} as const;

/** Marks who sent this report (by the hashed keys the rate limit counted, never an address) for their next reports. */
export const markSender = command('reports.moderate', markSenderInput, async ({ tx, user, actor, input, report, now }) => {
  const [row] = await tx.select({ keys: reports.senderKeys }).from(reports).where(eq(reports.id, report.id));
  const keys = row?.keys ?? [];
  if (keys.length === 0)
    throw new Refused(FIX.message, {
      mark: ['Ce signalement a été saisi par un agent, ou ses traces d’envoi ont été effacées : aucun expéditeur à signaler.'],
    });
  if (input.mark === 'none') {
    await tx.delete(senderMarks).where(inArray(senderMarks.key, keys));
  } else {
    const values = keys.map((key) => ({ key, mark: input.mark as 'moderate' | 'refuse', reason: input.text, userId: user.id }));
    await tx
      .insert(senderMarks)
      .values(values)
      .onConflictDoUpdate({
        target: senderMarks.key,
        set: { mark: input.mark, reason: input.text, userId: user.id, createdAt: now },
      });
  }
  await recordEvent(tx, {
    kind: 'sender_marked',
    reportId: report.id,
    poleId: report.poleId,
    actor,
    text: input.text,
    data: { mark: input.mark, keys: keys.length },
    at: now,
  });
  return `${report.reference} : expéditeur signalé — ${MARK_DONE[input.mark]}.`;
});

async function isHidden(tx: Parameters<typeof updateReport>[0], reportId: number) {
  const [row] = await tx.select({ hiddenAt: reports.hiddenAt }).from(reports).where(eq(reports.id, reportId));
  return Boolean(row?.hiddenAt);
}
