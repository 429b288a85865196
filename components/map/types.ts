import type { LatLngBoundsLiteral } from 'leaflet';
import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import type { Bounds } from '@/lib/geo';
import type { PublicReportSummary } from '@/lib/reports/listing-input';
import type { ClusterFeature } from '@/lib/reports/map-grid';

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
/** What the map draws: a cluster (a count to zoom into) or a report. */
export type MapFeature = ReportFeature | ClusterFeature;
export const isClusterFeature = (feature: MapFeature): feature is ClusterFeature => 'cluster' in feature.properties;

/** What the map shows now: its box (lon/lat) and its zoom level, for the data to follow the view. */
export type MapView = { bounds: Bounds; zoom: number };

/** The map is handed lon/lat `Bounds` like the rest of the app; Leaflet takes [[lat, lon], [lat, lon]]. */
export function toLatLngBounds([minLon, minLat, maxLon, maxLat]: Bounds): LatLngBoundsLiteral {
  return [
    [minLat, minLon],
    [maxLat, maxLon],
  ];
}
