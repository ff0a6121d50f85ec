import { ringAreaM2 } from '../../../../shared/domain/area.js';
import { geodesicLengthM } from '../../../../shared/domain/length.js';
import { m2ToMu } from '../../../../shared/domain/units.js';

/** A [lon, lat] vertex in degrees (CGCS2000, taken as WGS84 for display). */
export type LonLat = readonly [number, number];
export type MeasureMode = 'distance' | 'area';

export interface MeasureFigures {
  /** distance: the path's geodesic length; area: the closed ring's perimeter (m). */
  lengthM: number;
  /** area only: the geodesic polygon's area on CGCS2000 (m², unrounded); null for a distance. */
  areaM2: number | null;
  areaMu: number | null;
}

/**
 * What the measure tool shows: geodesic length and area on the CGCS2000 ellipsoid (Karney, as
 * GeographicLib and QGIS's ellipsoidal measure) of the polygon whose edges are the geodesics
 * between the clicked vertices — the same domain code that computes parcel areas (DESIGN §4).
 */
export function measureFigures(mode: MeasureMode, vertices: readonly LonLat[]): MeasureFigures {
  const coords = vertices.map((v) => [v[0], v[1]]);
  if (mode === 'distance') {
    const lengthM = coords.length >= 2 ? geodesicLengthM({ type: 'LineString', coordinates: coords }) : 0;
    return { lengthM, areaM2: null, areaMu: null };
  }
  const first = coords[0];
  const perimeter = coords.length >= 2 && first ? geodesicLengthM({ type: 'LineString', coordinates: [...coords, first] }) : 0;
  const areaM2 = coords.length >= 3 ? ringAreaM2(coords) : 0;
  return { lengthM: perimeter, areaM2, areaMu: m2ToMu(areaM2) };
}

/** Metres to 0.01 below 1 km, kilometres to 0.001 (i.e. still the metre) above. */
export function formatLength(m: number): string {
  return m < 1000 ? `${m.toFixed(2)} m` : `${(m / 1000).toFixed(3)} km`;
}
