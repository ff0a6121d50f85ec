import path from 'node:path';
import { PlannerError } from '../../../shared/api/errors.js';
import type { BasemapFileInfo, TileFormat, VectorLayerInfo } from '../../../shared/api/basemap.js';

/** What a tile archive reader gives the service: its description and tiles by XYZ address. */
export type ArchiveInfo = Omit<BasemapFileInfo, 'path' | 'revision'>;

export interface TileArchive {
  readonly info: ArchiveInfo;
  /** The tile at z/x/y in XYZ (slippy-map) numbering, uncompressed; null when the archive has none. */
  tile(z: number, x: number, y: number): Promise<Uint8Array | null>;
  close(): Promise<void>;
}

export const TILE_CONTENT_TYPES: Record<TileFormat, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif',
  pbf: 'application/x-protobuf',
};

/** Web Mercator's latitude limit: maplibre refuses source bounds beyond it. */
const MAX_LAT = 85.051129;

/** Parses "w,s,e,n" (MBTiles metadata) into a bbox clamped to Web Mercator, or null. */
export function parseBounds(value: string | undefined | null): [number, number, number, number] | null {
  if (!value) return null;
  const n = value.split(',').map((v) => Number(v.trim()));
  if (n.length !== 4 || n.some((v) => !Number.isFinite(v))) return null;
  const [w, s, e, north] = n as [number, number, number, number];
  if (w >= e || s >= north) return null;
  return [Math.max(-180, w), Math.max(-MAX_LAT, s), Math.min(180, e), Math.min(MAX_LAT, north)];
}

/** Parses "lon,lat,zoom" into a tuple, or null. */
export function parseCenter(value: string | undefined | null): [number, number, number] | null {
  if (!value) return null;
  const n = value.split(',').map((v) => Number(v.trim()));
  if (n.length < 2 || n.some((v) => !Number.isFinite(v))) return null;
  return [n[0] as number, n[1] as number, n[2] ?? 0];
}

/** Normalises the MBTiles `format` names to ours; null when unknown. */
export function formatFromName(name: string | undefined | null): TileFormat | null {
  switch ((name ?? '').trim().toLowerCase()) {
    case 'png':
    case 'image/png':
      return 'png';
    case 'jpg':
    case 'jpeg':
    case 'image/jpeg':
      return 'jpg';
    case 'webp':
    case 'image/webp':
      return 'webp';
    case 'avif':
      return 'avif';
    case 'pbf':
    case 'mvt':
    case 'application/x-protobuf':
    case 'application/vnd.mapbox-vector-tile':
      return 'pbf';
    default:
      return null;
  }
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The format of a tile from its first bytes (a gzip stream is taken as a vector tile). */
export function sniffFormat(bytes: Uint8Array): TileFormat | null {
  const b = bytes;
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpg';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftypavif') return 'avif';
  if (isGzip(b)) return 'pbf';
  return null;
}

/** A PNG's width from its IHDR chunk (raster tiles may be 256 or 512 px); null for other formats. */
export function pngWidth(bytes: Uint8Array): number | null {
  if (sniffFormat(bytes) !== 'png' || bytes.length < 24) return null;
  return ((bytes[16] as number) << 24) | ((bytes[17] as number) << 16) | ((bytes[18] as number) << 8) | (bytes[19] as number);
}

function ascii(b: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...b.subarray(start, start + length));
}

/** Vector layers from TileJSON-style metadata (`vector_layers`, geometry from `tilestats`). */
export function vectorLayersOf(meta: unknown): VectorLayerInfo[] {
  if (!meta || typeof meta !== 'object') return [];
  const m = meta as { vector_layers?: unknown; tilestats?: { layers?: unknown } };
  const geometry = new Map<string, VectorLayerInfo['geometry']>();
  if (Array.isArray(m.tilestats?.layers)) {
    for (const l of m.tilestats.layers as { layer?: unknown; geometry?: unknown }[]) {
      if (typeof l.layer === 'string') geometry.set(l.layer, geometryKind(l.geometry));
    }
  }
  if (!Array.isArray(m.vector_layers)) return [];
  const out: VectorLayerInfo[] = [];
  for (const l of m.vector_layers as { id?: unknown; minzoom?: unknown; maxzoom?: unknown }[]) {
    if (typeof l.id !== 'string' || l.id.length === 0) continue;
    out.push({
      id: l.id,
      geometry: geometry.get(l.id) ?? null,
      minzoom: typeof l.minzoom === 'number' ? l.minzoom : null,
      maxzoom: typeof l.maxzoom === 'number' ? l.maxzoom : null,
    });
  }
  return out;
}

function geometryKind(g: unknown): VectorLayerInfo['geometry'] {
  const s = typeof g === 'string' ? g.toLowerCase() : '';
  if (s.includes('polygon')) return 'polygon';
  if (s.includes('line')) return 'line';
  if (s.includes('point')) return 'point';
  return null;
}

/** The file cannot be found (or is not a file): names the file, in Chinese and English. */
export function fileNotFound(file: string): PlannerError {
  return new PlannerError('basemap_file_not_found', `Basemap file not found: ${file}`, `找不到底图文件:${file}`, { path: file });
}

/** The file exists but cannot be used as a basemap; `why` says what is wrong with it. */
export function fileInvalid(file: string, why: { en: string; zh: string }): PlannerError {
  return new PlannerError(
    'basemap_file_invalid',
    `Cannot use ${path.basename(file)} as a basemap: ${why.en} (${file})`,
    `无法将 ${path.basename(file)} 用作底图:${why.zh}(${file})`,
    { path: file, reason: why.en },
  );
}

/** Is z/x/y a tile address at all (z 0–30, x and y within 0 … 2^z − 1)? */
export function validTileAddress(z: number, x: number, y: number): boolean {
  if (!Number.isInteger(z) || !Number.isInteger(x) || !Number.isInteger(y) || z < 0 || z > 30) return false;
  const n = 2 ** z;
  return x >= 0 && y >= 0 && x < n && y < n;
}
