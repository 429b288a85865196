'use client';

import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect } from 'react';
import { GeoJSON, MapContainer, Marker, TileLayer, useMap, useMapEvents, ZoomControl } from 'react-leaflet';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Bounds } from '@/lib/geo';
import { roundCoordinate } from '@/lib/territory/coordinates';
import { MAP_DATA_ATTRIBUTION } from '@/lib/territory/attribution';
import { TILE_ATTRIBUTION, TILE_URL } from './tiles';
import { toLatLngBounds } from './types';

export type PickedPoint = { lon: number; lat: number };

// Under the bundler Leaflet cannot find its default images: the icon is set explicitly from public/leaflet.
const pinIcon = L.icon({
  iconUrl: '/leaflet/marker-icon.png',
  iconRetinaUrl: '/leaflet/marker-icon-2x.png',
  shadowUrl: '/leaflet/marker-shadow.png',
  iconSize: [25, 41],
  iconAnchor: [12, 41],
  shadowSize: [41, 41],
});

function ClickToPick({ onPick }: { onPick: (point: PickedPoint) => void }) {
  useMapEvents({ click: (event) => onPick({ lon: roundCoordinate(event.latlng.lng), lat: roundCoordinate(event.latlng.lat) }) });
  return null;
}

/** Brings a point chosen elsewhere (geolocation, address search) into view. */
function FollowPoint({ point }: { point: PickedPoint | null }) {
  const map = useMap();
  useEffect(() => {
    if (point && !map.getBounds().pad(-0.1).contains([point.lat, point.lon]))
      map.setView([point.lat, point.lon], Math.max(map.getZoom(), 16));
  }, [map, point]);
  return null;
}

export function LocationPickerMap({
  outlines,
  bounds,
  point,
  onPick,
}: {
  outlines: FeatureCollection<Polygon | MultiPolygon>;
  bounds: Bounds;
  point: PickedPoint | null;
  onPick: (point: PickedPoint) => void;
}) {
  return (
    <div role="region" aria-label="Carte : touchez ou cliquez pour placer le repère">
      <MapContainer
        bounds={toLatLngBounds(bounds)}
        zoomSnap={0.25}
        zoomControl={false}
        className="h-80 w-full rounded border border-slate-300 sm:h-96"
      >
        <ZoomControl zoomInTitle="Zoom avant" zoomOutTitle="Zoom arrière" />
        {TILE_URL && <TileLayer url={TILE_URL} attribution={TILE_ATTRIBUTION} />}
        <GeoJSON
          data={outlines}
          attribution={MAP_DATA_ATTRIBUTION}
          interactive={false}
          style={{ color: '#334155', weight: 1, fillOpacity: 0.05 }}
        />
        <ClickToPick onPick={onPick} />
        <FollowPoint point={point} />
        {point && (
          <Marker
            position={[point.lat, point.lon]}
            icon={pinIcon}
            draggable
            title="Repère du problème (déplaçable)"
            alt="Repère du problème (déplaçable)"
            eventHandlers={{
              dragend: (event) => {
                const { lat, lng } = (event.target as L.Marker).getLatLng();
                onPick({ lon: roundCoordinate(lng), lat: roundCoordinate(lat) });
              },
            }}
          />
        )}
      </MapContainer>
    </div>
  );
}
