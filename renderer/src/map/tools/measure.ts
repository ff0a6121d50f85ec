import type { GeoJSONSource, GeoJSONSourceSpecification, Map as MaplibreMap } from 'maplibre-gl';
import { sketchVertices, type MeasureMode, type MeasureState } from './measure-state.js';
import { SketchInput } from './sketch-input.js';

const SOURCE_ID = 'planner-measure';
const LAYER_IDS = ['planner-measure-fill', 'planner-measure-line', 'planner-measure-vertices'] as const;
const COLOR = '#d50000';

type Features = NonNullable<Extract<GeoJSONSourceSpecification['data'], { type: 'FeatureCollection' }>>['features'];

/**
 * Measure distance or area: click the vertices, double-click to finish, Esc to cancel; a click
 * after a finished measurement starts a new one (SketchInput). The sketch is drawn from its own
 * GeoJSON source on top of the map; the figures are computed by the caller from the state
 * (measure-figures.ts).
 */
export class MeasureTool {
  private readonly sketch: SketchInput;

  constructor(
    private readonly map: MaplibreMap,
    onChange: (state: MeasureState | null) => void,
  ) {
    map.on('styledata', this.install);
    this.sketch = new SketchInput(
      map,
      (state) => {
        this.draw();
        onChange(state);
      },
      { restartWhenFinished: true },
    );
    this.install();
  }

  get current(): MeasureState | null {
    return this.sketch.current;
  }

  /** Starts measuring (a new, empty sketch), or stops with null. */
  setMode(mode: MeasureMode | null): void {
    if (mode === (this.sketch.current?.mode ?? null)) return;
    this.sketch.start(mode);
  }

  /** Esc: drops the sketch (the tool stays on). True when there was something to drop. */
  cancel(): boolean {
    return this.sketch.cancel();
  }

  destroy(): void {
    this.map.off('styledata', this.install);
    this.sketch.destroy();
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

  private draw(): void {
    const source = this.map.getSource<GeoJSONSource>(SOURCE_ID);
    if (!source) return;
    const s = this.sketch.current;
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
