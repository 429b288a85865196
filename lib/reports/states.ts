import type { StateType } from '@/db/schema';

// Code asks a state's type, never its key: staff may add states (each with a type) without code changes.
export type StateLike = { type: StateType };

export const isOpen = (state: StateLike) => state.type === 'open';
export const isResolved = (state: StateLike) => state.type === 'resolved';

// Keys the code itself moves reports into; each is seeded from db/data/report-states.json.
export const INITIAL_STATE = 'new';
export const REOPENED_STATE = 'reopened';

/** A resident may say « pas résolu » for this long after the resolution. */
export const REOPEN_WINDOW_DAYS = 30;

export function canReopen(state: StateLike, resolvedAt: Date | null, now: Date = new Date()): boolean {
  if (!isResolved(state) || !resolvedAt) return false;
  return now.getTime() - resolvedAt.getTime() <= REOPEN_WINDOW_DAYS * 24 * 3_600_000;
}
