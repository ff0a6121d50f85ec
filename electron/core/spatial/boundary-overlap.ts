/**
 * Area of the intersection of two polygons on the CGCS2000 ellipsoid without building the
 * intersection polygon: by Green's theorem the boundary of A∩B is the part of A's boundary inside B
 * plus the part of B's boundary inside A (each wound with its interior on the left), and Karney's
 * geodesic polygon area — what ellipsoidalAreaM2 computes — is a sum over edges of the area term
 * S12 of each edge (no antimeridian or pole here). So the overlap is Σ S12 over those boundary
 * pieces, consistent to ~1e-9 m² with ellipsoidalAreaM2 of the same region.
 *
 * Why not turf's intersect (polyclip-ts): it computes in bignumber.js and took ~4 ms per parcel ×
 * block pair on these machines (see the report); this takes a few µs and is checked against
 * SpatiaLite's ST_Area(ST_Intersection(…), 1) and turf in tests/integration/spatial-assign.test.ts.
 *
 * Shared boundary stretches: a piece of A's boundary lying on B's boundary counts once (from A)
 * when both run the same way (interiors on the same side) and not at all when they run opposite
 * ways (interiors on opposite sides: zero-width contact). Inputs must be valid polygons wound by
 * flatPolygons (shells counter-clockwise, holes clockwise).
 */
import { geodesicAreaS12 } from '../../../shared/domain/geodesic-area.js';
import { orient, segmentContact } from '../../../shared/geo/planar.js';
import { pointInPolygons, polygonEdges, type FlatPolygon, type SegmentGrid } from './region.js';

/**
 * Area term of the geodesic edge (lon1, lat1) → (lon2, lat2), m², signed so that the terms of a
 * counter-clockwise ring sum to its (positive) area: GeographicLib's S12 is the area between the
 * edge and the equator, positive to the right of an eastward edge, hence the minus. (geodesicAreaS12
 * is the library's Geodesic.Inverse S12 to the last bit, without its allocations.)
 */
function edgeS12(x1: number, y1: number, x2: number, y2: number): number {
  if (x1 === x2 && y1 === y2) return 0;
  return -geodesicAreaS12(y1, x1, y2, x2);
}

function onSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number, tol: number): boolean {
  return (
    px >= Math.min(ax, bx) - tol && px <= Math.max(ax, bx) + tol && py >= Math.min(ay, by) - tol && py <= Math.max(ay, by) + tol &&
    orient(ax, ay, bx, by, px, py, tol) === 0
  );
}

/** Splits edge a→b at the given points (flat list) and calls fn for each piece in order. */
function pieces(ax: number, ay: number, bx: number, by: number, splits: number[] | undefined, tol: number, fn: (x1: number, y1: number, x2: number, y2: number) => void): void {
  if (!splits || splits.length === 0) return fn(ax, ay, bx, by);
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const pts: [number, number, number][] = [];
  for (let k = 0; k < splits.length; k += 2) {
    const x = splits[k] as number;
    const y = splits[k + 1] as number;
    pts.push([((x - ax) * dx + (y - ay) * dy) / len2, x, y]);
  }
  pts.sort((p, q) => p[0] - q[0]);
  let px = ax;
  let py = ay;
  for (const [t, x, y] of pts) {
    if (t <= 0 || t >= 1 || (Math.abs(x - px) <= tol && Math.abs(y - py) <= tol) || (Math.abs(x - bx) <= tol && Math.abs(y - by) <= tol)) continue;
    fn(px, py, x, y);
    px = x;
    py = y;
  }
  fn(px, py, bx, by);
}

/** A region segment runs along the piece a→b in the same direction. */
function sameWayOnBoundary(grid: SegmentGrid, near: readonly number[], ax: number, ay: number, bx: number, by: number, tol: number): boolean {
  const s = grid.seg;
  for (const id of near) {
    const cx = s[4 * id] as number, cy = s[4 * id + 1] as number, dx = s[4 * id + 2] as number, dy = s[4 * id + 3] as number;
    if (!onSegment(ax, ay, cx, cy, dx, dy, tol) || !onSegment(bx, by, cx, cy, dx, dy, tol)) continue;
    return (bx - ax) * (dx - cx) + (by - ay) * (dy - cy) > 0;
  }
  return false;
}

/**
 * Overlap (m²) of polygons `a` with the region whose boundary segments near `a` are `near`
 * (ids into `grid.seg`; segments farther away cannot lie inside `a`).
 */
export function boundaryOverlapM2(a: readonly FlatPolygon[], regionPolys: readonly FlatPolygon[], grid: SegmentGrid, near: readonly number[], tol: number): number {
  const s = grid.seg;
  const edges = polygonEdges(a);
  const splitA: number[][] = [];
  const splitB = new Map<number, number[]>();
  const add = (list: number[][] | Map<number, number[]>, k: number, x: number, y: number): void => {
    let l = list instanceof Map ? list.get(k) : list[k];
    if (!l) {
      l = [];
      if (list instanceof Map) list.set(k, l);
      else list[k] = l;
    }
    l.push(x, y);
  };
  const nA = edges.length / 4;
  for (let e = 0; e < nA; e++) {
    const ax = edges[4 * e] as number, ay = edges[4 * e + 1] as number, bx = edges[4 * e + 2] as number, by = edges[4 * e + 3] as number;
    for (const id of near) {
      const cx = s[4 * id] as number, cy = s[4 * id + 1] as number, dx = s[4 * id + 2] as number, dy = s[4 * id + 3] as number;
      if (Math.max(cx, dx) < Math.min(ax, bx) - tol || Math.min(cx, dx) > Math.max(ax, bx) + tol) continue;
      if (Math.max(cy, dy) < Math.min(ay, by) - tol || Math.min(cy, dy) > Math.max(ay, by) + tol) continue;
      const c = segmentContact(ax, ay, bx, by, cx, cy, dx, dy, tol);
      if (c.kind === 'none') continue;
      if (c.kind === 'cross') {
        add(splitA, e, c.x, c.y);
        add(splitB, id, c.x, c.y);
        continue;
      }
      // Touches and collinear overlaps: every endpoint lying on the other segment splits it.
      if (onSegment(cx, cy, ax, ay, bx, by, tol)) add(splitA, e, cx, cy);
      if (onSegment(dx, dy, ax, ay, bx, by, tol)) add(splitA, e, dx, dy);
      if (onSegment(ax, ay, cx, cy, dx, dy, tol)) add(splitB, id, ax, ay);
      if (onSegment(bx, by, cx, cy, dx, dy, tol)) add(splitB, id, bx, by);
    }
  }
  let sum = 0;
  for (let e = 0; e < nA; e++) {
    pieces(edges[4 * e] as number, edges[4 * e + 1] as number, edges[4 * e + 2] as number, edges[4 * e + 3] as number, splitA[e], tol, (x1, y1, x2, y2) => {
      const side = pointInPolygons((x1 + x2) / 2, (y1 + y2) / 2, regionPolys, tol);
      if (side === 'inside' || (side === 'boundary' && sameWayOnBoundary(grid, near, x1, y1, x2, y2, tol))) sum += edgeS12(x1, y1, x2, y2);
    });
  }
  for (const id of near) {
    pieces(s[4 * id] as number, s[4 * id + 1] as number, s[4 * id + 2] as number, s[4 * id + 3] as number, splitB.get(id), tol, (x1, y1, x2, y2) => {
      if (pointInPolygons((x1 + x2) / 2, (y1 + y2) / 2, a, tol) === 'inside') sum += edgeS12(x1, y1, x2, y2);
    });
  }
  return Math.max(0, sum);
}
