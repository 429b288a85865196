import { env } from '@/lib/env';

// The public map's answers, kept a few seconds in this process for everyone who asks the same question: the map asks
// by whole tiles (viewBox in map-grid.ts), so neighbours' views and the same view's reloads share one computation, and
// a thousand residents opening the map cost the database one grid query per tile set, not a thousand.
//
// Fresh enough, never wrong for long: an entry lives MAP_CACHE_SECONDS (0: nothing kept). Any change to a report in
// this process (the event writer calls `forgetPublicMap`) empties it, and for SETTLE_MS after a change answers are
// computed but not kept, as the change's own transaction may not have committed when it was forgotten. Another
// instance's changes show within MAP_CACHE_SECONDS. Concurrent identical questions share one computation.
//
// The state hangs on globalThis: Next may bundle this module once for the route handlers and once for the server
// actions, and both must see one cache.

const MAX_ENTRIES = 1_000;
/** An answer larger than this (a whole territory without zoom) is not kept: a few of them would fill the memory. */
const MAX_KEPT_CHARS = 512 * 1024;
const SETTLE_MS = 2_000;

type Entry = { at: number; value: Promise<unknown>; size: number };
type State = { entries: Map<string, Entry>; settlesAt: number };

const KEY = Symbol.for('proximcite.publicMapCache');
const state: State = ((globalThis as Record<symbol, unknown>)[KEY] as State | undefined) ?? {
  entries: new Map(),
  settlesAt: 0,
};
(globalThis as Record<symbol, unknown>)[KEY] = state;

/** Called by the event writer on every change to a report: the next question is answered afresh. */
export function forgetPublicMap(now: number = Date.now()): void {
  state.entries.clear();
  state.settlesAt = now + SETTLE_MS;
}

/**
 * The kept answer to `key` if it is younger than MAP_CACHE_SECONDS, else `compute()`'s (kept unless a change is
 * settling, it failed, or `sizeOf` finds it too large). Keys name every filter of the question.
 */
export async function rememberPublic<T>(
  key: string,
  compute: () => Promise<T>,
  options: { now?: number; sizeOf?: (value: T) => number; seconds?: number } = {},
): Promise<T> {
  const now = options.now ?? Date.now();
  const ttl = (options.seconds ?? env.MAP_CACHE_SECONDS) * 1000;
  const kept = state.entries.get(key);
  if (kept && now - kept.at < ttl) return kept.value as Promise<T>;
  const value = compute();
  if (ttl <= 0 || now < state.settlesAt) return value;
  const entry: Entry = { at: now, value, size: 0 };
  state.entries.delete(key);
  state.entries.set(key, entry);
  if (state.entries.size > MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value!);
  value.then(
    (result) => {
      if ((options.sizeOf?.(result) ?? 0) > MAX_KEPT_CHARS && state.entries.get(key) === entry) state.entries.delete(key);
    },
    () => {
      if (state.entries.get(key) === entry) state.entries.delete(key);
    },
  );
  return value;
}

/** How many answers are kept (for tests). */
export function keptPublicAnswers(): number {
  return state.entries.size;
}
