import { env } from '@/lib/env';
import { jsonError, unavailable } from '@/lib/http';
import { listNearbyOpenReports } from '@/lib/reports/queries';
import { parseLocateQuery } from '@/lib/territory/input';
import { log } from '@/lib/log';

export const dynamic = 'force-dynamic';

// Open reports of one category near a point, for the duplicate suggestion of the report form.
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const point = parseLocateQuery(params);
  const category = params.get('category') ?? '';
  if (!point.ok) return jsonError(400, 'invalid_parameters', point.message);
  if (!/^[a-z0-9-]{1,60}$/.test(category)) return jsonError(400, 'invalid_parameters', 'Le paramètre « category » est invalide.');
  try {
    const nearby = await listNearbyOpenReports(point.value, category, env.DUPLICATE_RADIUS_M);
    return Response.json({
      radiusM: env.DUPLICATE_RADIUS_M,
      reports: nearby.map(({ reference, distanceM, createdAt, photoPosition }) => ({
        reference,
        distanceM,
        createdAt,
        photoUrl: photoPosition === null ? null : `/api/reports/${reference}/photos/${photoPosition}`,
      })),
    });
  } catch (error) {
    log.error('nearby.database_unavailable', error);
    return unavailable();
  }
}
