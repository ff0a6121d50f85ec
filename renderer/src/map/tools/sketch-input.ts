import type { Map as MaplibreMap, MapMouseEvent } from 'maplibre-gl';
import { DRAG_THRESHOLD_PX } from './box-select.js';
import { addVertex, emptyMeasure, finish, moveCursor, type MeasureMode, type MeasureState } from './measure-state.js';
import { pixelDistance } from './screen.js';

export interface SketchInputOptions {
  /**
   * A click on a finished sketch starts a new one (measuring: true), or is ignored (the edit
   * tools' sketch: false, the finished ring or line waits for the form to use it).
   */
  restartWhenFinished: boolean;
}

/**
 * Clicking a sketch (measuring, drawing a parcel, a cut line): each click adds a vertex, a
 * double-click finishes it (instead of zooming), the pointer is the next vertex while it is open
 * (reported once a frame). The map still pans by dragging: a drag is not a click. An 'area' sketch
 * is a ring (three vertices at least), a 'distance' sketch a line (two at least); the rules are
 * measure-state.ts's.
 */
export class SketchInput {
  private state: MeasureState | null = null;
  private frame = 0;

  constructor(
    private readonly map: MaplibreMap,
    private readonly onChange: (state: MeasureState | null) => void,
    private readonly options: SketchInputOptions,
  ) {
    map.on('click', this.onClick);
    map.on('dblclick', this.onDblClick);
    map.on('mousemove', this.onMove);
  }

  get current(): MeasureState | null {
    return this.state;
  }

  /** Starts a new, empty sketch in this mode, or stops with null. */
  start(mode: MeasureMode | null): void {
    this.set(mode ? emptyMeasure(mode) : null);
    // A double-click finishes the sketch, so it must not also zoom the map.
    if (mode) this.map.doubleClickZoom.disable();
    else this.map.doubleClickZoom.enable();
  }

  /** Esc: drops the vertices (the sketch stays open). True when there was something to drop. */
  cancel(): boolean {
    if (!this.state || (this.state.vertices.length === 0 && !this.state.finished)) return false;
    this.set(emptyMeasure(this.state.mode));
    return true;
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.map.off('click', this.onClick);
    this.map.off('dblclick', this.onDblClick);
    this.map.off('mousemove', this.onMove);
    if (this.state) this.map.doubleClickZoom.enable();
  }

  private readonly onClick = (e: MapMouseEvent): void => {
    const s = this.state;
    if (!s || (s.finished && !this.options.restartWhenFinished)) return;
    const last = s.vertices[s.vertices.length - 1];
    const p = last ? this.map.project([last[0], last[1]]) : null;
    const same = p !== null && pixelDistance([p.x, p.y], [e.point.x, e.point.y]) < DRAG_THRESHOLD_PX;
    this.set(addVertex(s, [e.lngLat.lng, e.lngLat.lat], same && !s.finished));
  };

  private readonly onDblClick = (e: MapMouseEvent): void => {
    if (!this.state) return;
    e.preventDefault();
    this.set(finish(this.state));
  };

  private readonly onMove = (e: MapMouseEvent): void => {
    const s = this.state;
    if (!s || s.finished || s.vertices.length === 0) return;
    this.state = moveCursor(s, [e.lngLat.lng, e.lngLat.lat]);
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.onChange(this.state);
      });
    }
  };

  private set(state: MeasureState | null): void {
    this.state = state;
    this.onChange(state);
  }
}
