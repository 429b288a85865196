'use client';

import L from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import { useMap, useMapEvents } from 'react-leaflet';
import type { PublicCategory } from '@/lib/reports/categories';
import { clusterPoints } from '@/lib/reports/map-grid';
import { clusterMarker, reportMarker } from './report-markers';
import { isClusterFeature, type MapFeature, type ReportFeature } from './types';

// Draws clusters and reports as they come: from the server (the public map, clustered per view) or from the grid
// applied here to the points a page already holds (the staff inbox, at most a few thousand).

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

/** The points a page holds, grouped on the same grid as the server's at the map's zoom. */
export function ClientGridLayer({ reports, categories }: { reports: ReportFeature[]; categories: PublicCategory[] }) {
  const map = useMap();
  const [zoom, setZoom] = useState(() => map.getZoom());
  useMapEvents({ zoomend: () => setZoom(map.getZoom()) });
  const features = useMemo(() => clusterPoints<ReportFeature['properties']>(reports, zoom), [reports, zoom]);
  return <ReportGridLayer features={features} categories={categories} />;
}
