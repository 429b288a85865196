'use client';

import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { MapContainer, Marker, TileLayer } from 'react-leaflet';
import { TILE_ATTRIBUTION, TILE_URL } from './tiles';

const pinIcon = L.icon({
  iconUrl: '/leaflet/marker-icon.png',
  iconRetinaUrl: '/leaflet/marker-icon-2x.png',
  shadowUrl: '/leaflet/marker-shadow.png',
  iconSize: [25, 41],
  iconAnchor: [12, 41],
  shadowSize: [41, 41],
});

// A report's place at street level, as a picture: nothing to drag, zoom or tab through (the address and the commune
// are written beside it). Without tiles it still shows the pin on a calm background.
export function ReportPlaceMap({ lon, lat, label }: { lon: number; lat: number; label: string }) {
  return (
    <figure>
      <div role="img" aria-label={label}>
        <MapContainer
          center={[lat, lon]}
          zoom={17}
          dragging={false}
          touchZoom={false}
          doubleClickZoom={false}
          scrollWheelZoom={false}
          boxZoom={false}
          keyboard={false}
          zoomControl={false}
          attributionControl={false}
          className="h-56 w-full rounded border border-slate-300"
        >
          {TILE_URL && <TileLayer url={TILE_URL} />}
          <Marker position={[lat, lon]} icon={pinIcon} interactive={false} keyboard={false} />
        </MapContainer>
      </div>
      {/* Outside the picture, so that its links stay reachable (NEXT_PUBLIC_TILE_ATTRIBUTION may hold HTML). */}
      {TILE_URL && <figcaption className="mt-1 text-xs text-slate-600" dangerouslySetInnerHTML={{ __html: TILE_ATTRIBUTION }} />}
    </figure>
  );
}
