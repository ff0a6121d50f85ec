import type { ExpressionSpecification, Map as MaplibreMap } from 'maplibre-gl';
import type { BBox, FeatureCollection, Geometry } from '../../../shared/api/geojson.js';
import { featureTarget, sourceLayerOf } from './tiled-source.js';

export const HIGHLIGHT_LAYER_ID = 'parcels-highlight';
export const HIGHLIGHT_COLOR = '#ff6d00';
const IS_HIGHLIGHTED: ExpressionSpecification = ['boolean', ['feature-state', 'highlighted'], false];

/**
 * The parcels behind a figure (a drill-down from the dashboard or a tally), drawn with a thick
 * orange outline on top of everything through feature-state `highlighted` — independent of the
 * selection, which keeps its own colour. The layer is hidden while nothing is highlighted: a
 * visible layer costs a bucket of every parcel in every tile (100,000 parcels as tiles, DESIGN §5).
 */
export class ParcelHighlight {
  private wanted: readonly number[] = [];
  private readonly applied = new Set<number>();

  constructor(private readonly map: MaplibreMap) {}

  /** Adds the outline layer once the style has loaded. */
  install(): void {
    if (this.map.getLayer(HIGHLIGHT_LAYER_ID)) return;
    this.map.addLayer({
      id: HIGHLIGHT_LAYER_ID,
      type: 'line',
      source: 'parcels',
      ...sourceLayerOf(this.map, 'parcels'),
      layout: { 'line-join': 'round', visibility: 'none' },
      paint: {
        'line-color': HIGHLIGHT_COLOR,
        'line-width': ['case', IS_HIGHLIGHTED, 3, 0],
        'line-opacity': ['case', IS_HIGHLIGHTED, 1, 0],
      },
    });
  }

  set(fids: readonly number[]): void {
    this.wanted = fids;
  }

  /** Applies the difference to the map's feature state; true when something changed. */
  sync(): boolean {
    const wanted = new Set(this.wanted);
    let changed = false;
    for (const id of [...this.applied]) {
      if (wanted.has(id)) continue;
      this.map.removeFeatureState(featureTarget(this.map, 'parcels', id), 'highlighted');
      this.applied.delete(id);
      changed = true;
    }
    for (const id of wanted) {
      if (this.applied.has(id)) continue;
      this.map.setFeatureState(featureTarget(this.map, 'parcels', id), { highlighted: true });
      this.applied.add(id);
      changed = true;
    }
    const visibility = this.applied.size > 0 ? 'visible' : 'none';
    if (this.map.getLayer(HIGHLIGHT_LAYER_ID) && this.map.getLayoutProperty(HIGHLIGHT_LAYER_ID, 'visibility') !== visibility) {
      this.map.setLayoutProperty(HIGHLIGHT_LAYER_ID, 'visibility', visibility);
      changed = true;
    }
    return changed;
  }

  get count(): number {
    return this.applied.size;
  }
}

function extend(box: [number, number, number, number], g: Geometry): void {
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') {
      box[0] = Math.min(box[0], c[0]);
      box[1] = Math.min(box[1], c[1]);
      box[2] = Math.max(box[2], c[0]);
      box[3] = Math.max(box[3], c[1]);
    } else if (Array.isArray(c)) for (const x of c) visit(x);
  };
  visit(g.coordinates);
}

/** The bounds of the listed parcels in the loaded collection; null when none of them is loaded. */
export function parcelBounds(collection: FeatureCollection | undefined, fids: readonly number[]): BBox | null {
  if (!collection || fids.length === 0) return null;
  const wanted = new Set(fids);
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of collection.features) if (wanted.has(f.id)) extend(box, f.geometry);
  return Number.isFinite(box[0]) ? box : null;
}
