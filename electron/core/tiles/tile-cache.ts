import type { BBox } from '../../../shared/api/geojson.js';
import type { LayerId } from '../../../shared/api/layers.js';
import { boxesMeet } from '../../../shared/geo/planar.js';
import type { TileCoord } from '../../../shared/geo/tile-coords.js';

/** An encoded tile and its content hash (the HTTP ETag: maplibre skips re-parsing a reloaded tile whose ETag is unchanged). */
export interface EncodedTile {
  bytes: Uint8Array<ArrayBuffer>;
  etag: string;
}

interface Entry extends EncodedTile {
  layer: LayerId;
  /** The tile's area grown by its buffer: what a change must meet to alter the tile. */
  bounds: BBox;
}

/** Default budget for encoded tiles (the overview of 100,000 parcels is ≈ 5 MB). */
export const DEFAULT_TILE_CACHE_BYTES = 192 * 1024 * 1024;

/**
 * Encoded tiles, least recently used first out once over the byte budget. A change drops only the
 * tiles whose buffered area meets one of the changed features' boxes.
 */
export class TileCache {
  private readonly entries = new Map<string, Entry>();
  private size = 0;

  constructor(private readonly maxBytes = DEFAULT_TILE_CACHE_BYTES) {}

  static key(layer: LayerId, t: TileCoord): string {
    return `${layer}/${t.z}/${t.x}/${t.y}`;
  }

  get(layer: LayerId, t: TileCoord): EncodedTile | undefined {
    const key = TileCache.key(layer, t);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Re-insert: Map iteration order is the LRU order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(layer: LayerId, t: TileCoord, bounds: BBox, tile: EncodedTile): void {
    const key = TileCache.key(layer, t);
    this.remove(key);
    this.entries.set(key, { layer, bounds, bytes: tile.bytes, etag: tile.etag });
    this.size += tile.bytes.byteLength;
    for (const [k] of this.entries) {
      if (this.size <= this.maxBytes) break;
      this.remove(k);
    }
  }

  /** Drops the layer's tiles that meet any box (every tile of the layer when `boxes` is undefined); returns their keys. */
  invalidate(layer: LayerId, boxes?: readonly BBox[]): string[] {
    const dropped: string[] = [];
    for (const [key, e] of this.entries) {
      if (e.layer !== layer) continue;
      if (boxes && !boxes.some((b) => boxesMeet(e.bounds, b))) continue;
      dropped.push(key);
    }
    dropped.forEach((k) => this.remove(k));
    return dropped;
  }

  has(layer: LayerId, t: TileCoord): boolean {
    return this.entries.has(TileCache.key(layer, t));
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  get bytes(): number {
    return this.size;
  }

  private remove(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.size -= e.bytes.byteLength;
    this.entries.delete(key);
  }
}
