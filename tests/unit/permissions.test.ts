import { describe, expect, it } from 'vitest';
import type { Role } from '@/db/schema';
import { can, hasPermission, PERMISSIONS, type Permission, type ReportScope, type StaffUser } from '@/lib/permissions';

// The role table written out by hand: a change to lib/permissions.ts must be made here too, on purpose.
const Y = true;
const N = false;
const MATRIX: Record<Permission, Record<Role, boolean>> = {
  'reports.read': { admin: Y, pole_manager: Y, call_centre_agent: Y, town_hall_agent: Y, elected: Y },
  'reports.readContact': { admin: Y, pole_manager: Y, call_centre_agent: Y, town_hall_agent: Y, elected: N },
  'reports.triage': { admin: Y, pole_manager: Y, call_centre_agent: N, town_hall_agent: N, elected: N },
  'reports.transfer': { admin: Y, pole_manager: Y, call_centre_agent: Y, town_hall_agent: N, elected: N },
  'reports.note': { admin: Y, pole_manager: Y, call_centre_agent: Y, town_hall_agent: Y, elected: N },
  'reports.intake': { admin: Y, pole_manager: N, call_centre_agent: Y, town_hall_agent: Y, elected: N },
  'reports.moderate': { admin: Y, pole_manager: Y, call_centre_agent: N, town_hall_agent: N, elected: N },
  'rounds.plan': { admin: Y, pole_manager: Y, call_centre_agent: N, town_hall_agent: N, elected: N },
  'letters.print': { admin: Y, pole_manager: Y, call_centre_agent: N, town_hall_agent: N, elected: N },
  'notifications.manage': { admin: Y, pole_manager: N, call_centre_agent: N, town_hall_agent: N, elected: N },
  'stats.read': { admin: Y, pole_manager: Y, call_centre_agent: Y, town_hall_agent: Y, elected: Y },
  'templates.manage': { admin: Y, pole_manager: N, call_centre_agent: N, town_hall_agent: N, elected: N },
  'territory.manage': { admin: Y, pole_manager: N, call_centre_agent: N, town_hall_agent: N, elected: N },
  'accounts.manage': { admin: Y, pole_manager: N, call_centre_agent: N, town_hall_agent: N, elected: N },
};

const ROLES: Role[] = ['admin', 'pole_manager', 'call_centre_agent', 'town_hall_agent', 'elected'];
const ALL = Object.keys(MATRIX) as Permission[];
const SCOPED: Permission[] = [
  'reports.read',
  'reports.readContact',
  'reports.triage',
  'reports.transfer',
  'reports.note',
  'reports.moderate',
  'rounds.plan',
  'letters.print',
];

const admin: StaffUser = { id: 1, role: 'admin', poleId: null, communeInsee: null };
const nordManager: StaffUser = { id: 2, role: 'pole_manager', poleId: 'nord', communeInsee: null };
const callCentre: StaffUser = { id: 3, role: 'call_centre_agent', poleId: null, communeInsee: null };
const cournonAgent: StaffUser = { id: 7, role: 'town_hall_agent', poleId: null, communeInsee: '63124' };
const elected: StaffUser = { id: 9, role: 'elected', poleId: null, communeInsee: null };
const USERS: Record<Role, StaffUser> = {
  admin,
  pole_manager: nordManager,
  call_centre_agent: callCentre,
  town_hall_agent: cournonAgent,
  elected,
};

const inGerzat: ReportScope = { poleId: 'nord', communeInsee: '63164' }; // pôle Nord
const inClermont: ReportScope = { poleId: 'centre', communeInsee: '63113' }; // pôle Centre
const inCournon: ReportScope = { poleId: 'sud-est', communeInsee: '63124' };
const inPerignat: ReportScope = { poleId: 'sud-est', communeInsee: '63272' }; // Cournon's pôle, another commune
const EVERYWHERE = [inGerzat, inClermont, inCournon, inPerignat];

describe('the role table', () => {
  it('names every permission of lib/permissions.ts, and no other', () => {
    expect([...ALL].sort()).toEqual(PERMISSIONS.map((p) => p.key).sort());
  });

  it.each(ALL.flatMap((permission) => ROLES.map((role) => [role, permission, MATRIX[permission][role]] as const)))(
    'gives %s the permission %s: %s',
    (role, permission, expected) => {
      expect(hasPermission(role, permission)).toBe(expected);
      // Asked without a scope (« anywhere at all? »), a person with a home scope answers like the table.
      expect(can(USERS[role], permission)).toBe(expected);
    },
  );
});

describe('scopes', () => {
  it('lets a pôle manager triage only in its pôle', () => {
    expect(can(nordManager, 'reports.triage', inGerzat)).toBe(true);
    expect(can(nordManager, 'reports.triage', inClermont)).toBe(false);
  });

  it('keeps every scoped permission of a pôle manager inside its pôle', () => {
    for (const permission of SCOPED) {
      expect(can(nordManager, permission, inGerzat)).toBe(true);
      expect(can(nordManager, permission, inClermont)).toBe(false);
      expect(can(nordManager, permission, inCournon)).toBe(false);
    }
  });

  it('lets a town-hall agent read the reports of its commune and those it keyed in elsewhere, not others', () => {
    expect(can(cournonAgent, 'reports.read', inCournon)).toBe(true);
    expect(can(cournonAgent, 'reports.read', { ...inCournon, intakeUserId: 3 })).toBe(true);
    expect(can(cournonAgent, 'reports.read', { ...inClermont, intakeUserId: 7 })).toBe(true);
    expect(can(cournonAgent, 'reports.readContact', { ...inClermont, intakeUserId: 7 })).toBe(true);
    expect(can(cournonAgent, 'reports.read', inClermont)).toBe(false);
    expect(can(cournonAgent, 'reports.read', { ...inClermont, intakeUserId: 3 })).toBe(false);
    expect(can(cournonAgent, 'reports.read', { ...inClermont, intakeUserId: null })).toBe(false);
    // Same pôle is not same commune: the agent's reach is Cournon, not the pôle Sud-Est.
    expect(can(cournonAgent, 'reports.read', inPerignat)).toBe(false);
  });

  it('lets a town-hall agent key a report in anywhere in the territory', () => {
    for (const scope of EVERYWHERE) expect(can(cournonAgent, 'reports.intake', scope)).toBe(true);
  });

  it('lets a call-centre agent read and transfer everywhere but never triage', () => {
    for (const scope of EVERYWHERE) {
      expect(can(callCentre, 'reports.read', scope)).toBe(true);
      expect(can(callCentre, 'reports.readContact', scope)).toBe(true);
      expect(can(callCentre, 'reports.transfer', scope)).toBe(true);
      expect(can(callCentre, 'reports.triage', scope)).toBe(false);
    }
  });

  it('lets an elected person read everywhere, never the contact, and change nothing', () => {
    for (const scope of EVERYWHERE) {
      expect(can(elected, 'reports.read', scope)).toBe(true);
      expect(can(elected, 'reports.readContact', scope)).toBe(false);
      for (const permission of ALL.filter((p) => p !== 'reports.read' && p !== 'stats.read')) {
        expect(can(elected, permission, scope)).toBe(false);
      }
    }
  });

  it('lets an administrator do everything everywhere', () => {
    for (const scope of EVERYWHERE) for (const permission of ALL) expect(can(admin, permission, scope)).toBe(true);
  });

  it('gives a pôle manager without a pôle nothing scoped', () => {
    const adrift: StaffUser = { ...nordManager, poleId: null };
    for (const permission of SCOPED) {
      expect(can(adrift, permission)).toBe(false);
      for (const scope of EVERYWHERE) expect(can(adrift, permission, scope)).toBe(false);
    }
  });

  it('gives a town-hall agent without a commune nothing scoped, not even what it keyed in', () => {
    const adrift: StaffUser = { ...cournonAgent, communeInsee: null };
    expect(can(adrift, 'reports.read')).toBe(false);
    expect(can(adrift, 'reports.read', { ...inClermont, intakeUserId: 7 })).toBe(false);
  });

  it('reads a question without a scope as « anywhere at all? »', () => {
    expect(can(nordManager, 'reports.triage')).toBe(true);
    expect(can(cournonAgent, 'reports.read')).toBe(true);
    expect(can(callCentre, 'reports.triage')).toBe(false);
    expect(can(elected, 'reports.note')).toBe(false);
  });
});
