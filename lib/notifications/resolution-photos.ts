import 'server-only';
import { and, asc, eq, isNull } from 'drizzle-orm';
import sharp from 'sharp';
import type { Db } from '@/db';
import { reportPhotos } from '@/db/schema';

// The « service fait » photos an outcome message carries: attached to the e-mail as they are stored (JPEG, no
// metadata, 2048 px at most), and the first one small in the letter.

export type ResolutionPhoto = { filename: string; bytes: Uint8Array; width: number; height: number };

/**
 * The photos taken for the resolution made at `resolvedAt` and not hidden since. A resolution writes its photos with
 * its own time (lib/reports/photo-commands.ts): a report resolved, reopened and resolved again tells each time of the
 * work of that time only.
 */
export async function loadResolutionPhotos(db: Db, reportId: number, resolvedAt: Date): Promise<ResolutionPhoto[]> {
  const rows = await db
    .select({ bytes: reportPhotos.bytes, width: reportPhotos.width, height: reportPhotos.height })
    .from(reportPhotos)
    .where(
      and(
        eq(reportPhotos.reportId, reportId),
        eq(reportPhotos.kind, 'resolution'),
        eq(reportPhotos.createdAt, resolvedAt),
        isNull(reportPhotos.hiddenAt),
      ),
    )
    .orderBy(asc(reportPhotos.position));
  return rows.map((row, index) => ({ ...row, filename: `photo-intervention-${index + 1}.jpg` }));
}

/** Printed about 6 cm wide: 600 px is 250 dpi, and keeps a batch of a hundred letters light. */
const LETTER_PHOTO_PX = 600;

export async function letterPhotoOf(photo: ResolutionPhoto): Promise<{ bytes: Uint8Array; width: number; height: number }> {
  const { data, info } = await sharp(photo.bytes)
    .resize({ width: LETTER_PHOTO_PX, height: LETTER_PHOTO_PX, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 75, mozjpeg: true })
    .toBuffer({ resolveWithObject: true });
  return { bytes: data, width: info.width, height: info.height };
}
