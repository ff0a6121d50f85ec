import type { Map as MaplibreMap } from 'maplibre-gl';
import { DragGesture } from './drag-gesture.js';
import { boxRing, isAdditive, pixelDistance, type LonLat, type ScreenPoint } from './screen.js';

/** Below this drag distance a Shift+press is a Shift+click (add a parcel), as maplibre's click tolerance. */
export const DRAG_THRESHOLD_PX = 3;

export interface BoxGesture {
  /** The box's corners as a lon/lat ring. */
  ring: LonLat[];
  /** The box on screen (for queryRenderedFeatures). */
  screen: [[number, number], [number, number]];
  additive: boolean;
}

/** Shift+drag draws a selection box (maplibre's own box zoom is off, DESIGN §5a); the box is a plain element over the canvas. */
export class BoxSelect extends DragGesture {
  private start: ScreenPoint | null = null;
  private box: HTMLDivElement | null = null;

  constructor(
    map: MaplibreMap,
    private readonly onBox: (gesture: BoxGesture) => void,
    onDrawing: (drawing: boolean) => void = () => {},
  ) {
    super(map, onDrawing, true);
  }

  protected accepts(e: MouseEvent): boolean {
    return e.shiftKey;
  }

  protected begin(p: ScreenPoint): void {
    this.start = p;
  }

  protected move(p: ScreenPoint): void {
    const start = this.start;
    if (!start || (!this.box && pixelDistance(start, p) < DRAG_THRESHOLD_PX)) return;
    if (!this.box) {
      this.box = document.createElement('div');
      this.box.className = 'planner-select-box';
      this.box.dataset.testid = 'select-box';
      this.map.getCanvasContainer().appendChild(this.box);
    }
    const s = this.box.style;
    s.left = `${Math.min(start[0], p[0])}px`;
    s.top = `${Math.min(start[1], p[1])}px`;
    s.width = `${Math.abs(p[0] - start[0])}px`;
    s.height = `${Math.abs(p[1] - start[1])}px`;
  }

  protected end(end: ScreenPoint, e: MouseEvent): (() => void) | null {
    const start = this.start;
    if (!start || !this.box || pixelDistance(start, end) < DRAG_THRESHOLD_PX) return null;
    const screen: [[number, number], [number, number]] = [
      [Math.min(start[0], end[0]), Math.min(start[1], end[1])],
      [Math.max(start[0], end[0]), Math.max(start[1], end[1])],
    ];
    const gesture = { ring: boxRing(this.map, start, end), screen, additive: isAdditive(e) };
    return () => this.onBox(gesture);
  }

  protected clear(): void {
    this.start = null;
    this.box?.remove();
    this.box = null;
  }
}
