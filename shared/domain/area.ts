import { Geodesic, PolygonArea } from './geographiclib.js';
import type { Geometry } from '../api/geojson.js';

/** CGCS2000 ellipsoid (EPSG:1024): a = 6378137 m, 1/f = 298.257222101. */
export const CGCS2000_A = 6378137;
export const CGCS2000_F = 1 / 298.257222101;

const geod = new Geodesic.Geodesic(CGCS2000_A, CGCS2000_F);

/**
 * Geodesic area of one ring on the CGCS2000 ellipsoid in m² (Karney's algorithm, as GeographicLib
 * and QGIS compute it). Orientation does not matter; a closing point equal to the first is ignored.
 */
export function ringAreaM2(ring: readonly (readonly number[])[]): number {
  const n = ring.length;
  const closed = n > 1 && ring[0]![0] === ring[n - 1]![0] && ring[0]![1] === ring[n - 1]![1];
  const count = closed ? n - 1 : n;
  if (count < 3) return 0;
  const poly = new PolygonArea.PolygonArea(geod, false);
  for (let i = 0; i < count; i++) {
    const p = ring[i]!;
    poly.AddPoint(p[1] as number, p[0] as number);
  }
  // area is always present for a polygon (PolygonArea(geod, false)); the typings make it optional.
  return Math.abs(poly.Compute(false, true).area as number);
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
