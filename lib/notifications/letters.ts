import 'server-only';

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PageSizes, PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import type { Channel } from '@/db/schema';
import { formatDate } from '@/lib/format';
import { CHANNEL_LABELS } from '@/lib/reports/labels';
import { SERVICE_PHONE, SERVICE_POSTAL_ADDRESS } from '@/lib/service';

// The letter a reporter receives when a report is closed: the solution implemented, or why the report was not kept.
// Pure rendering: the caller gathers the data, this file only lays it out on A4 (printed and posted in a DL window
// envelope, or attached to an e-mail when there is no postal address).

export type LetterData = {
  kind: 'resolution' | 'rejection';
  reference: string;
  categoryName: string;
  /** `address` null: the coordinates are printed instead. */
  place: { communeName: string; address: string | null; lon: number; lat: number };
  channel: Channel;
  reportedAt: Date;
  /** When the report was resolved or rejected. */
  closedAt: Date;
  /** Written by staff: the solution, or the reason for the rejection. Any length, any Unicode, line breaks kept. */
  outcome: string;
  /** `postalAddress` is free text typed by a resident, one line per line; null: the letter goes by e-mail. */
  recipient: { name: string | null; postalAddress: string | null };
  /** `address` null: the service's address stands in. */
  pole: { name: string; address: string | null };
  /** The letter's date. */
  date: Date;
  /** A resolution's first « service fait » photo, as a small JPEG (lib/notifications/resolution-photos.ts). */
  photo?: { bytes: Uint8Array; width: number; height: number } | null;
};

// --- Page geometry, in points (1 mm = 72 / 25.4 pt), y measured from the bottom edge as in PDF.

export const mm = (millimetres: number) => (millimetres * 72) / 25.4;
export const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
/** The y of a point `millimetres` below the top edge. */
export const fromTop = (millimetres: number) => PAGE_HEIGHT - mm(millimetres);

export const LEFT = mm(20);
export const RIGHT = PAGE_WIDTH - mm(20);
export const TEXT_WIDTH = RIGHT - LEFT;
const BODY_TOP = fromTop(20);
const BODY_BOTTOM = mm(27);
/** Where the values of the details table start. */
const VALUE_X = LEFT + mm(36);

// French DL window envelope (110 × 220 mm, window 45 × 100 mm on the right): once the sheet is folded in three the
// window shows about 100–190 mm from the left edge and 45–90 mm from the top. The block stays a few millimetres inside
// it for the sheet's play in the envelope; La Poste reads at most 6 lines, the town on the last one.
const WINDOW = { x: mm(110), firstBaseline: fromTop(55), width: mm(75), maxLines: 6 };

// --- Fonts. pdf-lib's standard fonts throw on characters people type (U+202F, →, emoji): embed DejaVu Sans, shipped
// in lib/notifications/fonts with its licence. Embedding costs ~43 ms per document, so a batch shares one document.

/** A font file and the characters it can draw. */
type Face = { bytes: Uint8Array; covers: (codePoint: number) => boolean };
type Faces = { regular: Face; bold: Face };

let faces: Promise<Faces> | undefined;

async function readFace(file: string): Promise<Face> {
  const bytes = new Uint8Array(await readFile(path.join(process.cwd(), 'lib/notifications/fonts', file)));
  const font = fontkit.create(bytes);
  return { bytes, covers: (codePoint) => font.hasGlyphForCodePoint(codePoint) };
}

/** Read once per process; a failed read is retried by the next letter. */
function loadFaces(): Promise<Faces> {
  faces ??= Promise.all([readFace('DejaVuSans.ttf'), readFace('DejaVuSans-Bold.ttf')]).then(
    ([regular, bold]) => ({ regular, bold }),
    (error: unknown) => {
      faces = undefined;
      throw error;
    },
  );
  return faces;
}

type Font = { pdf: PDFFont; covers: Face['covers'] };
export type Style = { font: Font; size: number; leading: number };

// pdf-lib places glyphs at their advance widths and drops fontkit's positions: kerning and mark positioning would cost
// half the rendering time for nothing. Ligatures are off too, so that copied or searched text reads as typed.
const FEATURES = { kern: false, mark: false, mkmk: false, curs: false, liga: false, clig: false, calt: false };

export async function embedStyles(doc: PDFDocument) {
  const { regular, bold } = await loadFaces();
  doc.registerFontkit(fontkit);
  const embed = async (face: Face): Promise<Font> => ({
    pdf: await doc.embedFont(face.bytes, { subset: true, features: FEATURES }),
    covers: face.covers,
  });
  const [normal, strong] = await Promise.all([embed(regular), embed(bold)]);
  const style = (font: Font, size: number, leading = size * 1.4): Style => ({ font, size, leading });
  return {
    title: style(strong, 15),
    subtitle: style(normal, 9.5),
    sender: style(normal, 9, 12.5),
    senderName: style(strong, 9.5, 12.5),
    address: style(normal, 10, 13),
    body: style(normal, 10),
    strong: style(strong, 10),
    heading: style(strong, 11, 16),
    small: style(normal, 8, 10.5),
  };
}

export type Styles = Awaited<ReturnType<typeof embedStyles>>;

// --- Text: every string drawn passes through `printable`, then is measured and cut by `wrap` or `fit`. The route sheet
// (lib/rounds/sheet.ts) draws with these helpers and the flow below too.

/** Drawn in place of a character the font lacks (an emoji, a CJK ideogram…): visible, and never a thrown error. */
const MISSING = '□';

/** Keeps line breaks (as \n) and what the font can draw; drops control characters, turns tabs into spaces. */
function printable(text: string, font: Font): string {
  let out = '';
  for (const char of text.normalize('NFC').replace(/\r\n?|[\u2028\u2029]/g, '\n')) {
    const code = char.codePointAt(0) ?? 0;
    const isControl = code < 0x20 || (code >= 0x7f && code < 0xa0); // C0, DEL and C1
    if (char === '\n') out += char;
    else if (char === '\t') out += ' ';
    else if (!isControl) out += font.covers(code) ? char : MISSING;
  }
  return out;
}

export const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

/** Widths are summed word by word (kerning across a space is negligible): a cache per font keeps 100 letters fast. */
const widthCache = new WeakMap<PDFFont, Map<string, number>>();

export function widthOf(text: string, style: Style): number {
  let cache = widthCache.get(style.font.pdf);
  if (!cache) widthCache.set(style.font.pdf, (cache = new Map()));
  const key = `${style.size}|${text}`;
  let width = cache.get(key);
  if (width === undefined) cache.set(key, (width = style.font.pdf.widthOfTextAtSize(text, style.size)));
  return width;
}

/** The longest head of `word` (one character at least) that fits `width`, and the rest. */
function cut(word: string, style: Style, width: number, suffix = ''): [string, string] {
  const chars = Array.from(word);
  let used = widthOf(suffix, style);
  let count = 0;
  while (count < chars.length) {
    const next = widthOf(chars[count] ?? '', style);
    if (count > 0 && used + next > width) break;
    used += next;
    count++;
  }
  return [chars.slice(0, count).join(''), chars.slice(count).join('')];
}

/** Lines no wider than `width`, keeping the text's own line breaks; a word wider than a line is cut. */
export function wrap(text: string, style: Style, width: number): string[] {
  const lines: string[] = [];
  const space = widthOf(' ', style);
  for (const paragraph of printable(text, style.font).split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (let word of paragraph.split(' ').filter(Boolean)) {
      let wordWidth = widthOf(word, style);
      if (line && lineWidth + space + wordWidth <= width) {
        line += ` ${word}`;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line) lines.push(line);
      while (wordWidth > width) {
        const [head, rest] = cut(word, style, width);
        lines.push(head);
        word = rest;
        wordWidth = widthOf(word, style);
      }
      [line, lineWidth] = [word, wordWidth];
    }
    lines.push(line);
  }
  return lines;
}

/** One line, cut with an ellipsis when wider than `width`. */
export function fit(text: string, style: Style, width: number): string {
  const line = oneLine(printable(text, style.font));
  if (widthOf(line, style) <= width) return line;
  return `${cut(line, style, width, '…')[0].trimEnd()}…`;
}

export const draw = (page: PDFPage, line: string, x: number, y: number, style: Style) =>
  page.drawText(line, { x, y, font: style.font.pdf, size: style.size, color: rgb(0, 0, 0) });

// --- The flow: a cursor going down the page, turning to a new one when the footer is reached.

export class Flow {
  readonly pages: PDFPage[] = [];
  /** The top of the free space on the current page. */
  y = BODY_TOP;

  constructor(private readonly doc: PDFDocument) {
    this.pages.push(doc.addPage(PageSizes.A4));
  }

  get page(): PDFPage {
    return this.pages[this.pages.length - 1]!;
  }

  /** Turns the page unless `height` more points fit above the footer: keeps a block together. */
  keep(height: number) {
    if (this.y - height >= BODY_BOTTOM) return;
    this.pages.push(this.doc.addPage(PageSizes.A4));
    this.y = BODY_TOP;
  }

  gap(height: number) {
    this.y -= height;
  }

  /** Draws already wrapped lines, each on the page where it fits. */
  lines(lines: string[], style: Style, x = LEFT) {
    for (const line of lines) {
      this.keep(style.leading);
      draw(this.page, line, x, this.y - style.leading * 0.75, style);
      this.y -= style.leading;
    }
  }

  paragraph(text: string, style: Style, x = LEFT) {
    this.lines(wrap(text, style, RIGHT - x), style, x);
  }
}

// --- The letter's parts.

const WORDING = {
  resolution: {
    heading: 'Solution mise en œuvre',
    closedLabel: 'Résolu le',
    intro: (reported: string) =>
      `Vous nous avez signalé le ${reported} une anomalie sur l’espace public. Nous avons le plaisir de vous informer ` +
      'que nos services l’ont traitée ; la solution mise en œuvre est décrite ci-dessous.',
    thanks: 'Nous vous remercions de votre signalement, qui contribue à la qualité de l’espace public de la métropole.',
  },
  rejection: {
    heading: 'Motif',
    closedLabel: 'Clôturé le',
    intro: (reported: string) =>
      `Vous nous avez signalé le ${reported} une anomalie sur l’espace public. Après examen, nos services ne sont pas ` +
      'en mesure d’y donner suite, pour le motif exposé ci-dessous.',
    thanks: 'Nous vous remercions néanmoins de votre démarche, qui contribue à la qualité de l’espace public de la métropole.',
  },
} as const;

const COURTESY = 'Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.';

const decimal = (value: number) => Math.abs(value).toFixed(5).replace('.', ',');

/** « 45,77836° N, 3,08212° E » */
export const coordinates = (lon: number, lat: number) =>
  `${decimal(lat)}° ${lat < 0 ? 'S' : 'N'}, ${decimal(lon)}° ${lon < 0 ? 'O' : 'E'}`;

/** « Le responsable » / « du pôle de proximité Nord »: the pôle's name as written inside a sentence. */
const signatory = (poleName: string) => {
  const name = oneLine(poleName);
  return ['Le responsable', /^pôle\b/iu.test(name) ? `du ${name.charAt(0).toLowerCase()}${name.slice(1)}` : `du pôle ${name}`];
};

/** The address block as La Poste reads it through the window: at most 6 lines, the town line last. */
function recipientLines({ name, postalAddress }: LetterData['recipient'], style: Style): string[] {
  const lines = [name ?? 'Madame, Monsieur', ...(postalAddress?.split(/\r\n?|\n/) ?? [])]
    .map((line) => oneLine(printable(line, style.font)))
    .filter(Boolean);
  // Surplus lines are folded into the second one rather than dropped: the street and town lines stay as typed.
  while (lines.length > WINDOW.maxLines) lines.splice(1, 2, `${lines[1]}, ${lines[2]}`);
  // A line too wide for the window wraps while the 6 lines allow it; what still does not fit is cut with an ellipsis.
  let spare = WINDOW.maxLines - lines.length;
  return lines.flatMap((line) => {
    const wrapped = wrap(line, style, WINDOW.width);
    const kept = Math.min(wrapped.length - 1, spare);
    spare -= kept;
    return kept === wrapped.length - 1
      ? wrapped
      : [...wrapped.slice(0, kept), fit(wrapped.slice(kept).join(' '), style, WINDOW.width)];
  });
}

/** Page 1 above the subject: the métropole, the sender, the window address block, the place and date. */
function drawLetterhead(page: PDFPage, letter: LetterData, styles: Styles) {
  draw(page, 'Clermont Auvergne Métropole', LEFT, fromTop(18), styles.title);
  draw(page, 'Service Proxim’Cité — signalements de l’espace public', LEFT, fromTop(23.5), styles.subtitle);
  page.drawLine({ start: { x: LEFT, y: fromTop(27) }, end: { x: RIGHT, y: fromTop(27) }, thickness: 0.6 });

  // The sender, left of the window; 8 lines at most so it never reaches the subject.
  const senderWidth = mm(78);
  const sender = [
    ...wrap(oneLine(letter.pole.name), styles.senderName, senderWidth).map((line) => [line, styles.senderName] as const),
    ...wrap(letter.pole.address?.trim() || SERVICE_POSTAL_ADDRESS, styles.sender, senderWidth)
      .filter(Boolean)
      .map((line) => [line, styles.sender] as const),
  ].slice(0, 8);
  sender.forEach(([line, style], index) => draw(page, line, LEFT, fromTop(35) - index * style.leading, style));

  recipientLines(letter.recipient, styles.address).forEach((line, index) =>
    draw(page, line, WINDOW.x, WINDOW.firstBaseline - index * styles.address.leading, styles.address),
  );

  draw(page, `Clermont-Ferrand, le ${formatDate(letter.date)}`, WINDOW.x, fromTop(100), styles.body);
}

/** Category, place and dates, label on the left, value wrapped on the right. */
function drawDetails(flow: Flow, letter: LetterData, styles: Styles) {
  const { place } = letter;
  const rows: [string, string][] = [
    ['Catégorie', letter.categoryName],
    ['Lieu', `${place.communeName} — ${place.address?.trim() || coordinates(place.lon, place.lat)}`],
    ['Signalé le', `${formatDate(letter.reportedAt)} (canal : ${CHANNEL_LABELS[letter.channel]})`],
    [WORDING[letter.kind].closedLabel, formatDate(letter.closedAt)],
  ];
  for (const [label, value] of rows) {
    const lines = wrap(oneLine(value), styles.body, RIGHT - VALUE_X);
    flow.keep(styles.body.leading);
    draw(flow.page, fit(label, styles.strong, VALUE_X - LEFT), LEFT, flow.y - styles.body.leading * 0.75, styles.strong);
    flow.lines(lines, styles.body, VALUE_X);
  }
}

/** On every page: how to come back to the service, and « PC-… — page 2/3 ». */
function drawFooters(pages: PDFPage[], reference: string, styles: Styles) {
  const help =
    `Si le problème persiste, répondez à ce courrier ou appelez gratuitement le ${SERVICE_PHONE}, ` +
    `en rappelant la référence ${reference}.`;
  const helpLines = wrap(help, styles.small, TEXT_WIDTH).slice(0, 2);
  pages.forEach((page, index) => {
    page.drawLine({ start: { x: LEFT, y: mm(21) }, end: { x: RIGHT, y: mm(21) }, thickness: 0.4 });
    helpLines.forEach((line, row) => draw(page, line, LEFT, mm(17) - row * styles.small.leading, styles.small));
    const marker = fit(`${reference} — page ${index + 1}/${pages.length}`, styles.small, TEXT_WIDTH);
    draw(page, marker, RIGHT - widthOf(marker, styles.small), mm(9), styles.small);
  });
}

/** Draws one letter on new pages of `doc`. */
/** The « service fait » photo under the solution, at most 60 × 40 mm, with its caption, on one page. */
function drawPhoto(flow: Flow, image: PDFImage, styles: Styles) {
  const scale = Math.min(mm(60) / image.width, mm(40) / image.height);
  const [width, height] = [image.width * scale, image.height * scale];
  flow.gap(styles.body.leading * 0.5);
  flow.keep(height + styles.small.leading + 2);
  flow.page.drawImage(image, { x: LEFT, y: flow.y - height, width, height });
  flow.y -= height + 2;
  flow.lines(['Photo prise après l’intervention'], styles.small);
}

function drawLetter(doc: PDFDocument, letter: LetterData, styles: Styles, photo: PDFImage | null) {
  const wording = WORDING[letter.kind];
  const reference = oneLine(letter.reference);
  const flow = new Flow(doc);
  drawLetterhead(flow.page, letter, styles);

  flow.y = fromTop(108);
  flow.paragraph(`Objet : votre signalement ${reference}`, styles.strong);
  flow.paragraph(`Référence : ${reference} (à rappeler dans toute correspondance)`, styles.body);
  flow.gap(styles.body.leading * 0.6);
  drawDetails(flow, letter, styles);

  flow.gap(styles.body.leading);
  flow.paragraph('Madame, Monsieur,', styles.body);
  flow.gap(styles.body.leading * 0.5);
  flow.paragraph(wording.intro(formatDate(letter.reportedAt)), styles.body);

  // The heading never ends a page alone: it keeps two lines of the outcome with it.
  flow.gap(styles.body.leading * 0.5);
  flow.keep(styles.heading.leading + 2 * styles.body.leading);
  flow.paragraph(wording.heading, styles.heading);
  const outcome = letter.outcome
    .split(/\r\n?|\n/)
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  flow.paragraph(outcome || '—', styles.body);
  if (photo) drawPhoto(flow, photo, styles);

  // The closing, the courtesy formula and the signature stay together.
  const thanks = wrap(wording.thanks, styles.body, TEXT_WIDTH);
  const courtesy = wrap(COURTESY, styles.body, TEXT_WIDTH);
  const signature = signatory(letter.pole.name).flatMap((line) => wrap(line, styles.body, RIGHT - WINDOW.x));
  const gap = styles.body.leading * 0.5;
  flow.gap(gap);
  flow.keep((thanks.length + courtesy.length + signature.length + 2) * styles.body.leading + gap);
  flow.lines(thanks, styles.body);
  flow.gap(gap);
  flow.lines(courtesy, styles.body);
  flow.gap(styles.body.leading * 2);
  flow.lines(signature, styles.body, WINDOW.x);

  drawFooters(flow.pages, reference, styles);
}

async function render(letters: LetterData[], title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  // No personal data here: document properties travel with the file and show in viewers' title bars.
  doc.setTitle(title);
  doc.setAuthor('Clermont Auvergne Métropole');
  doc.setSubject('Réponse à un signalement sur l’espace public');
  doc.setCreator('Proxim’Cité');
  doc.setProducer('Proxim’Cité (pdf-lib)');
  doc.setLanguage('fr-FR');
  const styles = await embedStyles(doc);
  for (const letter of letters) {
    drawLetter(doc, letter, styles, letter.photo ? await doc.embedJpg(letter.photo.bytes) : null);
  }
  return doc.save();
}

/** One letter, A4, as a PDF. */
export async function renderLetter(letter: LetterData): Promise<Uint8Array> {
  return render([letter], `Courrier ${oneLine(letter.reference)}`);
}

/** The daily print batch: one PDF sharing one embedded font, each letter starting on a new page. */
export async function renderLetters(letters: LetterData[]): Promise<Uint8Array> {
  if (letters.length === 0) throw new RangeError('renderLetters: no letter to render');
  return render(letters, `Courriers Proxim’Cité (${letters.length})`);
}
