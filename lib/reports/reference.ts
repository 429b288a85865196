import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { referenceCounters } from '@/db/schema';

// Public references read PC-YYYY-NNNNNN, numbered per year (Paris time) without gaps or reuse.
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

/** Reserves `count` consecutive numbers for the year (one row lock) and returns the first. */
export async function allocateReferenceNumbers(db: Db, year: number, count = 1): Promise<number> {
  const [row] = await db
    .insert(referenceCounters)
    .values({ year, last: count })
    .onConflictDoUpdate({ target: referenceCounters.year, set: { last: sql`${referenceCounters.last} + ${count}` } })
    .returning({ last: referenceCounters.last });
  return row!.last - count + 1;
}
