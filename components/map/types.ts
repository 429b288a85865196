import type { LatLngBoundsLiteral } from 'leaflet';
import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import type { Bounds } from '@/lib/geo';
import type { PublicReportSummary } from '@/lib/reports/listing-input';

// What the map is given: plain data from the server, no decisions.
export type MapCommune = {
  insee: string;
  name: string;
  poleId: string;
  poleName: string;
  color: string;
  geometry: Polygon | MultiPolygon;
};

/** A marker: the public summary, plus, in the staff's map, where its link goes and whether it is overdue. */
export type MapReport = PublicReportSummary & { href?: string; isOverdue?: boolean };
export type ReportFeature = Feature<Point, MapReport>;

/** The map is handed lon/lat `Bounds` like the rest of the app; Leaflet takes [[lat, lon], [lat, lon]]. */
export function toLatLngBounds([minLon, minLat, maxLon, maxLat]: Bounds): LatLngBoundsLiteral {
  return [
    [minLat, minLon],
    [maxLat, maxLon],
  ];
}
