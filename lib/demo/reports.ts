import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { categories, communes, poles, reports, type Channel, type NewReport, type Role, type StateKey } from '@/db/schema';
import { recordEvents, RESIDENT, SYSTEM, type Actor, type EventInput } from '@/lib/reports/events';
import { allocateReferenceNumbers, formatReference, referenceYear } from '@/lib/reports/reference';
import { addWorkingDays, dueAtFor, type SeverityDays } from '@/lib/reports/sla';
import { INITIAL_STATE, TRANSITIONS } from '@/lib/reports/states';
import { buildLocator, type Location } from '@/lib/territory/locate';
import { DEMO_DOMAIN } from './accounts';
import { POSTCODES, prng, STREETS } from './random';

// Realistic, deterministic demo reports spread over the 21 communes, every channel and every state.
// Contacts use the reserved example.org domain: nothing here is a real person.

const DESCRIPTIONS: Record<string, string[]> = {
  nettoyage: [
    'Trottoir très sale devant l’arrêt de bus, papiers et canettes.',
    'Déjections canines en quantité sur le trottoir.',
    'Corbeille de rue pleine qui déborde depuis plusieurs jours.',
  ],
  encombrants: [
    'Matelas et sommier déposés au pied du container.',
    'Dépôt sauvage de gravats et de sacs de ciment.',
    'Vieux canapé abandonné sur le trottoir.',
  ],
  'espaces-verts': [
    'Haie qui déborde sur le trottoir et gêne les poussettes.',
    'Branche cassée au-dessus de l’aire de jeux.',
    'Pelouse du square non tondue, herbes hautes.',
  ],
  voirie: [
    'Nid-de-poule profond sur la chaussée, dangereux pour les deux-roues.',
    'Pavés descellés sur le trottoir.',
    'Bordure de trottoir cassée.',
  ],
  travaux: [
    'Barrières de chantier laissées en place après la fin des travaux.',
    'Tranchée mal rebouchée, affaissement.',
    'Panneau de déviation tombé.',
  ],
  'eau-assainissement': [
    'Plaque d’égout qui bouge au passage des voitures.',
    'Avaloir bouché, grande flaque à chaque pluie.',
    'Fuite d’eau sur la chaussée.',
  ],
  'eclairage-public': [
    'Lampadaire éteint depuis une semaine.',
    'Lampadaire qui clignote toute la nuit.',
    'Candélabre penché après un choc.',
  ],
  signalisation: ['Panneau stop tordu, peu visible.', 'Marquage du passage piéton effacé.', 'Feu tricolore piéton en panne.'],
  incivilites: ['Tags sur le mur de l’école.', 'Affichage sauvage sur l’abribus.', 'Mobilier urbain dégradé.'],
  autres: ['Banc public cassé.', 'Potelet arraché.', 'Grille d’arbre descellée.'],
};
const NAMES = [
  'Martine Dupuy',
  'Jean Chassaing',
  'Sophie Vidal',
  'Karim Benali',
  'Lucie Faure',
  'Paul Rougier',
  'Nadia Meunier',
  'Thomas Bardin',
];
const CHANNELS: [Channel, number][] = [
  ['web', 0.5],
  ['phone', 0.3],
  ['counter', 0.15],
  ['api', 0.05],
];
const TARGETS: [StateKey, number][] = [
  ['new', 0.2],
  ['acknowledged', 0.15],
  ['in_progress', 0.2],
  ['resolved', 0.35],
  ['rejected', 0.05],
  ['duplicate', 0.05],
];
const REJECTION =
  'Ne relève pas de la compétence de la Métropole : transmis au service concerné de la commune, qui vous répondra.';

/** The staff moves from « Nouveau » to `target`, found by walking the lifecycle's own transitions table. */
export function pathTo(target: StateKey): StateKey[] {
  const previous = new Map<StateKey, StateKey>();
  const queue: StateKey[] = [INITIAL_STATE];
  while (queue.length > 0) {
    const state = queue.shift()!;
    if (state === target) break;
    for (const move of TRANSITIONS) {
      if (move.from !== state || move.by === 'resident' || previous.has(move.to) || move.to === INITIAL_STATE) continue;
      previous.set(move.to, state);
      queue.push(move.to);
    }
  }
  const path: StateKey[] = [];
  for (let state = target; state !== INITIAL_STATE; state = previous.get(state)!) path.unshift(state);
  return path;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A past year's reports are long closed: most resolved, a few rejected or duplicates, none still open. */
const HISTORY_TARGETS: [StateKey, number][] = [
  ['resolved', 0.93],
  ['rejected', 0.04],
  ['duplicate', 0.03],
];

type Options = {
  count: number;
  now: Date;
  keyPrefix: string;
  severityDays: SeverityDays;
  /** Demo staff by e-mail: the pôles' managers act on their reports, the agents key reports in. */
  staff: Map<string, { id: number; role: Role }>;
  /**
   * A past year instead of the last 90 days: reports created between `from` and `to` with exactly these channels (one
   * per report, in order), all closed, handled within hours to about ten days, and without contact data (the retention
   * period erased it long ago). The demo's 2017 reproduces the seed's published key figures this way.
   */
  history?: { from: Date; to: Date; channels: readonly Channel[]; seed: number };
};

export async function buildDemoReports(db: Db, options: Options): Promise<number> {
  const { history } = options;
  const random = prng(history?.seed ?? 63_113);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const weighted = <T>(items: [T, number][]) => {
    let r = random();
    for (const [item, weight] of items) if ((r -= weight) < 0) return item;
    return items[items.length - 1]![0];
  };
  const staffActor = (email: string): Actor | null => {
    const user = options.staff.get(`${email}@${DEMO_DOMAIN}`);
    return user ? { type: 'staff', userId: user.id, role: user.role } : null;
  };

  const territory = await db
    .select({ insee: communes.insee, name: communes.name, geometry: communes.geometry, poleId: poles.id, poleName: poles.name })
    .from(communes)
    .innerJoin(poles, eq(communes.poleId, poles.id))
    .orderBy(asc(communes.insee));
  const categoryRows = await db
    .select({ slug: categories.slug, severity: categories.defaultSeverity, template: categories.resolutionTemplate })
    .from(categories);
  const locator = buildLocator(territory.map((c) => ({ ...c, pole: { id: c.poleId, name: c.poleName } })));
  const [minLon, minLat, maxLon, maxLat] = locator.bounds;

  // Clermont-Ferrand holds half the population: it gets about 40 % of the reports.
  const randomPoint = (): { lon: number; lat: number; location: Location } => {
    const wanted = random() < 0.4 ? '63113' : pick(territory).insee;
    for (;;) {
      const lon = minLon + random() * (maxLon - minLon);
      const lat = minLat + random() * (maxLat - minLat);
      const location = locator.locate(lon, lat);
      if (location?.commune.insee === wanted)
        return { lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6, location };
    }
  };

  // A past year: more reports in spring and summer (green spaces, works), fewer in winter.
  const historyCreatedAt = ({ from, to }: { from: Date; to: Date }) => {
    for (;;) {
      const at = from.getTime() + random() * (to.getTime() - from.getTime());
      const season = Math.sin(((new Date(at).getUTCMonth() - 2) / 12) * 2 * Math.PI);
      if (random() < 0.75 + 0.25 * season) return new Date(at);
    }
  };
  // How long a past report took: a few hours to about ten days, most within the 2 to 5 working days promised.
  const historyDelayMs = () => Math.round((4 + 236 * random() ** 1.6) * HOUR);

  const drafts = Array.from({ length: options.count }, (_, i) => {
    const category = pick(categoryRows);
    const channel = history ? history.channels[i]! : weighted(CHANNELS);
    const target = weighted(history ? HISTORY_TARGETS : TARGETS);
    const path = pathTo(target);
    // Every step of the history lies in the past. Recent reports: each step 12 hours after the one before. A past
    // year's: the steps share the time the report took.
    const stepMs = history && path.length > 0 ? Math.round(historyDelayMs() / path.length) : 12 * HOUR;
    const stepTime = (start: Date, step: number) => new Date(start.getTime() + step * stepMs);
    const minAgeMs = path.length * stepMs + HOUR;
    const createdAt = history
      ? historyCreatedAt(history)
      : new Date(options.now.getTime() - minAgeMs - Math.floor(random() * 90 * DAY));
    const { lon, lat, location } = randomPoint();
    const name = history || random() < 0.15 ? null : pick(NAMES);
    const intake =
      channel === 'phone'
        ? staffActor('agent')
        : channel === 'counter' && location.commune.insee === '63124'
          ? staffActor('accueil.cournon')
          : null;
    const manager = staffActor(`pole.${location.pole.id}`);
    const resolvedAt = target === 'resolved' ? stepTime(createdAt, path.length) : null;
    const isPlanned = target === 'in_progress' && random() < 0.5;
    const report: Omit<NewReport, 'reference'> = {
      categorySlug: category.slug,
      description: pick(DESCRIPTIONS[category.slug] ?? DESCRIPTIONS.autres!),
      lon,
      lat,
      address: `${1 + Math.floor(random() * 80)} ${pick(STREETS)}, ${location.commune.name}`,
      communeInsee: location.commune.insee,
      poleId: location.pole.id,
      channel,
      stateKey: target,
      severity: category.severity,
      dueAt: dueAtFor(category.severity, createdAt, options.severityDays),
      isNearBorder: location.nearBorder,
      reporterName: name,
      reporterEmail: name && channel !== 'phone' ? `${name.split(' ')[0]!.toLowerCase()}.${i}@example.org` : null,
      reporterPhone:
        name && channel !== 'web'
          ? `04 73 ${String(10 + (i % 89)).padStart(2, '0')} ${String(i % 100).padStart(2, '0')} 00`
          : null,
      // A caller gives a postal address for the answer (drawn from `i`, not the generator: the rest stays the same).
      reporterAddress:
        name && channel === 'phone'
          ? `${1 + (i % 60)} ${STREETS[i % STREETS.length]}\n${POSTCODES[location.commune.name] ?? '63000'} ${location.commune.name}`
          : null,
      intakeUserId: intake && intake.type === 'staff' ? intake.userId : null,
      assigneeUserId:
        location.pole.id === 'nord' && path.length > 0 && random() < 0.5
          ? options.staff.get(`equipe.nord@${DEMO_DOMAIN}`)?.id
          : null,
      plannedFor: isPlanned
        ? addWorkingDays(options.now, 1 + Math.floor(random() * 5))
            .toISOString()
            .slice(0, 10)
        : null,
      acknowledgedAt: path.length > 0 ? stepTime(createdAt, 1) : null,
      outcome: target === 'resolved' ? category.template : target === 'rejected' ? REJECTION : null,
      resolvedAt,
      // Published, so that the demo's public pages show what residents wrote; a few new web reports wait for a check
      // (drawn from `i`, not the generator: the rest of the demo stays the same), for « À modérer ».
      publishedAt: target === 'new' && channel === 'web' && i % 3 === 0 && !history ? null : createdAt,
      version: path.length,
      idempotencyKey: `${options.keyPrefix}${String(i).padStart(5, '0')}`,
      createdAt,
      updatedAt: resolvedAt ?? (path.length > 0 ? stepTime(createdAt, path.length) : createdAt),
    };
    const creator: Actor = intake ?? (channel === 'api' ? SYSTEM : RESIDENT);
    return { report, path, creator, manager: manager ?? SYSTEM, stepTime };
  });

  return db.transaction(async (tx) => {
    const byYear = new Map<number, typeof drafts>();
    for (const draft of drafts.sort((a, b) => a.report.createdAt!.getTime() - b.report.createdAt!.getTime())) {
      const year = referenceYear(draft.report.createdAt!);
      byYear.set(year, [...(byYear.get(year) ?? []), draft]);
    }
    const inserted: { id: number; reference: string; draft: (typeof drafts)[number] }[] = [];
    for (const [year, group] of byYear) {
      const first = await allocateReferenceNumbers(tx, year, group.length);
      // A thousand rows per statement: a statement takes at most 65,535 parameters.
      for (let start = 0; start < group.length; start += 1000) {
        const chunk = group.slice(start, start + 1000);
        const rows = await tx
          .insert(reports)
          .values(chunk.map((draft, i) => ({ ...draft.report, reference: formatReference(year, first + start + i) })))
          .returning({ id: reports.id, reference: reports.reference });
        rows.forEach((row, i) => inserted.push({ ...row, draft: chunk[i]! }));
      }
    }

    // A duplicate points at an earlier report of the same category in the same pôle, as a manager would have found.
    const originals = new Map<number, { id: number; reference: string }>();
    inserted.forEach(({ id, draft }, i) => {
      if (draft.report.stateKey !== 'duplicate') return;
      const original = inserted
        .slice(0, i)
        .reverse()
        .find(
          (o) =>
            o.draft.report.stateKey !== 'duplicate' &&
            o.draft.report.categorySlug === draft.report.categorySlug &&
            o.draft.report.poleId === draft.report.poleId,
        );
      if (original) originals.set(id, original);
    });
    for (const [id, original] of originals) {
      await tx
        .update(reports)
        .set({ duplicateOfId: original.id })
        .where(inArray(reports.id, [id]));
    }

    const events: EventInput[] = inserted.flatMap(({ id, draft }) => {
      const { report, path, creator, manager, stepTime } = draft;
      const createdAt = report.createdAt!;
      const base = { reportId: id, poleId: report.poleId };
      const steps: EventInput[] = path.map((to, step) => ({
        ...base,
        kind: 'state_changed',
        actor: manager,
        fromState: step === 0 ? INITIAL_STATE : path[step - 1]!,
        toState: to,
        text: to === 'resolved' || to === 'rejected' ? report.outcome : null,
        ...(to === 'duplicate' && originals.has(id) ? { data: { originalReference: originals.get(id)!.reference } } : {}),
        at: stepTime(createdAt, step + 1),
      }));
      if (report.plannedFor) {
        steps.push({
          ...base,
          kind: 'planned',
          actor: manager,
          data: { plannedFor: report.plannedFor },
          at: stepTime(createdAt, path.length),
        });
      }
      return [{ ...base, kind: 'created', actor: creator, toState: INITIAL_STATE, at: createdAt }, ...steps];
    });
    for (let i = 0; i < events.length; i += 2000) await recordEvents(tx, events.slice(i, i + 2000));
    return drafts.length;
  });
}
