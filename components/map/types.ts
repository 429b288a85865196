import type { MultiPolygon, Polygon } from 'geojson';
import type { PublicReportCollection } from '@/lib/reports/listing-input';

// What the map is given: plain data from the server, no decisions.
export type MapCommune = {
  insee: string;
  name: string;
  poleId: string;
  poleName: string;
  color: string;
  geometry: Polygon | MultiPolygon;
};

/** A category as the legend and the markers draw it: `icon` is a key of components/ui/category-icon. */
export type MapCategory = { slug: string; name: string; color: string; icon: string };

export type ReportFeature = PublicReportCollection['features'][number];

/** [[minLat, minLon], [maxLat, maxLon]], as Leaflet takes bounds. */
export type MapBounds = [[number, number], [number, number]];
