'use client';

import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { Bounds } from '@/lib/geo';
import { toLatLngBounds, type MapCommune } from './types';

// When a commune is chosen in the filters the map frames it; back to « Toutes », it frames the territory again.
export function FitToCommune({ insee, communes, bounds }: { insee: string | null; communes: MapCommune[]; bounds: Bounds }) {
  const map = useMap();
  const previous = useRef(insee);
  useEffect(() => {
    if (previous.current === insee) return;
    previous.current = insee;
    const commune = insee ? communes.find((c) => c.insee === insee) : undefined;
    map.fitBounds(commune ? L.geoJSON(commune.geometry).getBounds() : toLatLngBounds(bounds), { padding: [16, 16] });
  }, [map, insee, communes, bounds]);
  return null;
}
