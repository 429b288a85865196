// Public references read PC-YYYY-NNNNNN, numbered per year (Paris time) without gaps or reuse.
// Pure, apart from the numbering (reference.ts, which needs the database): the form's schema reads it in the browser too.
export const REFERENCE_PATTERN = /^PC-(\d{4})-(\d{6})$/;

const parisYear = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', year: 'numeric' });

export function referenceYear(at: Date): number {
  return Number(parisYear.format(at));
}

export function formatReference(year: number, number: number): string {
  return `PC-${year}-${String(number).padStart(6, '0')}`;
}

export function isReference(value: string): boolean {
  return REFERENCE_PATTERN.test(value);
}
