import { jsonError, unavailable } from '@/lib/http';
import { parseLocateQuery } from '@/lib/territory/input';
import { getLocator } from '@/lib/territory/queries';
import { log } from '@/lib/log';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const query = parseLocateQuery(new URL(request.url).searchParams);
  if (!query.ok) return jsonError(400, 'invalid_coordinates', query.message);

  let location;
  try {
    location = (await getLocator()).locate(query.value.lon, query.value.lat);
  } catch (error) {
    log.error('locate.territory_unavailable', error);
    return unavailable('Le service de localisation est momentanément indisponible. Réessayez dans quelques instants.');
  }
  if (!location) {
    return jsonError(
      404,
      'outside_territory',
      'Ce point est hors du territoire de Clermont Auvergne Métropole : le service ne couvre que ses 21 communes.',
    );
  }
  return Response.json({ ...location, borderDistanceM: Math.round(location.borderDistanceM) });
}
