import type { Channel, Role, Severity, StateKey } from '@/db/schema';
import { IS_PUBLIC, type EventKind } from '@/lib/reports/events';
import { isWorkingDay, dueAtFor, type SeverityDays } from '@/lib/reports/sla';
import { INITIAL_STATE, REOPEN_WINDOW_DAYS, TRANSITIONS } from '@/lib/reports/states';
import type { Locator } from '@/lib/territory/locate';
import { STREETS } from '@/lib/demo/random';

// The reports of the load generator (tests/bench/load.ts) and their history, written straight as COPY text lines so
// that a million of them never sit in memory as objects. Every state is reached through moves of the lifecycle's own
// transitions table; dates, outcome and due date follow from that history the way enterState would have set them.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const REPORT_COLUMNS = [
  'id',
  'reference',
  'category_slug',
  'description',
  'lon',
  'lat',
  'address',
  'commune_insee',
  'pole_id',
  'channel',
  'state_key',
  'severity',
  'due_at',
  'assignee_user_id',
  'planned_for',
  'intake_user_id',
  'duplicate_of_id',
  'outcome',
  'version',
  'acknowledged_at',
  'is_near_border',
  'is_location_to_confirm',
  'wants_no_reply',
  'tracking_token_hash',
  'reporter_name',
  'reporter_email',
  'reporter_phone',
  'reporter_address',
  'idempotency_key',
  'created_at',
  'updated_at',
  'resolved_at',
  'published_at',
] as const;

export const EVENT_COLUMNS = [
  'report_id',
  'kind',
  'actor_type',
  'actor_user_id',
  'actor_role',
  'pole_id',
  'from_state',
  'to_state',
  'to_pole_id',
  'reason',
  'data',
  'is_public',
  'created_at',
] as const;

export type Staff = { id: number; role: Role; name: string; poleId: string | null; email: string };
export type Territory = { insee: string; name: string; poleId: string; bbox: [number, number, number, number] }[];
export type CategoryRow = { slug: string; severity: Severity; template: string | null };

export type Options = {
  now: number;
  random: () => number;
  territory: Territory;
  locator: Locator;
  categories: CategoryRow[];
  staff: Staff[];
  severityDays: SeverityDays;
  pointsPerRun: number;
};

// Clermont-Ferrand holds half the population: it gets about 40 % of the reports, as in the demo.
const CLERMONT = '63113';
const CHANNELS: [Channel, number][] = [
  ['web', 0.5],
  ['phone', 0.3],
  ['counter', 0.15],
  ['api', 0.05],
];
const OPEN_STATES: [StateKey, number][] = [
  ['new', 0.3],
  ['acknowledged', 0.25],
  ['in_progress', 0.35],
  ['reopened', 0.1],
];
// Of the closed reports: about 85 % of all reports end resolved, the rest rejected or merged as duplicates.
const CLOSED_STATES: [StateKey, number][] = [
  ['resolved', 0.877],
  ['rejected', 0.082],
  ['duplicate', 0.041],
];
/** The staff paths from « Nouveau » to each state; `reopened` steps are the resident's « pas résolu » when in time. */
const PATHS: Record<StateKey, [StateKey[], number][]> = {
  new: [[[], 1]],
  acknowledged: [[['acknowledged'], 1]],
  in_progress: [
    [['acknowledged', 'in_progress'], 0.7],
    [['in_progress'], 0.3],
  ],
  reopened: [
    [['resolved', 'reopened'], 0.5],
    [['acknowledged', 'resolved', 'reopened'], 0.5],
  ],
  resolved: [
    [['resolved'], 0.2],
    [['acknowledged', 'resolved'], 0.32],
    [['acknowledged', 'in_progress', 'resolved'], 0.45],
    [['resolved', 'reopened', 'resolved'], 0.03],
  ],
  rejected: [
    [['rejected'], 0.6],
    [['acknowledged', 'rejected'], 0.4],
  ],
  duplicate: [
    [['duplicate'], 0.8],
    [['acknowledged', 'duplicate'], 0.2],
  ],
};

const DESCRIPTIONS = [
  'Signalé par un riverain, à traiter dès que possible.',
  'Le problème dure depuis plusieurs jours et gêne le passage des piétons.',
  'Situation dangereuse pour les deux-roues, surtout la nuit.',
  'Déjà constaté la semaine dernière, rien n’a changé depuis.',
  'Près de l’arrêt de bus, très visible et fréquenté.',
  'Devant l’école : les enfants passent là tous les matins.',
];
const FIRST_NAMES = ['Martine', 'Jean', 'Sophie', 'Karim', 'Lucie', 'Paul', 'Nadia', 'Thomas', 'Chantal', 'Mehdi'];
const LAST_NAMES = ['Dupuy', 'Chassaing', 'Vidal', 'Benali', 'Faure', 'Rougier', 'Meunier', 'Bardin', 'Roux', 'Pons'];
const REJECTIONS = [
  'Ne relève pas de la compétence de la Métropole : transmis au service concerné de la commune, qui vous répondra.',
  'Terrain privé : la Métropole ne peut pas intervenir, le propriétaire a été informé.',
];
const REOPEN_REASONS = ['Le problème est revenu deux jours après l’intervention.', 'Rien n’a été fait à cet endroit.'];
const STAFF_REOPEN = 'Nouvelle intervention nécessaire après contrôle sur place.';

type Actor = { type: 'resident' } | { type: 'system' } | { type: 'staff'; user: Staff };

/** Every path must be a walk through TRANSITIONS: the loader cannot drift from the lifecycle. */
function checkPaths() {
  for (const [target, variants] of Object.entries(PATHS)) {
    for (const [path] of variants) {
      let state: StateKey = INITIAL_STATE;
      for (const next of path) {
        if (!TRANSITIONS.some((m) => m.from === state && m.to === next)) throw new Error(`no move ${state} → ${next}`);
        state = next;
      }
      if (state !== target) throw new Error(`path to ${target} ends in ${state}`);
    }
  }
}

/**
 * dueAtFor costs about 0.1 ms (the Paris calendar through Intl): too much for a million reports. Within one Paris date
 * it is simple: a report made on a working day is due a fixed time later (to the second: dueAtFor drops the
 * milliseconds; clocks change on Sundays only), one made on a day off is due at one instant. So dueAtFor is asked once
 * per severity and Paris date; checked equal to dueAtFor itself on 200,000 random instants.
 */
function dueDates(severityDays: SeverityDays) {
  const parisDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' });
  // Paris is a whole number of hours ahead of UTC: a UTC hour lies within one Paris date.
  const dateOfHour = new Map<number, string>();
  const byDate = new Map<string, { isWorking: boolean; value: number }>();
  return (severity: Severity, at: number): number => {
    const hour = Math.floor(at / HOUR);
    let date = dateOfHour.get(hour);
    if (date === undefined) dateOfHour.set(hour, (date = parisDate.format(at)));
    const second = Math.floor(at / 1000) * 1000;
    const key = `${severity} ${date}`;
    let entry = byDate.get(key);
    if (!entry) {
      const isWorking = isWorkingDay(new Date(at));
      const due = dueAtFor(severity, new Date(at), severityDays).getTime();
      entry = { isWorking, value: isWorking ? due - second : due };
      byDate.set(key, entry);
    }
    return entry.isWorking ? second + entry.value : entry.value;
  };
}

/** Points routed by the territory locator to each commune, drawn once per run from the commune's box. */
function pointPools(options: Options) {
  const { territory, locator, random, pointsPerRun } = options;
  const pools = new Map<string, { lon: number; lat: number; nearBorder: boolean }[]>();
  for (const commune of territory) {
    const share = 0.6 / territory.length + (commune.insee === CLERMONT ? 0.4 : 0);
    const wanted = Math.max(100, Math.round(pointsPerRun * share));
    const pool: { lon: number; lat: number; nearBorder: boolean }[] = [];
    const [minLon, minLat, maxLon, maxLat] = commune.bbox;
    while (pool.length < wanted) {
      const lon = Math.round((minLon + random() * (maxLon - minLon)) * 1e6) / 1e6;
      const lat = Math.round((minLat + random() * (maxLat - minLat)) * 1e6) / 1e6;
      const location = locator.locate(lon, lat);
      if (location?.commune.insee === commune.insee) pool.push({ lon, lat, nearBorder: location.nearBorder });
    }
    pools.set(commune.insee, pool);
  }
  return pools;
}

const copyText = (value: string | number | boolean | null | undefined): string => {
  if (value === null || value === undefined) return '\\N';
  if (typeof value !== 'string') return String(value);
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)
    : value;
};
const line = (values: (string | number | boolean | null | undefined)[]) => values.map(copyText).join('\t') + '\n';
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export type Tally = { events: number; states: Record<string, number> };

export function createReportFactory(options: Options) {
  checkPaths();
  const { now, random, territory, categories, staff } = options;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const weighted = <T>(items: [T, number][]) => {
    let r = random();
    for (const [item, weight] of items) if ((r -= weight) < 0) return item;
    return items[items.length - 1]![0];
  };
  const hex = (words: number) => {
    let out = '';
    for (let i = 0; i < words; i++) out += ((random() * 4_294_967_296) >>> 0).toString(16).padStart(8, '0');
    return out;
  };
  // The form's idempotency key is a browser-made UUID.
  const uuid = () => {
    const h = hex(4);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  };
  const dueAt = dueDates(options.severityDays);
  const pools = pointPools(options);
  const byEmail = new Map(staff.map((s) => [s.email.split('@')[0]!, s]));
  const poleStaff = new Map(
    territory.map((c) => [c.poleId, staff.filter((s) => s.role === 'pole_manager' && s.poleId === c.poleId)]),
  );
  // The latest report of each pôle and category that is not itself a duplicate: what a manager would link to.
  const originals = new Map<string, { id: number; reference: string }>();
  const clermont = territory.find((c) => c.insee === CLERMONT)!;
  const tally: Tally = { events: 0, states: {} };

  /** One report (as a COPY line) and its history (as COPY lines), created at `createdAt`. */
  function next(id: number, reference: string, createdAt: number): { report: string; events: string[] } {
    const commune = random() < 0.4 ? clermont : pick(territory);
    const point = pick(pools.get(commune.insee)!);
    const category = pick(categories);
    const channel = weighted(CHANNELS);
    const intake =
      channel === 'phone'
        ? byEmail.get('agent')!
        : channel === 'counter' && commune.insee === '63124'
          ? byEmail.get('accueil.cournon')!
          : null;
    const creator: Actor = intake
      ? { type: 'staff', user: intake }
      : channel === 'api'
        ? { type: 'system' }
        : { type: 'resident' };
    const managers = poleStaff.get(commune.poleId)!;

    const ageDays = (now - createdAt) / DAY;
    // Young reports are mostly still open, some linger for months: about 3 % open overall.
    const isOpen = random() < 0.9 * Math.exp(-ageDays / 25) + 0.14 * Math.exp(-ageDays / 180);
    const state = weighted(isOpen ? OPEN_STATES : CLOSED_STATES);
    const path = weighted(PATHS[state]);
    // Closed reports took a few days (never beyond now); open ones moved at some point of their life so far.
    const age = now - createdAt;
    const span = isOpen ? age * (0.2 + 0.7 * random()) : Math.min(age * 0.98, HOUR + -Math.log(1 - random()) * 6 * DAY);
    const stepAt = (i: number) => createdAt + Math.round(span * ((i + 1) / path.length) ** 2);

    const events: string[] = [];
    const event = (
      kind: EventKind,
      actor: Actor,
      at: number,
      fields: { from?: StateKey; to?: StateKey; reason?: string | null; data?: string },
    ) => {
      const user = actor.type === 'staff' ? actor.user : null;
      events.push(
        line([
          id,
          kind,
          actor.type,
          user?.id,
          user?.role,
          commune.poleId,
          fields.from,
          fields.to,
          kind === 'created' ? commune.poleId : null,
          fields.reason,
          fields.data,
          IS_PUBLIC[kind],
          iso(at),
        ]),
      );
    };
    event('created', creator, createdAt, { to: INITIAL_STATE });

    const outcome = state === 'resolved' ? category.template : state === 'rejected' ? pick(REJECTIONS) : null;
    let from: StateKey = INITIAL_STATE;
    let lastAt = createdAt;
    let resolvedAt: number | null = null;
    let reopenedAt: number | null = null;
    let inProgressAt: number | null = null;
    let duplicateOf: { id: number; reference: string } | undefined;
    path.forEach((to, i) => {
      const at = stepAt(i);
      const manager: Actor = { type: 'staff', user: pick(managers) };
      if (to === 'reopened') {
        const isResidentInTime = resolvedAt !== null && at - resolvedAt <= REOPEN_WINDOW_DAYS * DAY && random() < 0.7;
        const actor: Actor = isResidentInTime ? { type: 'resident' } : manager;
        event('reopened', actor, at, { from, to, reason: isResidentInTime ? pick(REOPEN_REASONS) : STAFF_REOPEN });
        reopenedAt = at;
      } else {
        duplicateOf = to === 'duplicate' ? originals.get(`${commune.poleId}|${category.slug}`) : undefined;
        const reason = to === 'resolved' ? category.template : to === 'rejected' ? outcome : null;
        const data = duplicateOf ? JSON.stringify({ originalReference: duplicateOf.reference }) : undefined;
        event('state_changed', manager, at, { from, to, reason, data });
      }
      resolvedAt = to === 'resolved' ? at : null;
      if (to === 'in_progress') inProgressAt = at;
      from = to;
      lastAt = at;
    });

    // Some acknowledged reports get a person of the pôle, some a planned intervention date.
    const acknowledgedAt = path.length > 0 ? stepAt(0) : null;
    const assignee =
      acknowledgedAt !== null && state !== 'rejected' && state !== 'duplicate' && random() < 0.4 ? pick(managers) : null;
    if (assignee) {
      const at = acknowledgedAt! + 60_000;
      event('assigned', { type: 'staff', user: pick(managers) }, at, {
        data: JSON.stringify({ assigneeUserId: assignee.id, assigneeName: assignee.name }),
      });
      lastAt = Math.max(lastAt, at);
    }
    let plannedFor: string | null = null;
    if (inProgressAt !== null && random() < 0.4) {
      const day = state === 'in_progress' ? now + (1 + Math.floor(random() * 10)) * DAY : (resolvedAt ?? lastAt);
      plannedFor = new Date(day).toISOString().slice(0, 10);
      event('planned', { type: 'staff', user: pick(managers) }, inProgressAt, { data: JSON.stringify({ plannedFor }) });
    }

    if (state !== 'duplicate') originals.set(`${commune.poleId}|${category.slug}`, { id, reference });
    const hasContact = random() < 0.8;
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const report = line([
      id,
      reference,
      category.slug,
      pick(DESCRIPTIONS),
      point.lon,
      point.lat,
      `${1 + Math.floor(random() * 120)} ${pick(STREETS)}, ${commune.name}`,
      commune.insee,
      commune.poleId,
      channel,
      state,
      category.severity,
      iso(dueAt(category.severity, reopenedAt ?? createdAt)),
      assignee?.id,
      plannedFor,
      intake?.id,
      state === 'duplicate' ? duplicateOf?.id : null,
      outcome,
      events.length - 1,
      iso(acknowledgedAt),
      point.nearBorder,
      random() < 0.02,
      !hasContact,
      hex(8),
      hasContact ? `${first} ${last}` : null,
      hasContact && channel !== 'phone' ? `${first}.${last}.${id}@example.org`.toLowerCase() : null,
      hasContact && channel !== 'web'
        ? `04 65 71 ${String(id % 100).padStart(2, '0')} ${String((id >> 7) % 100).padStart(2, '0')}`
        : null,
      hasContact && channel !== 'web' && random() < 0.5 ? `${1 + (id % 90)} ${pick(STREETS)}, ${commune.name}` : null,
      uuid(),
      iso(createdAt),
      iso(lastAt),
      iso(resolvedAt),
      // Checked and published within the day, as a pôle would: the load's public pages show descriptions.
      iso(createdAt + 3_600_000),
    ]);
    tally.events += events.length;
    tally.states[state] = (tally.states[state] ?? 0) + 1;
    return { report, events };
  }

  return { next, tally };
}
