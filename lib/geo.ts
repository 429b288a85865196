// Pure geometry shared by the territory index and duplicate detection: one Earth, one box shape.

/** Mean Earth radius (IUGG), the one Turf uses too. */
export const EARTH_RADIUS_M = 6_371_008.8;

/** Length of one degree of latitude (or of longitude at the equator). */
export const METRES_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;

/** A box in GeoJSON order (lon before lat), as `bbox` is written in URLs; Leaflet's shape is derived at the map's edge. */
export type Bounds = [minLon: number, minLat: number, maxLon: number, maxLat: number];
