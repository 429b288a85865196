'use client';

import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useState } from 'react';
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

// Street level: close enough for the resident to check the place (the street, the houses) once the pin is down.
const STREET_ZOOM = 17;

/** Centres on every new pin (click, drag, keyboard, geolocation, address search) at street level at least. */
function FollowPoint({ point }: { point: PickedPoint | null }) {
  const map = useMap();
  useEffect(() => {
    if (!point) return;
    const go = () => map.setView([point.lat, point.lon], Math.max(map.getZoom(), STREET_ZOOM));
    // Leaflet swallows a setView made while a zoom is animating (« + » then Entrée at once): wait for it to end.
    if ((map as unknown as { _animatingZoom?: boolean })._animatingZoom) map.once('zoomend', go);
    else go();
  }, [map, point]);
  return null;
}

const KEYBOARD_HINT_ID = 'carte-clavier';

/** The map's own keyboard (Leaflet: arrows pan, + and − zoom) gets its instructions and Entrée to drop the pin. */
function KeyboardPick({ onPick }: { onPick: (point: PickedPoint) => void }) {
  const map = useMap();
  useEffect(() => {
    const container = map.getContainer();
    container.setAttribute('aria-describedby', KEYBOARD_HINT_ID);
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || event.target !== container) return;
      event.preventDefault();
      onPick(centreOf(map));
    };
    container.addEventListener('keydown', onKeyDown);
    return () => container.removeEventListener('keydown', onKeyDown);
  }, [map, onPick]);
  return null;
}

const centreOf = (map: L.Map): PickedPoint => {
  const { lat, lng } = map.getCenter();
  return { lon: roundCoordinate(lng), lat: roundCoordinate(lat) };
};

/** A cross at the centre, where « Placer le repère ici » drops the pin: shown while the keyboard is on the map. */
function Crosshair() {
  return (
    <svg
      aria-hidden
      data-testid="map-crosshair"
      viewBox="0 0 40 40"
      className="pointer-events-none absolute top-1/2 left-1/2 z-[500] hidden size-10 -translate-x-1/2 -translate-y-1/2 group-has-[:focus-visible]:block"
    >
      <path d="M20 2v14M20 24v14M2 20h14M24 20h14" stroke="white" strokeWidth="6" strokeLinecap="round" />
      <path d="M20 2v14M20 24v14M2 20h14M24 20h14" stroke="#b91c1c" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
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
  const [map, setMap] = useState<L.Map | null>(null);
  return (
    <div className="group space-y-2">
      <div role="region" aria-label="Carte : touchez ou cliquez pour placer le repère" className="relative">
        <MapContainer
          ref={setMap}
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
          <KeyboardPick onPick={onPick} />
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
        <Crosshair />
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <button
          type="button"
          disabled={!map}
          onClick={() => map && onPick(centreOf(map))}
          className="rounded border border-brand px-4 py-2 font-medium text-brand hover:bg-blue-50 disabled:opacity-50"
        >
          Placer le repère ici
        </button>
        <p id={KEYBOARD_HINT_ID} className="text-sm text-slate-600">
          Au clavier : les flèches déplacent la carte, + et − zooment ; Entrée ou « Placer le repère ici » pose le repère au
          centre, marqué d’une croix.
        </p>
      </div>
    </div>
  );
}
