import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { getDb } from '@/db';
import { communes, poles } from '@/db/schema';
import { env } from '@/lib/env';
import { buildLocator, type Locator, type TerritoryCommune } from './locate';

export async function listTerritoryCommunes(): Promise<(TerritoryCommune & { pole: { color: string } })[]> {
  const db = await getDb();
  const rows = await db
    .select({
      insee: communes.insee,
      name: communes.name,
      geometry: communes.geometry,
      poleId: poles.id,
      poleName: poles.name,
      poleColor: poles.color,
    })
    .from(communes)
    .innerJoin(poles, eq(communes.poleId, poles.id))
    .orderBy(asc(communes.name));
  return rows.map(({ poleId, poleName, poleColor, ...commune }) => ({
    ...commune,
    pole: { id: poleId, name: poleName, color: poleColor },
  }));
}

// Built once per process from the database rows; whoever edits the territory calls invalidateLocator().
const cache = globalThis as unknown as { proximciteLocator?: Promise<Locator> };

export function getLocator(): Promise<Locator> {
  cache.proximciteLocator ??= listTerritoryCommunes()
    .then((rows) => buildLocator(rows, { nearBorderM: env.BORDER_THRESHOLD_M }))
    .catch((error: unknown) => {
      cache.proximciteLocator = undefined;
      throw error;
    });
  return cache.proximciteLocator;
}

export function invalidateLocator(): void {
  cache.proximciteLocator = undefined;
}

/** Everything the territory map and its legend show: shapes coloured by pôle, the pôles with their communes. */
export async function getTerritoryOverview() {
  const [rows, locator] = await Promise.all([listTerritoryCommunes(), getLocator()]);
  const poles = new Map<string, { id: string; name: string; color: string; communes: { insee: string; name: string }[] }>();
  for (const { insee, name, pole } of rows) {
    const entry = poles.get(pole.id) ?? { ...pole, communes: [] };
    entry.communes.push({ insee, name });
    poles.set(pole.id, entry);
  }
  return {
    communes: rows.map(({ insee, name, geometry, pole }) => ({
      insee,
      name,
      geometry,
      poleId: pole.id,
      poleName: pole.name,
      color: pole.color,
    })),
    poles: [...poles.values()]
      .map((pole) => ({ ...pole, communes: pole.communes.sort((a, b) => a.name.localeCompare(b.name, 'fr')) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    bounds: locator.bounds,
  };
}

/** The commune outlines and the commune list, for the report form's map and its no-map alternative. */
export async function getTerritoryOutlines() {
  const { communes, bounds } = await getTerritoryOverview();
  const outlines: FeatureCollection<Polygon | MultiPolygon> = {
    type: 'FeatureCollection',
    features: communes.map(({ geometry }) => ({ type: 'Feature', properties: {}, geometry })),
  };
  return {
    communes: communes
      .map(({ insee, name, poleName }) => ({ insee, name, poleName }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    outlines,
    bounds,
  };
}
