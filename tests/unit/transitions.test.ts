import { describe, expect, it } from 'vitest';
import { STATE_KEYS, type StateKey } from '@/db/schema';
import { pathTo } from '@/lib/demo/reports';
import type { StaffUser } from '@/lib/permissions';
import {
  allowedMoves,
  canResidentReopen,
  findMove,
  INITIAL_STATE,
  REOPEN_WINDOW_DAYS,
  TRANSITIONS,
  type MovableReport,
} from '@/lib/reports/states';

// The lifecycle written out by hand, one line per move: « from → to », and whether the move asks for a written reason.
const STAFF_MOVES: [StateKey, StateKey, 'reason' | 'no reason'][] = [
  ['new', 'acknowledged', 'no reason'],
  ['new', 'in_progress', 'no reason'],
  ['new', 'resolved', 'reason'],
  ['new', 'rejected', 'reason'],
  ['new', 'duplicate', 'no reason'],
  ['acknowledged', 'in_progress', 'no reason'],
  ['acknowledged', 'resolved', 'reason'],
  ['acknowledged', 'rejected', 'reason'],
  ['acknowledged', 'duplicate', 'no reason'],
  ['in_progress', 'resolved', 'reason'],
  ['in_progress', 'rejected', 'reason'],
  ['in_progress', 'duplicate', 'no reason'],
  ['reopened', 'acknowledged', 'no reason'],
  ['reopened', 'in_progress', 'no reason'],
  ['reopened', 'resolved', 'reason'],
  ['reopened', 'rejected', 'reason'],
  ['reopened', 'duplicate', 'no reason'],
  ['resolved', 'reopened', 'reason'],
  ['rejected', 'reopened', 'reason'],
];
const RESIDENT_MOVES: [StateKey, StateKey, 'reason' | 'no reason'][] = [['resolved', 'reopened', 'reason']];

const line = (from: StateKey, to: StateKey, needsReason: boolean) => `${from} → ${to} (${needsReason ? 'reason' : 'no reason'})`;
const PAIRS = STATE_KEYS.flatMap((from) => STATE_KEYS.map((to) => [from, to] as const));

const nordManager: StaffUser = { id: 2, role: 'pole_manager', poleId: 'nord', communeInsee: null };
const callCentre: StaffUser = { id: 3, role: 'call_centre_agent', poleId: null, communeInsee: null };
const elected: StaffUser = { id: 9, role: 'elected', poleId: null, communeInsee: null };
const inNord = (stateKey: StateKey): MovableReport => ({ poleId: 'nord', communeInsee: '63164', stateKey });
const inCentre = (stateKey: StateKey): MovableReport => ({ poleId: 'centre', communeInsee: '63113', stateKey });

describe('the transitions table', () => {
  it('holds exactly the staff moves written above, all under reports.triage', () => {
    const staff = TRANSITIONS.filter((m) => m.by !== 'resident');
    expect(staff.map((m) => line(m.from, m.to, m.needsReason)).sort()).toEqual(
      STAFF_MOVES.map(([from, to, reason]) => line(from, to, reason === 'reason')).sort(),
    );
    expect(new Set(staff.map((m) => m.by))).toEqual(new Set(['reports.triage']));
  });

  it('holds exactly one resident move: « pas résolu » from resolved to reopened, with a reason', () => {
    const resident = TRANSITIONS.filter((m) => m.by === 'resident');
    expect(resident.map((m) => line(m.from, m.to, m.needsReason))).toEqual(
      RESIDENT_MOVES.map(([from, to, reason]) => line(from, to, reason === 'reason')),
    );
  });

  it.each(PAIRS)('knows whether %s → %s exists, for staff and for the resident', (from, to) => {
    const isStaffMove = STAFF_MOVES.some(([f, t]) => f === from && t === to);
    const isResidentMove = RESIDENT_MOVES.some(([f, t]) => f === from && t === to);
    const found = TRANSITIONS.filter((m) => m.from === from && m.to === to);
    expect(found.filter((m) => m.by !== 'resident')).toHaveLength(isStaffMove ? 1 : 0);
    expect(found.filter((m) => m.by === 'resident')).toHaveLength(isResidentMove ? 1 : 0);
  });

  it('asks for a reason exactly on the moves to resolved, rejected and reopened', () => {
    for (const move of TRANSITIONS) expect(move.needsReason).toBe(['resolved', 'rejected', 'reopened'].includes(move.to));
  });

  it('never leads back to « Nouveau »', () => {
    expect(TRANSITIONS.filter((m) => m.to === INITIAL_STATE)).toEqual([]);
  });
});

describe('allowedMoves', () => {
  it('offers a Nord manager every way out of a new report of the pôle Nord', () => {
    expect(allowedMoves(nordManager, inNord('new')).map((m) => m.to)).toEqual([
      'acknowledged',
      'in_progress',
      'resolved',
      'rejected',
      'duplicate',
    ]);
  });

  it('offers a Nord manager nothing on a report of the pôle Centre', () => {
    for (const state of STATE_KEYS) expect(allowedMoves(nordManager, inCentre(state))).toEqual([]);
  });

  it('offers a Nord manager the staff reopening of a resolved report, not the resident’s', () => {
    expect(allowedMoves(nordManager, inNord('resolved')).map((m) => [m.to, m.by])).toEqual([['reopened', 'reports.triage']]);
  });

  it.each([
    ['an elected person', elected],
    ['a call-centre agent', callCentre],
  ])('offers %s nothing, in any state', (_, user) => {
    for (const state of STATE_KEYS) {
      expect(allowedMoves(user, inNord(state))).toEqual([]);
      expect(allowedMoves(user, inCentre(state))).toEqual([]);
    }
  });
});

describe('findMove', () => {
  it.each(PAIRS)('lets the resident move %s → %s only if it is resolved → reopened', (from, to) => {
    const move = findMove('resident', inNord(from), to);
    if (from === 'resolved' && to === 'reopened') expect(move).toMatchObject({ by: 'resident', needsReason: true });
    else expect(move).toBeNull();
  });

  it('finds the staff move for a manager in scope and nothing out of scope', () => {
    expect(findMove(nordManager, inNord('resolved'), 'reopened')).toMatchObject({ by: 'reports.triage' });
    expect(findMove(nordManager, inCentre('resolved'), 'reopened')).toBeNull();
    expect(findMove(nordManager, inNord('in_progress'), 'acknowledged')).toBeNull();
  });
});

describe('canResidentReopen', () => {
  const now = new Date('2026-03-31T12:00:00Z');
  const daysAgo = (days: number, extraMs = 0) => new Date(now.getTime() - days * 24 * 3_600_000 - extraMs);

  it('offers « ce n’est pas résolu » up to 30 days after the resolution', () => {
    expect(REOPEN_WINDOW_DAYS).toBe(30);
    expect(canResidentReopen({ stateKey: 'resolved', resolvedAt: daysAgo(0) }, now)).toBe(true);
    expect(canResidentReopen({ stateKey: 'resolved', resolvedAt: daysAgo(29) }, now)).toBe(true);
    expect(canResidentReopen({ stateKey: 'resolved', resolvedAt: daysAgo(30) }, now)).toBe(true);
  });

  it('refuses it once the 30 days are over', () => {
    expect(canResidentReopen({ stateKey: 'resolved', resolvedAt: daysAgo(30, 1) }, now)).toBe(false);
    expect(canResidentReopen({ stateKey: 'resolved', resolvedAt: daysAgo(31) }, now)).toBe(false);
  });

  it('refuses it in any other state, or without a resolution date', () => {
    expect(canResidentReopen({ stateKey: 'resolved', resolvedAt: null }, now)).toBe(false);
    for (const state of STATE_KEYS.filter((s) => s !== 'resolved')) {
      expect(canResidentReopen({ stateKey: state, resolvedAt: daysAgo(1) }, now)).toBe(false);
    }
  });
});

describe('the demo’s pathTo', () => {
  it.each(STATE_KEYS)('reaches %s from « Nouveau » through staff moves only', (target) => {
    const path = pathTo(target);
    let state: StateKey = INITIAL_STATE;
    for (const next of path) {
      expect(TRANSITIONS.some((m) => m.from === state && m.to === next && m.by !== 'resident')).toBe(true);
      state = next;
    }
    expect(state).toBe(target);
  });

  it('takes no step for « Nouveau » and one step to resolve', () => {
    expect(pathTo('new')).toEqual([]);
    expect(pathTo('resolved')).toEqual(['resolved']);
  });
});
