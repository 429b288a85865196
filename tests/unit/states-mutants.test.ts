import { describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { RESIDENT } from '@/lib/reports/events';
import { DEFAULT_SEVERITY_DAYS as SEVERITY_DAYS } from '@/lib/reports/sla';
import { enterState, isResolved, TRANSITIONS, type ReportVersion, type Transition } from '@/lib/reports/states';

// What `npm run test:mutation -- --mutate lib/reports/states.ts` found untested: enterState's own refusals, made before
// it touches the database (so no database here), and the words of each move's button.

const report: ReportVersion = { id: 1, version: 3, stateKey: 'new', severity: 'medium', poleId: 'nord' };
const move = (from: string, to: string) => TRANSITIONS.find((m) => m.from === from && m.to === to && m.by !== 'resident')!;
const untouched = {} as Db;

describe('enterState', () => {
  it('refuses a move that does not start from the report’s state', async () => {
    await expect(
      enterState(untouched, report, move('resolved', 'reopened'), {
        actor: RESIDENT,
        text: 'Pas réparé.',
        severityDays: SEVERITY_DAYS,
      }),
    ).rejects.toThrow('no move from new to reopened');
  });

  it('refuses a move that needs a reason without one, blanks included', async () => {
    const resolve: Transition = move('new', 'resolved');
    for (const text of [undefined, null, '', '   \n ']) {
      await expect(
        enterState(untouched, report, resolve, { actor: RESIDENT, text, severityDays: SEVERITY_DAYS }),
      ).rejects.toThrow('the move to resolved needs a reason');
    }
  });
});

describe('the transitions table', () => {
  it('gives every move the words of its button', () => {
    for (const m of TRANSITIONS) expect(m.label.trim(), `${m.from} → ${m.to} (${m.by})`).not.toBe('');
  });
});

describe('isResolved', () => {
  it('tells a resolved state from an open or a closed one', () => {
    expect(isResolved({ type: 'resolved' })).toBe(true);
    expect(isResolved({ type: 'open' })).toBe(false);
    expect(isResolved({ type: 'closed' })).toBe(false);
  });
});
