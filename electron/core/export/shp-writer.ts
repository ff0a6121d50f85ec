import type { Geometry } from '../../../shared/api/geojson.js';
import { orientPolygon, polygonsOf } from './winding.js';

/**
 * Our own .shp/.shx writer (ESRI Shapefile Technical Description, July 1998): Null, Point, PolyLine
 * and Polygon records, 2D. Polygons follow the spec's orientation — outer rings clockwise, holes
 * counter-clockwise (x east, y north) — whatever order the source rings had, every ring closed; a
 * MultiPolygon is one record whose parts are all the rings of all its polygons (readers regroup holes
 * by containment). Every record carries its bounding box, the headers the file's.
 */

export const SHAPE_NULL = 0;
export const SHAPE_POINT = 1;
export const SHAPE_POLYLINE = 3;
export const SHAPE_POLYGON = 5;
export type ShapeType = typeof SHAPE_POINT | typeof SHAPE_POLYLINE | typeof SHAPE_POLYGON;

type Pos = readonly number[];

interface Prepared {
  type: number;
  parts: Pos[][];
  /** content length in bytes (after the 8-byte record header) */
  bytes: number;
  box: [number, number, number, number];
}

function polygonParts(g: Geometry): Pos[][] {
  return polygonsOf(g).flatMap((poly) => orientPolygon(poly, true));
}

function lineParts(g: Geometry): Pos[][] {
  if (g.type === 'LineString') return [g.coordinates];
  if (g.type === 'MultiLineString') return g.coordinates.filter((l) => l.length > 0);
  return [];
}

function boxOf(parts: readonly Pos[][]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const part of parts) {
    for (const p of part) {
      const x = p[0]!;
      const y = p[1]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

function prepare(g: Geometry | null, shapeType: ShapeType): Prepared {
  const none: Prepared = { type: SHAPE_NULL, parts: [], bytes: 4, box: [0, 0, 0, 0] };
  if (!g) return none;
  if (shapeType === SHAPE_POINT) {
    const p = g.type === 'Point' ? g.coordinates : g.type === 'MultiPoint' && g.coordinates.length === 1 ? g.coordinates[0] : undefined;
    if (!p) throw new Error(`a ${g.type} cannot be written as a shapefile Point`);
    return { type: SHAPE_POINT, parts: [[p]], bytes: 20, box: [p[0]!, p[1]!, p[0]!, p[1]!] };
  }
  const fits = shapeType === SHAPE_POLYGON ? g.type === 'Polygon' || g.type === 'MultiPolygon' : g.type === 'LineString' || g.type === 'MultiLineString';
  if (!fits) throw new Error(`a ${g.type} cannot be written as a shapefile ${shapeType === SHAPE_POLYGON ? 'Polygon' : 'PolyLine'}`);
  const parts = shapeType === SHAPE_POLYGON ? polygonParts(g) : lineParts(g);
  if (parts.length === 0) return none;
  const points = parts.reduce((s, p) => s + p.length, 0);
  return { type: shapeType, parts, bytes: 44 + 4 * parts.length + 16 * points, box: boxOf(parts) };
}

function writeHeader(dv: DataView, fileBytes: number, shapeType: ShapeType, box: readonly number[]): void {
  dv.setInt32(0, 9994, false);
  dv.setInt32(24, fileBytes / 2, false);
  dv.setInt32(28, 1000, true);
  dv.setInt32(32, shapeType, true);
  for (let i = 0; i < 4; i++) dv.setFloat64(36 + 8 * i, box[i]!, true);
  // Z and M ranges (bytes 68–99) stay 0 for 2D shapes.
}

/** Writes the .shp and .shx of `geometries` (null → a Null record, so records stay aligned with the .dbf). */
export function writeShp(geometries: readonly (Geometry | null)[], shapeType: ShapeType): { shp: Uint8Array; shx: Uint8Array } {
  const records = geometries.map((g) => prepare(g, shapeType));
  const shpBytes = 100 + records.reduce((s, r) => s + 8 + r.bytes, 0);
  const shxBytes = 100 + 8 * records.length;
  if (shpBytes > 0x7fffffff * 2) throw new Error('shapefile over 4 GB');
  const real = records.filter((r) => r.type !== SHAPE_NULL);
  const fileBox = real.length === 0 ? [0, 0, 0, 0] : real.reduce<number[]>((b, r) => [Math.min(b[0]!, r.box[0]), Math.min(b[1]!, r.box[1]), Math.max(b[2]!, r.box[2]), Math.max(b[3]!, r.box[3])], [Infinity, Infinity, -Infinity, -Infinity]);
  const shp = new Uint8Array(shpBytes);
  const shx = new Uint8Array(shxBytes);
  const s = new DataView(shp.buffer);
  const x = new DataView(shx.buffer);
  writeHeader(s, shpBytes, shapeType, fileBox);
  writeHeader(x, shxBytes, shapeType, fileBox);
  let pos = 100;
  records.forEach((r, i) => {
    x.setInt32(100 + 8 * i, pos / 2, false);
    x.setInt32(104 + 8 * i, r.bytes / 2, false);
    s.setInt32(pos, i + 1, false);
    s.setInt32(pos + 4, r.bytes / 2, false);
    let p = pos + 8;
    s.setInt32(p, r.type, true);
    p += 4;
    if (r.type === SHAPE_POINT) {
      const pt = r.parts[0]![0]!;
      s.setFloat64(p, pt[0]!, true);
      s.setFloat64(p + 8, pt[1]!, true);
    } else if (r.type !== SHAPE_NULL) {
      for (let k = 0; k < 4; k++) s.setFloat64(p + 8 * k, r.box[k]!, true);
      p += 32;
      s.setInt32(p, r.parts.length, true);
      s.setInt32(p + 4, r.parts.reduce((n, part) => n + part.length, 0), true);
      p += 8;
      let start = 0;
      for (const part of r.parts) {
        s.setInt32(p, start, true);
        p += 4;
        start += part.length;
      }
      for (const part of r.parts) {
        for (const pt of part) {
          s.setFloat64(p, pt[0]!, true);
          s.setFloat64(p + 8, pt[1]!, true);
          p += 16;
        }
      }
    }
    pos += 8 + r.bytes;
  });
  return { shp, shx };
}
