/**
 * Polygons prepared for many point-in-polygon and boundary queries: flat rings, a bounding box and
 * a uniform grid over the boundary segments, so that "does the boundary come near this box?" and
 * "which boundary segments are near it?" cost a few cell lookups instead of a pass over every edge.
 * Used for key blocks and renewal zones (decoded once per assignment run) and for parcels.
 */
import type { Geometry } from '../../../shared/api/geojson.js';
import { boxesMeet, flatBox as ringBox, pointInRing, signedArea2 } from '../../../shared/geo/planar.js';

export type Box = readonly [minX: number, minY: number, maxX: number, maxY: number];

export interface FlatPolygon {
  /** rings[0] is the shell; flat [x0, y0, x1, y1, …] without the closing point. */
  rings: Float64Array[];
  box: Box;
}

export function flatRing(ring: readonly (readonly number[])[]): Float64Array {
  let n = ring.length;
  const first = ring[0];
  const last = ring[n - 1];
  if (n > 1 && first && last && first[0] === last[0] && first[1] === last[1]) n--;
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const p = ring[i] as readonly number[];
    out[2 * i] = p[0] as number;
    out[2 * i + 1] = p[1] as number;
  }
  return out;
}

/** A ring's box, and whether two boxes meet: the same helpers the validity check uses. */
export { boxesMeet, ringBox };

export function unionBox(boxes: readonly Box[]): Box {
  return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}

/** Reverses a flat ring in place. */
function reverseRing(r: Float64Array): void {
  const n = r.length >> 1;
  for (let i = 0, j = n - 1; i < j; i++, j--) {
    const x = r[2 * i] as number;
    const y = r[2 * i + 1] as number;
    r[2 * i] = r[2 * j] as number;
    r[2 * i + 1] = r[2 * j + 1] as number;
    r[2 * j] = x;
    r[2 * j + 1] = y;
  }
}

/**
 * Polygon or MultiPolygon → flat polygons (other geometry types → none), wound with the interior
 * on the left (shells counter-clockwise, holes clockwise) whatever the source's winding.
 */
export function flatPolygons(g: Geometry): FlatPolygon[] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  const out: FlatPolygon[] = [];
  for (const p of polys) {
    const rings = p.map(flatRing).filter((r, i) => i === 0 || r.length >= 6);
    if ((rings[0]?.length ?? 0) < 6) continue;
    rings.forEach((r, i) => {
      if (signedArea2(r) > 0 !== (i === 0)) reverseRing(r);
    });
    out.push({ rings, box: ringBox(rings[0] as Float64Array) });
  }
  return out;
}

/** Inside the polygon (in the shell, in no hole); points on a boundary count as not inside. */
export function pointInPolygon(x: number, y: number, p: FlatPolygon, tol: number): 'inside' | 'outside' | 'boundary' {
  if (x < p.box[0] - tol || x > p.box[2] + tol || y < p.box[1] - tol || y > p.box[3] + tol) return 'outside';
  const shell = pointInRing(x, y, p.rings[0] as Float64Array, tol);
  if (shell !== 'inside') return shell;
  for (let h = 1; h < p.rings.length; h++) {
    const s = pointInRing(x, y, p.rings[h] as Float64Array, tol);
    if (s === 'boundary') return 'boundary';
    if (s === 'inside') return 'outside';
  }
  return 'inside';
}

export function pointInPolygons(x: number, y: number, polys: readonly FlatPolygon[], tol: number): 'inside' | 'outside' | 'boundary' {
  let result: 'inside' | 'outside' | 'boundary' = 'outside';
  for (const p of polys) {
    const s = pointInPolygon(x, y, p, tol);
    if (s === 'inside') return 'inside';
    if (s === 'boundary') result = 'boundary';
  }
  return result;
}

/** Boundary segments of a set of polygons bucketed in a uniform grid (≈ 4 segments per cell). */
/** Every edge of the polygons' rings (closing edge included), flat: ax, ay, bx, by per edge. */
export function polygonEdges(polys: readonly FlatPolygon[]): number[] {
  const edges: number[] = [];
  for (const p of polys) {
    for (const r of p.rings) {
      const n = r.length >> 1;
      for (let i = 0; i < n; i++) {
        const j = i + 1 === n ? 0 : i + 1;
        edges.push(r[2 * i] as number, r[2 * i + 1] as number, r[2 * j] as number, r[2 * j + 1] as number);
      }
    }
  }
  return edges;
}

export class SegmentGrid {
  /** Segment endpoints, 4 numbers per segment. */
  readonly seg: Float64Array;
  private readonly cells: Int32Array[];
  private readonly nx: number;
  private readonly ny: number;
  private readonly box: Box;
  private readonly cw: number;
  private readonly ch: number;
  private stamp: Int32Array;
  private epoch = 0;

  constructor(polys: readonly FlatPolygon[]) {
    const segs = polygonEdges(polys);
    this.seg = Float64Array.from(segs);
    const count = segs.length / 4;
    this.box = polys.length ? unionBox(polys.map((p) => p.box)) : [0, 0, 0, 0];
    const side = Math.max(1, Math.min(256, Math.ceil(Math.sqrt(count / 4))));
    this.nx = side;
    this.ny = side;
    this.cw = (this.box[2] - this.box[0]) / side || 1;
    this.ch = (this.box[3] - this.box[1]) / side || 1;
    const lists: number[][] = Array.from({ length: side * side }, () => []);
    for (let s = 0; s < count; s++) {
      const [x0, x1] = minmax(this.seg[4 * s] as number, this.seg[4 * s + 2] as number);
      const [y0, y1] = minmax(this.seg[4 * s + 1] as number, this.seg[4 * s + 3] as number);
      this.forCells([x0, y0, x1, y1], (c) => void (lists[c] as number[]).push(s));
    }
    this.cells = lists.map((l) => Int32Array.from(l));
    this.stamp = new Int32Array(count);
  }

  private forCells(b: Box, fn: (cell: number) => void): void {
    const i0 = clamp(Math.floor((b[0] - this.box[0]) / this.cw), this.nx);
    const i1 = clamp(Math.floor((b[2] - this.box[0]) / this.cw), this.nx);
    const j0 = clamp(Math.floor((b[1] - this.box[1]) / this.ch), this.ny);
    const j1 = clamp(Math.floor((b[3] - this.box[1]) / this.ch), this.ny);
    for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) fn(j * this.nx + i);
  }

  /** Ids of the segments whose bounding box meets `b` (grown by tol). */
  near(b: Box, tol: number): number[] {
    const q: Box = [b[0] - tol, b[1] - tol, b[2] + tol, b[3] + tol];
    if (!boxesMeet(q, this.box)) return [];
    this.epoch++;
    if (this.epoch === 0x7fffffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
    const out: number[] = [];
    const s = this.seg;
    this.forCells(q, (c) => {
      for (const id of this.cells[c] as Int32Array) {
        if (this.stamp[id] === this.epoch) continue;
        this.stamp[id] = this.epoch;
        const ax = s[4 * id] as number, ay = s[4 * id + 1] as number, bx = s[4 * id + 2] as number, by = s[4 * id + 3] as number;
        if (Math.max(ax, bx) < q[0] || Math.min(ax, bx) > q[2] || Math.max(ay, by) < q[1] || Math.min(ay, by) > q[3]) continue;
        out.push(id);
      }
    });
    return out;
  }
}

const minmax = (a: number, b: number): [number, number] => (a < b ? [a, b] : [b, a]);
const clamp = (i: number, n: number): number => (i < 0 ? 0 : i >= n ? n - 1 : i);
