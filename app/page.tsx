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
      <ReportMapExplorer communes={communes} bounds={bounds} categories={categories}>
        <PoleLegend poles={poles} />
      </ReportMapExplorer>
    </div>
  );
}
