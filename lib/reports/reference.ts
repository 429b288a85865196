import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { referenceCounters } from '@/db/schema';

// The format lives in reference-format.ts (pure, safe in the browser); it is re-exported for the server's callers.
export { formatReference, isReference, REFERENCE_PATTERN, referenceYear } from './reference-format';

/** Reserves `count` consecutive numbers for the year (one row lock) and returns the first. */
export async function allocateReferenceNumbers(db: Db, year: number, count = 1): Promise<number> {
  const [row] = await db
    .insert(referenceCounters)
    .values({ year, last: count })
    .onConflictDoUpdate({ target: referenceCounters.year, set: { last: sql`${referenceCounters.last} + ${count}` } })
    .returning({ last: referenceCounters.last });
  return row!.last - count + 1;
}
