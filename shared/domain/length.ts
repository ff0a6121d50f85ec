import { Geodesic } from './geographiclib.js';
import type { Geometry } from '../api/geojson.js';
import { CGCS2000_A, CGCS2000_F } from './area.js';

const geod = new Geodesic.Geodesic(CGCS2000_A, CGCS2000_F);

function lineLengthM(coords: readonly (readonly number[])[]): number {
  let sum = 0;
  for (let i = 1; i < coords.length; i++) {
    const a = coords[i - 1] as readonly number[];
    const b = coords[i] as readonly number[];
    sum += geod.Inverse(a[1] as number, a[0] as number, b[1] as number, b[0] as number, Geodesic.DISTANCE).s12 ?? 0;
  }
  return sum;
}

/** Geodesic length in metres on the CGCS2000 ellipsoid of a (multi)line in lon/lat degrees. */
export function geodesicLengthM(geometry: Geometry): number {
  switch (geometry.type) {
    case 'LineString':
      return lineLengthM(geometry.coordinates);
    case 'MultiLineString':
      return geometry.coordinates.reduce((s, l) => s + lineLengthM(l), 0);
    default:
      return 0;
  }
}
