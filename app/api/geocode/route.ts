import { jsonError, unavailable } from '@/lib/http';
import { searchAddress } from '@/lib/territory/geocoder';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const query = new URL(request.url).searchParams.get('q')?.trim() ?? '';
  if (query.length < 3 || query.length > 200) {
    return jsonError(400, 'invalid_query', 'Saisissez entre 3 et 200 caractères.');
  }
  const outcome = await searchAddress(query);
  if (outcome.ok) return Response.json({ results: outcome.results });
  if (outcome.reason === 'disabled') return jsonError(404, 'geocoder_disabled', 'La recherche d’adresse n’est pas disponible.');
  return unavailable('La recherche d’adresse est momentanément indisponible : placez le repère sur la carte.');
}
