import type { GeoJSONSource, GeoJSONSourceSpecification, Map as MaplibreMap, MapMouseEvent } from 'maplibre-gl';
import { DRAG_THRESHOLD_PX } from './box-select.js';
import { addVertex, emptyMeasure, finish, moveCursor, sketchVertices, type MeasureMode, type MeasureState } from './measure-state.js';
import { pixelDistance } from './screen.js';

const SOURCE_ID = 'planner-measure';
const LAYER_IDS = ['planner-measure-fill', 'planner-measure-line', 'planner-measure-vertices'] as const;
const COLOR = '#d50000';

type Features = NonNullable<Extract<GeoJSONSourceSpecification['data'], { type: 'FeatureCollection' }>>['features'];

/**
 * Measure distance or area: click the vertices, double-click to finish, Esc to cancel. The map
 * still pans by dragging (a drag is not a click). The sketch is drawn from its own GeoJSON source
 * on top of the map; the figures are computed by the caller from the state (measure-figures.ts).
 */
export class MeasureTool {
  private state: MeasureState | null = null;
  private frame = 0;

  constructor(
    private readonly map: MaplibreMap,
    private readonly onChange: (state: MeasureState | null) => void,
  ) {
    map.on('styledata', this.install);
    map.on('click', this.onClick);
    map.on('dblclick', this.onDblClick);
    map.on('mousemove', this.onMove);
    this.install();
  }

  get current(): MeasureState | null {
    return this.state;
  }

  /** Starts measuring (a new, empty sketch), or stops with null. */
  setMode(mode: MeasureMode | null): void {
    if (mode === (this.state?.mode ?? null)) return;
    this.set(mode ? emptyMeasure(mode) : null);
    // A double-click finishes the sketch, so it must not also zoom the map.
    if (mode) this.map.doubleClickZoom.disable();
    else this.map.doubleClickZoom.enable();
  }

  /** Esc: drops the sketch (the tool stays on). True when there was something to drop. */
  cancel(): boolean {
    if (!this.state || (this.state.vertices.length === 0 && !this.state.finished)) return false;
    this.set(emptyMeasure(this.state.mode));
    return true;
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.map.off('styledata', this.install);
    this.map.off('click', this.onClick);
    this.map.off('dblclick', this.onDblClick);
    this.map.off('mousemove', this.onMove);
    if (this.state) this.map.doubleClickZoom.enable();
  }

  private readonly install = (): void => {
    if (this.map.getSource(SOURCE_ID) || !this.map.getLayer('parcels-fill')) return;
    this.map.addSource(SOURCE_ID, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    this.map.addLayer({ id: LAYER_IDS[0], type: 'fill', source: SOURCE_ID, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': COLOR, 'fill-opacity': 0.12 } });
    this.map.addLayer({
      id: LAYER_IDS[1],
      type: 'line',
      source: SOURCE_ID,
      filter: ['==', ['geometry-type'], 'LineString'],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': COLOR, 'line-width': 2, 'line-dasharray': [3, 1.5] },
    });
    this.map.addLayer({
      id: LAYER_IDS[2],
      type: 'circle',
      source: SOURCE_ID,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 4, 'circle-color': '#ffffff', 'circle-stroke-color': COLOR, 'circle-stroke-width': 2 },
    });
    this.draw();
  };

  private readonly onClick = (e: MapMouseEvent): void => {
    const s = this.state;
    if (!s) return;
    const last = s.vertices[s.vertices.length - 1];
    const same = last !== undefined && pixelDistance(this.pixel(last), [e.point.x, e.point.y]) < DRAG_THRESHOLD_PX;
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
        this.draw();
        this.onChange(this.state);
      });
    }
  };

  private pixel(v: readonly [number, number]): [number, number] {
    const p = this.map.project([v[0], v[1]]);
    return [p.x, p.y];
  }

  private set(state: MeasureState | null): void {
    this.state = state;
    this.draw();
    this.onChange(state);
  }

  private draw(): void {
    const source = this.map.getSource<GeoJSONSource>(SOURCE_ID);
    if (!source) return;
    const s = this.state;
    const features: Features = [];
    if (s) {
      const sketch = sketchVertices(s).map((v) => [v[0], v[1]]);
      const first = sketch[0];
      if (s.mode === 'area' && sketch.length >= 3 && first) {
        features.push({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...sketch, first]] } });
      }
      const line = s.mode === 'area' && (s.finished || sketch.length >= 3) && first ? [...sketch, first] : sketch;
      if (line.length >= 2) features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line } });
      for (const v of s.vertices) features.push({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [v[0], v[1]] } });
    }
    source.setData({ type: 'FeatureCollection', features });
  }
}
