// A small in-memory cache for figures: each view is counted at most once per `ttlMs` by this process, and requests
// arriving while it is being counted share the same count. A failed count is forgotten at once (the next request
// tries again). Per process: two app instances each count once a minute, which is fine for aggregates.

const MAX_ENTRIES = 500;
type Entry = { expiresAt: number; value: Promise<unknown> };
const entries = new Map<string, Entry>();

export function remember<T>(key: string, ttlMs: number, compute: () => Promise<T>, now: () => number = Date.now): Promise<T> {
  const found = entries.get(key);
  if (found && found.expiresAt > now()) return found.value as Promise<T>;
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  const value = compute();
  entries.set(key, { expiresAt: now() + ttlMs, value });
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  return value;
}

/** Forgets every cached figure (tests; a data fix). */
export function forgetFigures(): void {
  entries.clear();
}
