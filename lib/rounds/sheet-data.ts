import 'server-only';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import sharp from 'sharp';
import { getDb, type Db } from '@/db';
import { communes, reportPhotos } from '@/db/schema';
import type { StaffUser } from '@/lib/permissions';
import { getLocator } from '@/lib/territory/queries';
import { findRoundOwner, getRoundStart, listRoundStops, type RoundStart } from './queries';
import { renderRoundSheet, type SheetPhoto } from './sheet';

// What the route sheet prints, gathered for the person who asks: their own round or one they may prepare, only the
// stops both they and the owner may see. Null when the round is not theirs to print (answered as missing).

/** Long side of a photo on the sheet, in pixels: 40 mm printed at about 300 dpi, a few tens of kilobytes each. */
const THUMBNAIL_PX = 480;

async function thumbnail(bytes: Uint8Array): Promise<SheetPhoto> {
  const { data, info } = await sharp(bytes)
    .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 70 })
    .toBuffer({ resolveWithObject: true });
  return { bytes: new Uint8Array(data), width: info.width, height: info.height };
}

/**
 * The residents' photos of these reports that staff have not hidden, made small, by report. Read report by report: a
 * round of 60 stops with 3 photos each holds up to 180 photos of 2048 px, and only one report's are in memory at once.
 */
async function listSheetPhotos(db: Db, reportIds: number[]): Promise<Map<number, SheetPhoto[]>> {
  const byReport = new Map<number, SheetPhoto[]>();
  for (const reportId of reportIds) {
    const rows = await db
      .select({ bytes: reportPhotos.bytes })
      .from(reportPhotos)
      .where(and(eq(reportPhotos.reportId, reportId), eq(reportPhotos.kind, 'resident'), isNull(reportPhotos.hiddenAt)))
      .orderBy(asc(reportPhotos.position));
    const photos: SheetPhoto[] = [];
    for (const row of rows) photos.push(await thumbnail(row.bytes));
    byReport.set(reportId, photos);
  }
  return byReport;
}

/** The communes of the pôles the round goes through (and of its start), with a point to write each name at. */
async function listMapCommunes(db: Db, poleIds: string[]) {
  if (poleIds.length === 0) return [];
  const [rows, locator] = await Promise.all([
    db
      .select({ insee: communes.insee, name: communes.name, geometry: communes.geometry })
      .from(communes)
      .where(inArray(communes.poleId, poleIds)),
    getLocator(),
  ]);
  return rows.map((row) => ({ ...row, labelPoint: locator.interiorPoint(row.insee) }));
}

const startLabel = (start: RoundStart) =>
  `centre du ${start.poleName.charAt(0).toLowerCase()}${start.poleName.slice(1)} (le point moyen de ses communes)`;

export async function loadRoundSheet(viewer: StaffUser, ownerId: number | null, now = new Date()) {
  const db = await getDb();
  const owner = await findRoundOwner(db, viewer, ownerId);
  if (!owner) return null;
  const stops = await listRoundStops(db, viewer, owner);
  const start = await getRoundStart(db, owner, stops);
  const poleIds = [...new Set([...(start ? [start.poleId] : []), ...stops.map((stop) => stop.poleId)])];
  const [photos, mapCommunes] = await Promise.all([
    listSheetPhotos(
      db,
      stops.map((stop) => stop.reportId),
    ),
    listMapCommunes(db, poleIds),
  ]);
  const pdf = await renderRoundSheet({
    ownerName: owner.name,
    date: now,
    start: start && { label: startLabel(start), point: start.point },
    communes: mapCommunes,
    stops: stops.map((stop) => ({ ...stop, photos: photos.get(stop.reportId) ?? [] })),
  });
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
  return { pdf, filename: `feuille-de-tournee-${day}.pdf` };
}
