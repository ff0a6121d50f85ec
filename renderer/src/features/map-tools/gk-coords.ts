import { ELLIPSOIDS, crsDef } from '../../../../shared/geo/proj-defs.js';
import { TransverseMercator } from '../../../../shared/geo/tmerc.js';

/** CGCS2000 / 3-degree Gauss-Kruger CM 120E: the grid of the bureau's files around 永康 (DESIGN §4). */
export const GK_EPSG = 4549;

const def = crsDef(GK_EPSG);
if (!def || def.kind !== 'tmerc') throw new Error(`EPSG:${GK_EPSG} is missing from shared/geo/proj-defs.ts`);
const { a, rf } = ELLIPSOIDS[def.datum];
// The same exact Transverse Mercator (and parameters) the import uses to read GK files.
const tm = new TransverseMercator({ a, rf, lon0: def.lon0 ?? 120, lat0: 0, k0: def.k0 ?? 1, x0: def.x0 ?? 500_000, y0: def.y0 ?? 0 });

export interface GkPoint {
  /** metres east (x_0 = 500 000 at 120°E); the surveyors' Y */
  easting: number;
  /** metres north of the equator; the surveyors' X */
  northing: number;
}

/** CGCS2000 lon/lat (degrees) → EPSG:4549 easting/northing (m); NaN where the projection fails. */
export function lonLatToGk(lon: number, lat: number): GkPoint {
  const [easting, northing] = tm.forward(lon, lat);
  return { easting, northing };
}

/** Longitude/latitude to 6 decimals (≈ 0.1 m), grid metres to 2 decimals (DESIGN §5a readout). */
export function formatDegrees(v: number): string {
  return Number.isFinite(v) ? v.toFixed(6) : '—';
}

export function formatMetres(v: number): string {
  return Number.isFinite(v) ? v.toFixed(2) : '—';
}
