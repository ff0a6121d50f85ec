import '../../map/worker-url.js';
import { Map as MaplibreMap, type GeoJSONSource } from 'maplibre-gl';
import type { BBox, FeatureCollection } from '../../../../shared/api/geojson.js';
import { LAYER_IDS, type LayerId } from '../../../../shared/api/layers.js';
import type { StatusDef } from '../../../../shared/api/settings.js';
import { labelPoints } from '../../map/label-points.js';
import { hatchColorOf, hatchImage } from '../../map/layer-style/hatch.js';
import { hatchPattern, lineColor } from '../../map/layer-style/layer-paint.js';
import { renewalPhases } from '../../map/layer-style/layer-styles.js';
import { whenSelected } from '../../map/style-expressions.js';
import { LABEL_SOURCES, LOCAL_IDEOGRAPH_FONT_FAMILY, SELECTION_COLOR, STYLE_LAYERS, buildStyle } from '../../map/style.js';
import { featureTarget, type TiledLayers } from '../../map/tiled-source.js';
import { distanceM } from './scale-bar.js';

/** A map picture for a page: the PNG as a data URL and the scale it was drawn at. */
export interface MapSnapshot {
  url: string;
  /** Metres per CSS pixel of the frame, at its centre (for the scale bar). */
  metresPerPx: number;
}

export interface PrintMapOptions {
  statuses: readonly StatusDef[];
  /** The frame in CSS pixels of the page layout. */
  width: number;
  height: number;
  /** Canvas pixels per CSS pixel: ≥ 200 dpi on paper (layout.ts printPixelRatio). */
  pixelRatio: number;
  /** Layers drawn from the core's vector tiles, as on the main map (parcels). */
  tiled: TiledLayers;
}

const FIT_PADDING_PX = 18;
/**
 * While tiles and labels load, maplibre draws a frame for every tile that arrives (about 30 for a
 * city map). With software WebGL each frame at print resolution costs a fraction of a second, so
 * the map loads on a tiny canvas and is drawn once at print resolution when everything is in.
 */
const DRAFT_PIXEL_RATIO = 0.125;

/**
 * An offscreen maplibre map that draws the briefing's map pictures (DESIGN §5: briefing
 * snapshots). Its style is the app's own (map/style.ts buildStyle), so the briefing shows the
 * parcels, blocks and zones exactly as the map window does. The container is sized to the print
 * frame and the canvas to frame × pixelRatio, so the picture has print resolution rather than
 * screen resolution; it is kept in the DOM but outside the viewport. The drawing buffer is
 * preserved — a snapshot read outside a render callback would otherwise be blank (DESIGN §7).
 */
export class PrintMap {
  private readonly container: HTMLDivElement;
  private readonly map: MaplibreMap;
  private readonly loaded: Promise<void>;
  private focused: { layer: LayerId; fid: number } | null = null;
  private readonly pixelRatio: number;
  /** The layers last pushed (unchanged objects are not sent again). */
  private data: Partial<Record<LayerId, FeatureCollection>> | null = null;
  /** Snapshots one at a time: a new set of pictures may start while the last one is still drawing. */
  private queue: Promise<unknown> = Promise.resolve();
  private destroyed = false;

  constructor(options: PrintMapOptions) {
    this.pixelRatio = options.pixelRatio;
    this.container = document.createElement('div');
    this.container.setAttribute('aria-hidden', 'true');
    this.container.dataset.testid = 'print-map';
    Object.assign(this.container.style, {
      position: 'fixed',
      left: `${-options.width - 200}px`,
      top: '0',
      width: `${options.width}px`,
      height: `${options.height}px`,
      pointerEvents: 'none',
    });
    document.body.append(this.container);
    this.map = new MaplibreMap({
      container: this.container,
      style: buildStyle(options.statuses, null, options.tiled),
      center: [120.03, 28.9],
      zoom: 10,
      pixelRatio: DRAFT_PIXEL_RATIO,
      interactive: false,
      attributionControl: false,
      trackResize: false,
      renderWorldCopies: false,
      // Labels fade in over 300 ms by default: a snapshot must not catch them half drawn.
      fadeDuration: 0,
      maxCanvasSize: [8192, 8192],
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    // Hatched fills (renewal zones) use images made in code from their name, as on the main map.
    this.map.setMissingStyleImageResolver((id) => {
      const color = hatchColorOf(id);
      if (!color || this.map.hasImage(id)) return;
      const image = hatchImage(color, Math.max(1, Math.round(options.pixelRatio)));
      this.map.addImage(id, { width: image.width, height: image.height, data: image.data }, { pixelRatio: image.pixelRatio });
    });
    this.loaded = new Promise((resolve, reject) => {
      this.map.once('load', () => {
        // Tiled layers start hidden in the style (the main map shows them once framed); here the frame comes with each snapshot.
        for (const layer of LAYER_IDS) {
          if (options.tiled[layer] === undefined) continue;
          for (const id of STYLE_LAYERS[layer]) if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'visibility', 'visible');
        }
        resolve();
      });
      this.map.once('error', (e) => reject((e as unknown as { error?: Error }).error ?? new Error('map style failed to load')));
    });
  }

  /** Pushes the project's layers into the style's GeoJSON sources (and the label points); the same object again is a no-op. */
  async setData(layers: Partial<Record<LayerId, FeatureCollection>>): Promise<void> {
    await this.loaded;
    if (this.data === layers) return;
    this.data = layers;
    for (const layer of LAYER_IDS) {
      const collection = layers[layer];
      if (!collection) continue;
      const source = this.map.getSource(layer);
      // A vector-tile source (parcels at scale) loads its own tiles; only GeoJSON sources take data.
      if (source?.type === 'geojson') (source as GeoJSONSource).setData(collection);
      const labels = (LABEL_SOURCES as Partial<Record<LayerId, string>>)[layer];
      if (labels) this.map.getSource<GeoJSONSource>(labels)?.setData(labelPoints(collection));
    }
    const phases = (layers.renewal_zones?.features ?? []).map((f) => f.properties['phase']).filter((v): v is string => typeof v === 'string' && v !== '');
    const classes = renewalPhases(phases);
    if (this.map.getLayer('renewal_zones-fill')) this.map.setPaintProperty('renewal_zones-fill', 'fill-pattern', hatchPattern(classes));
    if (this.map.getLayer('renewal_zones-outline')) this.map.setPaintProperty('renewal_zones-outline', 'line-color', whenSelected(SELECTION_COLOR, lineColor(classes)));
  }

  /**
   * Frames `bbox` (no animation), waits until every tile and label is drawn, and returns the
   * picture. `focus` (a block or zone) is outlined in the selection colour while it is taken.
   */
  snapshot(bbox: BBox, focus: { layer: LayerId; fid: number } | null): Promise<MapSnapshot> {
    const run = this.queue.then(() => this.draw(bbox, focus));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async draw(bbox: BBox, focus: { layer: LayerId; fid: number } | null): Promise<MapSnapshot> {
    await this.loaded;
    if (this.destroyed) throw new Error('the print map was closed');
    this.map.setPixelRatio(DRAFT_PIXEL_RATIO);
    this.setFocus(focus);
    const [w, s, e, n] = bbox;
    this.map.fitBounds([[w, s], [e, n]], { padding: FIT_PADDING_PX, animate: false, maxZoom: 17 });
    await this.idle();
    this.map.setPixelRatio(this.pixelRatio);
    await this.idle();
    // Encoded at once: toBlob() would wait for the page's idle time, which a busy print page may not have.
    const url = this.map.getCanvas().toDataURL('image/png');
    return { url, metresPerPx: this.metresPerPx() };
  }

  destroy(): void {
    this.destroyed = true;
    this.map.remove();
    this.container.remove();
  }

  private setFocus(focus: { layer: LayerId; fid: number } | null): void {
    if (this.focused) this.map.removeFeatureState(featureTarget(this.map, this.focused.layer, this.focused.fid), 'selected');
    if (focus) this.map.setFeatureState(featureTarget(this.map, focus.layer, focus.fid), { selected: true });
    this.focused = focus;
  }

  /** Resolves after the next frame in which nothing is loading or moving. */
  private idle(): Promise<void> {
    return new Promise((resolve) => {
      this.map.once('idle', () => resolve());
      this.map.triggerRepaint();
    });
  }

  private metresPerPx(): number {
    const { clientWidth: w, clientHeight: h } = this.container;
    const a = this.map.unproject([w / 2 - 50, h / 2]);
    const b = this.map.unproject([w / 2 + 50, h / 2]);
    return distanceM([a.lng, a.lat], [b.lng, b.lat]) / 100;
  }
}
