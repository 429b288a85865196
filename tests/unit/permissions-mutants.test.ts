import { describe, expect, it } from 'vitest';
import { role } from '@/db/schema';
import { reachOf, ROLE_LABELS, type StaffUser } from '@/lib/permissions';

// What `npm run test:mutation -- --mutate lib/permissions.ts` found untested: the reach itself, which scopeWhere turns
// into every staff query's `where`, and the roles' names shown in the history and the accounts list.

const nordManager: StaffUser = { id: 2, role: 'pole_manager', poleId: 'nord', communeInsee: null };
const cournonAgent: StaffUser = { id: 7, role: 'town_hall_agent', poleId: null, communeInsee: '63124' };
const callCentre: StaffUser = { id: 3, role: 'call_centre_agent', poleId: null, communeInsee: null };

describe('reachOf', () => {
  it('gives a town-hall agent the whole territory for intake, not only its commune', () => {
    expect(reachOf(cournonAgent, 'reports.intake')).toEqual({ kind: 'all' });
    expect(reachOf(callCentre, 'reports.intake')).toEqual({ kind: 'all' });
  });

  it('gives a pôle manager the figures of the whole territory, its reports only in its pôle', () => {
    expect(reachOf(nordManager, 'stats.read')).toEqual({ kind: 'all' });
    expect(reachOf(nordManager, 'reports.read')).toEqual({ kind: 'pole', poleId: 'nord' });
  });

  it('keeps a town-hall agent’s reports to its commune and what it keyed in', () => {
    expect(reachOf(cournonAgent, 'reports.read')).toEqual({ kind: 'commune', communeInsee: '63124', intakeUserId: 7 });
  });

  it('reaches nowhere for a permission the role lacks', () => {
    expect(reachOf(nordManager, 'reports.intake')).toEqual({ kind: 'none' });
  });
});

describe('ROLE_LABELS', () => {
  it('names every role, each with a name of its own', () => {
    const labels = role.enumValues.map((key) => ROLE_LABELS[key]);
    for (const label of labels) expect(label?.trim()).toBeTruthy();
    expect(new Set(labels).size).toBe(role.enumValues.length);
  });
});
