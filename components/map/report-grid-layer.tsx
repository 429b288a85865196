'use client';

import L from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import type { PublicCategory } from '@/lib/reports/categories';
import { clusterMarker, reportMarker } from './report-markers';
import { isClusterFeature, type MapFeature } from './types';

// Draws clusters and reports as the server grouped them for the view (the public map and the staff inbox's alike).

export function ReportGridLayer({ features, categories }: { features: MapFeature[]; categories: PublicCategory[] }) {
  const map = useMap();
  useEffect(() => {
    const bySlug = new Map(categories.map((category) => [category.slug, category]));
    const group = L.layerGroup(
      features.map((feature) =>
        isClusterFeature(feature) ? clusterMarker(feature, map) : reportMarker(feature, bySlug.get(feature.properties.category)),
      ),
    );
    map.addLayer(group);
    return () => {
      map.removeLayer(group);
    };
  }, [map, features, categories]);
  return null;
}
