import { parseLocateQuery } from '@/lib/territory/input';
import { getLocator } from '@/lib/territory/queries';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const query = parseLocateQuery(new URL(request.url).searchParams);
  if (!query.ok) return Response.json({ error: 'invalid_coordinates', message: query.message }, { status: 400 });

  let location;
  try {
    location = (await getLocator()).locate(query.value.lon, query.value.lat);
  } catch (error) {
    console.error('locate: territory unavailable', error);
    return Response.json(
      {
        error: 'unavailable',
        message: 'Le service de localisation est momentanément indisponible. Réessayez dans quelques instants.',
      },
      { status: 503 },
    );
  }
  if (!location) {
    return Response.json(
      {
        error: 'outside_territory',
        message: 'Ce point est hors du territoire de Clermont Auvergne Métropole : le service ne couvre que ses 21 communes.',
      },
      { status: 404 },
    );
  }
  return Response.json({ ...location, borderDistanceM: Math.round(location.borderDistanceM) });
}
