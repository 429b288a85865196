'use client';

import dynamic from 'next/dynamic';

// Leaflet needs `window`: every map is only ever rendered in the browser, and this is the one door to them.

function MapPlaceholder({ className }: { className: string }) {
  return (
    <div className={`flex items-center justify-center bg-slate-100 text-slate-600 ${className}`} role="status">
      Chargement de la carte…
    </div>
  );
}

export const TerritoryMapLoader = dynamic(() => import('./territory-map').then((m) => m.TerritoryMap), {
  ssr: false,
  loading: () => <MapPlaceholder className="h-full min-h-[60vh]" />,
});

export const LocationPickerMapLoader = dynamic(() => import('./location-picker-map').then((m) => m.LocationPickerMap), {
  ssr: false,
  loading: () => <MapPlaceholder className="h-80 rounded border border-slate-300 sm:h-96" />,
});

export const ReportPlaceMapLoader = dynamic(() => import('./report-place-map').then((m) => m.ReportPlaceMap), {
  ssr: false,
  loading: () => <MapPlaceholder className="h-56 rounded border border-slate-300" />,
});
