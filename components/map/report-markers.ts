import L from 'leaflet';
import { categoryIconSvg } from '@/components/ui/category-icon';
import { formatDate } from '@/lib/format';
import type { PublicCategory } from '@/lib/reports/categories';
import type { ClusterFeature } from '@/lib/reports/map-grid';
import { toLatLngBounds, type MapReport, type ReportFeature } from './types';
import './report-markers.css';

// Everything here may run 10,000 times: icons are built once per category, popups only when opened.

const MARKER_SIZE = 28;
const FALLBACK: Omit<PublicCategory, 'slug' | 'name'> = { color: '#334155', icon: 'dots' };
const iconCache = new Map<string, L.DivIcon>();

function categoryDivIcon(category: Omit<PublicCategory, 'slug' | 'name'>, isOverdue = false): L.DivIcon {
  const key = `${category.color}|${category.icon}|${isOverdue}`;
  let icon = iconCache.get(key);
  if (!icon) {
    // The colour comes from the database: only a #rrggbb value is let into the style attribute.
    const color = /^#[0-9a-f]{6}$/i.test(category.color) ? category.color : FALLBACK.color;
    icon = L.divIcon({
      className: isOverdue ? 'report-marker report-marker-overdue' : 'report-marker',
      html: `<span class="report-marker-pin" style="background-color:${color}">${categoryIconSvg(category.icon)}</span>`,
      iconSize: [MARKER_SIZE, MARKER_SIZE],
      iconAnchor: [MARKER_SIZE / 2, MARKER_SIZE / 2],
      popupAnchor: [0, -MARKER_SIZE / 2],
    });
    iconCache.set(key, icon);
  }
  return icon;
}

/** The popup as DOM nodes: report texts go in through textContent, never as HTML. */
function popupContent(report: MapReport, close: () => void): HTMLElement {
  const root = document.createElement('div');
  root.className = 'report-popup';
  // Leaflet only listens to Escape while the map itself has the focus, not a link inside a popup.
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  const title = root.appendChild(document.createElement('p'));
  title.className = 'report-popup-title';
  title.textContent = report.categoryName;
  const list = root.appendChild(document.createElement('dl'));
  const rows: [string, string][] = [
    ['État', report.state],
    ['Commune', report.commune],
    ['Signalé le', formatDate(report.createdAt)],
    ['Référence', report.reference],
    ...(report.isOverdue ? ([['Échéance', 'dépassée']] as [string, string][]) : []),
  ];
  for (const [label, value] of rows) {
    list.appendChild(document.createElement('dt')).textContent = label;
    list.appendChild(document.createElement('dd')).textContent = value;
  }
  const link = root.appendChild(document.createElement('a'));
  link.href = report.href ?? `/suivi/${encodeURIComponent(report.reference)}`;
  link.textContent = 'Voir le signalement';
  return root;
}

export function reportMarker(feature: ReportFeature, category: PublicCategory | undefined): L.Marker {
  const [lon, lat] = feature.geometry.coordinates as [number, number];
  const report = feature.properties;
  const marker = L.marker([lat, lon], {
    icon: categoryDivIcon(category ?? FALLBACK, report.isOverdue),
    // Leaflet gives a keyboard-focusable marker the role "button"; its title is the accessible name.
    title: `${report.categoryName}, ${report.state.toLowerCase()}, ${report.commune}${report.isOverdue ? ', en retard' : ''}`,
  });
  marker.bindPopup(() => popupContent(report, () => marker.closePopup()));
  // A keyboard user who opens a popup lands on its link, and comes back to the marker when it closes.
  marker.on('popupopen', (event) => {
    if (document.activeElement === marker.getElement()) event.popup.getElement()?.querySelector('a')?.focus();
  });
  marker.on('popupclose', (event) => {
    if (event.popup.getElement()?.contains(document.activeElement)) marker.getElement()?.focus();
  });
  return marker;
}

function clusterIcon(count: number): L.DivIcon {
  const size = count < 10 ? 34 : count < 100 ? 40 : count < 1000 ? 48 : 56;
  const label = count.toLocaleString('fr-FR');
  return L.divIcon({
    className: 'report-cluster',
    html: `<span aria-hidden="true">${label}</span><span class="sr-only">Groupe de ${label} signalements : zoomer</span>`,
    iconSize: [size, size],
  });
}

/**
 * A cluster: its count at the centre of its reports; a click (or Enter) zooms in to the box its reports span, at
 * least one level, so that the next answer splits it.
 */
export function clusterMarker(feature: ClusterFeature, map: L.Map): L.Marker {
  const [lon, lat] = feature.geometry.coordinates as [number, number];
  const { count, bbox } = feature.properties;
  const marker = L.marker([lat, lon], { icon: clusterIcon(count), keyboard: true });
  const zoomIn = () => {
    const bounds = L.latLngBounds(toLatLngBounds(bbox));
    const zoom = Math.min(map.getMaxZoom(), Math.max(map.getZoom() + 1, map.getBoundsZoom(bounds)));
    map.setView(bounds.getCenter(), zoom);
  };
  marker.on('click', zoomIn);
  // Leaflet turns Enter into a click only for a marker with a popup: a cluster is a button, Enter and Space press it.
  marker.on('keypress', (event) => {
    const { key } = (event as L.LeafletKeyboardEvent).originalEvent;
    if (key === 'Enter' || key === ' ') zoomIn();
  });
  return marker;
}
