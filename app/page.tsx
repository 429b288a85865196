import { TerritoryMapLoader } from '@/components/map/territory-map-loader';
import { PoleLegend } from '@/components/territory/pole-legend';
import { getTerritoryOverview } from '@/lib/territory/queries';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const { communes, poles, bounds } = await getTerritoryOverview();
  return (
    <div className="flex flex-1 flex-col lg:flex-row">
      <h1 className="sr-only">Carte des 21 communes de Clermont Auvergne Métropole et de leurs pôles de proximité</h1>
      <div className="relative flex min-h-[60vh] flex-1 flex-col">
        <TerritoryMapLoader communes={communes} bounds={bounds} />
      </div>
      <aside className="border-t border-slate-200 p-4 lg:w-80 lg:overflow-y-auto lg:border-t-0 lg:border-l">
        <PoleLegend poles={poles} />
      </aside>
    </div>
  );
}
