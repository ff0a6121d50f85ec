import { z } from 'zod';
import { BBox } from './geojson.js';
import { LAYER_IDS, type LayerId } from './layers.js';

/**
 * The map at scale (DESIGN §5): parcels reach the map as Mapbox Vector Tiles cut by the core, over
 * a binary side channel — `GET /tiles/<layer>/<z>/<x>/<y>.pbf` on the browser-mode server (token in
 * the TOKEN_HEADER header or `?token=`), the same path on Electron's app:// protocol — and the
 * renderer asks the core for figures (counts, a few rows) instead of holding every parcel.
 */
export const TILE_ROUTE_PREFIX = '/tiles/';
/** Deepest zoom the core cuts; maplibre over-zooms beyond it (0.15 m per tile unit at z16). */
export const TILE_MAX_ZOOM = 16;
/** The map draws parcel tiles from this zoom on (below it a city's 100,000 parcels are one tile of dots). */
export const TILE_MIN_ZOOM = 8;
/** MVT extent and buffer (tile units): the geojson-vt / maplibre defaults. */
export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;
export const TILE_CONTENT_TYPE = 'application/x-protobuf';

/** The URL path template of a layer's tiles (maplibre fills {z}/{x}/{y}). Each tile's MVT layer is named like the layer. */
export const tilePathTemplate = (layer: LayerId): string => `${TILE_ROUTE_PREFIX}${layer}/{z}/{x}/{y}.pbf`;

export type TileRequest = { ok: true; layer: LayerId; z: number; x: number; y: number } | { ok: false; reason: string };

const TILE_PATH = /^\/tiles\/([a-z_]{1,40})\/(\d{1,3})\/(\d{1,9})\/(\d{1,9})\.pbf$/;

/**
 * Parses a tile path strictly: a known layer, integer z ≤ TILE_MAX_ZOOM, 0 ≤ x, y < 2^z. Anything
 * else (a bad layer, z 17, x out of range, a sign, a dot, an extra segment) is `ok: false`.
 */
export function parseTilePath(pathname: string): TileRequest {
  const m = TILE_PATH.exec(pathname);
  if (!m) return { ok: false, reason: 'expected /tiles/<layer>/<z>/<x>/<y>.pbf' };
  const [, layer = '', zs = '', xs = '', ys = ''] = m;
  if (!(LAYER_IDS as readonly string[]).includes(layer)) return { ok: false, reason: `unknown layer ${layer}` };
  const z = Number(zs);
  const x = Number(xs);
  const y = Number(ys);
  if (z > TILE_MAX_ZOOM) return { ok: false, reason: `zoom ${z} is above ${TILE_MAX_ZOOM}` };
  const n = 2 ** z;
  if (x >= n || y >= n) return { ok: false, reason: `tile ${z}/${x}/${y} does not exist` };
  return { ok: true, layer: layer as LayerId, z, x, y };
}

/** A few parcels by fid (a multi-selection, a drill-down) or by key block (the block card). */
export const ParcelRowsInput = z
  .object({
    fids: z.array(z.number().int().positive()).max(200_000).optional(),
    blockCode: z.string().min(1).max(100).optional(),
    /** Rows returned (the total and bbox always cover every match); 0 = only total and bbox. */
    limit: z.number().int().min(0).max(200_000).default(2000),
  })
  .strict()
  .refine((r) => (r.fids === undefined) !== (r.blockCode === undefined), { message: 'give fids or blockCode (exactly one)' });
export type ParcelRowsInput = z.input<typeof ParcelRowsInput>;

export const ParcelRow = z.object({
  fid: z.number().int(),
  code: z.string().nullable(),
  owner: z.string().nullable(),
  status: z.string().nullable(),
  blockCode: z.string().nullable(),
  areaM2: z.number().nullable(),
  bbox: BBox.nullable(),
});
export type ParcelRow = z.infer<typeof ParcelRow>;

export const ParcelRows = z.object({
  /** Parcels matched (may exceed rows.length). */
  total: z.number().int().nonnegative(),
  /** Extent of every matched parcel, null when none. */
  bbox: BBox.nullable(),
  /** By fid order for `fids`, by code for `blockCode`. */
  rows: z.array(ParcelRow),
});
export type ParcelRows = z.infer<typeof ParcelRows>;
