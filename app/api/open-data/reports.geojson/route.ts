import { jsonError, unavailable } from '@/lib/http';
import { log } from '@/lib/log';
import { openDataHeaders } from '@/lib/open-data/dataset';
import { exportOpenDataGeoJson } from '@/lib/open-data/export';
import { parseOpenDataQuery } from '@/lib/open-data/input';

export const dynamic = 'force-dynamic';

// Public: every report as a GeoJSON FeatureCollection (Licence Ouverte 2.0), streamed; no personal data
// (lib/open-data/columns.ts).
export async function GET(request: Request) {
  const query = parseOpenDataQuery(new URL(request.url).searchParams);
  if (!query.ok) return jsonError(400, 'invalid_parameters', query.message);
  try {
    const now = new Date();
    return new Response(await exportOpenDataGeoJson(query.value, { now }), {
      headers: openDataHeaders('geojson', query.value, now),
    });
  } catch (error) {
    log.error('open_data.unavailable', error, { format: 'geojson' });
    return unavailable('Les données ouvertes sont momentanément indisponibles. Réessayez dans quelques instants.');
  }
}
