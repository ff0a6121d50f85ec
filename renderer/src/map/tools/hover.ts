import type { ExpressionSpecification, LineLayerSpecification, Map as MaplibreMap, MapMouseEvent } from 'maplibre-gl';
import { PARCELS_FILL_LAYER, PARCELS_SOURCE, parcelFeature, parcelSourceLayer } from './parcel-target.js';
import { PARCEL_OUTLINE_MIN_ZOOM } from '../tiled-source.js';

export const HOVER_LAYER_ID = 'parcels-hover';
const HOVER_COLOR = '#ffab00';

/**
 * Hover highlight of the parcel under the pointer, through feature-state `hover` and one outline
 * layer: a pointer move costs one point query per animation frame and, only when the parcel under
 * the pointer changes, two feature-state writes — no data is re-sent, so it stays cheap with
 * 100,000 parcels.
 */
export class ParcelHover {
  private hovered: number | null = null;
  private point: { x: number; y: number } | null = null;
  private frame = 0;
  private enabled = true;

  constructor(private readonly map: MaplibreMap) {
    map.on('styledata', this.install);
    map.on('mousemove', this.onMove);
    map.on('mouseout', this.onOut);
    this.install();
  }

  /** Off while a gesture draws (box, lasso), so the outline does not flicker under it. */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    if (!enabled) this.set(null);
  }

  get current(): number | null {
    return this.hovered;
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.map.off('styledata', this.install);
    this.map.off('mousemove', this.onMove);
    this.map.off('mouseout', this.onOut);
  }

  private readonly install = (): void => {
    if (this.map.getLayer(HOVER_LAYER_ID) || !this.map.getLayer(PARCELS_FILL_LAYER)) return;
    const hover: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
    const layer: LineLayerSpecification = {
      id: HOVER_LAYER_ID,
      type: 'line',
      source: PARCELS_SOURCE,
      // No hover outline where parcels are a few pixels: it would cost a line bucket of every parcel (tiled-source.ts).
      minzoom: PARCEL_OUTLINE_MIN_ZOOM,
      ...parcelSourceLayer(this.map),
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': HOVER_COLOR,
        'line-width': ['case', hover, 2.5, 0],
        'line-opacity': ['case', hover, 1, 0],
      },
    };
    this.map.addLayer(layer);
  };

  private readonly onMove = (e: MapMouseEvent): void => {
    // No hover while a button is held: the map is being dragged.
    if (!this.enabled || e.originalEvent.buttons !== 0) return;
    this.point = { x: e.point.x, y: e.point.y };
    if (!this.frame) this.frame = requestAnimationFrame(this.flush);
  };

  private readonly onOut = (): void => {
    this.point = null;
    this.set(null);
  };

  private readonly flush = (): void => {
    this.frame = 0;
    const p = this.point;
    if (!p || !this.map.getLayer(PARCELS_FILL_LAYER)) return;
    const f = this.map.queryRenderedFeatures([p.x, p.y], { layers: [PARCELS_FILL_LAYER] })[0];
    this.set(typeof f?.id === 'number' ? f.id : null);
  };

  private set(id: number | null): void {
    if (id === this.hovered) return;
    if (this.hovered !== null) this.map.removeFeatureState(parcelFeature(this.map, this.hovered), 'hover');
    if (id !== null) this.map.setFeatureState(parcelFeature(this.map, id), { hover: true });
    this.hovered = id;
  }
}
