import { searchAddress } from '@/lib/territory/geocoder';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const query = new URL(request.url).searchParams.get('q')?.trim() ?? '';
  if (query.length < 3 || query.length > 200) {
    return Response.json({ error: 'invalid_query', message: 'Saisissez entre 3 et 200 caractères.' }, { status: 400 });
  }
  const outcome = await searchAddress(query);
  if (!outcome.ok) return Response.json({ error: outcome.error, message: outcome.message }, { status: outcome.status });
  return Response.json({ results: outcome.results });
}
