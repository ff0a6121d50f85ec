/**
 * Planar predicates on lon/lat (or any x/y) coordinates, shared by the validity checks
 * (shared/geo/validity.ts) and the spatial joins (electron/core/spatial). Orientation tests use a
 * tolerance relative to the coordinates' magnitude, so values that differ only by rounding noise
 * (e.g. after reprojection) count as collinear / equal rather than as a crossing.
 */

export type XY = readonly [number, number];

/** Relative tolerance: ~4500 ulps of the coordinates' magnitude (≈ 1e-5 m at 120°E in degrees). */
export const REL_TOLERANCE = 1e-12;
/** Floating-point error bound of the 2×2 orientation determinant (Shewchuk's ccwerrboundA, rounded up). */
const ORIENT_ERR = 3.3306690738754716e-16;

/** Absolute tolerance for coordinates of this magnitude (degrees or metres alike). */
export function toleranceFor(magnitude: number): number {
  return Math.max(Math.abs(magnitude), 1) * REL_TOLERANCE;
}

/**
 * Sign of the turn a→b→c: 1 counter-clockwise, -1 clockwise, 0 collinear within `tol`
 * (distance of c from the line ab below tol, or below the determinant's rounding error).
 */
export function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, tol: number): -1 | 0 | 1 {
  const l = (bx - ax) * (cy - ay);
  const r = (by - ay) * (cx - ax);
  const det = l - r;
  const dx = bx - ax;
  const dy = by - ay;
  const len = Math.sqrt(dx * dx + dy * dy); // not Math.hypot: several times slower in V8
  const bound = Math.max(ORIENT_ERR * (Math.abs(l) + Math.abs(r)), tol * len);
  if (det > bound) return 1;
  if (det < -bound) return -1;
  return 0;
}

export function samePoint(ax: number, ay: number, bx: number, by: number, tol: number): boolean {
  return Math.abs(ax - bx) <= tol && Math.abs(ay - by) <= tol;
}

/** c lies on the closed segment ab, given that it is collinear with it. */
function withinBox(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, tol: number): boolean {
  return (
    cx >= Math.min(ax, bx) - tol && cx <= Math.max(ax, bx) + tol && cy >= Math.min(ay, by) - tol && cy <= Math.max(ay, by) + tol
  );
}

export type SegmentContact =
  | { kind: 'none' }
  /** The interiors cross at one point. */
  | { kind: 'cross'; x: number; y: number }
  /** They meet at one point that is an endpoint of at least one of them. */
  | { kind: 'touch'; x: number; y: number }
  /** Collinear and sharing a stretch of positive length. */
  | { kind: 'overlap'; x: number; y: number };

const NONE: SegmentContact = { kind: 'none' };

/** How segment p1p2 meets segment q1q2 (closed segments, tolerance `tol`). */
export function segmentContact(
  p1x: number, p1y: number, p2x: number, p2y: number,
  q1x: number, q1y: number, q2x: number, q2y: number,
  tol: number,
): SegmentContact {
  const d1 = orient(q1x, q1y, q2x, q2y, p1x, p1y, tol);
  const d2 = orient(q1x, q1y, q2x, q2y, p2x, p2y, tol);
  if (d1 !== 0 && d1 === d2) return NONE;
  const d3 = orient(p1x, p1y, p2x, p2y, q1x, q1y, tol);
  const d4 = orient(p1x, p1y, p2x, p2y, q2x, q2y, tol);
  if (d3 !== 0 && d3 === d4) return NONE;
  if (d1 === 0 && d2 === 0 && d3 === 0 && d4 === 0) return collinearContact(p1x, p1y, p2x, p2y, q1x, q1y, q2x, q2y, tol);
  if (d1 !== 0 && d2 !== 0 && d3 !== 0 && d4 !== 0) {
    // Proper crossing: the intersection point of the two lines.
    const den = (p2x - p1x) * (q2y - q1y) - (p2y - p1y) * (q2x - q1x);
    const t = ((q1x - p1x) * (q2y - q1y) - (q1y - p1y) * (q2x - q1x)) / den;
    return { kind: 'cross', x: p1x + t * (p2x - p1x), y: p1y + t * (p2y - p1y) };
  }
  // One endpoint lies on the other segment's line: a touch if it lies within that segment.
  if (d1 === 0 && withinBox(q1x, q1y, q2x, q2y, p1x, p1y, tol)) return { kind: 'touch', x: p1x, y: p1y };
  if (d2 === 0 && withinBox(q1x, q1y, q2x, q2y, p2x, p2y, tol)) return { kind: 'touch', x: p2x, y: p2y };
  if (d3 === 0 && withinBox(p1x, p1y, p2x, p2y, q1x, q1y, tol)) return { kind: 'touch', x: q1x, y: q1y };
  if (d4 === 0 && withinBox(p1x, p1y, p2x, p2y, q2x, q2y, tol)) return { kind: 'touch', x: q2x, y: q2y };
  return NONE;
}

function collinearContact(
  p1x: number, p1y: number, p2x: number, p2y: number,
  q1x: number, q1y: number, q2x: number, q2y: number,
  tol: number,
): SegmentContact {
  // Project on the dominant axis of p.
  const useX = Math.abs(p2x - p1x) >= Math.abs(p2y - p1y);
  const a0 = useX ? p1x : p1y;
  const a1 = useX ? p2x : p2y;
  const b0 = useX ? q1x : q1y;
  const b1 = useX ? q2x : q2y;
  const lo = Math.max(Math.min(a0, a1), Math.min(b0, b1));
  const hi = Math.min(Math.max(a0, a1), Math.max(b0, b1));
  if (hi < lo - tol) return NONE;
  // Report the endpoint where the shared stretch starts.
  const ends: [number, number][] = [[p1x, p1y], [p2x, p2y], [q1x, q1y], [q2x, q2y]];
  const start = ends.find(([x, y]) => Math.abs((useX ? x : y) - lo) <= tol) ?? [p1x, p1y];
  return { kind: hi - lo <= tol ? 'touch' : 'overlap', x: start[0], y: start[1] };
}

/** Where a point lies relative to a closed ring given as flat [x0, y0, x1, y1, …] (no closing point). */
export type RingSide = 'inside' | 'outside' | 'boundary';

export function pointInRing(px: number, py: number, ring: ArrayLike<number>, tol: number): RingSide {
  const n = ring.length >> 1;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[2 * i] as number;
    const yi = ring[2 * i + 1] as number;
    const xj = ring[2 * j] as number;
    const yj = ring[2 * j + 1] as number;
    if (
      px >= Math.min(xi, xj) - tol && px <= Math.max(xi, xj) + tol &&
      py >= Math.min(yi, yj) - tol && py <= Math.max(yi, yj) + tol &&
      orient(xj, yj, xi, yi, px, py, tol) === 0
    ) {
      return 'boundary';
    }
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? 'inside' : 'outside';
}

/** Twice the signed planar area of a flat ring (positive = counter-clockwise). */
export function signedArea2(ring: ArrayLike<number>): number {
  const n = ring.length >> 1;
  if (n < 3) return 0;
  // Shift to the first vertex to keep the products small (lon ≈ 120 would cost precision).
  const ox = ring[0] as number;
  const oy = ring[1] as number;
  let s = 0;
  for (let i = 1; i < n - 1; i++) {
    const ax = (ring[2 * i] as number) - ox;
    const ay = (ring[2 * i + 1] as number) - oy;
    const bx = (ring[2 * i + 2] as number) - ox;
    const by = (ring[2 * i + 3] as number) - oy;
    s += ax * by - bx * ay;
  }
  return s;
}

/** [minX, minY, maxX, maxY] of flat x,y coordinates. */
export type FlatBox = readonly [minX: number, minY: number, maxX: number, maxY: number];

export function flatBox(flat: ArrayLike<number>): FlatBox {
  let a = Infinity, b = Infinity, c = -Infinity, d = -Infinity;
  for (let i = 0; i < flat.length; i += 2) {
    const x = flat[i] as number;
    const y = flat[i + 1] as number;
    if (x < a) a = x;
    if (x > c) c = x;
    if (y < b) b = y;
    if (y > d) d = y;
  }
  return [a, b, c, d];
}

/** Whether two boxes meet (touching counts). */
export const boxesMeet = (p: FlatBox, q: FlatBox): boolean => p[0] <= q[2] && q[0] <= p[2] && p[1] <= q[3] && q[1] <= p[3];
