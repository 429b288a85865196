import { jsonError, unavailable } from '@/lib/http';
import { parseListingQuery, type MapQuery } from '@/lib/reports/listing-input';
import { getListingVocabulary, listMapFeatures } from '@/lib/reports/listing';
import { rememberPublic } from '@/lib/reports/map-cache';
import { log } from '@/lib/log';

export const dynamic = 'force-dynamic';

/** Every part of the question, categories in one order: two residents asking the same get the same kept answer. */
const keyOf = ({ state, categories, commune, zoom, bbox }: MapQuery) =>
  `map|${state}|${[...categories].sort().join(',')}|${commune ?? ''}|${zoom ?? ''}|${bbox?.join(',') ?? ''}`;

// Public: the open (and recently resolved) reports of a view as GeoJSON clusters and points for the map; no personal
// data. Kept a few seconds in the server for everyone asking the same view (lib/reports/map-cache.ts), not in browsers.
export async function GET(request: Request) {
  try {
    const vocabulary = await rememberPublic('vocabulary', getListingVocabulary);
    const query = parseListingQuery(new URL(request.url).searchParams, vocabulary);
    if (!query.ok) return jsonError(400, 'invalid_parameters', query.message);
    const body = await rememberPublic(keyOf(query.value), async () => JSON.stringify(await listMapFeatures(query.value)), {
      sizeOf: (json) => json.length,
    });
    return new Response(body, { headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
  } catch (error) {
    log.error('reports.listing_unavailable', error);
    return unavailable('La liste des signalements est momentanément indisponible. Réessayez dans quelques instants.');
  }
}
