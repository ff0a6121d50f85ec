/**
 * Shapefile rings → GeoJSON polygons. In a shapefile, outer rings are clockwise and holes
 * counter-clockwise, all parts in one flat list. GeoJSON (RFC 7946) wants outer rings
 * counter-clockwise, holes clockwise, each hole inside its polygon. Like GDAL's default
 * (organizePolygons, "only CCW" method): clockwise rings are shells; each CCW ring goes to the
 * smallest shell that contains it (point-in-polygon, not just bounding boxes — shpjs's shortcut);
 * a CCW ring inside no shell becomes a shell of its own (reported). Rings are never closed or
 * repaired here: validity is judged later on exactly what the file holds.
 */

export type Ring = number[][];

export interface RingInfo {
  ring: Ring;
  /** shoelace signed area: > 0 counter-clockwise, < 0 clockwise (x east, y north) */
  area: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function ringInfo(ring: Ring): RingInfo {
  let area = 0;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const n = ring.length;
  if (n === 0) return { ring, area: 0, minX, minY, maxX, maxY };
  // Relative to the first vertex, to keep precision with 8-digit Gauss-Krüger coordinates.
  const x0 = ring[0]![0]!;
  const y0 = ring[0]![1]!;
  for (let i = 0; i < n; i++) {
    const p = ring[i]!;
    const q = ring[(i + 1) % n]!;
    const x = p[0]!;
    const y = p[1]!;
    area += (x - x0) * (q[1]! - y0) - (q[0]! - x0) * (y - y0);
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { ring, area: area / 2, minX, minY, maxX, maxY };
}

/** Crossing-number test: 1 inside, -1 outside, 0 on the boundary. */
export function pointInRing(x: number, y: number, ring: Ring): -1 | 0 | 1 {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[i]![0]!;
    const yi = ring[i]![1]!;
    const xj = ring[j]![0]!;
    const yj = ring[j]![1]!;
    // on the segment?
    const cross = (xj - xi) * (y - yi) - (yj - yi) * (x - xi);
    if (cross === 0 && Math.min(xi, xj) <= x && x <= Math.max(xi, xj) && Math.min(yi, yj) <= y && y <= Math.max(yi, yj)) return 0;
    if (yi > y !== yj > y) {
      const xCross = ((xj - xi) * (y - yi)) / (yj - yi) + xi;
      if (x < xCross) inside = !inside;
    }
  }
  return inside ? 1 : -1;
}

/** Is `inner` inside `outer`? Decided by the first vertex of `inner` not on `outer`'s boundary. */
function ringInside(inner: RingInfo, outer: RingInfo): boolean {
  if (inner.minX < outer.minX || inner.minY < outer.minY || inner.maxX > outer.maxX || inner.maxY > outer.maxY) return false;
  for (const p of inner.ring) {
    const r = pointInRing(p[0]!, p[1]!, outer.ring);
    if (r !== 0) return r === 1;
  }
  // Every vertex on the boundary: try the midpoints of the edges.
  for (let i = 0; i + 1 < inner.ring.length; i++) {
    const a = inner.ring[i]!;
    const b = inner.ring[i + 1]!;
    const r = pointInRing((a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2, outer.ring);
    if (r !== 0) return r === 1;
  }
  return true;
}

function reversed(ring: Ring): Ring {
  const out = new Array<number[]>(ring.length);
  for (let i = 0, n = ring.length; i < n; i++) out[i] = ring[n - 1 - i]!;
  return out;
}

export interface AssembledPolygons {
  /** polygons with RFC 7946 winding: [shell (CCW), ...holes (CW)] */
  polygons: Ring[][];
  /** CCW rings that lie in no clockwise ring and became shells */
  orphanHoles: number;
  /** rings with zero area (kept as shells for the validity check to report) */
  degenerate: number;
}

/** Groups a shapefile polygon record's rings (in file order) into GeoJSON polygons. */
export function assembleRings(rings: Ring[]): AssembledPolygons {
  if (rings.length === 1) {
    // The common case: one ring, no containment tests.
    const info = ringInfo(rings[0]!);
    if (info.area < 0) return { polygons: [[reversed(info.ring)]], orphanHoles: 0, degenerate: 0 };
    return { polygons: [[info.ring]], orphanHoles: info.area > 0 ? 1 : 0, degenerate: info.area === 0 ? 1 : 0 };
  }
  const infos = rings.map(ringInfo);
  const shells: { info: RingInfo; holes: Ring[] }[] = [];
  const holes: RingInfo[] = [];
  let degenerate = 0;
  for (const info of infos) {
    if (info.area < 0) shells.push({ info, holes: [] });
    else if (info.area > 0) holes.push(info);
    else {
      degenerate++;
      shells.push({ info, holes: [] });
    }
  }
  let orphanHoles = 0;
  const extra: { info: RingInfo; holes: Ring[] }[] = [];
  for (const hole of holes) {
    let best: { info: RingInfo; holes: Ring[] } | undefined;
    for (const s of shells) {
      if (s.info.area === 0) continue;
      if (ringInside(hole, s.info) && (!best || Math.abs(s.info.area) < Math.abs(best.info.area))) best = s;
    }
    if (best) best.holes.push(reversed(hole.ring));
    else {
      orphanHoles++;
      extra.push({ info: hole, holes: [] });
    }
  }
  const polygons: Ring[][] = shells.map((s) => [s.info.area < 0 ? reversed(s.info.ring) : s.info.ring, ...s.holes]);
  for (const e of extra) polygons.push([e.info.ring]);
  return { polygons, orphanHoles, degenerate };
}
