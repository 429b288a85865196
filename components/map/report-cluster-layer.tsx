'use client';

import L from 'leaflet';
import 'leaflet.markercluster';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import type { PublicCategory } from '@/lib/reports/categories';
import { clusterIcon, reportMarker } from './report-markers';
import type { ReportFeature } from './types';

// A fresh cluster group per answer: markercluster cannot cancel a chunked load, so an old group is dropped whole
// rather than cleared while it may still be adding markers.
export function ReportClusterLayer({ features, categories }: { features: ReportFeature[]; categories: PublicCategory[] }) {
  const map = useMap();
  useEffect(() => {
    const bySlug = new Map(categories.map((category) => [category.slug, category]));
    const group = L.markerClusterGroup({
      // 10,000 markers load in slices of at most 100 ms, so the page keeps answering while they arrive.
      chunkedLoading: true,
      chunkInterval: 100,
      // The coverage polygon would land among the commune shapes, which stay the only paths of the overlay pane.
      showCoverageOnHover: false,
      maxClusterRadius: 60,
      // Animating clusters apart on every zoom costs a long main-thread task with thousands of markers.
      animate: false,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: clusterIcon,
    });
    map.addLayer(group);
    group.addLayers(features.map((feature) => reportMarker(feature, bySlug.get(feature.properties.category))));
    return () => {
      map.removeLayer(group);
    };
  }, [map, features, categories]);
  return null;
}
