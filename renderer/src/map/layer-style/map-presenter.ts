import type { Map as MaplibreMap } from 'maplibre-gl';
import { LAYER_IDS, type LayerId } from '../../../../shared/api/layers.js';
import { isBasemapLayer } from '../basemap-style.js';
import { whenSelected } from '../style-expressions.js';
import { SELECTION_COLOR, STYLE_LAYERS } from '../style.js';
import { hatchColorOf, hatchImage, hatchImageId } from './hatch.js';
import { fillColor, hatchPattern, lineColor, lineDash } from './layer-paint.js';
import { OPACITY_PROPERTIES, scaleOpacity } from './layer-opacity.js';
import { planLayerMoves } from './layer-order.js';
import type { MapPresentation } from './presentation.js';

type PaintProperty = Parameters<MaplibreMap['setPaintProperty']>[1];
type PaintValue = Parameters<MaplibreMap['setPaintProperty']>[2];

/**
 * Applies a MapPresentation to the maplibre Map, changing only what differs from what it applied
 * last. MapController owns it and calls `sync()` from its own sync, after the style has loaded.
 * Style layers are found by id (STYLE_LAYERS in style.ts; basemap-style.ts for the basemap, which
 * always stays lowest).
 */
export class MapPresenter {
  private wanted: MapPresentation | null = null;
  /** Last applied value per target (JSON), e.g. 'paint|parcels-fill|fill-color'. */
  private readonly applied = new Map<string, string>();
  /** Each faded layer's own opacity (as styled), read once before the first change. */
  private readonly baseOpacity = new Map<string, unknown>();

  constructor(private readonly map: MaplibreMap) {
    // Hatch images are made from their name when the map first needs one (a tile of the initial
    // style may ask before the first sync); sync also adds those of the current phases up front.
    map.setMissingStyleImageResolver((id) => {
      const color = hatchColorOf(id);
      if (color) this.addHatch(id, color);
    });
  }

  private addHatch(id: string, color: string): void {
    if (this.map.hasImage(id)) return;
    const image = hatchImage(color, Math.max(1, Math.round(window.devicePixelRatio || 1)));
    this.map.addImage(id, { width: image.width, height: image.height, data: image.data }, { pixelRatio: image.pixelRatio });
  }

  /** True once a presentation was given: the presenter then owns parcel and renewal colours. */
  get active(): boolean {
    return this.wanted !== null;
  }

  set(presentation: MapPresentation): void {
    this.wanted = presentation;
  }

  /** Applies the difference; true when the map changed. Call only after the style has loaded. */
  sync(): boolean {
    const p = this.wanted;
    if (!p) return false;
    let changed = false;
    const paint = (layer: string, property: PaintProperty, value: PaintValue): void => {
      if (this.put(`paint|${layer}|${property}`, value, () => this.map.setPaintProperty(layer, property, value))) changed = true;
    };
    paint('parcels-fill', 'fill-color', fillColor(p.parcelStyle));
    for (const c of [...p.renewalPhases.classes, p.renewalPhases.fallback]) this.addHatch(hatchImageId(c.color), c.color);
    paint('renewal_zones-fill', 'fill-pattern', hatchPattern(p.renewalPhases));
    paint('renewal_zones-outline', 'line-color', whenSelected(SELECTION_COLOR, lineColor(p.renewalPhases)));
    paint('transport-line', 'line-dasharray', lineDash(p.transportStages));
    if (this.put('layout|key_blocks-label|text-field', p.blockLabel, () => this.map.setLayoutProperty('key_blocks-label', 'text-field', p.blockLabel))) {
      changed = true;
    }
    for (const id of STYLE_LAYERS.parcels) {
      if (this.put(`filter|${id}`, p.parcelFilter, () => this.map.setFilter(id, p.parcelFilter))) changed = true;
    }
    if (this.syncOrder(p)) changed = true;
    if (this.syncOpacity(p)) changed = true;
    for (const id of this.basemapLayers()) {
      const visibility = p.basemapVisible ? 'visible' : 'none';
      if (this.put(`layout|${id}|visibility`, visibility, () => this.map.setLayoutProperty(id, 'visibility', visibility))) changed = true;
    }
    return changed;
  }

  /** Runs `apply` when `value` differs from the last applied one and the layer exists. */
  private put(key: string, value: unknown, apply: () => void): boolean {
    const json = JSON.stringify(value);
    if (this.applied.get(key) === json) return false;
    const layer = key.split('|')[1];
    if (layer && !this.map.getLayer(layer)) return false;
    apply();
    this.applied.set(key, json);
    return true;
  }

  /**
   * Style layers (bottom to top) of a project layer (its style.ts layers) or of the basemap
   * (basemap-style.ts). Overlays such as the drill-down highlight are not members: they stay on top.
   */
  private membersOf(layer: LayerId | 'basemap', order: readonly string[], geometryOnly: boolean): string[] {
    return order.filter((id) => {
      const member = layer === 'basemap' ? isBasemapLayer(id) : STYLE_LAYERS[layer].includes(id);
      return member && (!geometryOnly || this.map.getLayer(id)?.type !== 'symbol');
    });
  }

  private basemapLayers(): string[] {
    return this.membersOf('basemap', this.map.getLayersOrder(), false);
  }

  /** Geometry of the project layers stacked in the panel's order over the basemap; labels stay on top. */
  private syncOrder(p: MapPresentation): boolean {
    const current = this.map.getLayersOrder();
    const groups = [this.membersOf('basemap', current, false), ...[...p.order].reverse().map((l) => this.membersOf(l, current, true))];
    const moves = planLayerMoves(current, groups);
    for (const [id, before] of moves) this.map.moveLayer(id, before);
    return moves.length > 0;
  }

  private syncOpacity(p: MapPresentation): boolean {
    let changed = false;
    const order = this.map.getLayersOrder();
    // The basemap's own opacity is a basemap setting (shared/api/basemap.ts), applied where it is drawn.
    for (const row of LAYER_IDS) {
      const k = p.opacity[row] ?? 1;
      for (const id of this.membersOf(row, order, false)) {
        const type = this.map.getLayer(id)?.type ?? '';
        for (const property of (OPACITY_PROPERTIES[type] ?? []) as readonly PaintProperty[]) {
          const key = `${id}|${property}`;
          if (!this.baseOpacity.has(key)) {
            if (k === 1 && !this.applied.has(`opacity|${key}`)) continue;
            this.baseOpacity.set(key, this.map.getPaintProperty(id, property));
          }
          const value = scaleOpacity(this.baseOpacity.get(key), k);
          if (this.put(`opacity|${id}|${property}`, value, () => this.map.setPaintProperty(id, property, value))) changed = true;
        }
      }
    }
    return changed;
  }
}
