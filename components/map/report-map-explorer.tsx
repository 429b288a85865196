'use client';

import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import type { Bounds } from '@/lib/geo';
import type { PublicCategory } from '@/lib/reports/categories';
import type { PublicReportCollection, StateFilter } from '@/lib/reports/listing-input';
import { CategoryLegend } from './category-legend';
import { ReportMapFilters } from './report-map-filters';
import { ReportSummary } from './report-summary';
import { TerritoryMapLoader } from './loaders';
import type { MapCommune } from './types';

type Props = { communes: MapCommune[]; bounds: Bounds; categories: PublicCategory[]; children?: React.ReactNode };
type Answer = { query: string; collection: PublicReportCollection | null };

// The query the map asks /api/reports; null when no category is ticked (nothing to fetch).
function reportsQuery(
  bounds: Bounds,
  categories: PublicCategory[],
  selected: ReadonlySet<string>,
  commune: string,
  state: StateFilter,
) {
  if (selected.size === 0) return null;
  const [minLon, minLat, maxLon, maxLat] = bounds;
  // Rounded outwards so the box still holds every point on the territory's edge.
  const box = [Math.floor(minLon * 1e4), Math.floor(minLat * 1e4), Math.ceil(maxLon * 1e4), Math.ceil(maxLat * 1e4)];
  const params = new URLSearchParams({ bbox: box.map((n) => n / 1e4).join(','), state });
  if (selected.size < categories.length) params.set('category', [...selected].join(','));
  if (commune) params.set('commune', commune);
  return params.toString();
}

export function ReportMapExplorer({ communes, bounds, categories, children }: Props) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(categories.map((c) => c.slug)));
  const [commune, setCommune] = useState('');
  const [state, setState] = useState<StateFilter>('open');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const query = reportsQuery(bounds, categories, selected, commune, state);

  useEffect(() => {
    if (query === null) return;
    const controller = new AbortController();
    fetch(`/api/reports?${query}`, { cache: 'no-store', signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<PublicReportCollection>) : Promise.reject(response)))
      .then((collection) => setAnswer({ query, collection }))
      .catch(() => {
        if (!controller.signal.aborted) setAnswer({ query, collection: null });
      });
    return () => controller.abort();
  }, [query]);

  const isLoading = query !== null && answer?.query !== query;
  const collection = query === null ? null : answer?.collection;
  const reports = useMemo(() => (query === null ? [] : (collection?.features ?? [])), [query, collection]);
  const communeOptions = useMemo(() => communes.map(({ insee, name }) => ({ insee, name })), [communes]);
  const listQuery = new URLSearchParams({ ...(commune && { commune }), ...(state !== 'open' && { state }) }).toString();
  const listHref = listQuery ? `/signalements?${listQuery}` : '/signalements';

  return (
    <>
      <div className="flex flex-1 flex-col">
        <div className="space-y-2 border-b border-slate-200 px-4 py-3">
          <div className="grid grid-cols-2 gap-3 sm:flex sm:flex-wrap sm:gap-4">
            <ReportMapFilters
              communes={communeOptions}
              commune={commune}
              state={state}
              onCommuneChange={setCommune}
              onStateChange={setState}
            />
          </div>
          <div className="flex flex-wrap items-baseline justify-between gap-x-4">
            <ReportSummary
              count={reports.length}
              isLoading={isLoading}
              isError={!isLoading && query !== null && answer?.collection === null}
              isTruncated={!isLoading && !!collection?.truncated}
            />
            <Link href={listHref} className="text-sm font-medium text-brand underline">
              Voir la liste des signalements
            </Link>
          </div>
        </div>
        <div className="relative flex min-h-[60vh] flex-1 flex-col">
          <TerritoryMapLoader
            communes={communes}
            bounds={bounds}
            reports={reports}
            categories={categories}
            focusedCommune={commune || null}
          />
        </div>
      </div>
      <aside className="space-y-6 border-t border-slate-200 p-4 lg:w-80 lg:overflow-y-auto lg:border-t-0 lg:border-l">
        <CategoryLegend categories={categories} selected={selected} onChange={setSelected} />
        {children}
      </aside>
    </>
  );
}
