'use client';

import dynamic from 'next/dynamic';

export const LocationPickerMapLoader = dynamic(() => import('./location-picker-map').then((m) => m.LocationPickerMap), {
  ssr: false,
  loading: () => (
    <div
      className="flex h-80 items-center justify-center rounded border border-slate-300 bg-slate-100 text-slate-600 sm:h-96"
      role="status"
    >
      Chargement de la carte…
    </div>
  ),
});
