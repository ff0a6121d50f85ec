import type { Map as MaplibreMap } from 'maplibre-gl';
import { DragGesture } from './drag-gesture.js';
import { isAdditive, pixelDistance, unproject, type LonLat, type ScreenPoint } from './screen.js';

/** Freehand points closer than this to the previous one are skipped (a steady hand makes thousands). */
const MIN_STEP_PX = 4;
const SVG_NS = 'http://www.w3.org/2000/svg';

export interface LassoGesture {
  ring: LonLat[];
  additive: boolean;
}

/**
 * The lasso tool: while it is on, a press starts a freehand outline (the map does not pan), the
 * release closes it. Drawn as an SVG polyline over the canvas; handed on as a lon/lat ring.
 */
export class LassoSelect extends DragGesture {
  private points: ScreenPoint[] = [];
  private svg: SVGSVGElement | null = null;
  private line: SVGPolylineElement | null = null;

  constructor(
    map: MaplibreMap,
    private readonly onLasso: (gesture: LassoGesture) => void,
    onDrawing: (drawing: boolean) => void = () => {},
  ) {
    super(map, onDrawing, false);
  }

  /** Shift+drag stays the box selection. */
  protected accepts(e: MouseEvent): boolean {
    return !e.shiftKey;
  }

  protected begin(p: ScreenPoint): void {
    this.points = [p];
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('class', 'planner-lasso');
    svg.dataset.testid = 'lasso-outline';
    this.line = document.createElementNS(SVG_NS, 'polyline');
    svg.appendChild(this.line);
    this.map.getCanvasContainer().appendChild(svg);
    this.svg = svg;
    this.draw();
  }

  protected move(p: ScreenPoint): void {
    const last = this.points[this.points.length - 1];
    if (last && pixelDistance(last, p) < MIN_STEP_PX) return;
    this.points.push(p);
    this.draw();
  }

  protected end(end: ScreenPoint, e: MouseEvent): (() => void) | null {
    const last = this.points[this.points.length - 1];
    const points = last && pixelDistance(last, end) >= 1 ? [...this.points, end] : [...this.points];
    if (points.length < 3) return null;
    const gesture = { ring: points.map((p) => unproject(this.map, p)), additive: isAdditive(e) };
    return () => this.onLasso(gesture);
  }

  protected clear(): void {
    this.points = [];
    this.svg?.remove();
    this.svg = null;
    this.line = null;
  }

  private draw(): void {
    this.line?.setAttribute('points', this.points.map((p) => `${p[0]},${p[1]}`).join(' '));
  }
}
