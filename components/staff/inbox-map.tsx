'use client';

import { useEffect, useMemo, useState } from 'react';
import { TerritoryMapLoader } from '@/components/map/loaders';
import { ReportSummary } from '@/components/map/report-summary';
import type { MapCommune, MapFeature, MapView } from '@/components/map/types';
import type { Bounds } from '@/lib/geo';
import type { PublicCategory } from '@/lib/reports/categories';
import { territoryLimit, viewBox } from '@/lib/reports/map-grid';
import type { InboxMapAnswer } from '@/lib/staff/inbox-map';

type Props = {
  /** The inbox's filters as a query string, read by the route with the inbox's own parser. */
  filtersQuery: string;
  /** When the page was read: a new value (an action re-rendered the page) asks for the view again. */
  readAt: string;
  communes: MapCommune[];
  bounds: Bounds;
  categories: PublicCategory[];
};
type Answer = { query: string; filtersQuery: string; collection: InboxMapAnswer | null };

// The inbox's reports on the map, clustered on the server for the view shown (GET /gestion/carte), asked again at
// each pan or zoom, the previous request dropped; overdue ones ringed in red, each linking to its staff page. The
// list beside it is its text alternative.
export function InboxMap({ filtersQuery, readAt, communes, bounds, categories }: Props) {
  const [view, setView] = useState<MapView | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  // Whole tiles, as the public map asks: a cluster at the view's edge counts its whole cell, the same while panning.
  const box = view && viewBox(view.bounds, view.zoom, territoryLimit(bounds));
  const query = view && box ? [filtersQuery, `bbox=${box.join(',')}&zoom=${view.zoom}`].filter(Boolean).join('&') : null;

  useEffect(() => {
    if (query === null) return;
    const controller = new AbortController();
    fetch(`/gestion/carte?${query}`, { cache: 'no-store', signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<InboxMapAnswer>) : Promise.reject(response)))
      .then((collection) => setAnswer({ query, filtersQuery, collection }))
      .catch(() => {
        if (!controller.signal.aborted) setAnswer({ query, filtersQuery, collection: null });
      });
    return () => controller.abort();
  }, [query, filtersQuery, readAt]);

  // Panning keeps the last answer drawn until the next one arrives; only new filters say « Chargement ».
  const isLoading = view === null || answer?.filtersQuery !== filtersQuery;
  const collection = query === null ? null : answer?.collection;
  const features = useMemo(() => (collection?.features ?? []) as MapFeature[], [collection]);
  return (
    <section aria-labelledby="carte-gestion" className="space-y-2 xl:sticky xl:top-4 xl:self-start">
      <h2 id="carte-gestion" className="sr-only">
        Carte des signalements filtrés
      </h2>
      <ReportSummary
        count={collection?.total ?? 0}
        isLoading={isLoading}
        isError={!isLoading && answer?.query === query && answer.collection === null}
      />
      <div className="h-[60vh] min-h-80 xl:h-[calc(100vh-8rem)] [&>*]:!min-h-0">
        <TerritoryMapLoader
          communes={communes}
          bounds={bounds}
          features={features}
          categories={categories}
          onViewChange={setView}
        />
      </div>
    </section>
  );
}
