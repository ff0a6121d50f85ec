import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { zxyToTileId } from 'pmtiles';

/**
 * A minimal PMTiles v3 writer for tests only (GDAL 3.6 here has no PMTiles driver and the pmtiles
 * package only reads): header, one gzip-compressed root directory, gzip-compressed JSON metadata,
 * then the tiles in tile-id order. Spec: https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md
 * The archive is read back by the pmtiles package itself, which checks this writer.
 */
export interface PmtilesInput {
  tiles: Array<{ z: number; x: number; y: number; data: Uint8Array }>;
  /** 1 = none, 2 = gzip (as stored: the data is written as given). */
  tileCompression: 1 | 2;
  /** 1 = MVT, 2 = PNG, 3 = JPEG, 4 = WebP */
  tileType: 1 | 2 | 3 | 4;
  bounds: [number, number, number, number];
  center: [number, number, number];
  metadata: Record<string, unknown>;
}

const HEADER_BYTES = 127;

function varint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

function serializeDirectory(entries: Array<{ tileId: number; offset: number; length: number; runLength: number }>): Uint8Array {
  const out: number[] = [];
  varint(out, entries.length);
  let last = 0;
  for (const e of entries) {
    varint(out, e.tileId - last);
    last = e.tileId;
  }
  for (const e of entries) varint(out, e.runLength);
  for (const e of entries) varint(out, e.length);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    if (i > 0 && prev && e.offset === prev.offset + prev.length) varint(out, 0);
    else varint(out, e.offset + 1);
  });
  return Uint8Array.from(out);
}

export function writePmtiles(file: string, input: PmtilesInput): void {
  const tiles = input.tiles.map((t) => ({ ...t, tileId: zxyToTileId(t.z, t.x, t.y) })).sort((a, b) => a.tileId - b.tileId);
  const entries: Array<{ tileId: number; offset: number; length: number; runLength: number }> = [];
  let offset = 0;
  for (const t of tiles) {
    entries.push({ tileId: t.tileId, offset, length: t.data.byteLength, runLength: 1 });
    offset += t.data.byteLength;
  }
  const root = gzipSync(serializeDirectory(entries));
  const meta = gzipSync(Buffer.from(JSON.stringify(input.metadata), 'utf8'));
  const rootOffset = HEADER_BYTES;
  const metaOffset = rootOffset + root.byteLength;
  const dataOffset = metaOffset + meta.byteLength;
  if (dataOffset > 16384) throw new Error('root directory too large for this minimal writer');

  const header = Buffer.alloc(HEADER_BYTES);
  header.write('PMTiles', 0, 'ascii');
  header.writeUInt8(3, 7);
  const u64 = (at: number, v: number): void => {
    header.writeBigUInt64LE(BigInt(v), at);
  };
  u64(8, rootOffset);
  u64(16, root.byteLength);
  u64(24, metaOffset);
  u64(32, meta.byteLength);
  u64(40, dataOffset);
  u64(48, 0);
  u64(56, dataOffset);
  u64(64, offset);
  u64(72, tiles.length);
  u64(80, entries.length);
  u64(88, tiles.length);
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(2, 97); // internal compression: gzip
  header.writeUInt8(input.tileCompression, 98);
  header.writeUInt8(input.tileType, 99);
  const zooms = tiles.map((t) => t.z);
  header.writeUInt8(Math.min(...zooms), 100);
  header.writeUInt8(Math.max(...zooms), 101);
  const e7 = (v: number): number => Math.round(v * 1e7);
  header.writeInt32LE(e7(input.bounds[0]), 102);
  header.writeInt32LE(e7(input.bounds[1]), 106);
  header.writeInt32LE(e7(input.bounds[2]), 110);
  header.writeInt32LE(e7(input.bounds[3]), 114);
  header.writeUInt8(input.center[2], 118);
  header.writeInt32LE(e7(input.center[0]), 119);
  header.writeInt32LE(e7(input.center[1]), 123);

  fs.writeFileSync(file, Buffer.concat([header, root, meta, ...tiles.map((t) => Buffer.from(t.data))]));
}

/** Tiles of an MBTiles file as the file stores them (TMS rows flipped to XYZ; data untouched). */
export function mbtilesTiles(file: string): { tiles: PmtilesInput['tiles']; meta: Map<string, string> } {
  const db = new Database(file, { readonly: true });
  try {
    const meta = new Map((db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[]).map((r) => [r.name, r.value]));
    const rows = db.prepare('SELECT zoom_level AS z, tile_column AS x, tile_row AS row, tile_data AS data FROM tiles').all() as { z: number; x: number; row: number; data: Buffer }[];
    return { tiles: rows.map((r) => ({ z: r.z, x: r.x, y: 2 ** r.z - 1 - r.row, data: new Uint8Array(r.data) })), meta };
  } finally {
    db.close();
  }
}

/** An MBTiles file converted to PMTiles v3, metadata (name, bounds, vector_layers) carried over. */
export function mbtilesToPmtiles(mbtiles: string, pmtiles: string): void {
  const { tiles, meta } = mbtilesTiles(mbtiles);
  const format = meta.get('format') ?? 'png';
  const bounds = (meta.get('bounds') ?? '-180,-85,180,85').split(',').map(Number) as [number, number, number, number];
  const zooms = tiles.map((t) => t.z);
  const minZoom = Math.min(...zooms);
  const json = meta.get('json') ? (JSON.parse(meta.get('json') as string) as Record<string, unknown>) : {};
  writePmtiles(pmtiles, {
    tiles,
    tileCompression: format === 'pbf' ? 2 : 1,
    tileType: format === 'pbf' ? 1 : format === 'png' ? 2 : format === 'jpg' ? 3 : 4,
    bounds,
    center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, minZoom],
    metadata: { name: meta.get('name') ?? '', ...json },
  });
}
