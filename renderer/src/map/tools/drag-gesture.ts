import type { Map as MaplibreMap, MapMouseEvent } from 'maplibre-gl';
import { canvasPoint, type ScreenPoint } from './screen.js';

/**
 * A drag drawn over the map (selection box, lasso): a left press the gesture accepts starts it —
 * the map event's preventDefault keeps the drag from panning the map — moves follow it on the
 * window (so leaving the canvas does not lose the release), the release ends it, Esc cancels it.
 */
export abstract class DragGesture {
  private dragging = false;

  constructor(
    protected readonly map: MaplibreMap,
    private readonly onDrawing: (drawing: boolean) => void,
    private enabled: boolean,
  ) {
    map.on('mousedown', this.onDown);
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    if (!enabled) this.cancel();
  }

  destroy(): void {
    this.cancel();
    this.map.off('mousedown', this.onDown);
  }

  /** Drops the drag in progress (Esc). True when there was one. */
  cancel(): boolean {
    const had = this.dragging;
    this.dragging = false;
    this.clear();
    window.removeEventListener('mousemove', this.onMove);
    window.removeEventListener('mouseup', this.onUp);
    if (had) this.onDrawing(false);
    return had;
  }

  /** Whether this press starts the gesture (the left button is checked already). */
  protected abstract accepts(e: MouseEvent): boolean;
  protected abstract begin(p: ScreenPoint): void;
  protected abstract move(p: ScreenPoint): void;
  /** The release: returns what to hand on once the drawing is cleared (or nothing). */
  protected abstract end(p: ScreenPoint, e: MouseEvent): (() => void) | null;
  /** Removes what the gesture drew. */
  protected abstract clear(): void;

  private readonly onDown = (e: MapMouseEvent): void => {
    if (!this.enabled || e.originalEvent.button !== 0 || !this.accepts(e.originalEvent)) return;
    e.preventDefault();
    this.dragging = true;
    this.begin([e.point.x, e.point.y]);
    window.addEventListener('mousemove', this.onMove);
    window.addEventListener('mouseup', this.onUp);
    this.onDrawing(true);
  };

  private readonly onMove = (e: MouseEvent): void => {
    if (this.dragging) this.move(canvasPoint(this.map, e));
  };

  private readonly onUp = (e: MouseEvent): void => {
    const handOn = this.dragging ? this.end(canvasPoint(this.map, e), e) : null;
    this.cancel();
    handOn?.();
  };
}
