'use client';

import 'leaflet/dist/leaflet.css';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Layer, LeafletEvent, Path } from 'leaflet';
import { GeoJSON, MapContainer, TileLayer, ZoomControl } from 'react-leaflet';
import type { Bounds } from '@/lib/geo';
import type { PublicCategory } from '@/lib/reports/categories';
import { MAP_DATA_ATTRIBUTION } from '@/lib/territory/attribution';
import { MAX_MAP_ZOOM } from '@/lib/reports/map-grid';
import { FitToCommune } from './fit-to-commune';
import { MapViewWatcher } from './map-view-watcher';
import { ReportGridLayer } from './report-grid-layer';
import { TILE_ATTRIBUTION, TILE_URL } from './tiles';
import { toLatLngBounds, type MapCommune, type MapFeature, type MapView } from './types';

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

export type TerritoryMapProps = {
  communes: MapCommune[];
  bounds: Bounds;
  /** Clusters and reports the server grouped for the view. */
  features?: MapFeature[];
  categories?: PublicCategory[];
  focusedCommune?: string | null;
  onViewChange?: (view: MapView) => void;
};

const NO_CATEGORIES: PublicCategory[] = [];

export function TerritoryMap({
  communes,
  bounds,
  features,
  categories = NO_CATEGORIES,
  focusedCommune = null,
  onViewChange,
}: TerritoryMapProps) {
  const collection: FeatureCollection<Polygon | MultiPolygon, CommuneFeature['properties']> = {
    type: 'FeatureCollection',
    features: communes.map(({ geometry, ...properties }) => ({ type: 'Feature', geometry, properties })),
  };
  return (
    <MapContainer
      bounds={toLatLngBounds(bounds)}
      className="h-full min-h-[60vh] w-full"
      scrollWheelZoom
      maxZoom={MAX_MAP_ZOOM}
      zoomControl={false}
      aria-label="Carte des signalements et des communes de la Métropole"
    >
      <ZoomControl zoomInTitle="Zoom avant" zoomOutTitle="Zoom arrière" />
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
      {features && <ReportGridLayer features={features} categories={categories} />}
      {onViewChange && <MapViewWatcher onChange={onViewChange} />}
      <FitToCommune insee={focusedCommune} communes={communes} bounds={bounds} />
    </MapContainer>
  );
}
