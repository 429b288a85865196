'use client';

import 'leaflet/dist/leaflet.css';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Layer, LeafletEvent, Path } from 'leaflet';
import { GeoJSON, MapContainer, TileLayer } from 'react-leaflet';
import { MAP_DATA_ATTRIBUTION } from '@/lib/territory/attribution';
import type { MapCommune } from './types';

const TILE_URL = process.env.NEXT_PUBLIC_TILE_URL ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const TILE_ATTRIBUTION =
  process.env.NEXT_PUBLIC_TILE_ATTRIBUTION ??
  '© <a href="https://www.openstreetmap.org/copyright">contributeurs OpenStreetMap</a>';

type CommuneFeature = Feature<Polygon | MultiPolygon, Omit<MapCommune, 'geometry'>>;

// Each commune shape is focusable: keyboard users get the same name tooltip as a mouse hover.
function bindCommune(feature: CommuneFeature, layer: Layer) {
  const { name, poleName } = feature.properties;
  layer.bindTooltip(`<strong>${escapeHtml(name)}</strong><br>${escapeHtml(poleName)}`, { sticky: true });
  layer.on('add', (event: LeafletEvent) => {
    const element = (event.target as Path).getElement();
    if (!element) return;
    element.setAttribute('tabindex', '0');
    element.setAttribute('role', 'img');
    element.setAttribute('aria-label', `${name}, ${poleName}`);
    element.addEventListener('focus', () => layer.openTooltip());
    element.addEventListener('blur', () => layer.closeTooltip());
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function TerritoryMap({ communes, bounds }: { communes: MapCommune[]; bounds: [[number, number], [number, number]] }) {
  const collection: FeatureCollection<Polygon | MultiPolygon, CommuneFeature['properties']> = {
    type: 'FeatureCollection',
    features: communes.map(({ geometry, ...properties }) => ({ type: 'Feature', geometry, properties })),
  };
  return (
    <MapContainer
      bounds={bounds}
      className="h-full min-h-[60vh] w-full"
      scrollWheelZoom
      aria-label="Carte des communes de la Métropole"
    >
      {TILE_URL && <TileLayer url={TILE_URL} attribution={TILE_ATTRIBUTION} />}
      <GeoJSON
        data={collection}
        attribution={MAP_DATA_ATTRIBUTION}
        style={(feature) => ({
          color: '#1e293b',
          weight: 1.5,
          fillColor: (feature as CommuneFeature | undefined)?.properties.color ?? '#94a3b8',
          fillOpacity: 0.35,
        })}
        onEachFeature={(feature, layer) => bindCommune(feature as CommuneFeature, layer)}
      />
    </MapContainer>
  );
}
