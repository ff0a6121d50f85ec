/**
 * Repairs the simple, unambiguous validity problems (DESIGN §4: the user may repair instead of
 * skipping): closes open rings, drops repeated consecutive points, drops zero-area holes and parts,
 * splits a ring that crosses itself (a bow-tie) at its crossings into separate polygons, and winds
 * shells counter-clockwise and holes clockwise (RFC 7946). Anything else — rings crossing each
 * other, holes outside shells, nested parts, non-finite coordinates — is not guessed at: the result
 * is null and the caller lets the user skip or reject the feature. A non-null result is always
 * valid by checkGeometry.
 */
import type { Geometry } from '../api/geojson.js';
import { pointInRing, signedArea2 } from './planar.js';
import { sweepContacts, type RingContact } from './ring-sweep.js';
import { checkGeometry, geometryTolerance, isDegenerate, prepareRing } from './validity-check.js';

type Pos = readonly number[];
type Ring = readonly Pos[];
type OutRing = number[][];

/** More loops than this from one self-crossing ring is not a "simple" repair. */
const MAX_LOOPS = 64;

export function repairGeometry(g: Geometry): Geometry | null {
  const tol = geometryTolerance(g);
  let result: Geometry | null;
  switch (g.type) {
    case 'Polygon': {
      const parts = repairPolygon(g.coordinates, tol);
      result = !parts || parts.length === 0 ? null : parts.length === 1 ? { type: 'Polygon', coordinates: parts[0] as OutRing[] } : { type: 'MultiPolygon', coordinates: parts };
      break;
    }
    case 'MultiPolygon': {
      const parts: OutRing[][] = [];
      for (const p of g.coordinates) {
        const r = repairPolygon(p, tol);
        if (!r) return null;
        parts.push(...r);
      }
      result = parts.length === 0 ? null : { type: 'MultiPolygon', coordinates: parts };
      break;
    }
    case 'LineString': {
      const line = repairLine(g.coordinates, tol);
      result = line ? { type: 'LineString', coordinates: line } : null;
      break;
    }
    case 'MultiLineString': {
      const lines = g.coordinates.map((l) => repairLine(l, tol));
      result = lines.every((l) => l) ? { type: 'MultiLineString', coordinates: lines as number[][][] } : null;
      break;
    }
    default:
      result = g;
  }
  if (!result) return null;
  return checkGeometry(result).some((i) => i.severity === 'error') ? null : result;
}

function repairLine(line: Ring, tol: number): number[][] | null {
  if (!line.every((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))) return null;
  const out: number[][] = [];
  for (const p of line) {
    const prev = out[out.length - 1];
    if (prev && Math.abs((prev[0] as number) - (p[0] as number)) <= tol && Math.abs((prev[1] as number) - (p[1] as number)) <= tol) continue;
    out.push([...p]);
  }
  return out.length >= 2 ? out : null;
}

/** One input polygon → zero or more valid polygons (rings closed, wound per RFC 7946), or null. */
function repairPolygon(rings: readonly Ring[], tol: number): OutRing[][] | null {
  if (rings.length === 0 || (rings[0] as Ring).length === 0) return null;
  const prepared = rings.map((r) => prepareRing(r, tol));
  if (prepared.some((p) => !p.finite)) return null;
  const usable = prepared.map((p) => (p.flat.length >= 6 && !isDegenerate(p.flat, tol) ? p.flat : null));
  const shell = usable[0];
  if (!shell) return []; // a zero-area polygon: nothing to keep (its area is 0 either way)
  const holes = usable.slice(1).filter((h): h is Float64Array => h !== null);
  if (holes.some((h) => hasSelfContact(h, tol))) return null;
  const loops = splitLoops(shell, tol);
  if (!loops) return null;
  // Each hole goes to the one loop that holds it.
  const holesByLoop: Float64Array[][] = loops.map(() => []);
  for (const h of holes) {
    const owners = loops.map((l, i) => (insideRing(h, l, tol) ? i : -1)).filter((i) => i >= 0);
    if (owners.length !== 1) return null;
    (holesByLoop[owners[0] as number] as Float64Array[]).push(h);
  }
  return loops.map((l, i) => [closedRing(l, true), ...(holesByLoop[i] as Float64Array[]).map((h) => closedRing(h, false))]);
}

function insideRing(ring: Float64Array, other: Float64Array, tol: number): boolean {
  const n = ring.length >> 1;
  for (let i = 0; i < n; i++) {
    const s = pointInRing(ring[2 * i] as number, ring[2 * i + 1] as number, other, tol);
    if (s !== 'boundary') return s === 'inside';
  }
  return false;
}

function hasSelfContact(flat: Float64Array, tol: number): boolean {
  let found = false;
  sweepContacts([{ flat, tag: 0 }], tol, () => (found = true));
  return found;
}

/**
 * Splits a ring at its proper self-crossings into simple loops (a bow-tie gives two). Touches and
 * overlapping edges are not split (ambiguous): null. Zero-area loops are dropped.
 */
function splitLoops(flat: Float64Array, tol: number): Float64Array[] | null {
  const done: Float64Array[] = [];
  const todo: Float64Array[] = [flat];
  while (todo.length > 0) {
    const ring = todo.pop() as Float64Array;
    let first: RingContact | null = null;
    let ambiguous = false;
    sweepContacts([{ flat: ring, tag: 0 }], tol, (c) => {
      if (c.kind !== 'cross') ambiguous = true;
      else if (!first) first = c;
      return ambiguous;
    });
    if (ambiguous) return null;
    const c = first as RingContact | null;
    if (!c) {
      done.push(ring);
      continue;
    }
    for (const loop of splitAt(ring, c)) {
      if (loop.length >= 6 && !isDegenerate(loop, tol)) todo.push(loop);
    }
    if (done.length + todo.length > MAX_LOOPS) return null;
  }
  return done;
}

/** Segments a < b cross at X: loop 1 = X, v[a+1..b]; loop 2 = X, v[b+1..n-1], v[0..a]. */
function splitAt(ring: Float64Array, c: RingContact): Float64Array[] {
  const n = ring.length >> 1;
  const v = (i: number): [number, number] => [ring[2 * i] as number, ring[2 * i + 1] as number];
  const one: number[] = [c.x, c.y];
  for (let i = c.segA + 1; i <= c.segB; i++) one.push(...v(i));
  const two: number[] = [c.x, c.y];
  for (let i = c.segB + 1; i < n; i++) two.push(...v(i));
  for (let i = 0; i <= c.segA; i++) two.push(...v(i));
  return [Float64Array.from(one), Float64Array.from(two)];
}

/** Flat ring → closed GeoJSON ring, counter-clockwise for shells and clockwise for holes. */
function closedRing(flat: Float64Array, shell: boolean): OutRing {
  const n = flat.length >> 1;
  const ccw = signedArea2(flat) > 0;
  const out: OutRing = [];
  for (let k = 0; k < n; k++) {
    const i = ccw === shell ? k : (n - k) % n; // reversed, same first vertex
    out.push([flat[2 * i] as number, flat[2 * i + 1] as number]);
  }
  out.push([...(out[0] as number[])]);
  return out;
}
