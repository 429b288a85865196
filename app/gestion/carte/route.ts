import { getStaff } from '@/lib/auth';
import { jsonError, unavailable } from '@/lib/http';
import { log } from '@/lib/log';
import { can } from '@/lib/permissions';
import { parseMapView } from '@/lib/reports/listing-input';
import { parseInboxQuery } from '@/lib/staff/inbox-input';
import { loadInboxMap } from '@/lib/staff/inbox-map';

export const dynamic = 'force-dynamic';

// The inbox's map for one view: `bbox` and `zoom`, plus the inbox's own filters read by the inbox's parser, so that
// the map and the list always hold the same reports. JSON for the page's script: a refusal is a status, not the
// sign-in page. Private to the person who asked, never cached.
export async function GET(request: Request) {
  try {
    const staff = await getStaff();
    if (!staff) return jsonError(401, 'unauthenticated', 'Connectez-vous à l’espace agents pour voir la carte des signalements.');
    if (!can(staff, 'reports.read')) return jsonError(403, 'forbidden', 'Votre rôle ne permet pas de voir les signalements.');
    const params = new URL(request.url).searchParams;
    const view = parseMapView(params);
    if (!view.ok) return jsonError(400, 'invalid_parameters', view.message);
    const answer = await loadInboxMap(staff, parseInboxQuery(params), view.value);
    return Response.json(answer, { headers: { 'Cache-Control': 'private, no-store' } });
  } catch (error) {
    log.error('staff.inbox_map_unavailable', error);
    return unavailable('La carte des signalements est momentanément indisponible. Réessayez dans quelques instants.');
  }
}
