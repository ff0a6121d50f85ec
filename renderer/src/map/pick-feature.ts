import { LAYER_IDS, type LayerId } from '../../../shared/api/layers.js';

/** What a click picks: a project layer's feature by its fid. */
export interface PickedFeature {
  layer: LayerId;
  id: number;
}

/** The same feature (or both none). */
export function samePick(a: PickedFeature | null, b: PickedFeature | null): boolean {
  return a === b || (a !== null && b !== null && a.layer === b.layer && a.id === b.id);
}

/** The parts of a queryRenderedFeatures hit the pick reads (maplibre's MapGeoJSONFeature has them). */
export interface FeatureHit {
  id?: string | number | undefined;
  source: string;
  layer: { id: string; type: string };
  geometry: { type: string; coordinates?: unknown };
}

export type ScreenXY = { x: number; y: number };

/**
 * The feature a click at `point` selects, from queryRenderedFeatures' hits (topmost layer first).
 * The topmost selectable hit wins, as drawn — except among points: a point layer's circles are
 * drawn over one another (two major projects a few pixels apart, the later one on top), so of the
 * points of that style layer under the click, the one whose centre is nearest the click wins. A
 * click exactly on a project's point then opens that project, not the neighbour drawn over it.
 * `project` turns a lon/lat into screen pixels (map.project).
 */
export function pickFeature(hits: readonly FeatureHit[], point: ScreenXY, project: (lngLat: [number, number]) => ScreenXY): PickedFeature | null {
  const selectable = hits.filter((h): h is FeatureHit & { id: number } => typeof h.id === 'number' && layerOf(h) !== null);
  const top = selectable[0];
  if (!top) return null;
  let best = top;
  // Only circles are read for their centre (a polygon's geometry is not needed, nor converted).
  const topCentre = top.layer.type === 'circle' ? centreOf(top) : null;
  if (topCentre) {
    let bestD = distance(project(topCentre), point);
    for (const h of selectable) {
      if (h.layer.id !== top.layer.id) continue;
      const c = centreOf(h);
      const d = c ? distance(project(c), point) : Infinity;
      if (d < bestD) {
        best = h;
        bestD = d;
      }
    }
  }
  return { layer: layerOf(best) as LayerId, id: best.id };
}

function layerOf(h: FeatureHit): LayerId | null {
  return LAYER_IDS.find((l) => l === h.source) ?? null;
}

/** A Point hit's lon/lat; null for any other geometry (lines and polygons keep the drawing order). */
function centreOf(h: FeatureHit): [number, number] | null {
  if (h.geometry.type !== 'Point' || !Array.isArray(h.geometry.coordinates)) return null;
  const [x, y] = h.geometry.coordinates as unknown[];
  return typeof x === 'number' && typeof y === 'number' ? [x, y] : null;
}

const distance = (a: ScreenXY, b: ScreenXY): number => Math.hypot(a.x - b.x, a.y - b.y);
