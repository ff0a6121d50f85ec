import { createHash } from 'node:crypto';
import type { LayerId } from '../../../shared/api/layers.js';
import { TILE_BUFFER, TILE_EXTENT } from '../../../shared/api/tiles.js';
import { tileBounds, type TileCoord } from '../../../shared/geo/tile-coords.js';
import type { EncodedTile } from './tile-cache.js';
import { encodeTile } from './tile-encoder.js';
import { encodeOverviewTile } from './overview-tile.js';
import { DETAIL_ZOOM, tileColumns } from './tile-properties.js';
import type { TileReader } from './tile-reader.js';

/** The buffer as a fraction of a tile's width (64 / 4096). */
export const BUFFER_FRACTION = TILE_BUFFER / TILE_EXTENT;

/** The area whose features can draw in a tile: the tile grown by its buffer. */
export const bufferedBounds = (t: TileCoord): ReturnType<typeof tileBounds> => tileBounds(t, BUFFER_FRACTION);

/**
 * One tile, from the R-tree to the encoded bytes, and its ETag (a hash of the bytes: an unchanged
 * tile keeps its ETag across a re-cut). The same code runs in the tile workers and in-process.
 */
export function cutTile(reader: TileReader, layer: LayerId, t: TileCoord): EncodedTile {
  const bounds = bufferedBounds(t);
  const cols = tileColumns(layer, t.z);
  // Parcels below the detail zoom: tippecanoe-style overview tiles (overview-tile.ts); exact from DETAIL_ZOOM on.
  const bytes = layer === 'parcels' && t.z < DETAIL_ZOOM ? encodeOverviewTile(reader.db, layer, t, bounds, cols) : encodeTile(layer, reader.read(layer, bounds, cols), t);
  return { bytes, etag: `"${createHash('md5').update(bytes).digest('base64url')}"` };
}
