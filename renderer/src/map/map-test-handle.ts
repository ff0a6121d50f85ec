import type { Map as MaplibreMap } from 'maplibre-gl';
import { LAYER_IDS, type LayerId } from '../../../shared/api/layers.js';
import { STYLE_LAYERS } from './style.js';
import type { PlannerMapTestHandle } from './test-handle.js';
import { featureTarget } from './tiled-source.js';

/** What the test handle reads of a MapController's state (it changes nothing). */
export interface MapTestState {
  map: MaplibreMap;
  idle(): boolean;
  styleLoaded(): boolean;
  /** Features per layer: a GeoJSON source's count, or the project's count for a tiled layer. */
  featureCounts(): Record<LayerId, number>;
  visible(layer: LayerId): boolean;
  highlightedCount(): number;
}

/** The `window.__plannerMap` handle over a controller's map and state (test-handle.ts). */
export function createMapTestHandle(s: MapTestState): PlannerMapTestHandle {
  const { map } = s;
  return {
    isIdle: () => s.idle() && s.styleLoaded() && map.loaded(),
    featureCounts: () => s.featureCounts(),
    renderedFeatureCount: (layer) => {
      if (!s.styleLoaded()) return 0;
      const ids = new Set<unknown>();
      for (const f of map.queryRenderedFeatures({ layers: [...STYLE_LAYERS[layer]] })) ids.add(f.id);
      return ids.size;
    },
    visibleLayers: () => LAYER_IDS.filter((l) => s.visible(l)),
    snapshot: () => map.getCanvas().toDataURL('image/png'),
    highlightedCount: () => s.highlightedCount(),
    pixelOf: (lngLat) => {
      const p = map.project(lngLat);
      return [p.x, p.y];
    },
    featureSelected: (layer, id) => s.styleLoaded() && map.getFeatureState(featureTarget(map, layer, id))['selected'] === true,
    featurePropertiesAt: (layer, lngLat) => {
      if (!s.styleLoaded()) return null;
      const layers = STYLE_LAYERS[layer].filter((id) => map.getLayer(id));
      const f = map.queryRenderedFeatures(map.project(lngLat), { layers })[0];
      return f ? { ...f.properties } : null;
    },
  };
}
