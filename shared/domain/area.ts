import { Accumulator } from './geographiclib.js';
import { geodesicAreaS12 } from './geodesic-area.js';
import { CGCS2000_A, CGCS2000_F } from './geodesic-series.js';
import type { Geometry } from '../api/geojson.js';

export { CGCS2000_A, CGCS2000_F };

/** Surface area of the whole CGCS2000 ellipsoid, 4πc² (c = authalic radius). */
const ELLIPSOID_AREA_M2 = (() => {
  const b = CGCS2000_A * (1 - CGCS2000_F);
  const e = Math.sqrt(CGCS2000_F * (2 - CGCS2000_F));
  const c2 = (CGCS2000_A * CGCS2000_A + (b * b * Math.atanh(e)) / e) / 2;
  return 4 * Math.PI * c2;
})();

const normalizeLon = (x: number): number => {
  const y = x % 360;
  return y <= -180 ? y + 360 : y > 180 ? y - 360 : y;
};

/** +1 / -1 when the edge crosses the prime meridian eastward / westward (Karney 2013, §6). */
function transit(lon1: number, lon2: number): number {
  const a = normalizeLon(lon1);
  const b = normalizeLon(lon2);
  const d = normalizeLon(b - a);
  if (a <= 0 && b > 0 && d > 0) return 1;
  if (b <= 0 && a > 0 && d < 0) return -1;
  return 0;
}

/**
 * Geodesic area of one ring on the CGCS2000 ellipsoid in m² (Karney's algorithm, as GeographicLib
 * and QGIS compute it). Orientation does not matter; a closing point equal to the first is ignored.
 *
 * This is GeographicLib's PolygonArea with the perimeter left out: each edge is the same inverse
 * problem asked only for S12, the area between the edge and the equator (geodesicAreaS12: the
 * library's Geodesic.Inverse with the AREA mask, ported to compute S12 without allocating, to the
 * same bits); the S12 are summed in GeographicLib's exact Accumulator and reduced as PolygonArea
 * does (crossings of the prime meridian, modulo the ellipsoid's area). Results are the same to
 * the last bits (tests compare with Geodesic.Inverse and with Planimeter).
 */
export function ringAreaM2(ring: readonly (readonly number[])[]): number {
  const n = ring.length;
  const closed = n > 1 && ring[0]![0] === ring[n - 1]![0] && ring[0]![1] === ring[n - 1]![1];
  const count = closed ? n - 1 : n;
  if (count < 3) return 0;
  const sum = new Accumulator(0);
  let crossings = 0;
  for (let i = 0; i < count; i++) {
    const p = ring[i]!;
    const q = ring[i + 1 === count ? 0 : i + 1]!;
    const lon1 = p[0] as number;
    const lon2 = q[0] as number;
    sum.Add(geodesicAreaS12(p[1] as number, lon1, q[1] as number, lon2));
    crossings += transit(lon1, lon2);
  }
  sum.Remainder(ELLIPSOID_AREA_M2);
  let area = sum.Sum();
  if (crossings % 2 !== 0) area += (area < 0 ? 1 : -1) * (ELLIPSOID_AREA_M2 / 2);
  area = Math.abs(area);
  return area > ELLIPSOID_AREA_M2 / 2 ? ELLIPSOID_AREA_M2 - area : area;
}

/**
 * Ellipsoidal area in m² of a (multi)polygon in lon/lat degrees, holes subtracted. Not rounded:
 * round per parcel for display only, and sum totals from these unrounded values (DESIGN §4).
 */
export function ellipsoidalAreaM2(geometry: Geometry): number {
  switch (geometry.type) {
    case 'Polygon':
      return polygonAreaM2(geometry.coordinates);
    case 'MultiPolygon':
      return geometry.coordinates.reduce((sum, p) => sum + polygonAreaM2(p), 0);
    default:
      return 0;
  }
}

function polygonAreaM2(rings: readonly (readonly (readonly number[])[])[]): number {
  let area = 0;
  rings.forEach((ring, i) => {
    area += i === 0 ? ringAreaM2(ring) : -ringAreaM2(ring);
  });
  return area;
}
