import type { Geometry } from '../../../shared/api/geojson.js';
import { readWkb, wkbSize, writeWkb } from './wkb.js';

/** GeoPackage binary geometry (OGC 12-128r18 §2.1.3): 'GP', version 0, flags, srs_id, envelope, WKB. */
export interface Envelope {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

const ENVELOPE_BYTES = [0, 32, 48, 48, 64, 0, 0, 0] as const;

export function envelopeOf(g: Geometry): Envelope | null {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  const visit = (p: readonly number[]): void => {
    const x = p[0] as number;
    const y = p[1] as number;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  };
  switch (g.type) {
    case 'Point':
      visit(g.coordinates);
      break;
    case 'LineString':
    case 'MultiPoint':
      g.coordinates.forEach(visit);
      break;
    case 'Polygon':
    case 'MultiLineString':
      g.coordinates.forEach((r) => r.forEach(visit));
      break;
    case 'MultiPolygon':
      g.coordinates.forEach((p) => p.forEach((r) => r.forEach(visit)));
      break;
  }
  return minX === Infinity ? null : { minX, maxX, minY, maxY };
}

/**
 * Encodes a geometry as a GeoPackage blob with an XY envelope (the R-tree triggers read it);
 * `envelope` is envelopeOf(g) when the caller has it already.
 */
export function encodeGpkgBlob(g: Geometry, srsId: number, envelope?: Envelope | null): Buffer {
  const env = envelope === undefined ? envelopeOf(g) : envelope;
  const envBytes = env ? 32 : 0;
  const size = 8 + envBytes + wkbSize(g);
  // A slice of Node's shared 8 KiB pool (zeroed): Buffer.alloc would make one ArrayBuffer per
  // feature, which large imports pay for again in garbage collection.
  const buf = Buffer.allocUnsafe(size).fill(0);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  buf[0] = 0x47; // 'G'
  buf[1] = 0x50; // 'P'
  buf[2] = 0; // version 1.0 blob
  // flags: bit0 little-endian, bits1-3 envelope indicator (1 = xy), bit4 empty
  buf[3] = 0x01 | ((env ? 1 : 0) << 1) | ((env ? 0 : 1) << 4);
  view.setInt32(4, srsId, true);
  if (env) {
    view.setFloat64(8, env.minX, true);
    view.setFloat64(16, env.maxX, true);
    view.setFloat64(24, env.minY, true);
    view.setFloat64(32, env.maxY, true);
  }
  writeWkb(g, view, 8 + envBytes);
  return buf;
}

interface Header {
  littleEndian: boolean;
  envelopeBytes: number;
  empty: boolean;
  srsId: number;
}

function header(buf: Uint8Array): Header {
  if (buf.length < 8 || buf[0] !== 0x47 || buf[1] !== 0x50) throw new Error('Not a GeoPackage geometry blob');
  const flags = buf[3] as number;
  const littleEndian = (flags & 1) === 1;
  const envelopeBytes = ENVELOPE_BYTES[(flags >> 1) & 7] ?? 0;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  return { littleEndian, envelopeBytes, empty: (flags & 0x10) !== 0, srsId: view.getInt32(4, littleEndian) };
}

export function decodeGpkgBlob(buf: Uint8Array): Geometry {
  const h = header(buf);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  return readWkb(view, 8 + h.envelopeBytes);
}

/** The blob's envelope, read from the header or computed from the WKB; null when empty. */
export function blobEnvelope(buf: Uint8Array): Envelope | null {
  const h = header(buf);
  if (h.empty) return null;
  if (h.envelopeBytes >= 32) {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    return {
      minX: view.getFloat64(8, h.littleEndian),
      maxX: view.getFloat64(16, h.littleEndian),
      minY: view.getFloat64(24, h.littleEndian),
      maxY: view.getFloat64(32, h.littleEndian),
    };
  }
  return envelopeOf(decodeGpkgBlob(buf));
}

export function blobIsEmpty(buf: Uint8Array): boolean {
  return header(buf).empty;
}
