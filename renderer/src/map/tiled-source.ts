import type { FeatureIdentifier, LayerSpecification, Map as MaplibreMap, StyleSpecification, VectorSourceSpecification } from 'maplibre-gl';
import type { BBox } from '../../../shared/api/geojson.js';
import type { LayerId } from '../../../shared/api/layers.js';
import { TILE_BUFFER, TILE_EXTENT, TILE_MAX_ZOOM, TILE_MIN_ZOOM } from '../../../shared/api/tiles.js';
import { boxesMeet } from '../../../shared/geo/planar.js';
import { tileBounds, tilesCovering, type TileCoord } from '../../../shared/geo/tile-coords.js';

/**
 * Layers that reach the map as vector tiles cut by the core (DESIGN §5: 100,000 parcels are never
 * pushed through setData). Each tiled layer keeps its source id (the layer id) and its MVT layer
 * has the same name, so style layers only gain a `source-layer`; the fid travels as the MVT
 * feature id, so feature-state (selection, highlight) works as with GeoJSON.
 */

/** Below this zoom the parcels (a few pixels each, all 100,000 in one tile) are not drawn. */
export const TILED_MIN_ZOOM = TILE_MIN_ZOOM;

/**
 * Layers that outline parcels (the outline, the hover) start at this zoom. Below it a parcel is a
 * few pixels wide, and such a layer would cost maplibre a line bucket of every parcel in every
 * tile — with 100,000 parcels, as much again as the fill that shows them.
 */
export const PARCEL_OUTLINE_MIN_ZOOM = 12;

/** URL template per tiled layer, e.g. parcels → http://127.0.0.1:port/tiles/parcels/{z}/{x}/{y}.pbf?token=… */
export type TiledLayers = Partial<Record<LayerId, string>>;

export function vectorSource(url: string): VectorSourceSpecification {
  return { type: 'vector', tiles: [url], minzoom: TILED_MIN_ZOOM, maxzoom: TILE_MAX_ZOOM };
}

/**
 * The style with the tiled layers' sources replaced by vector sources and their style layers given
 * the `source-layer`. The tiled layers start hidden — no tile is requested before the map is
 * framed on the project (MapController shows them then): a first view at the wrong zoom would cut
 * tiles of 50,000 parcels for nothing.
 */
export function withTiledLayers(style: StyleSpecification, tiled: TiledLayers): StyleSpecification {
  const ids = new Set(Object.keys(tiled));
  if (ids.size === 0) return style;
  const sources = { ...style.sources };
  for (const [id, url] of Object.entries(tiled)) if (url) sources[id] = vectorSource(url);
  const layers = style.layers.map((layer): LayerSpecification => {
    if (!('source' in layer) || typeof layer.source !== 'string' || !ids.has(layer.source)) return layer;
    return { ...layer, 'source-layer': layer.source, layout: { ...layer.layout, visibility: 'none' } } as LayerSpecification;
  });
  return { ...style, sources, layers };
}

/** True when the map draws `source` from vector tiles. */
export function isTiled(map: MaplibreMap, source: string): boolean {
  return map.getSource(source)?.type === 'vector';
}

/** A feature-state target: a vector source needs its source layer (named like the source here). */
export function featureTarget(map: MaplibreMap, source: string, id: number): FeatureIdentifier {
  return isTiled(map, source) ? { source, sourceLayer: source, id } : { source, id };
}

/** What a style layer added later on `source` needs besides its source: `{ 'source-layer' }` for a tiled one. */
export function sourceLayerOf(map: MaplibreMap, source: string): { 'source-layer'?: string } {
  return isTiled(map, source) ? { 'source-layer': source } : {};
}

/** Above this many tiles a refresh reloads the whole source (maplibre skips re-parsing tiles whose ETag did not change). */
const MAX_REFRESH_TILES = 4000;

/** The tiles of zooms minZoom…maxZoom whose buffered area meets one of the boxes; null when there are too many. */
export function tilesTouching(extent: readonly BBox[], minZoom: number, maxZoom: number): TileCoord[] | null {
  const seen = new Set<string>();
  const tiles: TileCoord[] = [];
  for (const box of extent) {
    for (let z = minZoom; z <= maxZoom; z++) {
      for (const t of tilesCovering(box, z, TILE_BUFFER / TILE_EXTENT)) {
        const key = `${t.z}/${t.x}/${t.y}`;
        if (seen.has(key)) continue;
        seen.add(key);
        tiles.push(t);
        if (tiles.length > MAX_REFRESH_TILES) return null;
      }
    }
  }
  return tiles;
}

/** A tile's URL from the template ({z}/{x}/{y}). */
export function tileUrl(template: string, t: TileCoord): string {
  return template.replace('{z}', String(t.z)).replace('{x}', String(t.x)).replace('{y}', String(t.y));
}

/**
 * Asks for the tiles the first view will need as soon as the project's extent is known — before
 * the style, the workers and the first frame are ready — so the core cuts them meanwhile. maplibre's
 * own request then finds them cut (and the browser revalidates its copy by ETag).
 */
export function prefetchTiles(template: string, tiles: readonly TileCoord[]): void {
  for (const t of tiles) void fetch(tileUrl(template, t)).then((r) => r.arrayBuffer()).catch(() => undefined);
}

/**
 * A revision per tile of a tiled layer, put in the tile's URL (`&v=N`, transformRequest): a tile a
 * change touched gets a new URL. maplibre 6.17 keeps the tiles it cuts itself beyond the source's
 * maxzoom by URL, and the browser keeps responses by URL; a new URL is what makes both take the
 * new content. Tiles no change touched keep their URL (and their caches).
 */
export class TileRevisions {
  private base = 0;
  private next = 1;
  private readonly byTile = new Map<string, number>();

  /** The tiles (every zoom the source has) whose buffered area meets one of the boxes changed. */
  touch(extent: readonly BBox[]): void {
    const rev = this.next++;
    for (const box of extent) {
      for (let z = TILED_MIN_ZOOM; z <= TILE_MAX_ZOOM; z++) {
        for (const t of tilesCovering(box, z, TILE_BUFFER / TILE_EXTENT)) this.byTile.set(`${t.z}/${t.x}/${t.y}`, rev);
      }
    }
  }

  /** Every tile changed (an import). */
  touchAll(): void {
    this.base = this.next++;
    this.byTile.clear();
  }

  of(z: number, x: number, y: number): number {
    return this.byTile.get(`${z}/${x}/${y}`) ?? this.base;
  }
}

const TILE_URL = /\/tiles\/([a-z_]+)\/(\d+)\/(\d+)\/(\d+)\.pbf/;

/** The URL of a tile request with its revision (`&v=N`) when its layer's tile changed; undefined to leave it. */
export function revisedTileUrl(url: string, revisions: ReadonlyMap<string, TileRevisions>): string | undefined {
  const m = TILE_URL.exec(url);
  if (!m) return undefined;
  const rev = revisions.get(m[1] ?? '')?.of(Number(m[2]), Number(m[3]), Number(m[4])) ?? 0;
  return rev === 0 ? undefined : `${url}${url.includes('?') ? '&' : '?'}v=${rev}`;
}

interface CachedTile {
  tileID: { canonical: { z: number; x: number; y: number } };
}
interface TileManagerInternals {
  _outOfViewCache?: { filter(keep: (tile: CachedTile) => boolean): void };
}

/**
 * Drops the source's cached tiles out of view whose buffered area meets one of the boxes (they
 * left the view before a change; maplibre would bring them back unchanged on zooming out).
 * maplibre 6.17 has no public call for it, so this reaches its tile manager; returns false when
 * that is not there (another maplibre version), and the caller then reloads the whole source.
 */
export function dropCachedTiles(map: MaplibreMap, source: string, extent: readonly BBox[]): boolean {
  const managers = (map.style as unknown as { tileManagers?: Record<string, TileManagerInternals> } | undefined)?.tileManagers;
  const cache = managers?.[source]?._outOfViewCache;
  if (!cache || typeof cache.filter !== 'function') return false;
  cache.filter((tile) => {
    const bounds = tileBounds(tile.tileID.canonical, TILE_BUFFER / TILE_EXTENT);
    return !extent.some((b) => boxesMeet(bounds, b));
  });
  return true;
}
