import { PlannerError } from '../../../shared/api/errors.js';
import { TILE_CONTENT_TYPE, TILE_ROUTE_PREFIX, parseTilePath } from '../../../shared/api/tiles.js';
import type { TileService } from './tile-service.js';

/** A tile answer independent of the transport (shaped like the basemap route's, plus 304). */
export interface VectorTileReply {
  status: 200 | 204 | 304 | 400 | 500;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer> | null;
}

/** Does the path belong to the vector tile route (whatever follows)? */
export function isVectorTilePath(pathname: string): boolean {
  return pathname.startsWith(TILE_ROUTE_PREFIX);
}

const text = (status: VectorTileReply['status'], body: string): VectorTileReply => ({
  status,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  body: new TextEncoder().encode(body),
});

/**
 * `GET /tiles/<layer>/<z>/<x>/<y>.pbf` → the layer's tile, for both transports (Node http in
 * browser mode, a web Response on Electron's app:// protocol). A malformed or non-existent tile is
 * 400, never a crash; an empty tile 204. `no-cache` + ETag: the browser revalidates every time
 * (`ifNoneMatch` → 304 without a body), and maplibre skips re-parsing a reloaded tile whose ETag is
 * unchanged — a refresh after an edit costs only the tiles the edit touched.
 */
export async function vectorTileReply(service: Pick<TileService, 'tile'>, pathname: string, ifNoneMatch?: string | null): Promise<VectorTileReply> {
  const req = parseTilePath(pathname);
  if (!req.ok) return text(400, `Bad tile request: ${req.reason}`);
  let tile;
  try {
    tile = await service.tile(req.layer, req.z, req.x, req.y);
  } catch (e) {
    if (e instanceof PlannerError && e.code === 'invalid_tile') return text(400, e.message);
    console.error('[tiles] tile failed:', e);
    return text(500, `Tile failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  const cache = { ETag: tile.etag, 'Cache-Control': 'private, no-cache' };
  if (ifNoneMatch && ifNoneMatch === tile.etag) return { status: 304, headers: cache, body: null };
  if (tile.bytes.byteLength === 0) return { status: 204, headers: cache, body: null };
  return {
    status: 200,
    headers: { ...cache, 'Content-Type': TILE_CONTENT_TYPE, 'Content-Length': String(tile.bytes.byteLength) },
    body: tile.bytes,
  };
}
