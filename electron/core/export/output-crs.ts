import { PlannerError } from '../../../shared/api/errors.js';
import type { ExportCrs } from '../../../shared/api/export.js';
import type { Geometry } from '../../../shared/api/geojson.js';
import { ELLIPSOIDS, crsDef, type CrsDef } from '../../../shared/geo/proj-defs.js';
import type { LonLatTransformer } from '../../../shared/geo/crs.js';
import { reprojectGeometry } from '../../../shared/geo/reproject.js';
import { TransverseMercator } from '../../../shared/geo/tmerc.js';

/** An export's coordinate system: its def, the .prj text, and lon/lat (EPSG:4490) → its coordinates. */
export interface OutputCrs {
  epsg: number;
  def: CrsDef;
  prj: string;
  project(g: Geometry): Geometry;
}

/** Numbers as ESRI .prj files (and GDAL's wkt_esri) print them: 6378137.0, 298.257222101, 0.0. */
const num = (n: number): string => (Number.isInteger(n) ? `${n}.0` : String(n));

function esriGeogcs(def: CrsDef): string {
  const e = ELLIPSOIDS[def.datum];
  if (def.datum !== 'CGCS2000') throw new Error(`no ESRI datum name for ${def.datum}`);
  return `GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",${num(e.a)},${num(e.rf)}]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`;
}

/**
 * ESRI WKT of a CGCS2000 CRS, as ArcGIS writes it (and `gdalsrsinfo -o wkt_esri` prints it):
 * geographic, or 3° Gauss-Krüger with PROJECTION["Gauss_Kruger"]. GDAL identifies both as their EPSG code.
 */
export function esriPrj(def: CrsDef): string {
  const geog = esriGeogcs(def.kind === 'geographic' ? def : crsDef(4490)!);
  if (def.kind === 'geographic') return geog;
  return (
    `PROJCS["${def.esriName}",${geog},PROJECTION["Gauss_Kruger"],` +
    `PARAMETER["False_Easting",${num(def.x0!)}],PARAMETER["False_Northing",${num(def.y0!)}],` +
    `PARAMETER["Central_Meridian",${num(def.lon0!)}],PARAMETER["Scale_Factor",${num(def.k0!)}],` +
    `PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`
  );
}

/** CGCS2000 lon/lat → a Gauss-Krüger grid with the shared exact tmerc (the import's inverse). */
function fromLonLat(def: CrsDef): LonLatTransformer {
  const { a, rf } = ELLIPSOIDS[def.datum];
  const tm = new TransverseMercator({ a, rf, lon0: def.lon0!, lat0: 0, k0: def.k0!, x0: def.x0!, y0: def.y0! });
  const into: LonLatTransformer['into'] = (lon, lat, out, offset = 0) => {
    const [x, y] = tm.forward(lon, lat);
    out[offset] = x;
    out[offset + 1] = y;
    return Number.isFinite(x) && Number.isFinite(y);
  };
  return { epsg: def.epsg, def, identity: false, warnings: [], into, forward: (x, y) => tm.forward(x, y) };
}

export function outputCrs(crs: ExportCrs): OutputCrs {
  const epsg = Number(crs.slice('EPSG:'.length));
  const def = crsDef(epsg);
  if (!def) throw new Error(`unknown ${crs}`);
  const prj = esriPrj(def);
  if (def.kind === 'geographic') return { epsg, def, prj, project: (g) => g };
  const t = fromLonLat(def);
  const fail = (p: readonly number[]): never => {
    throw new PlannerError('reprojection_failed', `Cannot transform (${p[0]}, ${p[1]}) to ${crs}.`, `无法将坐标 (${p[0]}, ${p[1]}) 转换到 ${crs}。`, { crs, point: [p[0], p[1]] });
  };
  return { epsg, def, prj, project: (g) => reprojectGeometry(g, t, undefined, fail) };
}
