import type { MultiPolygon, Polygon } from 'geojson';

// What the map is given: plain data from the server, no decisions.
export type MapCommune = {
  insee: string;
  name: string;
  poleId: string;
  poleName: string;
  color: string;
  geometry: Polygon | MultiPolygon;
};
