import type { Role } from '@/db/schema';

// Who may do what, and where. A permission is always asked for a scope (the report's pôle and commune): a role's
// reach decides whether that scope is in it. Pure, so the whole table is unit-tested.

export const PERMISSIONS = [
  { key: 'reports.read', description: 'Voir les signalements et leur historique', roles: 'all' },
  {
    key: 'reports.readContact',
    description: 'Voir les coordonnées des usagers',
    roles: ['admin', 'pole_manager', 'call_centre_agent', 'town_hall_agent'],
  },
  {
    key: 'reports.triage',
    description: 'Prendre en compte, qualifier, affecter, planifier, résoudre, rejeter un signalement',
    roles: ['admin', 'pole_manager'],
  },
  {
    key: 'reports.transfer',
    description: 'Transférer un signalement à un autre pôle',
    roles: ['admin', 'pole_manager', 'call_centre_agent'],
  },
  {
    key: 'reports.note',
    description: 'Ajouter une note interne',
    roles: ['admin', 'pole_manager', 'call_centre_agent', 'town_hall_agent'],
  },
  {
    key: 'reports.intake',
    description: 'Saisir un signalement pour un usager',
    roles: ['admin', 'call_centre_agent', 'town_hall_agent'],
  },
  {
    key: 'reports.moderate',
    description: 'Publier, corriger ou masquer ce qu’un usager a écrit ou photographié ; signaler un expéditeur abusif',
    roles: ['admin', 'pole_manager'],
  },
  {
    key: 'rounds.plan',
    description: 'Préparer et imprimer une feuille de tournée, pour soi ou une personne du pôle',
    roles: ['admin', 'pole_manager'],
  },
  {
    key: 'letters.print',
    description: 'Imprimer les courriers du pôle et les marquer comme postés',
    roles: ['admin', 'pole_manager'],
  },
  {
    key: 'notifications.manage',
    description: 'Voir les courriels envoyés et relancer ceux en échec',
    roles: ['admin'],
  },
  { key: 'stats.read', description: 'Consulter le tableau de bord', roles: 'all' },
  { key: 'templates.manage', description: 'Modifier les modèles de réponse', roles: ['admin'] },
  { key: 'territory.manage', description: 'Modifier les accueils des mairies', roles: ['admin'] },
  { key: 'accounts.manage', description: 'Gérer les comptes', roles: ['admin'] },
] as const satisfies readonly { key: string; description: string; roles: 'all' | readonly Role[] }[];

export type Permission = (typeof PERMISSIONS)[number]['key'];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrateur',
  pole_manager: 'Responsable de pôle',
  call_centre_agent: 'Agent du numéro vert',
  town_hall_agent: 'Agent d’accueil en mairie',
  elected: 'Élu',
};

/** What the permission checks need of a person: role and home scope, nothing else. */
export type StaffUser = { id: number; role: Role; poleId: string | null; communeInsee: string | null };

/** Where a report sits: its pôle, its commune, and who keyed it in (a town-hall agent keeps sight of its own). */
export type ReportScope = { poleId: string; communeInsee: string; intakeUserId?: number | null };

/** How far a person's permission reaches: nowhere, everywhere, or a pôle / a commune (plus what they keyed in). */
export type Reach =
  | { kind: 'none' }
  | { kind: 'all' }
  | { kind: 'pole'; poleId: string }
  | { kind: 'commune'; communeInsee: string; intakeUserId: number };

export function hasPermission(role: Role, permission: Permission): boolean {
  const entry = PERMISSIONS.find((p) => p.key === permission)!;
  return entry.roles === 'all' || (entry.roles as readonly Role[]).includes(role);
}

// Intake is anywhere in the territory for every role that has it: a caller or visitor may report any street.
const TERRITORY_WIDE: readonly Permission[] = [
  'reports.intake',
  'stats.read',
  'templates.manage',
  'territory.manage',
  'accounts.manage',
  'notifications.manage',
];

export function reachOf(user: StaffUser, permission: Permission): Reach {
  if (!hasPermission(user.role, permission)) return { kind: 'none' };
  if (TERRITORY_WIDE.includes(permission)) return { kind: 'all' };
  switch (user.role) {
    case 'admin':
    case 'call_centre_agent':
    case 'elected':
      return { kind: 'all' };
    case 'pole_manager':
      return user.poleId ? { kind: 'pole', poleId: user.poleId } : { kind: 'none' };
    case 'town_hall_agent':
      return user.communeInsee ? { kind: 'commune', communeInsee: user.communeInsee, intakeUserId: user.id } : { kind: 'none' };
  }
}

export function can(user: StaffUser, permission: Permission, scope?: ReportScope): boolean {
  const reach = reachOf(user, permission);
  if (reach.kind === 'none') return false;
  // Without a scope the question is « anywhere at all? » (to show a menu); pages and actions always name one.
  if (reach.kind === 'all' || !scope) return true;
  if (reach.kind === 'pole') return scope.poleId === reach.poleId;
  return scope.communeInsee === reach.communeInsee || scope.intakeUserId === reach.intakeUserId;
}
