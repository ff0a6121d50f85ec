import type { Map as MaplibreMap } from 'maplibre-gl';
import type { Geometry } from '../../../../../shared/api/geojson.js';
import { sketchVertices, type MeasureState } from '../measure-state.js';
import { SketchInput } from '../sketch-input.js';
import { EditOverlay, type EditFeatures } from './edit-overlay.js';
import { VertexDrag } from './vertex-drag.js';
import { handlesOf, type Outline } from './vertex-state.js';

/** 绘制地块 draw, 编辑节点 vertices, 分割 split, 合并 merge. */
export const EDIT_MODES = ['draw', 'vertices', 'split', 'merge'] as const;
export type EditMode = (typeof EDIT_MODES)[number];

export interface GeometryEditToolsOptions {
  /** The sketch of draw (a ring) or split (a line) changed. */
  onSketch(state: MeasureState | null): void;
  /** A vertex was dragged, inserted or removed (`done` when the gesture ended). */
  onOutline(outline: Outline, done: boolean): void;
  /** Esc with nothing left to drop: leave the tool. */
  onEscape(): void;
}

/** The geometry editing tools' state for end-to-end tests, installed as `window.__plannerEditTools`. */
export interface PlannerEditToolsTestHandle {
  mode(): EditMode | null;
  /** [lon, lat] of the clicked sketch vertices (draw, split). */
  sketchVertices(): [number, number][];
  sketchFinished(): boolean;
  /** The outline being reshaped, as it would be saved. */
  outline(): Outline | null;
  /** Preview pieces drawn (split, merge). */
  pieceCount(): number;
}

declare global {
  interface Window {
    __plannerEditTools?: PlannerEditToolsTestHandle;
  }
}

/**
 * The map side of geometry editing (issue 5 item 5): sketching a polygon or a cut line, dragging
 * vertices, and drawing the outline and the preview pieces, all on its own overlay source. It
 * reaches the map only through MapController.maplibre(); React (features/edit-geometry) holds the
 * mode, talks to the core and pushes outlines and pieces back in.
 */
export class GeometryEditTools {
  private mode: EditMode | null = null;
  private sketch: MeasureState | null = null;
  private outline: Outline | null = null;
  private handles = false;
  private pieces: readonly Geometry[] = [];
  private readonly overlay: EditOverlay;
  private readonly sketcher: SketchInput;
  private readonly drag: VertexDrag;
  private readonly handle: PlannerEditToolsTestHandle;

  constructor(
    private readonly map: MaplibreMap,
    private readonly options: GeometryEditToolsOptions,
  ) {
    this.overlay = new EditOverlay(map);
    // A finished ring or line stays until the form uses it (a click does not start another).
    this.sketcher = new SketchInput(
      map,
      (s) => {
        this.sketch = s;
        this.redraw();
        options.onSketch(s);
      },
      { restartWhenFinished: false },
    );
    this.drag = new VertexDrag(map, (o, done) => {
      this.outline = o;
      this.redraw();
      options.onOutline(o, done);
    });
    window.addEventListener('keydown', this.onKey, true);
    this.handle = {
      mode: () => this.mode,
      sketchVertices: () => (this.sketch?.vertices ?? []).map((v) => [v[0], v[1]]),
      sketchFinished: () => this.sketch?.finished ?? false,
      outline: () => this.outline,
      pieceCount: () => this.pieces.length,
    };
    window.__plannerEditTools = this.handle;
  }

  /** Switches tools: draw and split start an empty sketch; every switch clears what was drawn. */
  setMode(mode: EditMode | null): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.outline = null;
    this.handles = false;
    this.pieces = [];
    this.drag.set(null);
    // Draw sketches a ring (the sketch's 'area' mode), split a cut line ('distance').
    this.sketcher.start(mode === 'draw' ? 'area' : mode === 'split' ? 'distance' : null);
    const container = this.map.getContainer();
    for (const m of EDIT_MODES) container.classList.toggle(`planner-edit-${m}`, m === mode);
    this.redraw();
  }

  /** Starts the current tool over (after a save, or the user's 取消). */
  restart(): void {
    const mode = this.mode;
    this.setMode(null);
    this.setMode(mode);
  }

  /** The outline to show; with handles its vertices can be dragged (编辑节点). */
  showOutline(outline: Outline | null, handles: boolean): void {
    this.outline = outline;
    this.handles = handles && outline !== null;
    this.drag.set(this.handles ? outline : null);
    this.redraw();
  }

  /** Preview pieces (a split's pieces, a merge's union), coloured apart. */
  showPieces(pieces: readonly Geometry[]): void {
    this.pieces = pieces;
    this.redraw();
  }

  destroy(): void {
    window.removeEventListener('keydown', this.onKey, true);
    if (window.__plannerEditTools === this.handle) delete window.__plannerEditTools;
    this.sketcher.destroy();
    this.drag.destroy();
    this.overlay.destroy();
    this.map.getContainer().classList.remove(...EDIT_MODES.map((m) => `planner-edit-${m}`));
  }

  private redraw(): void {
    const features: EditFeatures = [];
    this.pieces.forEach((g, piece) => features.push({ type: 'Feature', properties: { role: 'piece', piece }, geometry: g }));
    if (this.outline) {
      features.push({ type: 'Feature', properties: { role: 'shape' }, geometry: this.outline });
      if (this.handles) {
        for (const h of handlesOf(this.outline)) {
          features.push({ type: 'Feature', properties: { role: h.kind, ...h.ref }, geometry: { type: 'Point', coordinates: h.at } });
        }
      }
    }
    if (this.sketch) features.push(...sketchFeatures(this.sketch));
    this.overlay.set(features);
  }

  /** Esc drops the sketch's vertices; with nothing drawn it leaves the tool. The key stops here either way. */
  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || this.mode === null) return;
    e.stopPropagation();
    if (this.sketcher.cancel()) return;
    this.options.onEscape();
  };
}

function sketchFeatures(s: MeasureState): EditFeatures {
  const out: EditFeatures = [];
  const vs = sketchVertices(s).map((v) => [v[0], v[1]]);
  const first = vs[0];
  if (s.mode === 'area' && vs.length >= 3 && first) {
    out.push({ type: 'Feature', properties: { role: 'shape' }, geometry: { type: 'Polygon', coordinates: [[...vs, first]] } });
  }
  const line = s.mode === 'area' && vs.length >= 3 && first ? [...vs, first] : vs;
  if (line.length >= 2) out.push({ type: 'Feature', properties: { role: 'sketch' }, geometry: { type: 'LineString', coordinates: line } });
  for (const v of s.vertices) out.push({ type: 'Feature', properties: { role: 'vertex', sketch: 1 }, geometry: { type: 'Point', coordinates: [v[0], v[1]] } });
  return out;
}
