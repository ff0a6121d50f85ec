import { PlannerError } from '../../../../shared/api/planner-error.js';
import type { Geometry } from '../../../../shared/api/geojson.js';
import { assembleRings } from './rings.js';
import type { Ring } from './rings.js';
import type { WarningLog } from './types.js';

/**
 * Our own .shp/.shx reader (ESRI Shapefile Technical Description, 1998). Why not shpjs's parseShp:
 * it stops silently at a truncated record (fewer features, no error), assigns holes by bounding
 * box only, emits clockwise outer rings, reprojects point by point through proj4, and cannot read
 * a single record on demand. This one checks the file-length header and every .shx entry against
 * the bytes, keeps geometry in the source CRS, and parses records lazily.
 */

export const SHAPE_TYPES: Record<number, string> = {
  0: 'Null', 1: 'Point', 3: 'PolyLine', 5: 'Polygon', 8: 'MultiPoint',
  11: 'PointZ', 13: 'PolyLineZ', 15: 'PolygonZ', 18: 'MultiPointZ',
  21: 'PointM', 23: 'PolyLineM', 25: 'PolygonM', 28: 'MultiPointM', 31: 'MultiPatch',
};

/** The 2D family of a shape type: 1 point, 3 line, 5 polygon, 8 multipoint (Z and M dropped). */
function family(type: number): number {
  return type === 0 ? 0 : type % 10 === 1 ? 1 : type % 10 === 3 ? 3 : type % 10 === 5 ? 5 : type % 10 === 8 ? 8 : -1;
}

export interface ShpIndex {
  shapeType: number;
  /** file bbox from the header: [xmin, ymin, xmax, ymax] */
  bbox: [number, number, number, number];
  /** byte offset of each record's header */
  offsets: Int32Array;
  /** content length in bytes of each record */
  lengths: Int32Array;
}

function truncated(file: string, en: string, zh: string, details: Record<string, unknown>): PlannerError {
  return new PlannerError('truncated_shp', `${file} is truncated or damaged: ${en}.`, `${file} 文件不完整或已损坏:${zh}。`, { file, ...details });
}

function invalidShp(file: string, en: string, zh: string): PlannerError {
  return new PlannerError('invalid_shp', `${file} is not a readable shapefile: ${en}.`, `${file} 不是可读取的 shapefile:${zh}。`, { file });
}

/**
 * Validates the .shp header and locates every record, from the .shx when present (each entry
 * checked against the .shp bytes) or by walking the records. Any record reaching past the end of
 * the data → 'truncated_shp' naming the file.
 */
export function indexShp(shp: Uint8Array, shx: Uint8Array | undefined, file: string, warnings: WarningLog): ShpIndex {
  if (shp.length < 100) throw truncated(file, `only ${shp.length} bytes, less than the 100-byte header`, `只有 ${shp.length} 字节,不足100字节的文件头`, { actualBytes: shp.length });
  const dv = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  if (dv.getInt32(0, false) !== 9994) throw invalidShp(file, 'bad file code (not 9994)', '文件标识不是 9994');
  const declared = dv.getInt32(24, false) * 2;
  const shapeType = dv.getInt32(32, true);
  if (!(shapeType in SHAPE_TYPES) || shapeType === 31) throw invalidShp(file, `unsupported shape type ${shapeType}`, `不支持的几何类型 ${shapeType}`);
  const bbox: [number, number, number, number] = [dv.getFloat64(36, true), dv.getFloat64(44, true), dv.getFloat64(52, true), dv.getFloat64(60, true)];
  if (declared > shp.length) {
    throw truncated(file, `the header declares ${declared} bytes but the file has ${shp.length}`, `文件头声明 ${declared} 字节,实际只有 ${shp.length} 字节`, { expectedBytes: declared, actualBytes: shp.length });
  }
  if (declared < shp.length) warnings.add('shp_trailing_bytes', `${file} has ${shp.length - declared} bytes after the length its header declares; ignored.`, `${file} 在文件头声明的长度之后还有 ${shp.length - declared} 字节,已忽略。`);
  const end = Math.min(declared, shp.length);

  const checkRecord = (i: number, off: number, len: number) => {
    if (off < 100 || len < 4 || off + 8 + len > end) {
      throw truncated(file, `record ${i + 1} (offset ${off}, ${len} bytes) reaches past the end of the data (${end} bytes)`, `第 ${i + 1} 条记录(偏移 ${off},${len} 字节)超出了数据末尾(${end} 字节)`, { record: i + 1, offset: off, length: len, actualBytes: shp.length });
    }
    const headerLen = dv.getInt32(off + 4, false) * 2;
    if (headerLen !== len) throw truncated(file, `record ${i + 1}: the .shx says ${len} bytes, the .shp ${headerLen}`, `第 ${i + 1} 条记录:.shx 记载 ${len} 字节,.shp 记载 ${headerLen} 字节`, { record: i + 1 });
  };

  if (shx) {
    if (shx.length < 100) throw truncated(file.replace(/\.shp$/i, '.shx'), 'the index is shorter than its header', '索引文件短于文件头', {});
    const xv = new DataView(shx.buffer, shx.byteOffset, shx.byteLength);
    const shxDeclared = xv.getInt32(24, false) * 2;
    if (shxDeclared > shx.length) {
      throw truncated(file.replace(/\.shp$/i, '.shx'), `the header declares ${shxDeclared} bytes but the file has ${shx.length}`, `文件头声明 ${shxDeclared} 字节,实际只有 ${shx.length} 字节`, { expectedBytes: shxDeclared, actualBytes: shx.length });
    }
    const n = Math.floor((Math.min(shxDeclared, shx.length) - 100) / 8);
    const offsets = new Int32Array(n);
    const lengths = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const off = xv.getInt32(100 + i * 8, false) * 2;
      const len = xv.getInt32(104 + i * 8, false) * 2;
      checkRecord(i, off, len);
      offsets[i] = off;
      lengths[i] = len;
    }
    return { shapeType, bbox, offsets, lengths };
  }

  warnings.add('missing_shx', `${file} has no .shx index; records were located by walking the .shp.`, `${file} 缺少 .shx 索引文件,已按顺序读取 .shp 记录。`);
  const offs: number[] = [];
  const lens: number[] = [];
  for (let off = 100; off < end; ) {
    if (off + 8 > end) throw truncated(file, `a record header at offset ${off} is cut off`, `偏移 ${off} 处的记录头不完整`, { offset: off });
    const len = dv.getInt32(off + 4, false) * 2;
    checkRecord(offs.length, off, len);
    offs.push(off);
    lens.push(len);
    off += 8 + len;
  }
  return { shapeType, bbox, offsets: Int32Array.from(offs), lengths: Int32Array.from(lens) };
}

/** Reads records lazily; `geometry(i)` returns GeoJSON in the source CRS (null for a null shape). */
export class ShpReader {
  readonly index: ShpIndex;
  private readonly dv: DataView;
  private readonly file: string;

  constructor(shp: Uint8Array, index: ShpIndex, file: string) {
    this.dv = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
    this.index = index;
    this.file = file;
  }

  get count(): number {
    return this.index.offsets.length;
  }

  get geometryFamily(): 'Point' | 'LineString' | 'Polygon' | 'MultiPoint' | 'Null' {
    const f = family(this.index.shapeType);
    return f === 1 ? 'Point' : f === 3 ? 'LineString' : f === 5 ? 'Polygon' : f === 8 ? 'MultiPoint' : 'Null';
  }

  private bad(i: number, en: string, zh: string): PlannerError {
    return new PlannerError('invalid_shp', `${this.file}, record ${i + 1}: ${en}.`, `${this.file} 第 ${i + 1} 条记录:${zh}。`, { file: this.file, record: i + 1 });
  }

  /** Geometry of record i (0-based) in the source CRS, 2D; null for a null or empty shape. */
  geometry(i: number, warnings?: WarningLog): Geometry | null {
    const dv = this.dv;
    const start = this.index.offsets[i]! + 8;
    const len = this.index.lengths[i]!;
    const type = dv.getInt32(start, true);
    if (type === 0) return null;
    const fam = family(type);
    if (fam !== family(this.index.shapeType)) throw this.bad(i, `shape type ${type} in a file of type ${this.index.shapeType}`, `几何类型 ${type} 与文件类型 ${this.index.shapeType} 不一致`);
    if (fam === 1) {
      if (len < 20) throw this.bad(i, 'point record too short', '点记录过短');
      return { type: 'Point', coordinates: [dv.getFloat64(start + 4, true), dv.getFloat64(start + 12, true)] };
    }
    if (fam === 8) {
      const n = dv.getInt32(start + 36, true);
      if (n < 0 || 40 + n * 16 > len) throw this.bad(i, `${n} points do not fit the record`, `${n} 个点超出记录长度`);
      if (n === 0) return null;
      const pts: number[][] = new Array(n);
      for (let k = 0; k < n; k++) pts[k] = [dv.getFloat64(start + 40 + k * 16, true), dv.getFloat64(start + 48 + k * 16, true)];
      return { type: 'MultiPoint', coordinates: pts };
    }
    const numParts = dv.getInt32(start + 36, true);
    const numPoints = dv.getInt32(start + 40, true);
    const pointsAt = start + 44 + numParts * 4;
    if (numParts < 0 || numPoints < 0 || 44 + numParts * 4 + numPoints * 16 > len) {
      throw this.bad(i, `${numParts} parts / ${numPoints} points do not fit the record`, `${numParts} 个部分 / ${numPoints} 个点超出记录长度`);
    }
    if (numParts === 0 || numPoints === 0) return null;
    const parts: Ring[] = [];
    for (let p = 0; p < numParts; p++) {
      const from = dv.getInt32(start + 44 + p * 4, true);
      const to = p + 1 < numParts ? dv.getInt32(start + 48 + p * 4, true) : numPoints;
      if (from < 0 || to > numPoints || to < from) throw this.bad(i, `part ${p} has bad point indices ${from}…${to}`, `第 ${p} 部分的点序号 ${from}…${to} 无效`);
      const ring: number[][] = new Array(to - from);
      for (let k = from; k < to; k++) {
        const o = pointsAt + k * 16;
        ring[k - from] = [dv.getFloat64(o, true), dv.getFloat64(o + 8, true)];
      }
      if (ring.length > 0) parts.push(ring);
    }
    if (fam === 3) {
      return parts.length === 1 ? { type: 'LineString', coordinates: parts[0]! } : { type: 'MultiLineString', coordinates: parts };
    }
    const { polygons, orphanHoles } = assembleRings(parts);
    if (orphanHoles > 0 && warnings) {
      warnings.add(
        'ring_orientation',
        'Some rings are counter-clockwise (the shapefile way to mark a hole) but lie inside no outer ring; they were read as outer rings, as GDAL does.',
        '部分环为逆时针方向(shapefile 中表示内环),但不在任何外环之内,已按外环读取(与 GDAL 相同)。',
        i,
      );
    }
    return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
  }
}
