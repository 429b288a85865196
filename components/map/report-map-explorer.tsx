'use client';

import Link from 'next/link';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Bounds } from '@/lib/geo';
import type { PublicCategory } from '@/lib/reports/categories';
import type { PublicMapAnswer } from '@/lib/reports/listing-input';
import { territoryLimit, viewBox } from '@/lib/reports/map-grid';
import type { StateFilter } from '@/lib/reports/state-filters';
import { CategoryLegend } from './category-legend';
import { ReportMapFilters } from './report-map-filters';
import { ReportSummary } from './report-summary';
import { TerritoryMapLoader } from './loaders';
import type { MapCommune, MapFeature, MapView } from './types';

type Props = { communes: MapCommune[]; bounds: Bounds; categories: PublicCategory[]; children?: React.ReactNode };
type Answer = { query: string; filters: string; collection: PublicMapAnswer | null };

// The filters' part of the query /api/reports is asked; null when no category is ticked (nothing to fetch).
function filtersQuery(categories: PublicCategory[], selected: ReadonlySet<string>, commune: string, state: StateFilter) {
  if (selected.size === 0) return null;
  const params = new URLSearchParams({ state });
  if (selected.size < categories.length) params.set('category', [...selected].join(','));
  if (commune) params.set('commune', commune);
  return params.toString();
}

// The view's part: its whole tiles cut to the territory's box (no report lies outside it, and a zoomed-out view stays
// a box the API accepts), the same question for every view over the same tiles; null when the view is off the territory.
function viewQuery({ bounds: view, zoom }: MapView, territory: Bounds) {
  const box = viewBox(view, zoom, territoryLimit(territory));
  return box && `bbox=${box.join(',')}&zoom=${zoom}`;
}

// Answers already received, by query: zooming back out or panning back asks nothing again.
const CACHE_SIZE = 64;

export function ReportMapExplorer({ communes, bounds, categories, children }: Props) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(categories.map((c) => c.slug)));
  const [commune, setCommune] = useState('');
  const [state, setState] = useState<StateFilter>('open');
  const [view, setView] = useState<MapView | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const cache = useRef(new Map<string, PublicMapAnswer>());
  const filters = filtersQuery(categories, selected, commune, state);
  const place = view && viewQuery(view, bounds);
  const query = filters === null || place === null ? null : `${filters}&${place}`;

  useEffect(() => {
    if (query === null || filters === null) return;
    const cached = cache.current.get(query);
    if (cached) {
      setAnswer({ query, filters, collection: cached });
      return;
    }
    const controller = new AbortController();
    fetch(`/api/reports?${query}`, { cache: 'no-store', signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<PublicMapAnswer>) : Promise.reject(response)))
      .then((collection) => {
        cache.current.set(query, collection);
        if (cache.current.size > CACHE_SIZE) cache.current.delete(cache.current.keys().next().value!);
        setAnswer({ query, filters, collection });
      })
      .catch(() => {
        if (!controller.signal.aborted) setAnswer({ query, filters, collection: null });
      });
    return () => controller.abort();
  }, [query, filters]);

  // Panning keeps the last answer drawn until the next one arrives; only a change of filters says « Chargement ».
  const isLoading = filters !== null && (view === null || answer?.filters !== filters);
  const collection = filters === null || place === null ? null : answer?.collection;
  const features = useMemo(() => (collection?.features ?? []) as MapFeature[], [collection]);
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
              count={collection?.total ?? 0}
              isLoading={isLoading}
              isError={!isLoading && query !== null && answer?.query === query && answer.collection === null}
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
            features={features}
            categories={categories}
            focusedCommune={commune || null}
            onViewChange={setView}
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
