/**
 * Finds where the segments of a set of closed rings meet, in O(n log n + k): segments are sorted by
 * their minimum x and swept, so only pairs whose x-ranges overlap are compared (k such pairs).
 * Adjacent segments of the same ring share a vertex by construction; that is not reported, only a
 * collinear fold-back (a spike) between them is.
 */
import { orient, segmentContact, type SegmentContact } from './planar.js';

/** A closed ring as flat [x0, y0, x1, y1, …] without the closing point; `tag` is the caller's id. */
export interface SweepRing {
  flat: ArrayLike<number>;
  tag: number;
}

export interface RingContact {
  /** Indexes into the rings array and the segment index (segment s runs from vertex s to s+1). */
  ringA: number;
  segA: number;
  ringB: number;
  segB: number;
  kind: Exclude<SegmentContact['kind'], 'none'>;
  x: number;
  y: number;
  /** Both segments belong to the same ring and follow each other. */
  adjacent: boolean;
}

const SMALL = 24;

/**
 * Calls `visit` for every contact between segments (same ring or different rings); adjacent
 * segments of one ring are reported only when they overlap. `visit` returns true to stop early.
 */
export function sweepContacts(rings: readonly SweepRing[], tol: number, visit: (c: RingContact) => boolean | void): void {
  let total = 0;
  for (const r of rings) total += r.flat.length >> 1;
  const scratch = takeScratch(total);
  try {
    sweep(rings, total, scratch, tol, visit);
  } finally {
    scratch.busy = false;
  }
}

function sweep(rings: readonly SweepRing[], total: number, scratch: Scratch, tol: number, visit: (c: RingContact) => boolean | void): void {
  const { minx, maxx, miny, maxy, ringOf, segOf, order } = scratch;
  let k = 0;
  rings.forEach((r, ri) => {
    const f = r.flat;
    const n = f.length >> 1;
    for (let s = 0; s < n; s++) {
      const t = s + 1 === n ? 0 : s + 1;
      const ax = f[2 * s] as number;
      const ay = f[2 * s + 1] as number;
      const bx = f[2 * t] as number;
      const by = f[2 * t + 1] as number;
      minx[k] = Math.min(ax, bx);
      maxx[k] = Math.max(ax, bx);
      miny[k] = Math.min(ay, by);
      maxy[k] = Math.max(ay, by);
      ringOf[k] = ri;
      segOf[k] = s;
      k++;
    }
  });
  for (let i = 0; i < total; i++) order[i] = i;
  // Small inputs (a typical parcel): every pair is cheaper than sorting; the break below needs order.
  const sorted = total > SMALL;
  if (sorted) order.subarray(0, total).sort((a, b) => (minx[a] as number) - (minx[b] as number));
  for (let oi = 0; oi < total; oi++) {
    const i = order[oi] as number;
    const reach = (maxx[i] as number) + tol;
    const lo = (miny[i] as number) - tol;
    const hi = (maxy[i] as number) + tol;
    for (let oj = oi + 1; oj < total; oj++) {
      const j = order[oj] as number;
      if ((minx[j] as number) > reach) {
        if (sorted) break;
        continue;
      }
      if (!sorted && (maxx[j] as number) < (minx[i] as number) - tol) continue;
      if ((miny[j] as number) > hi || (maxy[j] as number) < lo) continue;
      const c = contactOf(rings, ringOf[i] as number, segOf[i] as number, ringOf[j] as number, segOf[j] as number, tol);
      if (c && visit(c)) return;
    }
  }
}

interface Scratch {
  minx: Float64Array;
  maxx: Float64Array;
  miny: Float64Array;
  maxy: Float64Array;
  ringOf: Int32Array;
  segOf: Int32Array;
  order: Int32Array;
  busy: boolean;
}

function newScratch(size: number): Scratch {
  const f = (): Float64Array => new Float64Array(size);
  const i = (): Int32Array => new Int32Array(size);
  return { minx: f(), maxx: f(), miny: f(), maxy: f(), ringOf: i(), segOf: i(), order: i(), busy: false };
}

/** Reused buffers (sweeps run for every imported feature); a nested sweep gets its own. */
let shared = newScratch(256);

function takeScratch(size: number): Scratch {
  if (shared.busy) return { ...newScratch(size), busy: true };
  if (shared.minx.length < size) shared = newScratch(Math.max(size, 2 * shared.minx.length));
  shared.busy = true;
  return shared;
}

function contactOf(rings: readonly SweepRing[], ra: number, sa: number, rb: number, sb: number, tol: number): RingContact | null {
  const fa = (rings[ra] as SweepRing).flat;
  const fb = (rings[rb] as SweepRing).flat;
  const na = fa.length >> 1;
  const nb = fb.length >> 1;
  const ta = sa + 1 === na ? 0 : sa + 1;
  const tb = sb + 1 === nb ? 0 : sb + 1;
  // Order the pair so that segA < segB within one ring (callers split rings by index).
  const swap = ra === rb ? sa > sb : ra > rb;
  const make = (kind: RingContact['kind'], x: number, y: number, adjacent: boolean): RingContact =>
    swap
      ? { ringA: rb, segA: sb, ringB: ra, segB: sa, kind, x, y, adjacent }
      : { ringA: ra, segA: sa, ringB: rb, segB: sb, kind, x, y, adjacent };
  if (ra === rb && (ta === sb || tb === sa)) {
    // Adjacent: they share vertex v; they overlap only when the far ends fold back along one line.
    const v = ta === sb ? ta : sa;
    const a = ta === sb ? sa : ta;
    const b = ta === sb ? tb : sb;
    const vx = fa[2 * v] as number;
    const vy = fa[2 * v + 1] as number;
    const ax = fa[2 * a] as number;
    const ay = fa[2 * a + 1] as number;
    const bx = fa[2 * b] as number;
    const by = fa[2 * b + 1] as number;
    if (orient(ax, ay, vx, vy, bx, by, tol) !== 0 || (ax - vx) * (bx - vx) + (ay - vy) * (by - vy) <= 0) return null;
    return make('overlap', vx, vy, true);
  }
  const c = segmentContact(
    fa[2 * sa] as number, fa[2 * sa + 1] as number, fa[2 * ta] as number, fa[2 * ta + 1] as number,
    fb[2 * sb] as number, fb[2 * sb + 1] as number, fb[2 * tb] as number, fb[2 * tb + 1] as number,
    tol,
  );
  return c.kind === 'none' ? null : make(c.kind, c.x, c.y, false);
}
