import type { FeatureIdentifier, Map as MaplibreMap } from 'maplibre-gl';
import { featureTarget, sourceLayerOf } from '../tiled-source.js';

/** The parcels' source and the style layer their fill is drawn with (map/style.ts). */
export const PARCELS_SOURCE = 'parcels';
export const PARCELS_FILL_LAYER = 'parcels-fill';

/**
 * The feature-state address of a parcel: with the source layer when parcels arrive as vector
 * tiles cut by the core (DESIGN §5), without it for GeoJSON — the tools work with either.
 */
export function parcelFeature(map: MaplibreMap, id: number): FeatureIdentifier {
  return featureTarget(map, PARCELS_SOURCE, id);
}

/** The `source-layer` a layer drawn from the parcels' source needs (none for GeoJSON). */
export function parcelSourceLayer(map: MaplibreMap): { 'source-layer'?: string } {
  return sourceLayerOf(map, PARCELS_SOURCE);
}

/** Parcel ids drawn inside a screen box (what the user sees; the core's answer is the one that counts). */
export function renderedParcelIds(map: MaplibreMap, box: [[number, number], [number, number]]): number[] {
  if (!map.getLayer(PARCELS_FILL_LAYER)) return [];
  const ids = new Set<number>();
  for (const f of map.queryRenderedFeatures(box, { layers: [PARCELS_FILL_LAYER] })) {
    if (typeof f.id === 'number') ids.add(f.id);
  }
  return [...ids].sort((a, b) => a - b);
}

/** Whether the parcels layer is shown (a hidden layer is not selected by a box or lasso). */
export function parcelsVisible(map: MaplibreMap): boolean {
  return map.getLayer(PARCELS_FILL_LAYER) !== undefined && map.getLayoutProperty(PARCELS_FILL_LAYER, 'visibility') !== 'none';
}
