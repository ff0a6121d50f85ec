/**
 * Web Mercator tile coordinates (the XYZ scheme maplibre and MVT use), shared by the core's tile
 * service (which cuts the tiles) and the renderer (which asks maplibre to reload the tiles an edit
 * touched). Lon/lat are CGCS2000 degrees, treated as WGS84 for display (DESIGN §5).
 */
import type { BBox } from '../api/geojson.js';

export interface TileCoord {
  z: number;
  x: number;
  y: number;
}

/** Web Mercator's latitude limit: the square world of tile 0/0/0. */
export const MAX_MERCATOR_LAT = 85.0511287798066;

/** Fractional tile column of a longitude at zoom z. */
export function lonToTileX(lon: number, z: number): number {
  return ((lon + 180) / 360) * 2 ** z;
}

/** Fractional tile row of a latitude at zoom z (clamped to the Mercator square). */
export function latToTileY(lat: number, z: number): number {
  const clamped = Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, lat));
  const s = Math.sin((clamped * Math.PI) / 180);
  return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 2 ** z;
}

export function tileXToLon(x: number, z: number): number {
  return (x / 2 ** z) * 360 - 180;
}

export function tileYToLat(y: number, z: number): number {
  const n = Math.PI - (2 * Math.PI * y) / 2 ** z;
  return (180 / Math.PI) * Math.atan(Math.sinh(n));
}

/**
 * The zoom at which `bbox` fits a view of width × height CSS px with `padding` on every side — as
 * maplibre's fitBounds frames it (512-px world at zoom 0, north up). Infinity for a point.
 */
export function fitZoom(bbox: BBox, width: number, height: number, padding: number): number {
  const dx = lonToTileX(bbox[2], 0) - lonToTileX(bbox[0], 0);
  const dy = latToTileY(bbox[1], 0) - latToTileY(bbox[3], 0);
  const zx = dx > 0 ? Math.log2((width - 2 * padding) / (512 * dx)) : Infinity;
  const zy = dy > 0 ? Math.log2((height - 2 * padding) / (512 * dy)) : Infinity;
  return Math.min(zx, zy);
}

/** True for integer z/x/y of an existing tile with z ≤ maxZoom. */
export function isTileCoord(z: number, x: number, y: number, maxZoom: number): boolean {
  if (!Number.isInteger(z) || !Number.isInteger(x) || !Number.isInteger(y)) return false;
  if (z < 0 || z > maxZoom) return false;
  const n = 2 ** z;
  return x >= 0 && x < n && y >= 0 && y < n;
}

/**
 * A tile's [west, south, east, north] in degrees, grown by `buffer` (a fraction of the tile's
 * width, e.g. 64/4096 for an MVT buffer of 64 units) on every side.
 */
export function tileBounds(t: TileCoord, buffer = 0): BBox {
  return [tileXToLon(t.x - buffer, t.z), tileYToLat(t.y + 1 + buffer, t.z), tileXToLon(t.x + 1 + buffer, t.z), tileYToLat(t.y - buffer, t.z)];
}

/**
 * The tiles of zoom z whose area, grown by `buffer` (fraction of a tile), meets `bbox` — the tiles
 * that can draw something inside it. Empty for a degenerate (NaN) box.
 */
export function tilesCovering(bbox: BBox, z: number, buffer = 0): TileCoord[] {
  const [w, s, e, n] = bbox;
  if (![w, s, e, n].every(Number.isFinite) || w > e || s > n) return [];
  const last = 2 ** z - 1;
  const clamp = (v: number): number => Math.max(0, Math.min(last, v));
  const x0 = clamp(Math.floor(lonToTileX(w, z) - buffer));
  const x1 = clamp(Math.floor(lonToTileX(e, z) + buffer));
  const y0 = clamp(Math.floor(latToTileY(n, z) - buffer));
  const y1 = clamp(Math.floor(latToTileY(s, z) + buffer));
  const tiles: TileCoord[] = [];
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) tiles.push({ z, x, y });
  return tiles;
}
