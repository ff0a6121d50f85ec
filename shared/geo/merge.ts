/**
 * Merging parcels (issue 5 item 5), pure: the union of two or more polygons that share edges or
 * overlap. The union is polyclip-ts's (Martinez–Rueda–Feito sweep in exact arithmetic, the engine
 * of @turf/union). It drops vertices that are collinear in lon/lat; they are put back, because
 * areas are geodesic (shared/domain/area.ts): dropping a "collinear" vertex from a 200 m east–west edge
 * changes the area by ≈ 0.04 m² at 29°N, so merged parcels would not add up to their parts.
 */
import { union, type Geom } from 'polyclip-ts';
import type { Geometry } from '../api/geojson.js';
import { ellipsoidalAreaM2 } from '../domain/area.js';
import { orient, pointInRing, samePoint, toleranceFor } from './planar.js';

type Pos = readonly number[];
type Ring = [number, number][];
export type MultiPolygonCoords = number[][][][];

export type MergeErrorCode = 'merge_too_few' | 'merge_not_polygon' | 'merge_not_adjacent';

export type MergeResult =
  | {
      ok: true;
      coordinates: MultiPolygonCoords;
      /** Ellipsoidal area of the union in m², unrounded. */
      areaM2: number;
      /** Sum of the inputs' areas minus the union's: > 0 where they overlapped. */
      overlapM2: number;
    }
  | {
      ok: false;
      code: MergeErrorCode;
      reasonZh: string;
      reasonEn: string;
      /** merge_not_adjacent: the inputs (by index) that hang together, group by group. */
      groups?: number[][];
    };

const REASONS: Record<MergeErrorCode, [zh: string, en: string]> = {
  merge_too_few: ['合并至少需要两个地块', 'a merge needs at least two parcels'],
  merge_not_polygon: ['只能合并面状地块', 'only polygons can be merged'],
  merge_not_adjacent: ['所选地块不相邻(须共边或重叠,仅角点相接不算)', 'the parcels are not adjacent (they must share an edge or overlap; touching at a corner is not enough)'],
};

function fail(code: MergeErrorCode, groups?: number[][]): MergeResult {
  const [reasonZh, reasonEn] = REASONS[code];
  return groups ? { ok: false, code, reasonZh, reasonEn, groups } : { ok: false, code, reasonZh, reasonEn };
}

function polygonsOf(g: Geometry): Pos[][][] | null {
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return null;
}

const toGeom = (polys: readonly (readonly (readonly Pos[])[])[]): Geom =>
  polys.map((rings) => rings.map((r) => r.map((p): [number, number] => [p[0] as number, p[1] as number])));

/** Unions the polygons; refuses inputs that do not hang together through shared edges or overlaps. */
export function mergePolygons(geometries: readonly Geometry[]): MergeResult {
  if (geometries.length < 2) return fail('merge_too_few');
  const inputs: Pos[][][][] = [];
  for (const g of geometries) {
    const polys = polygonsOf(g);
    if (!polys || polys.length === 0) return fail('merge_not_polygon');
    inputs.push(polys);
  }
  const [first, ...rest] = inputs.map(toGeom);
  const raw = union(first!, ...rest);
  let magnitude = 0;
  for (const polys of inputs) for (const rings of polys) for (const r of rings) for (const p of r) magnitude = Math.max(magnitude, Math.abs(p[0] as number), Math.abs(p[1] as number));
  const tol = toleranceFor(magnitude);
  const groups = connectedGroups(inputs, raw, tol);
  if (groups.length > 1) return fail('merge_not_adjacent', groups);
  const vertices = inputs.flatMap((polys) => polys.flatMap((rings) => rings.flatMap((r) => r.map((p): [number, number] => [p[0] as number, p[1] as number]))));
  const coordinates = raw.map((rings) => rings.map((r) => restoreVertices(r, vertices, tol)));
  const areaM2 = ellipsoidalAreaM2({ type: 'MultiPolygon', coordinates });
  const sum = geometries.reduce((s, g) => s + ellipsoidalAreaM2(g), 0);
  return { ok: true, coordinates, areaM2, overlapM2: sum - areaM2 };
}

/**
 * Inputs that hang together: each input joins the parts of the union holding its parts' first
 * vertices; inputs sharing a part are one group. Parts meeting at a corner only stay separate parts
 * of the union, so corner neighbours end up in different groups.
 */
function connectedGroups(inputs: readonly Pos[][][][], raw: readonly Ring[][], tol: number): number[][] {
  const parent = raw.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const shells = raw.map((rs) => (rs[0] ?? []).flat());
  const holders = (v: Pos): number[] =>
    shells.flatMap((s, i) => (s.length > 0 && pointInRing(v[0] as number, v[1] as number, s, tol) !== 'outside' ? [i] : []));
  // A vertex held by one part only: a shared corner lies on the boundary of both parts that meet there.
  const partsOf = inputs.map((polys) =>
    polys.map((rings) => {
      const shell = rings[0] ?? [];
      let fallback = -1;
      for (const v of shell) {
        const held = holders(v);
        if (held.length === 1) return held[0]!;
        if (fallback < 0 && held.length > 0) fallback = held[0]!;
      }
      return fallback;
    }),
  );
  for (const parts of partsOf) {
    const known = parts.filter((p) => p >= 0);
    for (const p of known.slice(1)) parent[find(p)] = find(known[0]!);
  }
  const byRoot = new Map<number, number[]>();
  partsOf.forEach((parts, i) => {
    const root = parts[0] !== undefined && parts[0] >= 0 ? find(parts[0]) : -1 - i;
    byRoot.set(root, [...(byRoot.get(root) ?? []), i]);
  });
  return [...byRoot.values()];
}

/** The ring with every input vertex that lies on one of its edges put back in place (in order along the edge). */
function restoreVertices(ring: Ring, vertices: readonly [number, number][], tol: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const [ax, ay] = ring[i]!;
    const [bx, by] = ring[i + 1]!;
    out.push([ax, ay]);
    const [minX, maxX, minY, maxY] = [Math.min(ax, bx) - tol, Math.max(ax, bx) + tol, Math.min(ay, by) - tol, Math.max(ay, by) + tol];
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const between = new Map<string, { t: number; p: [number, number] }>();
    for (const v of vertices) {
      const [x, y] = v;
      if (x < minX || x > maxX || y < minY || y > maxY) continue;
      if (samePoint(x, y, ax, ay, tol) || samePoint(x, y, bx, by, tol)) continue;
      if (orient(ax, ay, bx, by, x, y, tol) !== 0) continue;
      const t = ((x - ax) * dx + (y - ay) * dy) / len2;
      if (t > 0 && t < 1) between.set(`${x},${y}`, { t, p: v });
    }
    for (const { p } of [...between.values()].sort((u, w) => u.t - w.t)) out.push([p[0], p[1]]);
  }
  const last = ring[ring.length - 1]!;
  out.push([last[0], last[1]]);
  return out;
}
