import type { Geometry } from '../../../shared/api/geojson.js';

/** OGC WKB (ISO, 2D) for the geometry types the project stores; little-endian on write. */
const WKB_TYPE = {
  Point: 1,
  LineString: 2,
  Polygon: 3,
  MultiPoint: 4,
  MultiLineString: 5,
  MultiPolygon: 6,
} as const;

type Pos = readonly number[];

function sizeOf(g: Geometry): number {
  const head = 1 + 4;
  const pts = (n: number): number => 4 + n * 16;
  switch (g.type) {
    case 'Point':
      return head + 16;
    case 'LineString':
      return head + pts(g.coordinates.length);
    case 'Polygon':
      return head + 4 + g.coordinates.reduce((s, r) => s + pts(r.length), 0);
    case 'MultiPoint':
      return head + 4 + g.coordinates.length * (head + 16);
    case 'MultiLineString':
      return head + 4 + g.coordinates.reduce((s, l) => s + head + pts(l.length), 0);
    case 'MultiPolygon':
      return head + 4 + g.coordinates.reduce((s, p) => s + head + 4 + p.reduce((t, r) => t + pts(r.length), 0), 0);
  }
}

class Writer {
  private off = 0;
  constructor(private readonly view: DataView) {}
  header(type: number): void {
    this.view.setUint8(this.off, 1);
    this.view.setUint32(this.off + 1, type, true);
    this.off += 5;
  }
  u32(n: number): void {
    this.view.setUint32(this.off, n, true);
    this.off += 4;
  }
  pos(p: Pos): void {
    this.view.setFloat64(this.off, p[0] as number, true);
    this.view.setFloat64(this.off + 8, p[1] as number, true);
    this.off += 16;
  }
  points(ps: readonly Pos[]): void {
    this.u32(ps.length);
    for (const p of ps) this.pos(p);
  }
  rings(rs: readonly (readonly Pos[])[]): void {
    this.u32(rs.length);
    for (const r of rs) this.points(r);
  }
}

/** Writes `g` as little-endian 2D WKB into `target` at `offset`; returns the bytes written. */
export function writeWkb(g: Geometry, target: DataView, offset = 0): number {
  const size = sizeOf(g);
  const w = new Writer(new DataView(target.buffer, target.byteOffset + offset, size));
  switch (g.type) {
    case 'Point':
      w.header(WKB_TYPE.Point);
      w.pos(g.coordinates);
      break;
    case 'LineString':
      w.header(WKB_TYPE.LineString);
      w.points(g.coordinates);
      break;
    case 'Polygon':
      w.header(WKB_TYPE.Polygon);
      w.rings(g.coordinates);
      break;
    case 'MultiPoint':
      w.header(WKB_TYPE.MultiPoint);
      w.u32(g.coordinates.length);
      for (const p of g.coordinates) {
        w.header(WKB_TYPE.Point);
        w.pos(p);
      }
      break;
    case 'MultiLineString':
      w.header(WKB_TYPE.MultiLineString);
      w.u32(g.coordinates.length);
      for (const l of g.coordinates) {
        w.header(WKB_TYPE.LineString);
        w.points(l);
      }
      break;
    case 'MultiPolygon':
      w.header(WKB_TYPE.MultiPolygon);
      w.u32(g.coordinates.length);
      for (const p of g.coordinates) {
        w.header(WKB_TYPE.Polygon);
        w.rings(p);
      }
      break;
  }
  return size;
}

export function wkbSize(g: Geometry): number {
  return sizeOf(g);
}

class Reader {
  off: number;
  le = true;
  constructor(
    private readonly view: DataView,
    start: number,
  ) {
    this.off = start;
  }
  header(): number {
    this.le = this.view.getUint8(this.off) === 1;
    const raw = this.view.getUint32(this.off + 1, this.le);
    this.off += 5;
    // ISO Z/M/ZM codes (1000s) and EWKB flags: keep the base type; extra ordinates are skipped below.
    return raw;
  }
  u32(): number {
    const n = this.view.getUint32(this.off, this.le);
    this.off += 4;
    return n;
  }
  pos(dims: number): number[] {
    const x = this.view.getFloat64(this.off, this.le);
    const y = this.view.getFloat64(this.off + 8, this.le);
    this.off += dims * 8;
    return [x, y];
  }
  points(dims: number): number[][] {
    const n = this.u32();
    const out: number[][] = new Array<number[]>(n);
    for (let i = 0; i < n; i++) out[i] = this.pos(dims);
    return out;
  }
}

function typeAndDims(raw: number): { base: number; dims: number } {
  if (raw & 0x80000000 || raw & 0x40000000) {
    // EWKB high-bit flags (Z = 0x80000000, M = 0x40000000)
    const dims = 2 + (raw & 0x80000000 ? 1 : 0) + (raw & 0x40000000 ? 1 : 0);
    return { base: raw & 0xff, dims };
  }
  const thousands = Math.floor(raw / 1000);
  const dims = thousands === 0 ? 2 : thousands === 3 ? 4 : 3;
  return { base: raw % 1000, dims };
}

function readGeometry(r: Reader): Geometry {
  const { base, dims } = typeAndDims(r.header());
  switch (base) {
    case WKB_TYPE.Point:
      return { type: 'Point', coordinates: r.pos(dims) };
    case WKB_TYPE.LineString:
      return { type: 'LineString', coordinates: r.points(dims) };
    case WKB_TYPE.Polygon: {
      const n = r.u32();
      const rings: number[][][] = [];
      for (let i = 0; i < n; i++) rings.push(r.points(dims));
      return { type: 'Polygon', coordinates: rings };
    }
    case WKB_TYPE.MultiPoint:
    case WKB_TYPE.MultiLineString:
    case WKB_TYPE.MultiPolygon: {
      const n = r.u32();
      const parts: Geometry[] = [];
      for (let i = 0; i < n; i++) parts.push(readGeometry(r));
      if (base === WKB_TYPE.MultiPoint) {
        return { type: 'MultiPoint', coordinates: parts.map((p) => (p.type === 'Point' ? p.coordinates : [])) };
      }
      if (base === WKB_TYPE.MultiLineString) {
        return { type: 'MultiLineString', coordinates: parts.map((p) => (p.type === 'LineString' ? p.coordinates : [])) };
      }
      return { type: 'MultiPolygon', coordinates: parts.map((p) => (p.type === 'Polygon' ? p.coordinates : [])) };
    }
    default:
      throw new Error(`Unsupported WKB geometry type ${base}`);
  }
}

/** Reads one WKB geometry starting at `offset` of `view`. */
export function readWkb(view: DataView, offset = 0): Geometry {
  return readGeometry(new Reader(view, offset));
}
