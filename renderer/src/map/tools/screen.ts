import type { Map as MaplibreMap } from 'maplibre-gl';

export type ScreenPoint = readonly [x: number, y: number];
export type LonLat = readonly [lon: number, lat: number];

/** A mouse event's position in the map canvas' CSS pixels (what map.unproject takes). */
export function canvasPoint(map: MaplibreMap, e: MouseEvent): ScreenPoint {
  const rect = map.getCanvasContainer().getBoundingClientRect();
  return [e.clientX - rect.left, e.clientY - rect.top];
}

export function unproject(map: MaplibreMap, p: ScreenPoint): LonLat {
  const ll = map.unproject([p[0], p[1]]);
  return [ll.lng, ll.lat];
}

export const pixelDistance = (a: ScreenPoint, b: ScreenPoint): number => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** The four corners of a screen box as a lon/lat ring (a quadrilateral when the map is rotated). */
export function boxRing(map: MaplibreMap, a: ScreenPoint, b: ScreenPoint): LonLat[] {
  const [x0, x1] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])];
  const [y0, y1] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
  return [unproject(map, [x0, y0]), unproject(map, [x1, y0]), unproject(map, [x1, y1]), unproject(map, [x0, y1])];
}

/** A key that adds to the current selection instead of replacing it. */
export const isAdditive = (e: MouseEvent): boolean => e.ctrlKey || e.metaKey;
