import 'server-only';
import { asc } from 'drizzle-orm';
import { getDb, type Db } from '@/db';
import { categories, communes, poles, reportStates, type StateType } from '@/db/schema';
import type { PublicCategory } from './categories';

// The words of the public list (/signalements): the categories and communes its filters may name, and the names its
// rows show (category, state, commune, pôle). Four small tables that staff almost never change, read at most once a
// minute per process and database instead of on every request (three queries, and four joins on every page that cost
// more to plan than the page costs to read). A row naming a key the kept words lack (a category added a moment ago)
// has them read again at once; a renamed or deactivated category shows within VOCABULARY_TTL_MS.

export const VOCABULARY_TTL_MS = 60_000;

export type PublicVocabulary = {
  /** Every category, in staff's order: inactive ones still name their reports and may still be filtered on. */
  categories: (PublicCategory & { isActive: boolean })[];
  /** What the filter form offers: the active categories, in staff's order. */
  activeCategories: PublicCategory[];
  /** The 21 communes in French order (Cébazat before Ceyrat), which the database's collation need not give. */
  communes: { insee: string; name: string }[];
  names: {
    categories: Map<string, string>;
    states: Map<string, { label: string; type: StateType }>;
    communes: Map<string, string>;
    poles: Map<string, string>;
  };
};

async function readVocabulary(db: Db): Promise<PublicVocabulary> {
  const [categoryRows, stateRows, communeRows, poleRows] = await Promise.all([
    db
      .select({
        slug: categories.slug,
        name: categories.name,
        color: categories.color,
        icon: categories.icon,
        isActive: categories.isActive,
      })
      .from(categories)
      .orderBy(asc(categories.position), asc(categories.name)),
    db.select({ key: reportStates.key, label: reportStates.label, type: reportStates.type }).from(reportStates),
    db.select({ insee: communes.insee, name: communes.name }).from(communes),
    db.select({ id: poles.id, name: poles.name }).from(poles),
  ]);
  return {
    categories: categoryRows,
    activeCategories: categoryRows.filter((c) => c.isActive).map(({ slug, name, color, icon }) => ({ slug, name, color, icon })),
    communes: communeRows.sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    names: {
      categories: new Map(categoryRows.map((c) => [c.slug, c.name])),
      states: new Map(stateRows.map(({ key, label, type }) => [key, { label, type }])),
      communes: new Map(communeRows.map((c) => [c.insee, c.name])),
      poles: new Map(poleRows.map((p) => [p.id, p.name])),
    },
  };
}

type Kept = { at: number; value: Promise<PublicVocabulary> };
// Per database handle (tests open one per file; a WeakMap lets a closed one go), on globalThis so that every bundle
// Next builds of this module shares it.
const KEY = Symbol.for('proximcite.publicVocabulary');
const kept: WeakMap<Db, Kept> = ((globalThis as Record<symbol, unknown>)[KEY] as WeakMap<Db, Kept> | undefined) ?? new WeakMap();
(globalThis as Record<symbol, unknown>)[KEY] = kept;

/**
 * The public vocabulary, as read less than VOCABULARY_TTL_MS ago or read now (`isFresh`: read now whatever is kept).
 * Concurrent requests share one reading; a failed one is not kept.
 */
export async function getPublicVocabulary(options: { now?: number; isFresh?: boolean } = {}): Promise<PublicVocabulary> {
  const now = options.now ?? Date.now();
  const db = await getDb();
  const entry = kept.get(db);
  if (entry && !options.isFresh && now - entry.at < VOCABULARY_TTL_MS) return entry.value;
  const value = readVocabulary(db);
  const next = { at: now, value };
  kept.set(db, next);
  value.catch(() => {
    if (kept.get(db) === next) kept.delete(db);
  });
  return value;
}

/** Whether `vocabulary` names every key of these rows (else a category or commune was added since it was read). */
export function namesEvery(
  vocabulary: PublicVocabulary,
  rows: { categorySlug: string; stateKey: string; communeInsee: string; poleId: string }[],
): boolean {
  const { names } = vocabulary;
  return rows.every(
    (row) =>
      names.categories.has(row.categorySlug) &&
      names.states.has(row.stateKey) &&
      names.communes.has(row.communeInsee) &&
      names.poles.has(row.poleId),
  );
}
