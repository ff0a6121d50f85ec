import type Database from 'better-sqlite3';
import type { ParcelCard } from '../../../shared/api/edit.js';
import { decodeGpkgBlob } from '../gpkg/blob.js';
import { distanceToLineM, metresPerDegree } from './geometry.js';

export const NEARBY_RADIUS_M = 2000;

type Nearby = ParcelCard['nearbyTransport'][number];

/**
 * Transport projects within `radiusM` of a point, nearest first. The transport R-tree
 * (rtree_transport_geom) picks the candidates whose box meets a box a little larger than the
 * circle; each candidate's distance is then measured to its nearest segment (geometry.ts:
 * nearest point in the local tangent plane, geodesic distance to it — approximate in the choice
 * of the nearest point by well under a metre at 2 km, exact in the distance itself).
 */
export function nearbyTransport(db: Database.Database, point: readonly [number, number], radiusM = NEARBY_RADIUS_M): Nearby[] {
  const mpd = metresPerDegree(point[1]);
  // 1 % margin: the R-tree stores 32-bit boxes rounded outward, and the plane is not the ellipsoid.
  const dLon = (radiusM / mpd.lon) * 1.01;
  const dLat = (radiusM / mpd.lat) * 1.01;
  const rows = db
    .prepare(
      `SELECT t.fid, t.geom, t.code, t.name, t.mode, t.stage
       FROM rtree_transport_geom r JOIN transport t ON t.fid = r.id
       WHERE r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ?`,
    )
    .all(point[0] - dLon, point[0] + dLon, point[1] - dLat, point[1] + dLat) as {
    fid: number;
    geom: Buffer | null;
    code: string | null;
    name: string | null;
    mode: string | null;
    stage: string | null;
  }[];
  const out: Nearby[] = [];
  for (const r of rows) {
    if (!r.geom) continue;
    const distanceM = distanceToLineM(point, decodeGpkgBlob(r.geom));
    if (distanceM <= radiusM) out.push({ fid: r.fid, code: r.code, name: r.name, mode: r.mode, stage: r.stage, distanceM });
  }
  return out.sort((a, b) => a.distanceM - b.distanceM || a.fid - b.fid);
}
