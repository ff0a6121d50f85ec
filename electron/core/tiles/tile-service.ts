import type Database from 'better-sqlite3';
import type { EventListener, EventPayload } from '../../../shared/api/contract.js';
import type { BBox } from '../../../shared/api/geojson.js';
import type { LayerId } from '../../../shared/api/layers.js';
import { PlannerError } from '../../../shared/api/errors.js';
import { TILE_MAX_ZOOM, TILE_MIN_ZOOM } from '../../../shared/api/tiles.js';
import { boxesMeet } from '../../../shared/geo/planar.js';
import { fitZoom, isTileCoord, tilesCovering, type TileCoord } from '../../../shared/geo/tile-coords.js';
import { DEFAULT_TILE_CACHE_BYTES, TileCache, type EncodedTile } from './tile-cache.js';
import { bufferedBounds, cutTile } from './tile-cut.js';
import { TilePool, tileWorkerCount } from './tile-pool.js';
import { TileReader } from './tile-reader.js';

/**
 * The map area of the app's default window (1440 × 900, less the docks and the toolbar), and the
 * padding the map frames the project with (MapController): the first view warmUp prepares.
 */
export const FIRST_VIEW = { width: 860, height: 790, padding: 32 } as const;

export interface TileServiceOptions {
  cacheBytes?: number;
  /** The project file, for the tile workers' own read-only connections; without it tiles are cut in-process. */
  projectPath?: string;
  /** Tile workers (default tileWorkerCount(): LANDPLANNER_TILE_WORKERS, else one per core up to 4); 0 = in-process. */
  workers?: number;
}

interface InFlight {
  promise: Promise<EncodedTile>;
  bounds: BBox;
  /** A change met this tile while it was being cut: its bytes may be old and are not cached. */
  stale: boolean;
}

/**
 * Vector tiles of the project's layers (DESIGN §5), cut on request from the GeoPackage: the
 * layer's R-tree finds the features that meet the tile (grown by its buffer), geojson-vt cuts
 * them, vt-pbf encodes them — in worker threads (tile-pool.ts), so a tile of 50,000 parcels does
 * not hold up the app's other requests. Encoded tiles are cached; a change drops only the cached
 * tiles that meet the changed features' boxes (`dataChanged` with an `extent`), or a layer's every
 * tile (an import: no extent).
 *
 * Why per tile and not one geojson-vt index of the whole layer: an edit then costs re-cutting the
 * few tiles it touches (ms at the zooms a planner edits at) instead of rebuilding the index of
 * 100,000 parcels (seconds), and memory stays bounded by the cache budget while an index keeps
 * every tile it ever cut. The bench (npm run bench -- map) prints both.
 */
export class TileService {
  private readonly db: Database.Database;
  private reader: TileReader | null = null;
  private readonly cache: TileCache;
  private readonly pool: TilePool | null;
  private readonly inFlight = new Map<string, InFlight>();
  private cut = 0;

  constructor(db: Database.Database, opts: TileServiceOptions = {}) {
    this.db = db;
    this.cache = new TileCache(opts.cacheBytes ?? DEFAULT_TILE_CACHE_BYTES);
    const workers = opts.workers ?? tileWorkerCount();
    this.pool = opts.projectPath && workers > 0 ? new TilePool(opts.projectPath, workers) : null;
  }

  /**
   * The encoded tile (0 bytes when nothing is in it) and its ETag; a PlannerError `invalid_tile`
   * for a tile that does not exist. `prefetch`: cut ahead of the map's request, after the tiles
   * the map is waiting for.
   */
  async tile(layer: LayerId, z: number, x: number, y: number, opts: { prefetch?: boolean } = {}): Promise<EncodedTile> {
    if (!isTileCoord(z, x, y, TILE_MAX_ZOOM)) {
      throw new PlannerError('invalid_tile', `No tile ${z}/${x}/${y} (zoom 0–${TILE_MAX_ZOOM})`, `瓦片坐标无效:${z}/${x}/${y}(缩放级别 0–${TILE_MAX_ZOOM})`, {
        layer,
        z,
        x,
        y,
      });
    }
    const t: TileCoord = { z, x, y };
    const cached = this.cache.get(layer, t);
    if (cached) return cached;
    const key = TileCache.key(layer, t);
    const running = this.inFlight.get(key);
    if (running) {
      if (!opts.prefetch) this.pool?.hurry(layer, z, x, y);
      return running.promise;
    }
    const bounds = bufferedBounds(t);
    const cutting = this.cutSomewhere(layer, t, !opts.prefetch);
    const entry: InFlight = { promise: cutting, bounds, stale: false };
    entry.promise = cutting.then(
      (tile) => {
        if (this.inFlight.get(key) === entry) this.inFlight.delete(key);
        this.cut++;
        if (!entry.stale) this.cache.set(layer, t, bounds, tile);
        return tile;
      },
      (err: unknown) => {
        if (this.inFlight.get(key) === entry) this.inFlight.delete(key);
        throw err;
      },
    );
    this.inFlight.set(key, entry);
    return entry.promise;
  }

  /**
   * Wraps the core's event listener: a `dataChanged` first drops the tiles it may have altered, then
   * goes out — so the map's refetch, which the event triggers, finds fresh tiles.
   */
  forwarding(listener: EventListener): EventListener {
    return (name, payload) => {
      if (name === 'dataChanged') this.dataChanged(payload as EventPayload<'dataChanged'>);
      listener(name, payload);
    };
  }

  /** Forgets the tiles a change may have altered (call it before the change is announced). */
  dataChanged(change: EventPayload<'dataChanged'>): void {
    for (const layer of change.layers) this.invalidate(layer, change.extent);
  }

  /**
   * Drops the layer's cached tiles meeting any of `boxes` (all of them without boxes) and marks
   * those being cut as stale (the next request cuts them again); returns the dropped keys.
   */
  invalidate(layer: LayerId, boxes?: readonly BBox[]): string[] {
    for (const [key, entry] of this.inFlight) {
      if (!key.startsWith(`${layer}/`)) continue;
      if (boxes && !boxes.some((b) => boxesMeet(entry.bounds, b))) continue;
      entry.stale = true;
      this.inFlight.delete(key);
    }
    return this.cache.invalidate(layer, boxes);
  }

  /** Cached tile keys (layer/z/x/y), least recently used first. */
  cachedTiles(): string[] {
    return this.cache.keys();
  }

  /** How many tiles were cut since the start (cache misses). */
  get tilesCut(): number {
    return this.cut;
  }

  /** Starts the tile workers ahead of the first tile (the app calls it when it opens the project; tests need not). */
  startWorkers(): void {
    this.pool?.start();
  }

  /**
   * Called when the app opens the project: starts the workers and cuts, ahead of any request, the
   * parcel tiles of the first view — the project (`bbox`) framed in the default window — while the
   * window loads. Another window size asks for other tiles, which are cut on request as usual.
   * Returns the tiles queued.
   */
  warmUp(bbox: BBox | null, view: { width: number; height: number; padding: number } = FIRST_VIEW): TileCoord[] {
    this.startWorkers();
    if (!bbox || !this.pool) return [];
    const z = Math.floor(fitZoom(bbox, view.width, view.height, view.padding));
    if (!Number.isFinite(z) || z < TILE_MIN_ZOOM) return [];
    const tiles = tilesCovering(bbox, Math.min(z, TILE_MAX_ZOOM));
    for (const t of tiles) void this.tile('parcels', t.z, t.x, t.y, { prefetch: true }).catch(() => undefined);
    return tiles;
  }

  async dispose(): Promise<void> {
    await this.pool?.dispose();
  }

  private async cutSomewhere(layer: LayerId, t: TileCoord, urgent: boolean): Promise<EncodedTile> {
    if (this.pool && !this.pool.failed) {
      try {
        return await this.pool.cut(layer, t.z, t.x, t.y, urgent);
      } catch (err) {
        // A worker that failed (it could not start, or crashed) leaves the cutting to this thread.
        if (!this.pool.failed) throw err;
        console.error('[tiles] tile workers failed, cutting in-process:', this.pool.failed);
      }
    }
    this.reader ??= new TileReader(this.db);
    return cutTile(this.reader, layer, t);
  }
}
