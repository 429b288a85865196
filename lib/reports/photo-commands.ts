import 'server-only';
import { and, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { reportPhotos } from '@/db/schema';
import { env } from '@/lib/env';
import { can, type StaffUser } from '@/lib/permissions';
import { recordEvent } from './events';
import { redactInput } from './photo-input';
import { PHOTO_LIMITS } from './photo-limits';
import { processPhotos, type ProcessedPhoto } from './photos';
import { redactPhoto } from './redact';
import { command, Conflict, FIX, mustBeOpen, NOT_FOUND, Refused, updateReport, type CommandResult } from './staff-commands';
import { moveInput } from './staff-input';
import { getSeverityDays } from './severity';
import { enterState, findMove } from './states';

// What staff do to a report's photos: redact parts of one (rectangles blurred or filled), and resolve a report with
// photos of the work done. Both are commands of staff-commands.ts (authorise, parse, load in scope, one transaction
// with the version read, one event).

/** « Service fait » photos come after the resident's (0–2); the photo routes serve positions 0–9. */
const FIRST_RESOLUTION_POSITION = PHOTO_LIMITS.maxCount;
const LAST_POSITION = 9;

export const redactReportPhoto = command('reports.moderate', redactInput, async ({ tx, actor, input, report, now }) => {
  // First, so that a second person redacting the same photo waits for this one and is then told it changed.
  await updateReport(tx, report, {}, now);
  const [photo] = await tx
    .select({ id: reportPhotos.id, bytes: reportPhotos.bytes, originalBytes: reportPhotos.originalBytes })
    .from(reportPhotos)
    .where(and(eq(reportPhotos.reportId, report.id), eq(reportPhotos.position, input.position)));
  if (!photo) throw new Refused(FIX.message, { position: ['Ce signalement n’a pas de photo à cette place.'] });
  const redacted = await redactPhoto(photo.bytes, input.rectangles, input.mode);
  // The very first original is the one kept: a second redaction adds to the first, it does not become the original.
  const isOriginalKept = env.PHOTO_ORIGINALS === 'keep';
  await tx
    .update(reportPhotos)
    .set({
      bytes: redacted.bytes,
      width: redacted.width,
      height: redacted.height,
      contentType: 'image/jpeg',
      originalBytes: isOriginalKept ? (photo.originalBytes ?? photo.bytes) : null,
      redactedAt: now,
    })
    .where(eq(reportPhotos.id, photo.id));
  await recordEvent(tx, {
    kind: 'photo_redacted',
    reportId: report.id,
    poleId: report.poleId,
    actor,
    data: { position: input.position, rectangles: input.rectangles.length, mode: input.mode, isOriginalKept },
    at: now,
  });
  const done = input.mode === 'blur' ? 'floutée' : 'masquée';
  const parts = input.rectangles.length > 1 ? `${input.rectangles.length} zones` : 'une zone';
  return `${report.reference} : photo ${input.position + 1}, ${parts} ${done}${input.rectangles.length > 1 ? 's' : ''}.`;
});

/** The resolution as moveReport makes it, with the photos of the work done written in the same transaction. */
const resolveWith = (photos: ProcessedPhoto[]) =>
  command('reports.triage', moveInput, async ({ tx, user, actor, input, report, now }) => {
    mustBeOpen(report);
    const move = input.to === 'resolved' ? findMove(user, report, 'resolved') : undefined;
    if (input.to !== 'resolved' || !move) throw new Refused('Ce signalement ne peut pas être résolu dans son état actuel.');
    if (!(await enterState(tx, report, move, { actor, text: input.text, now, severityDays: await getSeverityDays(tx) }))) {
      throw new Conflict();
    }
    if (photos.length > 0) {
      const [last] = await tx
        .select({ position: max(reportPhotos.position) })
        .from(reportPhotos)
        .where(eq(reportPhotos.reportId, report.id));
      const first = Math.max(FIRST_RESOLUTION_POSITION, (last?.position ?? -1) + 1);
      const room = Math.max(0, LAST_POSITION + 1 - first);
      if (photos.length > room) {
        const left =
          room === 0 ? 'ne peut plus recevoir de photo' : `ne peut plus recevoir que ${room} photo${room > 1 ? 's' : ''}`;
        throw new Refused(FIX.message, { photos: [`Ce signalement ${left}.`] });
      }
      // Stamped with the resolution's own time: the outcome e-mail and letter find the photos of their resolution so.
      await tx.insert(reportPhotos).values(
        photos.map((photo, i) => ({
          ...photo,
          reportId: report.id,
          position: first + i,
          kind: 'resolution' as const,
          createdAt: now,
        })),
      );
    }
    const withPhotos = photos.length > 0 ? ` avec ${photos.length} photo${photos.length > 1 ? 's' : ''}` : '';
    return `${report.reference} : résolu${withPhotos} — c’est fait.`;
  });

/**
 * Resolves a report, with 0 to 3 photos of the work done (checked and re-encoded as a resident's are: sniffed, no
 * metadata, size limits). They are public at once: staff took them.
 */
export async function resolveReport(
  db: Db,
  user: StaffUser,
  raw: Record<string, unknown>,
  files: File[],
  now: Date = new Date(),
): Promise<CommandResult> {
  // Decoding photos costs: not for someone who may resolve nothing (the command asks again, for the report's scope).
  if (!can(user, 'reports.triage')) return NOT_FOUND;
  const fields = { ...raw, to: 'resolved' };
  const photos = await processPhotos(files);
  if (!photos.ok) {
    const rest = moveInput.safeParse(fields);
    const fieldErrors = rest.success ? {} : z.flattenError(rest.error).fieldErrors;
    return { ok: false, message: FIX.message, fieldErrors: { ...fieldErrors, photos: [photos.message] } };
  }
  return resolveWith(photos.photos)(db, user, fields, now);
}
