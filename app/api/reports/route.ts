import { jsonError, unavailable } from '@/lib/http';
import { parseListingQuery } from '@/lib/reports/listing-input';
import { getListingVocabulary, listMapFeatures } from '@/lib/reports/listing';
import { log } from '@/lib/log';

export const dynamic = 'force-dynamic';

// Public: the open (and recently resolved) reports of a view as GeoJSON clusters and points for the map; no personal data, never cached.
export async function GET(request: Request) {
  try {
    const query = parseListingQuery(new URL(request.url).searchParams, await getListingVocabulary());
    if (!query.ok) return jsonError(400, 'invalid_parameters', query.message);
    return Response.json(await listMapFeatures(query.value), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    log.error('reports.listing_unavailable', error);
    return unavailable('La liste des signalements est momentanément indisponible. Réessayez dans quelques instants.');
  }
}
