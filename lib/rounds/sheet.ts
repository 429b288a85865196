import 'server-only';

import { PDFDocument, rgb, type PDFImage, type PDFPage } from 'pdf-lib';
import { formatDate } from '@/lib/format';
import {
  coordinates,
  draw,
  embedStyles,
  fit,
  Flow,
  fromTop,
  LEFT,
  mm,
  oneLine,
  RIGHT,
  TEXT_WIDTH,
  widthOf,
  wrap,
  type Styles,
} from '@/lib/notifications/letters';
import type { Point } from './order';
import { drawRoundMap, type MapCommune } from './sheet-map';

// The route sheet (« feuille de tournée ») as a PDF: a map of the stops numbered in visiting order (sheet-map.ts), then
// one block per report for the crew. Pure rendering, with the letters' fonts and text helpers: the caller gathers the
// data.

export type SheetPhoto = { bytes: Uint8Array; width: number; height: number };

export type SheetStop = {
  reference: string;
  categoryName: string;
  address: string | null;
  communeName: string;
  lon: number;
  lat: number;
  stateLabel: string;
  plannedFor: string | null;
  /** As moderated: the public text when staff edited it, else the original. */
  description: string;
  /** The resident's photos not hidden by staff, already made small (JPEG). */
  photos: SheetPhoto[];
};

export type SheetData = {
  ownerName: string;
  date: Date;
  start: { label: string; point: Point } | null;
  /** The communes the map shows: those of the pôles the round goes through. */
  communes: MapCommune[];
  stops: SheetStop[];
};

const GREY = rgb(0.45, 0.45, 0.45);

const PHOTO_BOX = { width: mm(40), height: mm(30), gap: mm(4) };
const NOTES_HEIGHT = mm(24);
/** Between the letters' top margin and their footer. */
const PAGE_BODY_HEIGHT = fromTop(20) - mm(27);

/** Photos fitted in their boxes, four to a row. */
function photoRows(photos: PDFImage[]) {
  const perRow = Math.floor((TEXT_WIDTH + PHOTO_BOX.gap) / (PHOTO_BOX.width + PHOTO_BOX.gap));
  const rows: PDFImage[][] = [];
  for (let i = 0; i < photos.length; i += perRow) rows.push(photos.slice(i, i + perRow));
  return rows;
}

async function drawStop(doc: PDFDocument, flow: Flow, stop: SheetStop, index: number, styles: Styles) {
  const heading = wrap(`${index + 1}. ${oneLine(stop.reference)} — ${oneLine(stop.categoryName)}`, styles.heading, TEXT_WIDTH);
  const address = stop.address?.trim() ? oneLine(stop.address) : coordinates(stop.lon, stop.lat);
  // Addresses from the form's search often end with the commune already.
  const place = address.includes(stop.communeName) ? address : `${address}, ${stop.communeName}`;
  const details = [
    ...wrap(`Lieu : ${place}`, styles.body, TEXT_WIDTH),
    ...wrap(
      `État : ${stop.stateLabel} · ${stop.plannedFor ? `intervention prévue le ${formatDate(stop.plannedFor)}` : 'pas de date d’intervention prévue'}`,
      styles.body,
      TEXT_WIDTH,
    ),
  ];
  const description = wrap(stop.description.trim() || '—', styles.body, TEXT_WIDTH);
  const images = await Promise.all(stop.photos.map((photo) => doc.embedJpg(photo.bytes)));
  const rows = photoRows(images);
  // A stop stays on one page, unless it is longer than a page: then its head and the description's first lines do.
  const head = heading.length * styles.heading.leading + (details.length + 1) * styles.body.leading;
  const whole = head + description.length * styles.body.leading + rows.length * (mm(2) + PHOTO_BOX.height) + mm(3) + NOTES_HEIGHT;
  flow.keep(whole <= PAGE_BODY_HEIGHT ? whole : head + Math.min(description.length, 3) * styles.body.leading);
  flow.lines(heading, styles.heading);
  flow.lines(details, styles.body);
  flow.paragraph('Description :', styles.strong);
  flow.lines(description, styles.body);
  for (const row of rows) {
    flow.gap(mm(2));
    flow.keep(PHOTO_BOX.height);
    row.forEach((image, column) => {
      const scale = Math.min(PHOTO_BOX.width / image.width, PHOTO_BOX.height / image.height);
      const x = LEFT + column * (PHOTO_BOX.width + PHOTO_BOX.gap);
      flow.page.drawImage(image, {
        x,
        y: flow.y - image.height * scale,
        width: image.width * scale,
        height: image.height * scale,
      });
    });
    flow.gap(PHOTO_BOX.height);
  }
  flow.gap(mm(3));
  flow.keep(NOTES_HEIGHT);
  flow.page.drawRectangle({
    x: LEFT,
    y: flow.y - NOTES_HEIGHT,
    width: TEXT_WIDTH,
    height: NOTES_HEIGHT,
    borderColor: GREY,
    borderWidth: 0.6,
  });
  draw(flow.page, 'Notes de l’équipe (fait, à revoir, matériel…) :', LEFT + mm(2), flow.y - mm(4.5), styles.small);
  flow.gap(NOTES_HEIGHT + mm(6));
}

function drawFooters(pages: PDFPage[], data: SheetData, styles: Styles) {
  const left = fit(`Feuille de tournée de ${oneLine(data.ownerName)} — document interne, ne pas diffuser`, styles.small, mm(130));
  pages.forEach((page, index) => {
    page.drawLine({ start: { x: LEFT, y: mm(21) }, end: { x: RIGHT, y: mm(21) }, thickness: 0.4 });
    draw(page, left, LEFT, mm(16), styles.small);
    const marker = `page ${index + 1}/${pages.length}`;
    draw(page, marker, RIGHT - widthOf(marker, styles.small), mm(16), styles.small);
  });
}

/** The route sheet, A4: the summary and the map on the first page, then the stops in visiting order. */
export async function renderRoundSheet(data: SheetData): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  // No personal data in the properties: they show in viewers' title bars.
  doc.setTitle(`Feuille de tournée du ${formatDate(data.date)}`);
  doc.setAuthor('Clermont Auvergne Métropole');
  doc.setCreator('Proxim’Cité');
  doc.setProducer('Proxim’Cité (pdf-lib)');
  doc.setLanguage('fr-FR');
  const styles = await embedStyles(doc);
  const flow = new Flow(doc);
  draw(flow.page, 'Feuille de tournée', LEFT, fromTop(18), styles.title);
  draw(
    flow.page,
    fit(`${oneLine(data.ownerName)} — imprimée le ${formatDate(data.date)}`, styles.subtitle, TEXT_WIDTH),
    LEFT,
    fromTop(23.5),
    styles.subtitle,
  );
  flow.page.drawLine({ start: { x: LEFT, y: fromTop(27) }, end: { x: RIGHT, y: fromTop(27) }, thickness: 0.6 });
  flow.y = fromTop(31);
  const count = data.stops.length;
  flow.paragraph(
    count === 0
      ? 'Aucune étape : ajoutez des signalements à la tournée depuis la liste des signalements.'
      : `${count} étape${count > 1 ? 's' : ''}, numérotée${count > 1 ? 's' : ''} dans l’ordre de passage.` +
          (data.start ? ` Départ (D) : ${data.start.label}.` : ''),
    styles.body,
  );
  flow.gap(mm(2));
  const map = { communes: data.communes, start: data.start?.point ?? null, stops: data.stops };
  flow.y = drawRoundMap(flow.page, map, styles, flow.y) - mm(6);
  for (const [index, stop] of data.stops.entries()) await drawStop(doc, flow, stop, index, styles);
  drawFooters(flow.pages, data, styles);
  return doc.save();
}
