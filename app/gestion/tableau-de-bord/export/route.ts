import { exportDashboardCsv } from '@/lib/figures/dashboard-export';
import { dayInParis, parseDashboardQuery } from '@/lib/figures/filters';
import { notFoundText, staffOrSignIn } from '@/lib/notifications/pdf-response';
import { can } from '@/lib/permissions';

// The dashboard's view as a CSV file: the reports this person may read, contact data only where they may read it.
export async function GET(request: Request) {
  const staff = await staffOrSignIn('/gestion/tableau-de-bord');
  if (!can(staff, 'stats.read')) return notFoundText('Cet export');
  const filters = parseDashboardQuery(new URL(request.url).searchParams, staff);
  return new Response(await exportDashboardCsv(staff, filters), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="signalements-${dayInParis(new Date())}.csv"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
