import type { LatLngBoundsLiteral } from 'leaflet';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Bounds } from '@/lib/geo';
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

export type ReportFeature = PublicReportCollection['features'][number];

/** The map is handed lon/lat `Bounds` like the rest of the app; Leaflet takes [[lat, lon], [lat, lon]]. */
export function toLatLngBounds([minLon, minLat, maxLon, maxLat]: Bounds): LatLngBoundsLiteral {
  return [
    [minLat, minLon],
    [maxLat, maxLon],
  ];
}
