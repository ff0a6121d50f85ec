import type { Map as MaplibreMap, RequestParameters, ResourceType } from 'maplibre-gl';
import type { BBox } from '../../../shared/api/geojson.js';
import { LAYER_IDS, type LayerId } from '../../../shared/api/layers.js';
import { TILE_MAX_ZOOM } from '../../../shared/api/tiles.js';
import { tilesCovering } from '../../../shared/geo/tile-coords.js';
import { TILED_MIN_ZOOM, TileRevisions, dropCachedTiles, prefetchTiles, revisedTileUrl, tilesTouching, type TiledLayers } from './tiled-source.js';

/**
 * What MapController keeps about its tiled layers (tiled-source.ts): their URLs, which tiles
 * changed (put in the tile URLs), the project's feature counts, and the refresh after a change.
 */
export class TiledLayerState {
  /** Feature counts of the tiled layers (the project's, from listLayers): what their tiles hold. */
  private readonly counts = new Map<LayerId, number>();
  /** Per tiled layer, which tiles changed since the page opened. */
  private readonly revisions = new Map<string, TileRevisions>();

  constructor(readonly urls: TiledLayers) {}

  has(layer: LayerId): boolean {
    return this.urls[layer] !== undefined;
  }

  get layers(): LayerId[] {
    return LAYER_IDS.filter((l) => this.has(l));
  }

  /** maplibre's transformRequest: a tile a change touched is asked for under a new URL. */
  readonly transformRequest = (url: string, type?: ResourceType): RequestParameters | undefined => {
    const revised = type === 'Tile' ? revisedTileUrl(url, this.revisions) : undefined;
    return revised ? { url: revised } : undefined;
  };

  setCounts(counts: Partial<Record<LayerId, number>>): void {
    for (const layer of this.layers) {
      const n = counts[layer];
      if (n !== undefined) this.counts.set(layer, n);
    }
  }

  /** The tiled layers' counts, for the test handle's featureCounts. */
  countEntries(): Array<[LayerId, number]> {
    return [...this.counts];
  }

  /**
   * Reloads a tiled layer's tiles after a change: only those meeting `extent` (an edit's boxes),
   * in view and in maplibre's cache of tiles out of view, or every tile (an import: no extent) —
   * the core has dropped the same tiles from its cache before announcing the change, and tiles
   * whose ETag did not change are not parsed again. A tile still loading when the change came may
   * carry the old content, so a refresh made while the source is loading is repeated once idle.
   * Returns false when there was nothing to reload.
   */
  refresh(map: MaplibreMap, layer: LayerId, extent?: readonly BBox[]): boolean {
    if (!this.has(layer) || !map.getSource(layer)) return false;
    let revisions = this.revisions.get(layer);
    if (!revisions) this.revisions.set(layer, (revisions = new TileRevisions()));
    if (extent) revisions.touch(extent);
    else revisions.touchAll();
    const settled = map.isSourceLoaded(layer);
    // Tiles in view are of zoom ⌊zoom⌋ (beyond the source's maxzoom maplibre 6 cuts them from their
    // parent itself, under their own z/x/y), and their parents or children while it changes.
    const tiles = extent ? tilesTouching(extent, TILED_MIN_ZOOM, Math.min(Math.floor(map.getZoom()) + 1, Math.ceil(map.getMaxZoom()))) : null;
    if (extent && tiles?.length === 0) return false;
    if (extent && tiles && dropCachedTiles(map, layer, extent)) map.refreshTiles(layer, tiles);
    else map.refreshTiles(layer);
    if (!settled) map.once('idle', () => map.getSource(layer) && map.refreshTiles(layer, tiles ?? undefined));
    return true;
  }

  /**
   * Asks for the tiles of the view fitBounds is about to show as soon as the project's extent is
   * known, before the style, the workers and the first frame are ready (tiled-source.ts).
   */
  prefetchFirstView(map: MaplibreMap, bbox: BBox, padding: number): void {
    const [w, s, e, n] = bbox;
    const camera = map.cameraForBounds([[w, s], [e, n]], { padding, maxZoom: 16 });
    if (camera?.zoom === undefined) return;
    // Vector tiles are 512 px, maplibre's zoom unit: the view at zoom Z draws tiles of zoom ⌊Z⌋.
    const z = Math.min(TILE_MAX_ZOOM, Math.floor(camera.zoom));
    if (z < TILED_MIN_ZOOM) return;
    const tiles = tilesCovering(bbox, z);
    for (const url of Object.values(this.urls)) if (url) prefetchTiles(url, tiles);
  }
}
