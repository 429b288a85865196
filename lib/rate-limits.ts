import 'server-only';
import { and, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { rateLimits } from '@/db/schema';

// Counters of what a sender (hashed: an address, a mailbox, an account) did recently, shared by every instance through
// the rate_limits table. A sliding window, approximated from two fixed ones: this window's hits plus the share of the
// previous window's that still falls within the last window's length — so the turn of a window resets nothing.

export type Limit = { key: string; limit: number };

function windowsOf(windowMs: number, now: Date) {
  const current = Math.floor(now.getTime() / windowMs) * windowMs;
  return { current: new Date(current), previous: new Date(current - windowMs), elapsed: (now.getTime() - current) / windowMs };
}

/** Per key: the hits of this window, and the previous window's hits weighted by the share still inside the last window. */
export async function recentHits(db: Db, keys: string[], windowMs: number, now: Date) {
  const { current, previous, elapsed } = windowsOf(windowMs, now);
  const rows =
    keys.length === 0
      ? []
      : await db
          .select({ key: rateLimits.key, windowStart: rateLimits.windowStart, hits: rateLimits.hits })
          .from(rateLimits)
          .where(and(inArray(rateLimits.key, keys), inArray(rateLimits.windowStart, [current, previous])));
  const counts = new Map(keys.map((key) => [key, { current: 0, previousShare: 0 }]));
  for (const row of rows) {
    const entry = counts.get(row.key)!;
    if (row.windowStart.getTime() === current.getTime()) entry.current += row.hits;
    else entry.previousShare += row.hits * (1 - elapsed);
  }
  return counts;
}

/**
 * A cheap check before any costly work: whether a key has already reached its limit, and the previous window's share
 * per key, which countHit reuses (that window is over: its hits no longer change).
 */
export async function checkLimits(db: Db, limits: Limit[], windowMs: number, now: Date) {
  const recent = await recentHits(
    db,
    limits.map((l) => l.key),
    windowMs,
    now,
  );
  return {
    isOver: limits.some(({ key, limit }) => recent.get(key)!.current + recent.get(key)!.previousShare >= limit),
    previousShare: new Map([...recent].map(([key, counts]) => [key, counts.previousShare])),
  };
}

/**
 * Counts one more hit for every key, in the caller's transaction and in the caller's order (no two transactions take
 * the same row locks in opposite orders); returns whether one of them is now past its limit (the caller rolls back).
 */
export async function countHit(
  db: Db,
  limits: Limit[],
  windowMs: number,
  now: Date,
  previousShare: Map<string, number> = new Map(),
): Promise<boolean> {
  if (limits.length === 0) return false;
  const { current } = windowsOf(windowMs, now);
  const rows = await db
    .insert(rateLimits)
    .values(limits.map(({ key }) => ({ key, windowStart: current, hits: 1 })))
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { hits: sql`${rateLimits.hits} + 1` } })
    .returning({ key: rateLimits.key, hits: rateLimits.hits });
  const limitOf = new Map(limits.map(({ key, limit }) => [key, limit]));
  const isOver = rows.some((row) => row.hits + (previousShare.get(row.key) ?? 0) > limitOf.get(row.key)!);
  // Old windows are swept now and then rather than on every hit: a day's rows are few.
  if (Math.random() < 0.01)
    await db.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(now.getTime() - 24 * 3_600_000)));
  return isOver;
}

/** Forgets a key's hits (a successful sign-in clears the account's failures). */
export async function clearHits(db: Db, key: string): Promise<void> {
  await db.delete(rateLimits).where(inArray(rateLimits.key, [key]));
}
