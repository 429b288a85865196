'use client';

import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import type { MapView } from './types';

// Tells the page what the map shows, once drawn and after each pan or zoom, so that it asks for that view only.
export function MapViewWatcher({ onChange }: { onChange: (view: MapView) => void }) {
  const map = useMap();
  useEffect(() => {
    const report = () => {
      const box = map.getBounds();
      onChange({ bounds: [box.getWest(), box.getSouth(), box.getEast(), box.getNorth()], zoom: Math.round(map.getZoom()) });
    };
    map.whenReady(report);
    map.on('moveend', report);
    return () => {
      map.off('moveend', report);
    };
  }, [map, onChange]);
  return null;
}
