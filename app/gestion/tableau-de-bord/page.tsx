import type { Metadata } from 'next';
import { DashboardFilters } from '@/components/stats/dashboard-filters';
import { KeyFiguresView } from '@/components/stats/key-figures-view';
import { OverdueList } from '@/components/stats/overdue-list';
import { PolePerformance } from '@/components/stats/pole-performance';
import { Workload } from '@/components/stats/workload';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/auth';
import { loadDashboard, OVERDUE_LIST_LIMIT } from '@/lib/figures/dashboard';
import { dashboardQuery, parseDashboardQuery, selectableYears } from '@/lib/figures/filters';
import { FIGURES_CACHE_SECONDS, getCommuneShapes } from '@/lib/figures/queries';
import { toSearchParams } from '@/lib/reports/listing-input';
import { getStaffVocabulary } from '@/lib/staff/vocabulary';

export const metadata: Metadata = { title: 'Tableau de bord' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DashboardPage({ searchParams }: Props) {
  const staff = await requireStaff('stats.read', { returnTo: '/gestion/tableau-de-bord' });
  const filters = parseDashboardQuery(toSearchParams(await searchParams), staff);
  const [dashboard, vocabulary, shapes] = await Promise.all([
    loadDashboard(staff, filters),
    getStaffVocabulary(await getDb()),
    getCommuneShapes(),
  ]);
  return (
    <div className="mx-auto w-full max-w-7xl space-y-6 px-4 py-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">Tableau de bord</h1>
        <a
          href={`/gestion/tableau-de-bord/export?${dashboardQuery(filters)}`}
          className="text-sm font-medium text-brand underline"
          download
        >
          Exporter les signalements de cette vue (CSV)
        </a>
      </div>
      <DashboardFilters filters={filters} vocabulary={vocabulary} years={selectableYears()} />
      <p className="text-slate-700">Signalements enregistrés {filters.label}.</p>
      <PolePerformance poles={dashboard.poles} severities={vocabulary.severities} />
      <OverdueList rows={dashboard.overdue} limit={OVERDUE_LIST_LIMIT} />
      <div className="max-w-xl">
        <Workload rows={dashboard.workload} />
      </div>
      <KeyFiguresView
        figures={dashboard.figures}
        shapes={shapes}
        cacheSeconds={FIGURES_CACHE_SECONDS}
        isOnePole={filters.poleId !== undefined}
      />
    </div>
  );
}
