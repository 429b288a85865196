// RFC 4180 text, pure. Comma-separated (the RFC's and most programs' default; a French Excel reads it through Données >
// À partir d'un fichier texte, or opens it directly once the BOM tells it the file is UTF-8), CRLF line ends, a field
// quoted only when it holds a comma, a quote or a line break, its quotes doubled.
// No formula escaping (a leading « = » or « - » prefixed with « ' »): it would corrupt negative numbers for programs,
// and nothing exported is typed by a resident — only codes, dates, numbers and labels staff and the seed write.

/** Excel reads a CSV as Windows-1252 unless it starts with the UTF-8 byte order mark. */
export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ',';
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record: a field per item (written in a loop, without an array per row: a million rows make a lot of garbage). */
export function csvRecord<T>(items: readonly T[], field: (item: T) => string | number | null): string {
  let record = '';
  for (let i = 0; i < items.length; i++) record += (i === 0 ? '' : CSV_SEPARATOR) + csvField(field(items[i]!));
  return `${record}\r\n`;
}
