import { asc, eq } from 'drizzle-orm';
import { buildLocator, type Location } from '@/lib/territory/locate';
import { allocateReferenceNumbers, formatReference, referenceYear } from '@/lib/reports/reference';
import { dueAtFor } from '@/lib/reports/sla';
import type { Db } from './index';
import { categories, communes, poles, reportEvents, reports, type Channel, type NewReport } from './schema';

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
const STREETS = [
  'rue de la République',
  'avenue Jean Jaurès',
  'place de l’Église',
  'rue Pasteur',
  'chemin des Vignes',
  'rue Victor Hugo',
  'boulevard Gambetta',
  'rue des Écoles',
  'allée des Tilleuls',
  'rue du Stade',
];
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
const STATES: [string, number][] = [
  ['new', 0.2],
  ['acknowledged', 0.15],
  ['in_progress', 0.2],
  ['resolved', 0.35],
  ['rejected', 0.05],
  ['duplicate', 0.05],
];
const PATH: Record<string, string[]> = {
  new: [],
  acknowledged: ['acknowledged'],
  in_progress: ['acknowledged', 'in_progress'],
  resolved: ['acknowledged', 'in_progress', 'resolved'],
  rejected: ['rejected'],
  duplicate: ['duplicate'],
};
const PUBLIC_MESSAGES: Record<string, string> = {
  acknowledged: 'Votre signalement a été pris en compte par le pôle de proximité.',
  in_progress: 'Une intervention est programmée.',
  resolved: 'L’intervention a été réalisée.',
  rejected: 'Ce signalement ne relève pas de la compétence de la Métropole ; il a été transmis au service concerné.',
  duplicate: 'Ce problème avait déjà été signalé ; il est traité dans un autre signalement.',
};

const stepTime = (createdAt: Date, step: number) => new Date(createdAt.getTime() + step * 12 * 3_600_000);

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function buildDemoReports(db: Db, options: { count: number; now: Date; keyPrefix: string }): Promise<number> {
  const random = prng(63_113);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const weighted = <T>(items: [T, number][]) => {
    let r = random();
    for (const [item, weight] of items) if ((r -= weight) < 0) return item;
    return items[items.length - 1]![0];
  };

  const territory = await db
    .select({ insee: communes.insee, name: communes.name, geometry: communes.geometry, poleId: poles.id, poleName: poles.name })
    .from(communes)
    .innerJoin(poles, eq(communes.poleId, poles.id))
    .orderBy(asc(communes.insee));
  const categoryRows = await db.select({ slug: categories.slug, severity: categories.defaultSeverity }).from(categories);
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

  const drafts = Array.from({ length: options.count }, (_, i) => {
    const category = pick(categoryRows);
    const channel = weighted(CHANNELS);
    const state = weighted(STATES);
    // Every step of the history lies in the past: each step is 12 hours after the one before.
    const minAgeMs = (PATH[state]!.length * 12 + 1) * 3_600_000;
    const createdAt = new Date(options.now.getTime() - minAgeMs - Math.floor(random() * 90 * 24 * 3_600_000));
    const { lon, lat, location } = randomPoint();
    const name = random() < 0.15 ? null : pick(NAMES);
    const report: Omit<NewReport, 'reference'> = {
      categorySlug: category.slug,
      description: pick(DESCRIPTIONS[category.slug] ?? DESCRIPTIONS.autres!),
      lon,
      lat,
      address: `${1 + Math.floor(random() * 80)} ${pick(STREETS)}, ${location.commune.name}`,
      communeInsee: location.commune.insee,
      poleId: location.pole.id,
      channel,
      stateKey: state,
      severity: category.severity,
      dueAt: dueAtFor(category.severity, createdAt),
      isNearBorder: location.nearBorder,
      reporterName: name,
      reporterEmail: name && channel !== 'phone' ? `${name.split(' ')[0]!.toLowerCase()}.${i}@example.org` : null,
      reporterPhone:
        name && channel !== 'web'
          ? `04 73 ${String(10 + (i % 89)).padStart(2, '0')} ${String(i % 100).padStart(2, '0')} 00`
          : null,
      idempotencyKey: `${options.keyPrefix}${String(i).padStart(5, '0')}`,
      createdAt,
      updatedAt: createdAt,
    };
    return { report, path: PATH[state]!, poleName: location.pole.name };
  });

  return db.transaction(async (tx) => {
    const byYear = new Map<number, typeof drafts>();
    for (const draft of drafts.sort((a, b) => a.report.createdAt!.getTime() - b.report.createdAt!.getTime())) {
      const year = referenceYear(draft.report.createdAt!);
      byYear.set(year, [...(byYear.get(year) ?? []), draft]);
    }
    for (const [year, group] of byYear) {
      const first = await allocateReferenceNumbers(tx, year, group.length);
      const rows = group.map((draft, i) => {
        const resolvedAt = draft.path.at(-1) === 'resolved' ? stepTime(draft.report.createdAt!, draft.path.length) : null;
        return {
          ...draft.report,
          reference: formatReference(year, first + i),
          resolvedAt,
          updatedAt: resolvedAt ?? draft.report.updatedAt,
        };
      });
      const inserted = await tx.insert(reports).values(rows).returning({ id: reports.id, createdAt: reports.createdAt });
      const events = inserted.flatMap(({ id, createdAt }, i) => {
        const { path, poleName } = group[i]!;
        const created = {
          reportId: id,
          kind: 'created' as const,
          actorLabel: 'Système',
          toState: 'new',
          toPoleId: rows[i]!.poleId,
          isPublic: true,
          createdAt,
        };
        const steps = path.map((to, step) => ({
          reportId: id,
          kind: 'state_changed' as const,
          actorLabel: poleName,
          fromState: step === 0 ? 'new' : path[step - 1]!,
          toState: to,
          reason: PUBLIC_MESSAGES[to] ?? null,
          isPublic: true,
          createdAt: stepTime(createdAt, step + 1),
        }));
        return [created, ...steps];
      });
      await tx.insert(reportEvents).values(events);
    }
    return drafts.length;
  });
}
