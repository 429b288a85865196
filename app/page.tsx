import Link from 'next/link';
import { ReportMapExplorer } from '@/components/map/report-map-explorer';
import { PoleLegend } from '@/components/territory/pole-legend';
import { listActiveCategories } from '@/lib/reports/categories';
import { getTerritoryOverview } from '@/lib/territory/queries';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const [{ communes, poles, bounds }, categories] = await Promise.all([getTerritoryOverview(), listActiveCategories()]);
  return (
    <div className="flex flex-1 flex-col lg:flex-row">
      <h1 className="sr-only">
        Carte des signalements en cours dans les 21 communes de Clermont Auvergne Métropole et de leurs pôles de proximité
      </h1>
      <p className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-blue-50 px-4 py-3 lg:hidden">
        <span>Un problème sur l’espace public ?</span>
        <Link href="/signaler" className="rounded bg-brand px-4 py-2 font-semibold text-white">
          Signaler un problème
        </Link>
      </p>
      <ReportMapExplorer communes={communes} bounds={bounds} categories={categories}>
        <PoleLegend poles={poles} />
      </ReportMapExplorer>
    </div>
  );
}
