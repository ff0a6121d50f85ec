import type { BBox, Geometry } from '../../../shared/api/geojson.js';
import { CGCS2000_A, CGCS2000_F } from '../../../shared/domain/area.js';
import { Geodesic } from '../../../shared/domain/geographiclib.js';

type Pos = readonly number[];

function polygons(g: Geometry): readonly (readonly (readonly Pos[])[])[] {
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return [];
}

/** Extent [minLon, minLat, maxLon, maxLat] of any geometry's coordinates. */
export function bboxOf(g: Geometry): BBox {
  let [a, b, c, d] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (p: Pos): void => {
    const x = p[0] as number;
    const y = p[1] as number;
    a = Math.min(a, x);
    b = Math.min(b, y);
    c = Math.max(c, x);
    d = Math.max(d, y);
  };
  const walk = (v: unknown): void => {
    if (Array.isArray(v) && typeof v[0] === 'number') visit(v as Pos);
    else if (Array.isArray(v)) v.forEach(walk);
  };
  walk(g.coordinates);
  return [a, b, c, d];
}

/**
 * Area-weighted centroid [lon, lat] of a (multi)polygon, holes subtracted, computed in a local
 * plane (longitude scaled by cos φ): exact enough for a parcel of a few hundred metres. Falls back
 * to the bbox centre for a degenerate shape.
 */
export function centroidOf(g: Geometry): [number, number] {
  const box = bboxOf(g);
  const lon0 = (box[0] + box[2]) / 2;
  const lat0 = (box[1] + box[3]) / 2;
  const k = Math.cos((lat0 * Math.PI) / 180);
  let sa = 0;
  let sx = 0;
  let sy = 0;
  for (const poly of polygons(g)) {
    poly.forEach((ring, i) => {
      let a = 0;
      let cx = 0;
      let cy = 0;
      for (let j = 0; j + 1 < ring.length; j++) {
        const p = ring[j] as Pos;
        const q = ring[j + 1] as Pos;
        const x1 = ((p[0] as number) - lon0) * k;
        const y1 = (p[1] as number) - lat0;
        const x2 = ((q[0] as number) - lon0) * k;
        const y2 = (q[1] as number) - lat0;
        const cross = x1 * y2 - x2 * y1;
        a += cross;
        cx += (x1 + x2) * cross;
        cy += (y1 + y2) * cross;
      }
      // Shells add, holes subtract, whatever the ring orientation in the file.
      const sign = (i === 0 ? 1 : -1) * Math.sign(a);
      sa += sign * a;
      sx += sign * cx;
      sy += sign * cy;
    });
  }
  if (Math.abs(sa) < 1e-18) return [lon0, lat0];
  return [lon0 + sx / (3 * sa) / k, lat0 + sy / (3 * sa)];
}

const geod = new Geodesic.Geodesic(CGCS2000_A, CGCS2000_F);

/** Geodesic distance in metres on the CGCS2000 ellipsoid between two [lon, lat] points. */
export function geodesicDistanceM(a: Pos, b: Pos): number {
  return geod.Inverse(a[1] as number, a[0] as number, b[1] as number, b[0] as number, Geodesic.DISTANCE).s12 ?? NaN;
}

const E2 = CGCS2000_F * (2 - CGCS2000_F);

/** Metres per degree of longitude and of latitude at latitude φ (radii of curvature N and M). */
export function metresPerDegree(latDeg: number): { lon: number; lat: number } {
  const phi = (latDeg * Math.PI) / 180;
  const w = Math.sqrt(1 - E2 * Math.sin(phi) ** 2);
  const n = CGCS2000_A / w;
  const m = (CGCS2000_A * (1 - E2)) / w ** 3;
  return { lon: (Math.PI / 180) * n * Math.cos(phi), lat: (Math.PI / 180) * m };
}

/**
 * Distance in metres from a point to a (multi)line: the nearest point of each segment is found in
 * the local tangent plane at the point (metres per degree from the ellipsoid's radii of curvature),
 * then the distance to that nearest point is the exact geodesic one. Within a few km the plane
 * picks the nearest point to well under a metre; the reported distance is geodesic.
 */
export function distanceToLineM(point: Pos, g: Geometry): number {
  const lines: readonly (readonly Pos[])[] = g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
  const [lon0, lat0] = [point[0] as number, point[1] as number];
  const mpd = metresPerDegree(lat0);
  let best = Infinity;
  let bestPos: Pos | null = null;
  for (const line of lines) {
    for (let i = 0; i + 1 < line.length; i++) {
      const p = line[i] as Pos;
      const q = line[i + 1] as Pos;
      const ax = ((p[0] as number) - lon0) * mpd.lon;
      const ay = ((p[1] as number) - lat0) * mpd.lat;
      const bx = ((q[0] as number) - lon0) * mpd.lon;
      const by = ((q[1] as number) - lat0) * mpd.lat;
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
      const x = ax + t * dx;
      const y = ay + t * dy;
      const d2 = x * x + y * y;
      if (d2 < best) {
        best = d2;
        bestPos = [lon0 + x / mpd.lon, lat0 + y / mpd.lat];
      }
    }
  }
  return bestPos ? geodesicDistanceM(point, bestPos) : Infinity;
}
