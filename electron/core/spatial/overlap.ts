/**
 * Exact overlap area (m², ellipsoidal on CGCS2000) of a parcel with a block or zone. Most parcels
 * lie wholly inside or wholly outside, so the exact computation is skipped when it cannot matter:
 *  1. no boundary segment of the region comes near the parcel's box → the whole box is on one
 *     side: one point-in-polygon test decides (the usual case);
 *  2. boundary segments are near but none meets a parcel edge and no region vertex lies inside
 *     the parcel → each parcel part is wholly in or out: one test per part;
 *  3. otherwise the exact ellipsoidal area of the intersection is integrated along the two
 *     boundaries (boundary-overlap.ts; the region's segments near the parcel only).
 */
import type { Geometry } from '../../../shared/api/geojson.js';
import { ellipsoidalAreaM2 } from '../../../shared/domain/area.js';
import { segmentContact, toleranceFor, type SegmentContact } from '../../../shared/geo/planar.js';
import { boundaryOverlapM2 } from './boundary-overlap.js';
import { SegmentGrid, boxesMeet, flatPolygons, pointInPolygons, unionBox, type Box, type FlatPolygon } from './region.js';

type PolygonCoords = number[][][];

/** Tolerance for lon/lat near 120°E (≈ 1e-5 m): rounding noise is not a crossing. */
export const LONLAT_TOLERANCE = toleranceFor(180);

export interface PreparedRegion {
  fid: number;
  code: string;
  name: string | null;
  polys: FlatPolygon[];
  box: Box;
  grid: SegmentGrid;
}

function polygonParts(g: Geometry): PolygonCoords[] {
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return [];
}

export function prepareRegion(fid: number, code: string, name: string | null, geometry: Geometry): PreparedRegion | null {
  const polys = flatPolygons(geometry);
  if (polys.length !== polygonParts(geometry).length || polys.length === 0) return null;
  return { fid, code, name, polys, box: unionBox(polys.map((p) => p.box)), grid: new SegmentGrid(polys) };
}

export interface PreparedParcel {
  parts: PolygonCoords[];
  polys: FlatPolygon[];
  box: Box;
  /** Ellipsoidal area of the whole parcel, m² (computed on first use). */
  area(): number;
  partArea(i: number): number;
}

export function prepareParcel(geometry: Geometry, knownAreaM2?: number | null): PreparedParcel | null {
  const parts = polygonParts(geometry);
  const polys = flatPolygons(geometry);
  if (polys.length === 0 || polys.length !== parts.length) return null;
  const partAreas: (number | undefined)[] = [];
  let total = typeof knownAreaM2 === 'number' && Number.isFinite(knownAreaM2) ? knownAreaM2 : undefined;
  const partArea = (i: number): number =>
    (partAreas[i] ??= parts.length === 1 && total !== undefined ? total : ellipsoidalAreaM2({ type: 'Polygon', coordinates: parts[i] as PolygonCoords }));
  return {
    parts,
    polys,
    box: unionBox(polys.map((p) => p.box)),
    area: () => (total ??= parts.reduce((s, _, i) => s + partArea(i), 0)),
    partArea,
  };
}

export type OverlapMethod = 'disjoint' | 'inside' | 'parts' | 'exact';

export interface Overlap {
  areaM2: number;
  method: OverlapMethod;
}

const DISJOINT: Overlap = { areaM2: 0, method: 'disjoint' };

/** Overlap of a parcel with a region, m². */
export function overlapM2(parcel: PreparedParcel, region: PreparedRegion, tol = LONLAT_TOLERANCE): Overlap {
  if (!boxesMeet(parcel.box, region.box)) return DISJOINT;
  const near = region.grid.near(parcel.box, tol);
  if (near.length === 0) {
    const p = parcel.polys[0] as FlatPolygon;
    const inside = pointInPolygons(p.rings[0]?.[0] as number, p.rings[0]?.[1] as number, region.polys, tol) === 'inside';
    if (!inside) return DISJOINT;
    return { areaM2: parcel.area(), method: 'inside' };
  }
  if (!edgesMeet(parcel, region.grid, near, tol) && !regionVertexInside(parcel, region.grid, near, tol)) {
    let area = 0;
    let all = true;
    parcel.polys.forEach((p, i) => {
      const shell = p.rings[0] as Float64Array;
      if (pointInPolygons(shell[0] as number, shell[1] as number, region.polys, tol) === 'inside') area += parcel.partArea(i);
      else all = false;
    });
    if (all) return { areaM2: parcel.area(), method: 'inside' };
    return area === 0 ? DISJOINT : { areaM2: area, method: 'parts' };
  }
  return exact(parcel, region, near, tol);
}

/** Whether a parcel edge meets one of the `near` region segments (`counts`: which contacts count; any by default). */
export function edgesMeet(
  parcel: PreparedParcel,
  grid: SegmentGrid,
  near: readonly number[],
  tol: number,
  counts: (kind: SegmentContact['kind']) => boolean = (kind) => kind !== 'none',
): boolean {
  const s = grid.seg;
  for (const poly of parcel.polys) {
    for (const r of poly.rings) {
      const n = r.length >> 1;
      for (let i = 0; i < n; i++) {
        const j = i + 1 === n ? 0 : i + 1;
        const ax = r[2 * i] as number, ay = r[2 * i + 1] as number, bx = r[2 * j] as number, by = r[2 * j + 1] as number;
        const x0 = Math.min(ax, bx) - tol, x1 = Math.max(ax, bx) + tol, y0 = Math.min(ay, by) - tol, y1 = Math.max(ay, by) + tol;
        for (const id of near) {
          const cx = s[4 * id] as number, cy = s[4 * id + 1] as number, dx = s[4 * id + 2] as number, dy = s[4 * id + 3] as number;
          if (Math.max(cx, dx) < x0 || Math.min(cx, dx) > x1 || Math.max(cy, dy) < y0 || Math.min(cy, dy) > y1) continue;
          if (counts(segmentContact(ax, ay, bx, by, cx, cy, dx, dy, tol).kind)) return true;
        }
      }
    }
  }
  return false;
}

/** A region vertex inside the parcel (or on its boundary, unless `strictly`) means a region ring reaches into it: clip. */
export function regionVertexInside(parcel: PreparedParcel, grid: SegmentGrid, near: readonly number[], tol: number, strictly = false): boolean {
  const s = grid.seg;
  const b = parcel.box;
  for (const id of near) {
    const x = s[4 * id] as number;
    const y = s[4 * id + 1] as number;
    if (x < b[0] || x > b[2] || y < b[1] || y > b[3]) continue;
    const side = pointInPolygons(x, y, parcel.polys, tol);
    if (strictly ? side === 'inside' : side !== 'outside') return true;
  }
  return false;
}

function exact(parcel: PreparedParcel, region: PreparedRegion, near: readonly number[], tol: number): Overlap {
  const areaM2 = boundaryOverlapM2(parcel.polys, region.polys, region.grid, near, tol);
  return areaM2 > 0 ? { areaM2, method: 'exact' } : DISJOINT;
}
