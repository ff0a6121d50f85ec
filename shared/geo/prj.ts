import { PlannerError } from '../api/planner-error.js';
import { allCrsDefs, crsDef, findGeographic, findTmerc, ELLIPSOIDS } from './proj-defs.js';
import type { CrsDef, Datum } from './proj-defs.js';
import { child, children, epsgOf, isNode, nameOf, numberArg, parseWkt, WktSyntaxError } from './wkt.js';
import type { WktNode } from './wkt.js';

/** A .prj (ESRI or OGC WKT1, or WKT2) mapped to one of our EPSG codes, and why. */
export interface PrjMatch {
  epsg: number;
  name: string;
  evidence: string;
}

const PROJECTED = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'];
const GEOGRAPHIC = ['GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEOGRAPHICCRS', 'GEODETICCRS', 'BASEGEOGCRS', 'BASEGEODCRS'];
const TMERC_METHODS = new Set(['gauss_kruger', 'transverse_mercator', 'gauss_krueger', 'extended_transverse_mercator', 'tmerc']);

/** Lower case, every run of non-alphanumerics → one underscore. "3-degree Gauss-Kruger" → "3_degree_gauss_kruger". */
export function normName(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

let nameIndex: Map<string, number> | undefined;
function byName(name: string): CrsDef | undefined {
  if (!nameIndex) {
    nameIndex = new Map();
    for (const d of allCrsDefs()) {
      nameIndex.set(normName(d.name), d.epsg);
      nameIndex.set(normName(d.esriName), d.epsg);
    }
    const aliases: [string, number][] = [
      ['CGCS2000', 4490],
      ['GCS_CGCS2000', 4490],
      ['CGCS_2000', 4490],
      ['China_Geodetic_Coordinate_System_2000', 4490],
      ['WGS84', 4326],
      ['WGS_1984', 4326],
      ['Xian_1980', 4610],
      ['Beijing_1954', 4214],
    ];
    for (const [n, e] of aliases) nameIndex.set(normName(n), e);
  }
  const code = nameIndex.get(normName(name));
  return code === undefined ? undefined : crsDef(code);
}

function datumFromName(name: string | undefined): Datum | undefined | 'other' {
  if (!name) return undefined;
  const n = normName(name).replace(/^d_/, '');
  if (n === '' || n === 'unknown' || n.startsWith('unknown_') || n === 'custom' || n === 'not_specified') return undefined;
  if (/china_2000|cgcs_?2000|china_geodetic_coordinate_system_2000/.test(n)) return 'CGCS2000';
  if (/^wgs_?(19)?84|world_geodetic_system_1984/.test(n)) return 'WGS84';
  if (/xian_?(19)?80/.test(n)) return 'Xian1980';
  if (/beijing_?(19)?54/.test(n)) return 'Beijing1954';
  return 'other';
}

function datumFromEllipsoid(a: number | undefined, rf: number | undefined): Datum | undefined {
  if (a === undefined || rf === undefined) return undefined;
  for (const [datum, e] of Object.entries(ELLIPSOIDS) as [Datum, (typeof ELLIPSOIDS)[Datum]][]) {
    if (Math.abs(e.a - a) < 1e-3 && Math.abs(e.rf - rf) < 1e-6) return datum;
  }
  return undefined;
}

interface Described {
  /** what was found, for messages: `PROJCS "X" (Gauss_Kruger, datum D_China_2000, CM 120, FE 500000)` */
  found: string;
  def?: CrsDef;
  why?: string;
  /** the parameters were complete enough to decide on their own (so a contradicting name loses) */
  complete?: boolean;
}

function geogOf(root: WktNode): WktNode | undefined {
  if (GEOGRAPHIC.includes(root.keyword)) return root;
  return child(root, ...GEOGRAPHIC);
}

function datumOf(geog: WktNode | undefined): { datum?: Datum; label: string } {
  const datumNode = geog ? child(geog, 'DATUM', 'GEODETICDATUM', 'TRF') : undefined;
  const ell = datumNode ? child(datumNode, 'SPHEROID', 'ELLIPSOID') : undefined;
  const a = numberArg(ell, 1);
  const rf = numberArg(ell, 2);
  const label = `datum ${nameOf(datumNode) ?? '?'}${a !== undefined ? ` (a=${a}, 1/f=${rf})` : ''}`;
  const byDatumName = datumFromName(nameOf(datumNode));
  if (byDatumName === 'other') return { label };
  const fromEll = datumFromEllipsoid(a, rf);
  const datum = byDatumName ?? fromEll;
  // A named datum whose ellipsoid contradicts it is not trusted.
  if (byDatumName && a !== undefined && fromEll !== undefined && fromEll !== byDatumName) {
    const same = ELLIPSOIDS[byDatumName].a === ELLIPSOIDS[fromEll].a && ELLIPSOIDS[byDatumName].rf === ELLIPSOIDS[fromEll].rf;
    if (!same) return { label };
  }
  return datum ? { datum, label } : { label };
}

function primeMeridianOk(geog: WktNode | undefined): boolean {
  const pm = geog ? child(geog, 'PRIMEM', 'PRIMEMERIDIAN') : undefined;
  if (!pm) return true;
  return (numberArg(pm, 1) ?? 0) === 0;
}

/** Unit factor of a UNIT/LENGTHUNIT/ANGLEUNIT child, if any. */
function unitFactor(n: WktNode | undefined, ...keywords: string[]): number | undefined {
  const u = n ? child(n, ...keywords) : undefined;
  return numberArg(u, 1);
}

function params(root: WktNode): Map<string, number> {
  const out = new Map<string, number>();
  const conv = child(root, 'CONVERSION');
  for (const p of [...children(root, 'PARAMETER'), ...(conv ? children(conv, 'PARAMETER') : [])]) {
    const name = nameOf(p);
    const value = numberArg(p, 1);
    if (name !== undefined && value !== undefined) out.set(normName(name), value);
  }
  return out;
}

function pick(p: Map<string, number>, ...names: string[]): number | undefined {
  for (const n of names) {
    const v = p.get(n);
    if (v !== undefined) return v;
  }
  return undefined;
}

function describeProjected(root: WktNode): Described {
  const geog = geogOf(root);
  const { datum, label } = datumOf(geog);
  const conv = child(root, 'CONVERSION');
  const method = nameOf(child(root, 'PROJECTION')) ?? nameOf(conv ? child(conv, 'METHOD', 'PROJECTION') : undefined) ?? '?';
  const p = params(root);
  const cm = pick(p, 'central_meridian', 'longitude_of_natural_origin', 'longitude_of_origin', 'longitude_of_center');
  const fe = pick(p, 'false_easting');
  const fn = pick(p, 'false_northing') ?? 0;
  const k = pick(p, 'scale_factor', 'scale_factor_at_natural_origin') ?? 1;
  const lat0 = pick(p, 'latitude_of_origin', 'latitude_of_natural_origin') ?? 0;
  const found = `${root.keyword} "${nameOf(root) ?? ''}" (${method}, ${label}, central meridian ${cm ?? '?'}, false easting ${fe ?? '?'}, scale ${k})`;
  const linear = unitFactor(root, 'UNIT', 'LENGTHUNIT') ?? 1;
  if (!TMERC_METHODS.has(normName(method))) return { found, why: `projection ${method} is not Transverse Mercator / Gauss-Krüger` };
  if (!datum) return { found, why: 'the datum is not CGCS2000, WGS84, Xian 1980 or Beijing 1954' };
  if (!primeMeridianOk(geog)) return { found, why: 'the prime meridian is not Greenwich' };
  if (Math.abs(linear - 1) > 1e-12) return { found, why: `the linear unit is not the metre (factor ${linear})` };
  if (cm === undefined || fe === undefined || lat0 !== 0) return { found, why: 'central meridian, false easting or latitude of origin missing or unusual' };
  const def = findTmerc(datum, cm, k, fe, fn);
  return def ? { found, def, complete: true } : { found, why: 'no EPSG Gauss-Krüger/UTM zone has these parameters', complete: true };
}

function describeGeographic(root: WktNode): Described {
  const { datum, label } = datumOf(root);
  const found = `${root.keyword} "${nameOf(root) ?? ''}" (${label})`;
  const angular = unitFactor(root, 'UNIT', 'ANGLEUNIT') ?? Math.PI / 180;
  if (!datum) return { found, why: 'the datum is not CGCS2000, WGS84, Xian 1980 or Beijing 1954' };
  if (!primeMeridianOk(root)) return { found, why: 'the prime meridian is not Greenwich' };
  if (Math.abs(angular - Math.PI / 180) > 1e-12) return { found, why: 'the angular unit is not the degree' };
  const def = findGeographic(datum);
  return def ? { found, def, complete: true } : { found, why: 'unsupported datum' };
}

/** Same datum and parameters (e.g. a 6° CM grid and the 3° grid on the same meridian). */
function sameTransform(a: CrsDef, b: CrsDef): boolean {
  return a.datum === b.datum && a.kind === b.kind && a.lon0 === b.lon0 && a.k0 === b.k0 && a.x0 === b.x0 && a.y0 === b.y0;
}

/** Unwraps BOUNDCRS / COMPD_CS / COMPOUNDCRS to the horizontal CRS. */
function horizontal(root: WktNode): WktNode {
  if (root.keyword === 'BOUNDCRS') {
    const src = child(root, 'SOURCECRS');
    const inner = src?.args.find(isNode);
    if (inner) return horizontal(inner);
  }
  if (root.keyword === 'COMPD_CS' || root.keyword === 'COMPOUNDCRS') {
    const inner = root.args.find((a): a is WktNode => isNode(a) && (PROJECTED.includes(a.keyword) || GEOGRAPHIC.includes(a.keyword)));
    if (inner) return inner;
  }
  return root;
}

function unknownCrs(file: string, found: string, why: string, details: Record<string, unknown> = {}): PlannerError {
  return new PlannerError(
    'unknown_crs',
    `Unrecognised coordinate system in ${file}: ${found} — ${why}. Choose the coordinate system (e.g. --crs EPSG:4549).`,
    `无法识别 ${file} 中的坐标系:${found}(${why})。请指定坐标系(例如 --crs EPSG:4549)。`,
    { file, found, why, ...details },
  );
}

/**
 * Maps a .prj's WKT to one of our EPSG codes: the root AUTHORITY/ID when it is one we define;
 * otherwise the CRS name (ESRI or EPSG spelling) checked against its parameters; otherwise the
 * datum + projection parameters. Throws PlannerError 'unknown_crs' naming the file and what it found.
 */
export function prjToEpsg(wkt: string, file = '.prj'): PrjMatch {
  let root: WktNode;
  try {
    root = horizontal(parseWkt(wkt.trim()));
  } catch (e) {
    const why = e instanceof WktSyntaxError ? e.message : String(e);
    throw unknownCrs(file, JSON.stringify(wkt.slice(0, 80)), `not valid WKT (${why})`);
  }
  const projected = PROJECTED.includes(root.keyword);
  const geographic = GEOGRAPHIC.includes(root.keyword);
  if (!projected && !geographic) throw unknownCrs(file, `${root.keyword} "${nameOf(root) ?? ''}"`, 'not a geographic or projected coordinate system');

  const authority = epsgOf(root);
  if (authority !== undefined) {
    const def = crsDef(authority);
    if (def) return { epsg: def.epsg, name: def.name, evidence: `AUTHORITY EPSG:${authority} in ${file}` };
  }

  const d = projected ? describeProjected(root) : describeGeographic(root);
  const name = nameOf(root) ?? '';
  const named = byName(name);
  if (named && (d.def ? sameTransform(d.def, named) : !d.complete) && (named.kind === 'tmerc') === projected) {
    // The name is trusted unless the parameters point elsewhere (then the parameters win, below).
    return { epsg: named.epsg, name: named.name, evidence: `name "${name}" in ${file}${d.def ? ' (parameters agree)' : ''}` };
  }
  if (d.def) {
    const extra = named && named.epsg !== d.def.epsg ? `; the name "${name}" says EPSG:${named.epsg} but the parameters win` : '';
    return { epsg: d.def.epsg, name: d.def.name, evidence: `${d.found} in ${file}${extra}` };
  }
  const why = authority !== undefined ? `EPSG:${authority} is not supported; ${d.why ?? ''}` : (d.why ?? 'not recognised');
  throw unknownCrs(file, d.found, why, authority !== undefined ? { authority } : {});
}
