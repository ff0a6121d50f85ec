/**
 * The coordinate systems the bureau's files come in, as EPSG codes with proj4 definitions built
 * from structured parameters (one source of truth; the proj strings equal `projinfo -o PROJ`).
 * We never hand WKT to proj4: proj4js cannot parse ESRI `Gauss_Kruger` WKT (DESIGN §4).
 *
 * Datums: CGCS2000 is the target (EPSG:4490). WGS84 is taken as equal to CGCS2000 (they differ by
 * centimetres; PROJ also uses a no-op "ballpark" step). Xian 1980 has no published transformation
 * to CGCS2000/WGS84, so its lon/lat are taken as they are (as PROJ's ballpark does) — tens of metres
 * off; a warning says so. Beijing 1954 uses EPSG:15921's three parameters (the old PROJ default),
 * which are only metre-accurate in the Tarim basin — also warned.
 */

export type Datum = 'CGCS2000' | 'WGS84' | 'Xian1980' | 'Beijing1954';

export interface Ellipsoid {
  readonly a: number;
  readonly rf: number;
  /** proj4 ellipsoid parameters */
  readonly proj: string;
}

export const ELLIPSOIDS: Record<Datum, Ellipsoid> = {
  CGCS2000: { a: 6378137, rf: 298.257222101, proj: '+ellps=GRS80' },
  WGS84: { a: 6378137, rf: 298.257223563, proj: '+datum=WGS84' },
  // IAU 1975 (PROJ's "IAU76"): a = 6378140, 1/f = 298.257.
  Xian1980: { a: 6378140, rf: 298.257, proj: '+a=6378140 +rf=298.257' },
  // Krassowsky 1940.
  Beijing1954: { a: 6378245, rf: 298.3, proj: '+ellps=krass +towgs84=15.8,-154.4,-82.3,0,0,0,0' },
};

/** Beijing 1954 → WGS84 (≈ CGCS2000), EPSG:15921, geocentric translation in metres. */
export const BEIJING1954_TOWGS84: readonly [number, number, number] = [15.8, -154.4, -82.3];

export const DATUM_WARNINGS: Partial<Record<Datum, { en: string; zh: string }>> = {
  Xian1980: {
    en: 'Xian 1980 has no published transformation to CGCS2000; coordinates are taken as they are (like PROJ\'s ballpark step) and may be tens of metres off.',
    zh: '西安1980坐标系到CGCS2000没有公开的转换参数,坐标按原值使用(与PROJ的近似处理相同),可能偏差数十米。',
  },
  Beijing1954: {
    en: 'Beijing 1954 is shifted with EPSG:15921 (dx=15.8, dy=-154.4, dz=-82.3), accurate to ~1 m only in the Tarim basin; elsewhere expect tens of metres.',
    zh: '北京1954坐标系按EPSG:15921三参数(15.8, -154.4, -82.3)转换,仅在塔里木盆地精度约1米,其他地区可能偏差数十米。',
  },
};

const DATUM_LABEL: Record<Datum, { ogc: string; esri: string; zh: string }> = {
  CGCS2000: { ogc: 'CGCS2000', esri: 'CGCS2000', zh: 'CGCS2000' },
  WGS84: { ogc: 'WGS 84', esri: 'WGS_1984', zh: 'WGS84' },
  Xian1980: { ogc: 'Xian 1980', esri: 'Xian_1980', zh: '西安1980' },
  Beijing1954: { ogc: 'Beijing 1954', esri: 'Beijing_1954', zh: '北京1954' },
};

export interface CrsDef {
  readonly epsg: number;
  /** EPSG/OGC name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 120E" */
  readonly name: string;
  /** ESRI name, e.g. "CGCS2000_3_Degree_GK_CM_120E" */
  readonly esriName: string;
  readonly nameZh: string;
  readonly datum: Datum;
  readonly kind: 'geographic' | 'tmerc';
  /** Transverse Mercator parameters (kind 'tmerc' only); degrees and metres */
  readonly lon0?: number;
  readonly k0?: number;
  readonly x0?: number;
  readonly y0?: number;
  /** Gauss-Krüger zone number (3° or 6°) or UTM zone */
  readonly zone?: number;
  /** true when eastings carry the zone number as a prefix (x0 = zone × 10⁶ + 500 000) */
  readonly zonePrefixed: boolean;
  readonly band?: 3 | 6 | 'utm';
  readonly proj4: string;
}

const DEFS = new Map<number, CrsDef>();

function add(def: Omit<CrsDef, 'proj4'>): void {
  const e = ELLIPSOIDS[def.datum];
  const proj4 =
    def.kind === 'geographic'
      ? `+proj=longlat ${e.proj} +no_defs`
      : def.band === 'utm'
        ? `+proj=utm +zone=${def.zone} ${e.proj} +units=m +no_defs`
        : `+proj=tmerc +lat_0=0 +lon_0=${def.lon0} +k=${def.k0} +x_0=${def.x0} +y_0=${def.y0} ${e.proj} +units=m +no_defs`;
  DEFS.set(def.epsg, { ...def, proj4 });
}

add({ epsg: 4490, name: 'China Geodetic Coordinate System 2000', esriName: 'GCS_China_Geodetic_Coordinate_System_2000', nameZh: 'CGCS2000 经纬度', datum: 'CGCS2000', kind: 'geographic', zonePrefixed: false });
add({ epsg: 4326, name: 'WGS 84', esriName: 'GCS_WGS_1984', nameZh: 'WGS84 经纬度', datum: 'WGS84', kind: 'geographic', zonePrefixed: false });
add({ epsg: 4610, name: 'Xian 1980', esriName: 'GCS_Xian_1980', nameZh: '西安1980 经纬度', datum: 'Xian1980', kind: 'geographic', zonePrefixed: false });
add({ epsg: 4214, name: 'Beijing 1954', esriName: 'GCS_Beijing_1954', nameZh: '北京1954 经纬度', datum: 'Beijing1954', kind: 'geographic', zonePrefixed: false });

/**
 * One Gauss-Krüger family (EPSG names say "3-degree" only for 3° zones: the 6° ones are plain
 * "Gauss-Kruger"; 6° CM grids coincide numerically with 3° ones, the 3° code wins a parameter
 * match). `first` is the EPSG code of the westernmost zone; zone-prefixed codes
 * have x0 = zone × 10⁶ + 500 000, CM codes x0 = 500 000. Codes run west to east without gaps.
 */
function gkFamily(datum: Datum, band: 3 | 6, prefixedFirst: number, cmFirst: number): void {
  const zones = band === 3 ? { from: 25, to: 45 } : { from: 13, to: 23 };
  const l = DATUM_LABEL[datum];
  for (let zone = zones.from; zone <= zones.to; zone++) {
    const cm = band === 3 ? zone * 3 : zone * 6 - 3;
    const i = zone - zones.from;
    const common = { datum, kind: 'tmerc' as const, lon0: cm, k0: 1, y0: 0, zone, band };
    add({
      ...common,
      epsg: prefixedFirst + i,
      name: `${l.ogc} / ${band === 3 ? '3-degree ' : ''}Gauss-Kruger zone ${zone}`,
      esriName: `${l.esri}_${band === 3 ? '3_Degree_' : ''}GK_Zone_${zone}`,
      nameZh: `${l.zh} ${band}度带高斯-克吕格 第${zone}带(带号前缀)`,
      x0: zone * 1_000_000 + 500_000,
      zonePrefixed: true,
    });
    add({
      ...common,
      epsg: cmFirst + i,
      name: `${l.ogc} / ${band === 3 ? '3-degree ' : ''}Gauss-Kruger CM ${cm}E`,
      esriName: `${l.esri}_${band === 3 ? '3_Degree_' : ''}GK_CM_${cm}E`,
      nameZh: `${l.zh} ${band}度带高斯-克吕格 中央经线${cm}°E`,
      x0: 500_000,
      zonePrefixed: false,
    });
  }
}

gkFamily('CGCS2000', 3, 4513, 4534); // 4513–4533, 4534–4554 (4528 = zone 40, 4549 = CM 120E)
gkFamily('CGCS2000', 6, 4491, 4502); // 4491–4501, 4502–4512
gkFamily('Xian1980', 3, 2349, 2370); // 2349–2369, 2370–2390
gkFamily('Beijing1954', 3, 2401, 2422); // 2401–2421, 2422–2442

// WGS 84 / UTM zones 43N–53N (China).
for (let zone = 43; zone <= 53; zone++) {
  add({
    epsg: 32600 + zone,
    name: `WGS 84 / UTM zone ${zone}N`,
    esriName: `WGS_1984_UTM_Zone_${zone}N`,
    nameZh: `WGS84 UTM 第${zone}带(北)`,
    datum: 'WGS84',
    kind: 'tmerc',
    lon0: zone * 6 - 183,
    k0: 0.9996,
    x0: 500_000,
    y0: 0,
    zone,
    band: 'utm',
    zonePrefixed: false,
  });
}

export function crsDef(epsg: number): CrsDef | undefined {
  return DEFS.get(epsg);
}

export function allCrsDefs(): CrsDef[] {
  return [...DEFS.values()];
}

/** EPSG code of a CGCS2000 3° Gauss-Krüger zone: zone-prefixed (4513…4533) or CM (4534…4554). */
export function cgcs2000Gk3(zone: number, prefixed: boolean): number | undefined {
  if (!Number.isInteger(zone) || zone < 25 || zone > 45) return undefined;
  return (prefixed ? 4513 : 4534) + zone - 25;
}

/** Finds the def for a datum + Transverse Mercator parameters, or undefined. */
export function findTmerc(datum: Datum, lon0: number, k0: number, x0: number, y0: number): CrsDef | undefined {
  const close = (a: number | undefined, b: number, tol: number) => a !== undefined && Math.abs(a - b) <= tol;
  for (const d of DEFS.values()) {
    if (d.kind !== 'tmerc' || d.datum !== datum) continue;
    if (close(d.lon0, lon0, 1e-9) && close(d.k0, k0, 1e-12) && close(d.x0, x0, 1e-6) && close(d.y0, y0, 1e-6)) return d;
  }
  return undefined;
}

export function findGeographic(datum: Datum): CrsDef | undefined {
  for (const d of DEFS.values()) if (d.kind === 'geographic' && d.datum === datum) return d;
  return undefined;
}
