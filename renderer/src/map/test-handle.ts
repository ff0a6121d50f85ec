import type { LayerId } from '../../../shared/api/layers.js';

/**
 * Read-only map state for end-to-end tests, installed as `window.__plannerMap` while a map exists.
 * Keep the names stable: tests/e2e rely on them.
 */
export interface PlannerMapTestHandle {
  /** No data, style or camera change is pending and the last frame is drawn. */
  isIdle(): boolean;
  /** Features pushed into the map per layer (what its GeoJSON source holds). */
  featureCounts(): Record<LayerId, number>;
  /** Distinct features of a layer drawn in the current view (0 when the layer is hidden). */
  renderedFeatureCount(layer: LayerId): number;
  /** Layers currently visible. */
  visibleLayers(): LayerId[];
  /** The canvas as a PNG data URL (the drawing buffer is preserved, so this is not blank). */
  snapshot(): string;
  /** Parcels outlined by a drill-down highlight. */
  highlightedCount(): number;
  /** The map container's pixel [x, y] (CSS px) of a [lon, lat] in the current view. */
  pixelOf(lngLat: [number, number]): [number, number];
}
