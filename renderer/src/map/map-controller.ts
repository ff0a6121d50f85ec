import './worker-url.js';
import { Map as MaplibreMap, NavigationControl, ScaleControl, type GeoJSONSource, type MapMouseEvent } from 'maplibre-gl';
import type { BBox, FeatureCollection } from '../../../shared/api/geojson.js';
import { LAYER_IDS, type LayerId } from '../../../shared/api/layers.js';
import type { StatusDef } from '../../../shared/api/settings.js';
import { paletteTable, statusColor, whenSelected } from './style-expressions.js';
import {
  CLICKABLE_LAYERS,
  LABEL_SOURCES,
  LOCAL_IDEOGRAPH_FONT_FAMILY,
  PARCELS_SELECTED_OVERVIEW,
  RENEWAL_PHASE_PALETTE,
  SELECTION_COLOR,
  STYLE_LAYERS,
  buildStyle,
  renewalPhaseColor,
} from './style.js';
import { featureDiff } from './feature-diff.js';
import { labelPoints } from './label-points.js';
import type { PlannerMapTestHandle } from './test-handle.js';
import { createMapTestHandle } from './map-test-handle.js';
import { ParcelHighlight, parcelBounds } from './highlight.js';
import { featureTarget, type TiledLayers } from './tiled-source.js';
import { pickFeature, samePick, type PickedFeature } from './pick-feature.js';
import { TiledLayerState } from './tiled-layer-state.js';
import { applyBasemap, type BasemapView } from './basemap-style.js';
import { MapPresenter } from './layer-style/map-presenter.js';
import type { MapPresentation } from './layer-style/presentation.js';

/** One selected feature: its layer and its feature id (the GeoPackage fid) — what a click picks. */
export type MapSelection = PickedFeature;

/** How a click selected: `additive` when Shift was held (add to / remove from a multi-selection). */
export interface SelectGesture {
  additive: boolean;
}

export interface MapControllerOptions {
  statuses?: readonly StatusDef[];
  /** Called when the user clicks a feature (or empty map: null). */
  onSelect?: (selection: MapSelection | null, gesture: SelectGesture) => void;
  /** Receives `data-map-idle` once every layer's data is drawn; document.body by default. */
  idleMarker?: HTMLElement;
  /** Layers drawn from the core's vector tiles, by tile URL template (parcels: DESIGN §5); the others take setLayerData. */
  tiled?: TiledLayers;
}

const YONGKANG_CENTER: [number, number] = [120.03, 28.9];
const FIT_PADDING_PX = 32;
const FOCUS_PADDING_PX = 80;

/**
 * Owns the maplibre-gl Map (DESIGN §5, STYLE "one class owns the map"). React pushes the wanted
 * state in — statuses, layer data, visibility, selection — and the controller applies only what
 * changed, holding it until the style has loaded.
 */
export class MapController {
  private readonly map: MaplibreMap;
  private readonly onSelect: ((selection: MapSelection | null, gesture: SelectGesture) => void) | undefined;
  private readonly idleMarker: HTMLElement;
  private readonly resizeObserver: ResizeObserver;
  private readonly handle: PlannerMapTestHandle;
  /** Parcels behind a drill-down (dashboard, tally), outlined apart from the selection. */
  private readonly highlight: ParcelHighlight;
  /** The layer panel's styling, filters, opacity and order (layer-style/map-presenter.ts). */
  private readonly presenter: MapPresenter;

  private styleLoaded = false;
  private idle = false;
  private dataReady = false;
  private fitted = false;

  private statuses: readonly StatusDef[];
  private appliedStatuses: readonly StatusDef[] | null = null;
  private readonly data = new Map<LayerId, FeatureCollection>();
  private readonly appliedData = new Map<LayerId, FeatureCollection>();
  private visible: ReadonlySet<LayerId> = new Set(LAYER_IDS);
  private readonly appliedVisible = new Set<LayerId>(LAYER_IDS);
  private selection: MapSelection | null = null;
  private appliedSelection: MapSelection | null = null;
  /** Further selected features (a multi-selection), drawn like the selection. */
  private multi: readonly MapSelection[] = [];
  private readonly appliedMulti = new Map<string, MapSelection>();
  private pendingBounds: BBox | null = null;
  private basemap: BasemapView | null = null;
  private appliedBasemap: BasemapView | null = null;
  /** Layers drawn from the core's vector tiles (parcels): URLs, changed tiles, counts. */
  private readonly tiled: TiledLayerState;

  constructor(container: HTMLElement, options: MapControllerOptions = {}) {
    this.onSelect = options.onSelect;
    this.idleMarker = options.idleMarker ?? document.body;
    this.statuses = options.statuses ?? [];
    this.tiled = new TiledLayerState(options.tiled ?? {});
    // Tiled layers start hidden (style.ts): shown once the view is framed on the project.
    for (const layer of this.tiled.layers) this.appliedVisible.delete(layer);
    this.map = new MaplibreMap({
      container,
      style: buildStyle(this.statuses, null, this.tiled.urls),
      // A tile an edit touched is asked for under a new URL (tiled-source.ts: TileRevisions).
      transformRequest: this.tiled.transformRequest,
      center: YONGKANG_CENTER,
      zoom: 10,
      attributionControl: false,
      dragRotate: false,
      // Shift+click adds a parcel to the selection; maplibre's box zoom would take Shift+drag (and swallow the click).
      boxZoom: false,
      pitchWithRotate: false,
      touchPitch: false,
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
      // Labels appear at once: a fade repaints the map every frame for 300 ms after each placement,
      // and a frame of 100,000 parcels costs a software GL (SwiftShader) a good part of that.
      fadeDuration: 0,
      // Without it a snapshot taken outside a render callback comes out blank (DESIGN §7).
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    this.appliedStatuses = this.statuses;
    this.highlight = new ParcelHighlight(this.map);
    this.presenter = new MapPresenter(this.map);
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');

    this.map.on('load', () => {
      this.styleLoaded = true;
      this.highlight.install();
      this.sync();
    });
    this.map.on('idle', () => {
      this.idle = true;
      this.markIdleIfReady();
    });
    this.map.on('click', (e) => this.handleClick(e));
    this.map.on('mousemove', (e) => {
      this.map.getCanvas().style.cursor = this.featureAt(e) ? 'pointer' : '';
    });

    this.resizeObserver = new ResizeObserver(() => this.map.resize());
    this.resizeObserver.observe(container);
    this.handle = this.testHandle();
    window.__plannerMap = this.handle;
  }

  /** The maplibre map itself, for the interaction tools (map/tools): they add their own layers and listeners. */
  maplibre(): MaplibreMap {
    return this.map;
  }

  setStatuses(statuses: readonly StatusDef[]): void {
    this.statuses = statuses;
    this.sync();
  }

  /** The layer panel's wishes; applied by difference, like everything else here. */
  setPresentation(presentation: MapPresentation): void {
    this.presenter.set(presentation);
    this.sync();
  }

  /** The basemap under the project layers (basemap-style.ts); null = offline, the plain background. */
  setBasemap(basemap: BasemapView | null): void {
    this.basemap = basemap;
    this.sync();
  }

  /** Unchanged collections (same object) are not re-sent to the map. */
  setLayerData(layer: LayerId, collection: FeatureCollection): void {
    if (this.data.get(layer) === collection) return;
    this.data.set(layer, collection);
    this.sync();
  }

  setVisibleLayers(visible: ReadonlySet<LayerId>): void {
    this.visible = visible;
    this.sync();
  }

  setSelection(selection: MapSelection | null): void {
    this.selection = selection;
    this.sync();
  }

  setMultiSelection(items: readonly MapSelection[]): void {
    this.multi = items;
    this.sync();
  }

  /**
   * Outlines the parcels behind a figure and frames them; [] clears the highlight. `bbox` frames
   * them when the parcels are tiles (the core's parcelRows gives it); without it, the loaded
   * GeoJSON parcels give it, if any.
   */
  setHighlight(fids: readonly number[], bbox?: BBox | null): void {
    this.highlight.set(fids);
    this.sync();
    const frame = bbox ?? parcelBounds(this.data.get('parcels'), fids);
    if (frame && fids.length > 0) this.flyToBounds(frame);
  }

  /** The project's feature counts (listLayers): the tiled layers' counts for the test handle. */
  setLayerCounts(counts: Partial<Record<LayerId, number>>): void {
    this.tiled.setCounts(counts);
  }

  /** Reloads the tiles of a tiled layer a change touched (`extent`: an edit's boxes), or all of them (tiled-layer-state.ts). */
  refreshTiles(layer: LayerId, extent?: readonly BBox[]): void {
    if (this.styleLoaded && this.tiled.refresh(this.map, layer, extent)) this.markBusy();
  }

  /** Moves the view to a feature's bounds (search result, a parcel picked from a list). */
  flyToBounds(bbox: BBox): void {
    const [w, s, e, n] = bbox;
    if (!this.styleLoaded) {
      this.pendingBounds = bbox;
      return;
    }
    this.map.fitBounds([[w, s], [e, n]], { padding: FOCUS_PADDING_PX, maxZoom: 17, duration: 400 });
    this.markBusy();
  }

  /** Frames the project the first time it is known; later reloads keep the user's view. */
  fitBoundsOnce(bbox: BBox | null): void {
    if (this.fitted || !bbox) return;
    this.fitted = true;
    this.pendingBounds = bbox;
    this.tiled.prefetchFirstView(this.map, bbox, FIT_PADDING_PX);
    this.sync();
  }

  /** Every layer's data has been pushed: `data-map-idle` may be set after the next idle. */
  setDataReady(ready: boolean): void {
    this.dataReady = ready;
    this.sync();
    this.markIdleIfReady();
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    if (window.__plannerMap === this.handle) delete window.__plannerMap;
    delete this.idleMarker.dataset.mapIdle;
    this.map.remove();
  }

  /** Applies the difference between the wanted state and what the map shows. */
  private sync(): void {
    if (!this.styleLoaded) return;
    let changed = false;

    if (this.appliedStatuses !== this.statuses) {
      // Once the layer panel presents the map, parcel colours follow its chosen styling.
      if (!this.presenter.active) this.map.setPaintProperty('parcels-fill', 'fill-color', statusColor(this.statuses));
      this.appliedStatuses = this.statuses;
      changed = true;
    }
    for (const [layer, collection] of this.data) {
      const previous = this.appliedData.get(layer);
      if (previous === collection) continue;
      // Parcels (no label source, no palette from the data) take a diff when only a few changed.
      const diff = layer === 'parcels' && previous ? featureDiff(previous, collection) : null;
      if (diff) {
        this.appliedData.set(layer, collection);
        if (diff.update?.length) {
          const source = this.map.getSource<GeoJSONSource>(layer);
          source?.updateData(diff).catch((err: unknown) => {
            console.warn(`planner: diff update of ${layer} failed, sending it whole`, err);
            source.setData(collection);
          });
          changed = true;
        }
        continue;
      }
      this.map.getSource<GeoJSONSource>(layer)?.setData(collection);
      this.appliedData.set(layer, collection);
      const labelSource = labelSourceOf(layer);
      if (labelSource) this.map.getSource<GeoJSONSource>(labelSource)?.setData(labelPoints(collection));
      if (layer === 'renewal_zones' && !this.presenter.active) this.colourRenewalPhases(collection);
      changed = true;
    }
    // Tiled layers wait until the view is framed on the project (or the data is all there without a frame).
    const tiledOpen = this.fitted || this.dataReady;
    for (const layer of LAYER_IDS) {
      const want = this.visible.has(layer) && (tiledOpen || !this.tiled.has(layer));
      if (want === this.appliedVisible.has(layer)) continue;
      for (const id of STYLE_LAYERS[layer]) this.map.setLayoutProperty(id, 'visibility', want ? 'visible' : 'none');
      if (want) this.appliedVisible.add(layer);
      else this.appliedVisible.delete(layer);
      changed = true;
    }
    if (!samePick(this.selection, this.appliedSelection)) {
      const old = this.appliedSelection;
      if (old && !this.appliedMulti.has(`${old.layer}/${old.id}`)) {
        this.map.removeFeatureState(featureTarget(this.map, old.layer, old.id), 'selected');
      }
      if (this.selection) this.map.setFeatureState(featureTarget(this.map, this.selection.layer, this.selection.id), { selected: true });
      this.appliedSelection = this.selection;
      changed = true;
    }
    if (this.syncMultiSelection()) changed = true;
    if (this.syncSelectedOverview()) changed = true;
    if (this.highlight.sync()) changed = true;
    if (this.basemap !== this.appliedBasemap) {
      applyBasemap(this.map, this.appliedBasemap, this.basemap);
      this.appliedBasemap = this.basemap;
      changed = true;
    }
    if (this.presenter.sync()) changed = true;
    if (this.pendingBounds) {
      const [w, s, e, n] = this.pendingBounds;
      this.map.fitBounds([[w, s], [e, n]], { padding: FIT_PADDING_PX, animate: false, maxZoom: 16 });
      this.pendingBounds = null;
      changed = true;
    }
    if (changed) this.markBusy();
  }

  /** Shows the zoomed-out selection outline only while a parcel is selected and the parcels are shown. */
  private syncSelectedOverview(): boolean {
    if (!this.map.getLayer(PARCELS_SELECTED_OVERVIEW)) return false;
    const selected = this.selection?.layer === 'parcels' || this.multi.some((m) => m.layer === 'parcels');
    const visibility = selected && this.appliedVisible.has('parcels') ? 'visible' : 'none';
    if (this.map.getLayoutProperty(PARCELS_SELECTED_OVERVIEW, 'visibility') === visibility) return false;
    this.map.setLayoutProperty(PARCELS_SELECTED_OVERVIEW, 'visibility', visibility);
    return true;
  }

  /** Applies the multi-selection's feature-state difference; true when something changed. */
  private syncMultiSelection(): boolean {
    const wanted = new Map<string, MapSelection>(this.multi.map((m) => [`${m.layer}/${m.id}`, m]));
    let changed = false;
    for (const [key, m] of this.appliedMulti) {
      if (wanted.has(key)) continue;
      if (!samePick(m, this.selection)) this.map.removeFeatureState(featureTarget(this.map, m.layer, m.id), 'selected');
      this.appliedMulti.delete(key);
      changed = true;
    }
    for (const [key, m] of wanted) {
      if (this.appliedMulti.has(key)) continue;
      this.map.setFeatureState(featureTarget(this.map, m.layer, m.id), { selected: true });
      this.appliedMulti.set(key, m);
      changed = true;
    }
    return changed;
  }

  private colourRenewalPhases(collection: FeatureCollection): void {
    const phases = collection.features
      .map((f) => f.properties['phase'])
      .filter((v): v is string | number => v !== null && v !== undefined && v !== '')
      .map(String);
    const colour = renewalPhaseColor(paletteTable(phases, RENEWAL_PHASE_PALETTE));
    this.map.setPaintProperty('renewal_zones-fill', 'fill-color', colour);
    this.map.setPaintProperty('renewal_zones-outline', 'line-color', whenSelected(SELECTION_COLOR, colour));
  }

  private markBusy(): void {
    this.idle = false;
    if (this.idleMarker.dataset.mapIdle) this.idleMarker.dataset.mapIdle = 'false';
    this.map.triggerRepaint();
  }

  private markIdleIfReady(): void {
    if (this.dataReady && this.idle && this.styleLoaded) this.idleMarker.dataset.mapIdle = 'true';
  }

  private featureAt(e: MapMouseEvent): MapSelection | null {
    const layers = CLICKABLE_LAYERS.filter((id) => this.map.getLayer(id));
    // The topmost hit, but of overlapping points the one nearest the click (pick-feature.ts).
    return pickFeature(this.map.queryRenderedFeatures(e.point, { layers }), e.point, (c) => this.map.project(c));
  }

  private handleClick(e: MapMouseEvent): void {
    if (!this.styleLoaded) return;
    this.onSelect?.(this.featureAt(e), { additive: e.originalEvent.shiftKey });
  }

  private testHandle(): PlannerMapTestHandle {
    return createMapTestHandle({
      map: this.map,
      idle: () => this.idle,
      styleLoaded: () => this.styleLoaded,
      featureCounts: () => {
        const counts = Object.fromEntries(LAYER_IDS.map((l) => [l, 0])) as Record<LayerId, number>;
        for (const [layer, collection] of this.appliedData) counts[layer] = collection.features.length;
        for (const [layer, n] of this.tiled.countEntries()) counts[layer] = n;
        return counts;
      },
      visible: (layer) => this.appliedVisible.has(layer),
      highlightedCount: () => this.highlight.count,
    });
  }
}

function labelSourceOf(layer: LayerId): string | undefined {
  return (LABEL_SOURCES as Partial<Record<LayerId, string>>)[layer];
}
