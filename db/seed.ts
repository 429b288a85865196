import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { count, like } from 'drizzle-orm';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { closeDatabase, getDatabase, type Db } from './index';
import { PgliteLockedError } from './pglite-lock';
import { categories, communes, poles, reports, reportStates, type Severity, type StateType } from './schema';
import { buildDemoReports } from './demo';

// Territory, categories and states are always seeded; demo reports only on the embedded database or with DEMO_SEED=1.
// Rows that already exist are left as they are: staff edits survive a restart.

const DATA_DIR = join(process.cwd(), 'db', 'data');
const readJson = <T>(name: string): T => JSON.parse(readFileSync(join(DATA_DIR, name), 'utf8')) as T;

type PoleRow = { id: string; name: string; color: string; address: string | null; assumption: boolean };
type CategoryRow = { slug: string; name: string; color: string; icon: string; defaultSeverity: Severity };
type StateRow = { key: string; label: string; type: StateType; position: number };
type CommuneProps = { insee: string; name: string; pole: string };

export async function seedBase(db: Db): Promise<void> {
  const poleRows = readJson<PoleRow[]>('poles.json');
  const communeFeatures = readJson<FeatureCollection<Polygon | MultiPolygon, CommuneProps>>('communes.geojson').features;
  await db.transaction(async (tx) => {
    await tx
      .insert(poles)
      .values(poleRows.map((p) => ({ id: p.id, name: p.name, color: p.color, address: p.address, isAssumption: p.assumption })))
      .onConflictDoNothing();
    await tx
      .insert(communes)
      .values(
        communeFeatures.map((f) => ({
          insee: f.properties.insee,
          name: f.properties.name,
          poleId: f.properties.pole,
          geometry: f.geometry,
        })),
      )
      .onConflictDoNothing();
    await tx
      .insert(categories)
      .values(readJson<CategoryRow[]>('categories.json').map((c, i) => ({ ...c, position: i + 1 })))
      .onConflictDoNothing();
    await tx.insert(reportStates).values(readJson<StateRow[]>('report-states.json')).onConflictDoNothing();
  });
}

export const DEMO_KEY_PREFIX = 'demo-';

/** Adds the demo reports once; returns how many were added (0 when they are already there). */
export async function seedDemo(db: Db, options: { count?: number; now?: Date } = {}): Promise<number> {
  const [existing] = await db
    .select({ n: count() })
    .from(reports)
    .where(like(reports.idempotencyKey, `${DEMO_KEY_PREFIX}%`));
  if (existing!.n > 0) return 0;
  return buildDemoReports(db, { count: options.count ?? 360, now: options.now ?? new Date(), keyPrefix: DEMO_KEY_PREFIX });
}

export function isDemoWanted(kind: 'pglite' | 'postgres', env: Record<string, string | undefined> = process.env): boolean {
  if (env.DEMO_SEED === '0') return false;
  return kind === 'pglite' || env.DEMO_SEED === '1';
}

/** What the app does at start-up, after the migrations. */
export async function seedOnStartup(): Promise<void> {
  const { db, kind } = await getDatabase();
  await seedBase(db);
  if (isDemoWanted(kind)) await seedDemo(db);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const { db, kind } = await getDatabase();
    await seedBase(db);
    const added = isDemoWanted(kind) ? await seedDemo(db) : 0;
    console.log(`Seeded ${kind}: territory, categories, states; ${added} demo reports added.`);
    await closeDatabase();
  } catch (error) {
    // The usual case (the app already holds the embedded database) deserves its sentence, not a stack trace.
    if (!(error instanceof PgliteLockedError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
