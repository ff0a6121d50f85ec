import type { Map as MaplibreMap } from 'maplibre-gl';
import type { PlannerMapToolsTestHandle } from '../test-handle.js';
import { BoxSelect, type BoxGesture } from './box-select.js';
import { ParcelHover } from './hover.js';
import { LassoSelect, type LassoGesture } from './lasso.js';
import { MeasureTool } from './measure.js';
import type { MeasureState } from './measure-state.js';
import { NorthArrowControl } from './north-arrow.js';
import { parcelsVisible, renderedParcelIds } from './parcel-target.js';
import type { LonLat } from './screen.js';

declare global {
  interface Window {
    __plannerMapTools?: PlannerMapToolsTestHandle;
  }
}

/** pan: click selects, Shift+drag box-selects; lasso: drag a freehand outline; distance/area: measure. */
export const TOOL_MODES = ['pan', 'lasso', 'distance', 'area'] as const;
export type ToolMode = (typeof TOOL_MODES)[number];

/** A box or lasso drawn over the parcels. */
export interface ShapeSelection {
  ring: LonLat[];
  /** Parcels drawn inside a box (queryRenderedFeatures), shown at once; null for a lasso. */
  preview: number[] | null;
  additive: boolean;
}

export interface MapToolsOptions {
  onSelectShape(selection: ShapeSelection): void;
  onMeasure(state: MeasureState | null): void;
  /** The tool changed from the map side (Esc leaves a tool). */
  onModeChange(mode: ToolMode): void;
  northTitle(): string;
}

/**
 * The interaction tools over the map (issue 5 item 3): hover highlight, box and lasso selection,
 * measuring, the north arrow. They reach the map only through MapController.maplibre() and add
 * their own layers and listeners; React holds the mode and the results.
 */
export class MapTools {
  private mode: ToolMode = 'pan';
  private lastRing: LonLat[] | null = null;
  private lastFids: number[] | null = null;
  private readonly hover: ParcelHover;
  private readonly box: BoxSelect;
  private readonly lasso: LassoSelect;
  private readonly measure: MeasureTool;
  private readonly north: NorthArrowControl;
  private readonly handle: PlannerMapToolsTestHandle;

  constructor(
    private readonly map: MaplibreMap,
    private readonly options: MapToolsOptions,
  ) {
    const drawing = (on: boolean): void => this.hover.setEnabled(!on);
    this.hover = new ParcelHover(map);
    this.box = new BoxSelect(map, (g) => this.boxDrawn(g), drawing);
    this.lasso = new LassoSelect(map, (g) => this.lassoDrawn(g), drawing);
    this.measure = new MeasureTool(map, (s) => options.onMeasure(s));
    this.north = new NorthArrowControl(options.northTitle);
    map.addControl(this.north, 'top-right');
    window.addEventListener('keydown', this.onKey, true);
    this.handle = this.testHandle();
    window.__plannerMapTools = this.handle;
  }

  setMode(mode: ToolMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.lasso.setEnabled(mode === 'lasso');
    this.measure.setMode(mode === 'distance' || mode === 'area' ? mode : null);
    const container = this.map.getContainer();
    for (const m of TOOL_MODES) container.classList.toggle(`planner-tool-${m}`, m === mode);
  }

  /** The core's answer for the last shape, as the selection took it (for the test handle). */
  noteSelected(fids: readonly number[]): void {
    this.lastFids = [...fids];
  }

  /** The interface language changed. */
  relabel(): void {
    this.north.relabel();
  }

  destroy(): void {
    window.removeEventListener('keydown', this.onKey, true);
    if (window.__plannerMapTools === this.handle) delete window.__plannerMapTools;
    this.hover.destroy();
    this.box.destroy();
    this.lasso.destroy();
    this.measure.destroy();
    this.map.removeControl(this.north);
  }

  private boxDrawn(g: BoxGesture): void {
    if (!parcelsVisible(this.map)) return;
    this.lastRing = g.ring;
    this.lastFids = null;
    this.options.onSelectShape({ ring: g.ring, preview: renderedParcelIds(this.map, g.screen), additive: g.additive });
  }

  private lassoDrawn(g: LassoGesture): void {
    if (!parcelsVisible(this.map)) return;
    this.lastRing = g.ring;
    this.lastFids = null;
    this.options.onSelectShape({ ring: g.ring, preview: null, additive: g.additive });
  }

  /**
   * Esc drops what is being drawn; with nothing drawn it leaves the tool. Either way the key stops
   * here, so it does not also clear the selection (App's Esc). In the plain pan mode it passes.
   */
  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    const dropped = this.box.cancel() || this.lasso.cancel() || this.measure.cancel();
    if (!dropped && this.mode === 'pan') return;
    e.stopPropagation();
    if (!dropped) {
      this.setMode('pan');
      this.options.onModeChange('pan');
    }
  };

  private testHandle(): PlannerMapToolsTestHandle {
    return {
      mode: () => this.mode,
      measureVertices: () => (this.measure.current?.vertices ?? []).map((v) => [v[0], v[1]]),
      measureFinished: () => this.measure.current?.finished ?? false,
      lastSelectionRing: () => this.lastRing?.map((v) => [v[0], v[1]]) ?? null,
      lastSelectedFids: () => (this.lastFids ? [...this.lastFids] : null),
      lngLatOf: (pixel) => {
        const ll = this.map.unproject(pixel);
        return [ll.lng, ll.lat];
      },
      hoveredParcel: () => this.hover.current,
      setBearing: (degrees) => this.map.setBearing(degrees),
    };
  }
}
