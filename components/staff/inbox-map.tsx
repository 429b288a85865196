import { TerritoryMapLoader } from '@/components/map/loaders';
import type { MapCommune, ReportFeature } from '@/components/map/types';
import type { Bounds } from '@/lib/geo';
import type { PublicCategory } from '@/lib/reports/categories';
import type { listInboxPoints } from '@/lib/staff/inbox';

type Props = {
  points: Awaited<ReturnType<typeof listInboxPoints>>;
  communes: MapCommune[];
  bounds: Bounds;
  categories: PublicCategory[];
};

// The inbox's reports on the map: the same filters as the list, overdue ones ringed in red, each linking to its page.
export function InboxMap({ points, communes, bounds, categories }: Props) {
  const features: ReportFeature[] = points.points.map(({ lon, lat, ...report }) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: { ...report, href: `/gestion/signalements/${report.reference}` },
  }));
  return (
    <section aria-labelledby="carte-gestion" className="xl:sticky xl:top-4 xl:self-start">
      <h2 id="carte-gestion" className="sr-only">
        Carte des signalements filtrés
      </h2>
      {points.isTruncated && (
        <p className="bg-amber-50 p-2 text-sm text-amber-900">
          La carte montre les {points.points.length.toLocaleString('fr-FR')} plus récents : affinez les filtres.
        </p>
      )}
      <div className="h-[60vh] min-h-80 xl:h-[calc(100vh-6rem)] [&>*]:!min-h-0">
        <TerritoryMapLoader communes={communes} bounds={bounds} reports={features} categories={categories} />
      </div>
    </section>
  );
}
