/**
 * Geometry validity (DESIGN §4): every imported feature is checked, each problem is reported with
 * its ring and place, and nothing invalid is counted silently. The rules follow OGC Simple Features
 * as GEOS (ST_IsValid) applies them: rings closed, ≥ 3 distinct vertices, non-zero area, no
 * self-intersection (a ring touching itself counts), rings of a polygon may touch at one point but
 * not cross, holes inside their shell and not nested, parts of a multipolygon disjoint.
 * `repairGeometry` (validity-repair.ts) fixes the simple cases; import both from validity.ts.
 */
import type { Geometry } from '../api/geojson.js';
import { boxesMeet, flatBox, pointInRing, samePoint, toleranceFor, type FlatBox } from './planar.js';
import { sweepContacts, type RingContact } from './ring-sweep.js';

export type ValidityCode =
  | 'empty'
  | 'non_finite'
  | 'unclosed_ring'
  | 'too_few_points'
  | 'degenerate_ring'
  | 'self_intersection'
  | 'ring_intersection'
  | 'hole_outside_shell'
  | 'nested_holes'
  | 'nested_shells'
  | 'duplicate_consecutive_points';

export interface ValidityIssue {
  code: ValidityCode;
  /** 'warning' does not make the geometry invalid (only duplicate_consecutive_points is one). */
  severity: 'error' | 'warning';
  reasonZh: string;
  reasonEn: string;
  /** Index of the polygon in a MultiPolygon (or line in a MultiLineString). */
  part?: number;
  /** Ring index within the polygon: 0 = shell, ≥ 1 = holes. */
  ring?: number;
  /** Where the problem is, [lon, lat]. */
  at?: [number, number];
}

const REASONS: Record<ValidityCode, [zh: string, en: string]> = {
  empty: ['几何为空', 'empty geometry'],
  non_finite: ['坐标含非数值(NaN 或无穷大)', 'coordinates are not finite numbers (NaN or infinity)'],
  unclosed_ring: ['环未闭合(首末点不同)', 'ring is not closed (first and last points differ)'],
  too_few_points: ['环的不同顶点少于 3 个', 'ring has fewer than 3 distinct vertices'],
  degenerate_ring: ['环面积为零(顶点共线)', 'ring has zero area (collinear vertices)'],
  self_intersection: ['边界自相交', 'ring intersects itself'],
  ring_intersection: ['环与环相交(内环与外环或两个部件交叉、重叠,或接触超过一点)', 'rings cross, overlap or touch at more than one point'],
  hole_outside_shell: ['内环(洞)位于外环之外', 'hole lies outside its shell'],
  nested_holes: ['内环嵌套在另一个内环中', 'hole lies inside another hole'],
  nested_shells: ['多部件面中一个部件位于另一部件之内', 'a part of the multipolygon lies inside another part'],
  duplicate_consecutive_points: ['含连续重复点(已忽略)', 'repeated consecutive points (ignored)'],
};

function issue(code: ValidityCode, where: { part?: number; ring?: number; at?: [number, number] }): ValidityIssue {
  const [reasonZh, reasonEn] = REASONS[code];
  const out: ValidityIssue = { code, severity: code === 'duplicate_consecutive_points' ? 'warning' : 'error', reasonZh, reasonEn };
  if (where.part !== undefined) out.part = where.part;
  if (where.ring !== undefined) out.ring = where.ring;
  if (where.at) out.at = where.at;
  return out;
}

type Pos = readonly number[];
type Ring = readonly Pos[];

/** A ring as flat coordinates without the closing point and without consecutive duplicates. */
export interface PreparedRing {
  flat: Float64Array;
  closed: boolean;
  duplicates: boolean;
  finite: boolean;
}

/**
 * Space for the flat rings of one checkPolygons call: views into one buffer reused call after
 * call, instead of one Float64Array (an off-heap allocation) per ring of every imported feature.
 * The views do not outlive the call (issues copy their coordinates).
 */
class RingArena {
  private buf = new Float64Array(4096);
  private used = 0;

  reset(): void {
    this.used = 0;
  }

  take(size: number): Float64Array {
    if (this.used + size > this.buf.length) {
      // Earlier views keep the old buffer alive; new ones come from a fresh, larger one.
      this.buf = new Float64Array(Math.max(2 * this.buf.length, size));
      this.used = 0;
    }
    const view = this.buf.subarray(this.used, this.used + size);
    this.used += size;
    return view;
  }
}

const arena = new RingArena();

export function prepareRing(ring: Ring, tol: number, scratch?: RingArena): PreparedRing {
  const n = ring.length;
  const first = ring[0];
  const last = ring[n - 1];
  const closed = n > 1 && first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
  const out = scratch ? scratch.take(2 * n) : new Float64Array(2 * n);
  let m = 0;
  let finite = true;
  let duplicates = false;
  for (let i = 0; i < (closed ? n - 1 : n); i++) {
    const p = ring[i] as Pos;
    const x = p[0] as number;
    const y = p[1] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) finite = false;
    if (m > 0 && samePoint(out[m - 2] as number, out[m - 1] as number, x, y, tol)) {
      duplicates = true;
      continue;
    }
    out[m++] = x;
    out[m++] = y;
  }
  // A last vertex equal to the first (within tol) of a not exactly closed ring is a duplicate too.
  while (m >= 4 && samePoint(out[0] as number, out[1] as number, out[m - 2] as number, out[m - 1] as number, tol)) {
    if (closed) duplicates = true;
    m -= 2;
  }
  return { flat: out.subarray(0, m), closed, duplicates, finite };
}

/**
 * Zero area within tolerance: every vertex within tol of the line through the first vertex and
 * the vertex farthest from it. (Not the signed area: a symmetric bow-tie's lobes cancel to 0.)
 */
export function isDegenerate(flat: Float64Array, tol: number): boolean {
  const n = flat.length >> 1;
  const ax = flat[0] as number;
  const ay = flat[1] as number;
  let far = 0;
  let bx = ax;
  let by = ay;
  for (let i = 1; i < n; i++) {
    const d = Math.hypot((flat[2 * i] as number) - ax, (flat[2 * i + 1] as number) - ay);
    if (d > far) {
      far = d;
      bx = flat[2 * i] as number;
      by = flat[2 * i + 1] as number;
    }
  }
  if (far <= tol) return true;
  for (let i = 1; i < n; i++) {
    const cross = (bx - ax) * ((flat[2 * i + 1] as number) - ay) - (by - ay) * ((flat[2 * i] as number) - ax);
    if (Math.abs(cross) / far > tol) return false;
  }
  return true;
}

export function geometryTolerance(g: Geometry): number {
  let m = 0;
  const visit = (p: Pos): void => {
    const a = Math.abs(p[0] as number);
    const b = Math.abs(p[1] as number);
    if (a > m) m = a;
    if (b > m) m = b;
  };
  if (g.type === 'Point') visit(g.coordinates);
  else if (g.type === 'LineString' || g.type === 'MultiPoint') g.coordinates.forEach(visit);
  else if (g.type === 'Polygon' || g.type === 'MultiLineString') g.coordinates.forEach((r) => r.forEach(visit));
  else g.coordinates.forEach((p) => p.forEach((r) => r.forEach(visit)));
  return toleranceFor(Number.isFinite(m) ? m : 0);
}

/** All problems of a geometry, errors and warnings; an empty list means valid and clean. */
export function checkGeometry(g: Geometry): ValidityIssue[] {
  const tol = geometryTolerance(g);
  switch (g.type) {
    case 'Polygon':
      return checkPolygons([g.coordinates], tol, false);
    case 'MultiPolygon':
      return g.coordinates.length === 0 ? [issue('empty', {})] : checkPolygons(g.coordinates, tol, true);
    case 'Point':
      return g.coordinates.every(Number.isFinite) ? [] : [issue('non_finite', {})];
    case 'MultiPoint':
      if (g.coordinates.length === 0) return [issue('empty', {})];
      return g.coordinates.every((p) => p.every(Number.isFinite)) ? [] : [issue('non_finite', {})];
    case 'LineString':
      return checkLine(g.coordinates, tol, {});
    case 'MultiLineString':
      if (g.coordinates.length === 0) return [issue('empty', {})];
      return g.coordinates.flatMap((l, part) => checkLine(l, tol, { part }));
  }
}

/** True when the geometry has no error-level issue (warnings allowed). */
export function isValid(g: Geometry): boolean {
  return checkGeometry(g).every((i) => i.severity !== 'error');
}

function checkLine(line: Ring, tol: number, where: { part?: number }): ValidityIssue[] {
  if (line.length === 0) return [issue('empty', where)];
  if (!line.every((p) => p.every(Number.isFinite))) return [issue('non_finite', where)];
  const out: ValidityIssue[] = [];
  let distinct = 1;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1] as Pos;
    const b = line[i] as Pos;
    if (samePoint(a[0] as number, a[1] as number, b[0] as number, b[1] as number, tol)) {
      if (!out.length) out.push(issue('duplicate_consecutive_points', { ...where, at: [b[0] as number, b[1] as number] }));
    } else distinct++;
  }
  if (distinct < 2) out.push(issue('too_few_points', where));
  return out;
}

interface CheckedRing {
  part: number;
  ring: number;
  flat: Float64Array;
}

function checkPolygons(polys: readonly (readonly Ring[])[], tol: number, multi: boolean): ValidityIssue[] {
  arena.reset();
  const out: ValidityIssue[] = [];
  const usable: CheckedRing[] = [];
  const shellOk: boolean[] = [];
  polys.forEach((rings, part) => {
    const at = (ring: number): { part?: number; ring: number } => (multi ? { part, ring } : { ring });
    shellOk[part] = false;
    if (rings.length === 0 || (rings[0] as Ring).length === 0) {
      out.push(issue('empty', multi ? { part } : {}));
      return;
    }
    rings.forEach((ring, r) => {
      const p = prepareRing(ring, tol, arena);
      if (!p.finite) return void out.push(issue('non_finite', at(r)));
      const first = ring[0] as Pos;
      if (!p.closed) out.push(issue('unclosed_ring', { ...at(r), at: [first[0] as number, first[1] as number] }));
      if (p.duplicates) out.push(issue('duplicate_consecutive_points', at(r)));
      if (p.flat.length < 6) return void out.push(issue('too_few_points', at(r)));
      if (isDegenerate(p.flat, tol)) return void out.push(issue('degenerate_ring', { ...at(r), at: [p.flat[0] as number, p.flat[1] as number] }));
      usable.push({ part, ring: r, flat: p.flat });
      if (r === 0) shellOk[part] = true;
    });
  });
  if (usable.length === 1) {
    // The usual parcel: one ring, so no nesting to check and at most one issue, a self-contact.
    const only = usable[0] as CheckedRing;
    sweepContacts([{ flat: only.flat, tag: 0 }], tol, (c: RingContact) => {
      out.push(issue('self_intersection', { ...(multi ? { part: only.part } : {}), ring: only.ring, at: [c.x, c.y] }));
      return true;
    });
    return out;
  }
  const crossed = checkContacts(usable, tol, multi, out);
  checkNesting(usable, shellOk, crossed, tol, multi, out);
  return out;
}

const key = (a: CheckedRing): string => `${a.part}:${a.ring}`;

/** Reports contacts; returns the keys of rings involved in a crossing (excluded from nesting checks). */
function checkContacts(rings: readonly CheckedRing[], tol: number, multi: boolean, out: ValidityIssue[]): Set<string> {
  const reported = new Set<string>();
  const crossed = new Set<string>();
  const touches = new Map<string, [number, number]>();
  const where = (c: CheckedRing): { part?: number; ring: number } => (multi ? { part: c.part, ring: c.ring } : { ring: c.ring });
  const report = (code: ValidityCode, c: CheckedRing, tag: string, at: [number, number]): void => {
    if (reported.has(tag)) return;
    reported.add(tag);
    out.push(issue(code, { ...where(c), at }));
  };
  sweepContacts(rings.map((r, i) => ({ flat: r.flat, tag: i })), tol, (c: RingContact) => {
    const a = rings[c.ringA] as CheckedRing;
    const b = rings[c.ringB] as CheckedRing;
    const at: [number, number] = [c.x, c.y];
    if (c.ringA === c.ringB) {
      report('self_intersection', a, `self ${key(a)}`, at);
      crossed.add(key(a));
      return;
    }
    const pair = `pair ${key(a)} ${key(b)}`;
    if (c.kind === 'touch') {
      // Rings may touch at one point; touching at a second, different point disconnects the interior.
      const prev = touches.get(pair);
      if (!prev) touches.set(pair, at);
      else if (!samePoint(prev[0], prev[1], at[0], at[1], tol)) report('ring_intersection', b, pair, at);
      return;
    }
    report('ring_intersection', b, pair, at);
    crossed.add(key(a)).add(key(b));
  });
  return crossed;
}

/** A vertex of `ring` strictly inside or outside `other` (not on its boundary), or null. */
function sideOf(ring: Float64Array, other: Float64Array, tol: number): 'inside' | 'outside' | null {
  const n = ring.length >> 1;
  for (let i = 0; i < n; i++) {
    const s = pointInRing(ring[2 * i] as number, ring[2 * i + 1] as number, other, tol);
    if (s !== 'boundary') return s;
  }
  return null;
}

function checkNesting(
  rings: readonly CheckedRing[],
  shellOk: readonly boolean[],
  crossed: ReadonlySet<string>,
  tol: number,
  multi: boolean,
  out: ValidityIssue[],
): void {
  const clean = rings.filter((r) => !crossed.has(key(r)));
  if (clean.length < 2) return;
  const boxes = new Map(clean.map((r) => [r, flatBox(r.flat)]));
  const at = (r: CheckedRing): [number, number] => [r.flat[0] as number, r.flat[1] as number];
  const where = (r: CheckedRing): { part?: number; ring: number } => (multi ? { part: r.part, ring: r.ring } : { ring: r.ring });
  const shells = new Map(clean.filter((r) => r.ring === 0).map((r) => [r.part, r]));
  const holesByPart = new Map<number, CheckedRing[]>();
  for (const r of clean) if (r.ring > 0) holesByPart.set(r.part, [...(holesByPart.get(r.part) ?? []), r]);
  const holesOf = (part: number): CheckedRing[] => holesByPart.get(part) ?? [];
  for (const [part, shell] of shells) {
    const holes = holesOf(part);
    for (const h of holes) {
      if (shellOk[part] && sideOf(h.flat, shell.flat, tol) === 'outside') out.push(issue('hole_outside_shell', { ...where(h), at: at(h) }));
    }
    for (let i = 0; i < holes.length; i++) {
      for (let j = 0; j < holes.length; j++) {
        const hi = holes[i] as CheckedRing;
        const hj = holes[j] as CheckedRing;
        if (i === j || !boxesMeet(boxes.get(hi) as FlatBox, boxes.get(hj) as FlatBox)) continue;
        if (sideOf(hj.flat, hi.flat, tol) === 'inside') out.push(issue('nested_holes', { ...where(hj), at: at(hj) }));
      }
    }
  }
  // A part's shell inside another part's shell, and not within one of that part's holes.
  const list = [...shells.values()];
  for (const outer of list) {
    for (const inner of list) {
      if (outer === inner || !boxesMeet(boxes.get(outer) as FlatBox, boxes.get(inner) as FlatBox)) continue;
      if (sideOf(inner.flat, outer.flat, tol) !== 'inside') continue;
      const inHole = holesOf(outer.part).some((h) => sideOf(inner.flat, h.flat, tol) === 'inside');
      if (!inHole) out.push(issue('nested_shells', { ...where(inner), at: at(inner) }));
    }
  }
}
