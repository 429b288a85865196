import 'server-only';

import type { MultiPolygon, Polygon } from 'geojson';
import { rgb, type PDFPage } from 'pdf-lib';
import { projectCommunes, projectionOf } from '@/lib/figures/shapes';
import { draw, fit, LEFT, mm, TEXT_WIDTH, widthOf, type Style, type Styles } from '@/lib/notifications/letters';
import type { Point } from './order';

// The route sheet's map. No tile server is reachable, so it is vector: the communes' outlines (projected as the
// figures' map projects them), their names, the path in visiting order, the start and the numbered stops.

export type MapCommune = { insee: string; name: string; geometry: Polygon | MultiPolygon; labelPoint: Point | null };
export type RoundMap = { communes: MapCommune[]; start: Point | null; stops: Point[] };

const INK = rgb(0.1, 0.1, 0.1);
const BRAND = rgb(0.1, 0.25, 0.55);
const GREY = rgb(0.45, 0.45, 0.45);
const PAPER = rgb(0.95, 0.95, 0.93);
const MAP_MAX_HEIGHT = mm(115);

/** The map: outlines, the commune names, the path in visiting order, the start (a square), the numbered stops. */
export function drawRoundMap(page: PDFPage, data: RoundMap, styles: Styles, top: number): number {
  if (data.communes.length === 0) return top;
  let width = TEXT_WIDTH;
  if (projectionOf(data.communes, width).height > MAP_MAX_HEIGHT)
    width = (width * MAP_MAX_HEIGHT) / projectionOf(data.communes, width).height;
  const { project, height } = projectionOf(data.communes, width);
  const left = LEFT + (TEXT_WIDTH - width) / 2;
  // pdf-lib draws an SVG path with y pointing down from (x, y): the map's top left corner.
  const at = ([x, y]: [number, number]) => ({ x: left + x, y: top - y });
  page.drawRectangle({
    x: LEFT,
    y: top - height,
    width: TEXT_WIDTH,
    height,
    color: rgb(1, 1, 1),
    borderColor: GREY,
    borderWidth: 0.5,
  });
  for (const shape of projectCommunes(data.communes, width, 1).shapes) {
    page.drawSvgPath(shape.path, { x: left, y: top, color: PAPER, borderColor: GREY, borderWidth: 0.6 });
  }
  const label: Style = { ...styles.small, size: 6.5 };
  for (const commune of data.communes) {
    if (!commune.labelPoint) continue;
    const name = fit(commune.name, label, mm(30));
    const { x, y } = at(project(commune.labelPoint.lon, commune.labelPoint.lat));
    page.drawText(name, { x: x - widthOf(name, label) / 2, y: y - 2, size: label.size, font: label.font.pdf, color: GREY });
  }
  const points = spread(data.stops.map((stop) => at(project(stop.lon, stop.lat))));
  const path = [...(data.start ? [at(project(data.start.lon, data.start.lat))] : []), ...points.map((p) => p.from ?? p)];
  for (let i = 1; i < path.length; i++) {
    page.drawLine({ start: path[i - 1]!, end: path[i]!, thickness: 0.8, color: BRAND, dashArray: [3, 2] });
  }
  if (data.start) {
    const { x, y } = path[0]!;
    page.drawRectangle({ x: x - 5, y: y - 5, width: 10, height: 10, color: INK });
    centred(page, 'D', x, y, { ...styles.strong, size: 7 }, rgb(1, 1, 1));
  }
  const number: Style = { ...styles.strong, size: 7 };
  for (let i = points.length - 1; i >= 0; i--) {
    const { x, y, from } = points[i]!;
    if (from) page.drawLine({ start: from, end: { x, y }, thickness: 0.5, color: INK });
    page.drawCircle({ x, y, size: 6.5, color: BRAND, borderColor: rgb(1, 1, 1), borderWidth: 0.8 });
    centred(page, String(i + 1), x, y, number, rgb(1, 1, 1));
  }
  const legend = 'D : départ · 1, 2, 3… : étapes dans l’ordre de passage · pointillés : trajet à vol d’oiseau';
  draw(page, fit(legend, styles.small, TEXT_WIDTH), LEFT, top - height - styles.small.leading, styles.small);
  return top - height - styles.small.leading;
}

type MapPoint = { x: number; y: number };
const MARKER_GAP = 14;

/**
 * Stops at the same place (or a few metres apart) would hide each other's numbers: each marker that falls on one
 * already placed moves out along a spiral, and keeps a leader line to where the report is (`from`).
 */
function spread(points: MapPoint[]): (MapPoint & { from?: MapPoint })[] {
  const placed: (MapPoint & { from?: MapPoint })[] = [];
  for (const point of points) {
    let spot = point;
    for (let step = 1; placed.some((p) => Math.hypot(p.x - spot.x, p.y - spot.y) < MARKER_GAP); step++) {
      const angle = step * 2.4;
      const radius = MARKER_GAP * Math.sqrt(step);
      spot = { x: point.x + radius * Math.cos(angle), y: point.y + radius * Math.sin(angle) };
    }
    placed.push(spot === point ? point : { ...spot, from: point });
  }
  return placed;
}

function centred(page: PDFPage, text: string, x: number, y: number, style: Style, color = INK) {
  const width = widthOf(text, style);
  page.drawText(text, { x: x - width / 2, y: y - style.size * 0.36, size: style.size, font: style.font.pdf, color });
}
