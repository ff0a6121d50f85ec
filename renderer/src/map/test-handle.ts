import type { LayerId } from '../../../shared/api/layers.js';

/**
 * Read-only map state for end-to-end tests, installed as `window.__plannerMap` while a map exists.
 * Keep the names stable: tests/e2e rely on them.
 */
export interface PlannerMapTestHandle {
  /** No data, style or camera change is pending and the last frame is drawn. */
  isIdle(): boolean;
  /** Features per layer: what its GeoJSON source holds, or the project's count for a tiled layer (parcels). */
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
  /** The map draws this feature as selected (its `selected` feature state, as the highlight style reads it). */
  featureSelected(layer: LayerId, id: number): boolean;
  /**
   * The properties of the layer's feature drawn at a [lon, lat] (what the map shows there now, from
   * its rendered tiles — no GPU read-back), or null when none is.
   */
  featurePropertiesAt(layer: LayerId, lngLat: [number, number]): Record<string, unknown> | null;
}

/**
 * The map tools' state for end-to-end tests (map/tools), installed as `window.__plannerMapTools`
 * while a map exists. Keep the names stable: tests/e2e rely on them.
 */
export interface PlannerMapToolsTestHandle {
  /** The active tool: 'pan', 'lasso', 'distance' or 'area'. */
  mode(): string;
  /** [lon, lat] of the measure tool's clicked vertices, exactly as its figures use them. */
  measureVertices(): [number, number][];
  /** The measurement was finished with a double-click. */
  measureFinished(): boolean;
  /** The [lon, lat] ring of the last box or lasso selection (null before the first). */
  lastSelectionRing(): [number, number][] | null;
  /** The parcels the core answered for that ring and the selection took (null until it answered). */
  lastSelectedFids(): number[] | null;
  /** The [lon, lat] under a map pixel (CSS px): the inverse of PlannerMapTestHandle.pixelOf. */
  lngLatOf(pixel: [number, number]): [number, number];
  /** The parcel outlined by the hover highlight, or null. */
  hoveredParcel(): number | null;
  /** Turns the map to a bearing in degrees (the north arrow follows). */
  setBearing(degrees: number): void;
}
