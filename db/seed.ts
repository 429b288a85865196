import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Db } from './index';
import { categories, communes, poles, reportStates, severityLevels, STATE_TYPES, type Severity } from './schema';

// The reference data every installation needs: territory, categories, states, severities. Rows that already exist are
// left as they are, so staff edits survive a restart. Demo data is lib/demo's business.

const DATA_DIR = join(process.cwd(), 'db', 'data');
const readJson = <T>(name: string): T => JSON.parse(readFileSync(join(DATA_DIR, name), 'utf8')) as T;

type PoleRow = { id: string; name: string; color: string; address: string | null; assumption: boolean };
type CategoryRow = {
  slug: string;
  name: string;
  color: string;
  icon: string;
  defaultSeverity: Severity;
  resolutionTemplate: string;
};
type StateRow = { key: keyof typeof STATE_TYPES; label: string; position: number };
type SeverityRow = { key: Severity; label: string; workingDays: number; position: number };
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
    const categoryRows = readJson<CategoryRow[]>('categories.json');
    await tx
      .insert(categories)
      .values(categoryRows.map((c, i) => ({ ...c, position: i + 1 })))
      .onConflictDoNothing();
    // Installations from before the response templates get the seeded text where none was written yet.
    for (const c of categoryRows) {
      await tx
        .update(categories)
        .set({ resolutionTemplate: c.resolutionTemplate })
        .where(and(eq(categories.slug, c.slug), isNull(categories.resolutionTemplate)));
    }
    await tx
      .insert(reportStates)
      .values(readJson<StateRow[]>('report-states.json').map((s) => ({ ...s, type: STATE_TYPES[s.key] })))
      .onConflictDoNothing();
    // A state's meaning is the code's, not an edit's: its type follows STATE_TYPES on every start.
    for (const [key, type] of Object.entries(STATE_TYPES)) {
      await tx
        .update(reportStates)
        .set({ type })
        .where(and(eq(reportStates.key, key as keyof typeof STATE_TYPES), sql`${reportStates.type} <> ${type}`));
    }
    await tx.insert(severityLevels).values(readJson<SeverityRow[]>('severity-levels.json')).onConflictDoNothing();
  });
}
