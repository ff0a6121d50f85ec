import type { GeoJSONSource, GeoJSONSourceSpecification, Map as MaplibreMap } from 'maplibre-gl';

/**
 * The geometry editing overlay (绘制地块, 编辑节点, 分割, 合并): one GeoJSON source of its own on top
 * of the map — the parcels themselves are vector tiles and are not touched while editing. Features
 * carry a `role`: shape (the outline being drawn or reshaped), piece (a preview piece, `piece`
 * numbers them for colour), sketch (the line or ring being clicked), vertex and midpoint handles.
 */
export const EDIT_SOURCE = 'planner-edit';
export const EDIT_LAYERS = {
  fill: 'planner-edit-fill',
  line: 'planner-edit-line',
  sketch: 'planner-edit-sketch',
  midpoints: 'planner-edit-midpoints',
  vertices: 'planner-edit-vertices',
} as const;

export type EditFeatures = NonNullable<Extract<GeoJSONSourceSpecification['data'], { type: 'FeatureCollection' }>>['features'];

const SHAPE = '#ff6d00';
const SKETCH = '#d50000';
/** Pieces of a split (or the merged outline) in colours that tell them apart on any basemap. */
export const PIECE_COLORS = ['#1e88e5', '#fb8c00', '#43a047', '#8e24aa', '#00897b', '#e53935'] as const;

const pieceColor: unknown[] = ['match', ['%', ['coalesce', ['get', 'piece'], 0], PIECE_COLORS.length], ...PIECE_COLORS.slice(0, -1).flatMap((c, i) => [i, c]), PIECE_COLORS[PIECE_COLORS.length - 1]];
const roleColor = ['match', ['get', 'role'], 'piece', pieceColor, 'sketch', SKETCH, SHAPE];

export class EditOverlay {
  private features: EditFeatures = [];

  constructor(private readonly map: MaplibreMap) {
    map.on('styledata', this.install);
    this.install();
  }

  set(features: EditFeatures): void {
    this.features = features;
    this.map.getSource<GeoJSONSource>(EDIT_SOURCE)?.setData({ type: 'FeatureCollection', features });
  }

  clear(): void {
    this.set([]);
  }

  destroy(): void {
    this.map.off('styledata', this.install);
    if (!this.map.getStyle()) return;
    for (const id of Object.values(EDIT_LAYERS)) if (this.map.getLayer(id)) this.map.removeLayer(id);
    if (this.map.getSource(EDIT_SOURCE)) this.map.removeSource(EDIT_SOURCE);
  }

  /** Added once the project layers are there (so it draws above them), and again if a style change dropped it. */
  private readonly install = (): void => {
    if (this.map.getSource(EDIT_SOURCE) || !this.map.getLayer('parcels-fill')) return;
    this.map.addSource(EDIT_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: this.features } });
    const polygons = ['==', ['geometry-type'], 'Polygon'] as const;
    this.map.addLayer({
      id: EDIT_LAYERS.fill,
      type: 'fill',
      source: EDIT_SOURCE,
      filter: polygons as never,
      paint: { 'fill-color': roleColor as never, 'fill-opacity': ['match', ['get', 'role'], 'piece', 0.45, 0.25] },
    });
    this.map.addLayer({
      id: EDIT_LAYERS.line,
      type: 'line',
      source: EDIT_SOURCE,
      filter: ['all', ['==', ['geometry-type'], 'Polygon'], ['!=', ['get', 'role'], 'sketch']],
      layout: { 'line-join': 'round' },
      paint: { 'line-color': roleColor as never, 'line-width': 2 },
    });
    this.map.addLayer({
      id: EDIT_LAYERS.sketch,
      type: 'line',
      source: EDIT_SOURCE,
      filter: ['==', ['get', 'role'], 'sketch'],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': SKETCH, 'line-width': 2.5, 'line-dasharray': [3, 1.5] },
    });
    this.map.addLayer({
      id: EDIT_LAYERS.midpoints,
      type: 'circle',
      source: EDIT_SOURCE,
      filter: ['==', ['get', 'role'], 'midpoint'],
      paint: { 'circle-radius': 3.5, 'circle-color': '#ffffff', 'circle-opacity': 0.85, 'circle-stroke-color': SHAPE, 'circle-stroke-width': 1 },
    });
    this.map.addLayer({
      id: EDIT_LAYERS.vertices,
      type: 'circle',
      source: EDIT_SOURCE,
      filter: ['==', ['get', 'role'], 'vertex'],
      paint: { 'circle-radius': 5, 'circle-color': '#ffffff', 'circle-stroke-color': ['match', ['get', 'sketch'], 1, SKETCH, SHAPE], 'circle-stroke-width': 2 },
    });
  };
}
