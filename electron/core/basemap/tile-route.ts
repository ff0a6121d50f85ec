import { BASEMAP_TILE_ROUTE } from '../../../shared/api/basemap.js';
import { TILE_CONTENT_TYPES } from './archive.js';
import type { BasemapService } from './basemap-service.js';

/** A tile answer independent of the transport (Node http in browser mode, a web Response in Electron). */
export interface TileReply {
  status: 200 | 204 | 400 | 404 | 500;
  headers: Record<string, string>;
  body: Uint8Array | null;
}

const PATTERN = new RegExp(`^${BASEMAP_TILE_ROUTE}/([a-z0-9]{6,40})/(\\d{1,2})/(\\d{1,10})/(\\d{1,10})(?:\\.[a-z]{3,4})?$`);

/** Does the path belong to the tile route (whatever follows)? */
export function isBasemapTilePath(pathname: string): boolean {
  return pathname.startsWith(`${BASEMAP_TILE_ROUTE}/`);
}

const text = (status: TileReply['status'], body: string): TileReply => ({
  status,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  body: new TextEncoder().encode(body),
});

/**
 * `BASEMAP_TILE_ROUTE/<revision>/<z>/<x>/<y>` → the tile. The revision names one version of one
 * file, so a tile may be cached for good; a request for another revision (the user chose another
 * file meanwhile) is 404. A tile the file lacks is 204: maplibre draws nothing there and logs
 * nothing.
 */
export async function basemapTileReply(service: Pick<BasemapService, 'tile'>, pathname: string): Promise<TileReply> {
  const m = PATTERN.exec(pathname);
  if (!m) return text(400, 'Expected /api/basemap/tiles/<revision>/<z>/<x>/<y>');
  const [, revision, z, x, y] = m;
  let found;
  try {
    found = await service.tile(revision as string, Number(z), Number(x), Number(y));
  } catch (e) {
    console.error('[basemap] tile read failed:', e);
    return text(500, `Tile read failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  switch (found.kind) {
    case 'bad_address':
      return text(400, `No tile ${z}/${x}/${y}`);
    case 'stale':
      return text(404, 'This basemap file is no longer the current one');
    case 'empty':
      return { status: 204, headers: { 'Cache-Control': 'private, max-age=31536000, immutable' }, body: null };
    case 'tile':
      return {
        status: 200,
        headers: {
          'Content-Type': TILE_CONTENT_TYPES[found.format],
          'Content-Length': String(found.bytes.byteLength),
          'Cache-Control': 'private, max-age=31536000, immutable',
        },
        body: found.bytes,
      };
  }
}
