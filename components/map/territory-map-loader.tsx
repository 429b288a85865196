'use client';

import dynamic from 'next/dynamic';

// Leaflet needs `window`: the map is only ever rendered in the browser.
export const TerritoryMapLoader = dynamic(() => import('./territory-map').then((m) => m.TerritoryMap), {
  ssr: false,
  loading: () => (
    <div className="flex h-full min-h-[60vh] items-center justify-center bg-slate-100 text-slate-600" role="status">
      Chargement de la carte…
    </div>
  ),
});
