/**
 * Parcels by a shape (box or lasso selection on the map, parcels of a platform). The parcels'
 * R-tree gives the candidates; a candidate whose R-tree box no shape boundary comes near lies
 * wholly on one side of it and is decided by one point test without decoding its geometry (a box
 * over the whole city costs grid lookups, not 100,000 decodes); the rest are tested exactly.
 * Predicates are planar in lon/lat, as SpatiaLite's ST_Intersects / ST_Within on EPSG:4490.
 */
import type Database from 'better-sqlite3';
import type { Geometry } from '../../../shared/api/geojson.js';
import type { SelectPredicate } from '../../../shared/api/selection.js';
import { decodeGpkgBlob } from '../gpkg/blob.js';
import { MIN_OVERLAP_M2 } from './assigner.js';
import {
  LONLAT_TOLERANCE,
  edgesMeet,
  overlapM2,
  prepareParcel,
  prepareRegion,
  regionVertexInside,
  type PreparedParcel,
  type PreparedRegion,
} from './overlap.js';
import { boxesMeet, pointInPolygons, type Box } from './region.js';

type LonLat = readonly [number, number];

/** A ring of [lon, lat] (open or closed) as a prepared shape; null when it has under three vertices. */
export function shapeFromRing(ring: readonly LonLat[]): PreparedRegion | null {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!first || !last) return null;
  const closed = first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
  return prepareRegion(0, '', null, { type: 'Polygon', coordinates: [closed.map((p) => [p[0], p[1]])] });
}

/**
 * Where a box lies relative to the shape: when no shape boundary segment comes near it, the box is
 * wholly inside or wholly outside and one corner tells which; otherwise 'undecided'.
 */
export function boxSide(shape: PreparedRegion, box: Box, tol = LONLAT_TOLERANCE): 'inside' | 'outside' | 'undecided' {
  if (!boxesMeet(box, shape.box)) return 'outside';
  const s = shape.grid.seg;
  for (const id of shape.grid.near(box, tol)) {
    if (segmentMayCrossBox(s[4 * id] as number, s[4 * id + 1] as number, s[4 * id + 2] as number, s[4 * id + 3] as number, box, tol)) return 'undecided';
  }
  return pointInPolygons(box[0], box[1], shape.polys, tol) === 'inside' ? 'inside' : 'outside';
}

/**
 * Whether a segment (whose own box meets `box`) may pass through the box: false only when all four
 * corners lie clearly on one side of its line — a long diagonal edge of a lasso has a large box
 * that meets many parcel boxes it never comes near.
 */
function segmentMayCrossBox(ax: number, ay: number, bx: number, by: number, box: Box, tol: number): boolean {
  const dx = bx - ax;
  const dy = by - ay;
  const len = Math.sqrt(dx * dx + dy * dy);
  if (len <= tol) return true;
  let above = 0;
  let below = 0;
  for (const [x, y] of [[box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]]] as const) {
    const d = (dx * (y - ay) - dy * (x - ax)) / len;
    if (d > tol) above++;
    else if (d < -tol) below++;
    else return true;
  }
  return above > 0 && below > 0;
}

/** Whether a parcel meets the shape under the predicate (exact, planar in lon/lat). */
export function parcelMeetsShape(parcel: PreparedParcel, shape: PreparedRegion, predicate: SelectPredicate, tol = LONLAT_TOLERANCE): boolean {
  const side = boxSide(shape, parcel.box, tol);
  if (side !== 'undecided') return side === 'inside';
  const near = shape.grid.near(parcel.box, tol);
  if (predicate === 'intersects') {
    if (edgesMeet(parcel, shape.grid, near, tol) || regionVertexInside(parcel, shape.grid, near, tol)) return true;
    // No boundary contact: each part is wholly in or out of the shape.
    return parcel.polys.some((p) => {
      const shell = p.rings[0] as Float64Array;
      return pointInPolygons(shell[0] as number, shell[1] as number, shape.polys, tol) !== 'outside';
    });
  }
  // within: every vertex in the shape (or on its boundary), no edge crossing the shape's boundary,
  // and no shape vertex strictly inside the parcel (a notch of the shape reaching into it).
  for (const p of parcel.polys) {
    for (const r of p.rings) {
      for (let i = 0; i < r.length; i += 2) {
        if (pointInPolygons(r[i] as number, r[i + 1] as number, shape.polys, tol) === 'outside') return false;
      }
    }
  }
  if (edgesMeet(parcel, shape.grid, near, tol, (kind) => kind === 'cross')) return false;
  return !regionVertexInside(parcel, shape.grid, near, tol, true);
}

interface Candidate {
  fid: number;
  box: Box;
}

function candidates(db: Database.Database, box: Box): Candidate[] {
  const rows = db
    .prepare('SELECT id, minx, miny, maxx, maxy FROM rtree_parcels_geom WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?')
    .raw()
    .all(box[0], box[2], box[1], box[3]) as [number, number, number, number, number][];
  return rows.map(([fid, minx, miny, maxx, maxy]) => ({ fid, box: [minx, miny, maxx, maxy] }));
}

/**
 * Fids (ascending) of the parcels the R-tree finds near the shape and that pass: `inside` for those
 * whose box lies wholly inside it (decided without decoding), `undecided` for the rest, decoded.
 */
function scan(db: Database.Database, shape: PreparedRegion, inside: (fid: number) => boolean, undecided: (parcel: PreparedParcel) => boolean): number[] {
  const geomOf = db.prepare('SELECT geom, area_m2 FROM parcels WHERE fid = ?');
  const out: number[] = [];
  for (const c of candidates(db, shape.box)) {
    const side = boxSide(shape, c.box);
    if (side === 'outside') continue;
    if (side === 'inside') {
      if (inside(c.fid)) out.push(c.fid);
      continue;
    }
    const row = geomOf.get(c.fid) as { geom: Buffer | null; area_m2: number | null } | undefined;
    const parcel = row?.geom ? prepareParcel(decodeGpkgBlob(row.geom), row.area_m2) : null;
    if (parcel && undecided(parcel)) out.push(c.fid);
  }
  return out.sort((a, b) => a - b);
}

/** Fids (ascending) of the parcels that meet the shape under the predicate. */
export function parcelsInShape(db: Database.Database, shape: PreparedRegion, predicate: SelectPredicate): number[] {
  return scan(db, shape, () => true, (parcel) => parcelMeetsShape(parcel, shape, predicate));
}

/** Fids (ascending) of the parcels that meet a [lon, lat] ring; [] for a ring of under three vertices. */
export function parcelsInRing(db: Database.Database, ring: readonly LonLat[], predicate: SelectPredicate): number[] {
  const shape = shapeFromRing(ring);
  return shape ? parcelsInShape(db, shape, predicate) : [];
}

/**
 * Fids (ascending) of the parcels overlapping a (multi)polygon by more than 0.01 m² of ellipsoidal
 * area — the rule the block assignment uses (assigner.ts), so a parcel that merely shares an edge
 * with the polygon is not counted.
 */
export function parcelsOverlapping(db: Database.Database, geometry: Geometry): number[] {
  const region = prepareRegion(0, '', null, geometry);
  if (!region) return [];
  const areaOf = db.prepare('SELECT area_m2 FROM parcels WHERE fid = ?').pluck();
  return scan(
    db,
    region,
    (fid) => {
      const area = areaOf.get(fid) as number | null | undefined;
      return area === null || area === undefined || area > MIN_OVERLAP_M2;
    },
    (parcel) => overlapM2(parcel, region).areaM2 > MIN_OVERLAP_M2,
  );
}
