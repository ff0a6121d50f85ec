import proj4 from 'proj4';
import { PlannerError } from '../api/planner-error.js';
import type { BBox } from '../api/geojson.js';
import { crsDef, DATUM_WARNINGS, ELLIPSOIDS } from './proj-defs.js';
import type { CrsDef } from './proj-defs.js';
import { prjToEpsg } from './prj.js';
import { proposeCrs } from './propose.js';
import type { CrsProposal } from './propose.js';
import { TransverseMercator } from './tmerc.js';

export { prjToEpsg, normName } from './prj.js';
export type { PrjMatch } from './prj.js';
export { proposeCrs } from './propose.js';
export type { CrsProposal } from './propose.js';

export interface Bilingual {
  en: string;
  zh: string;
}

/** Source CRS → CGCS2000 lon/lat (EPSG:4490) in degrees. */
export interface LonLatTransformer {
  readonly epsg: number;
  readonly def: CrsDef;
  /** lon/lat that pass through unchanged (CGCS2000, WGS84, Xian 1980 geographic) */
  readonly identity: boolean;
  /** datum caveats to show the user (Xian 1980, Beijing 1954) */
  readonly warnings: readonly Bilingual[];
  /** Writes [lon, lat] at out[offset]; returns false (NaN written) when the point cannot be transformed. */
  into(x: number, y: number, out: number[] | Float64Array, offset?: number): boolean;
  forward(x: number, y: number): [number, number];
}

export const CGCS2000_LONLAT = 4490;
const GRS80_LONLAT_SHIFTABLE = '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs';

export function unsupportedCrs(what: string): PlannerError {
  return new PlannerError(
    'unsupported_crs',
    `Unsupported coordinate system ${what}. Supported: CGCS2000 (EPSG:4490, 4491–4554), WGS84 (4326, 32643–32653), Xian 1980 (4610, 2349–2390), Beijing 1954 (4214, 2401–2442).`,
    `不支持的坐标系 ${what}。支持:CGCS2000(EPSG:4490、4491–4554)、WGS84(4326、32643–32653)、西安1980(4610、2349–2390)、北京1954(4214、2401–2442)。`,
    { crs: what },
  );
}

/** "EPSG:4549", "epsg:4549", "4549" or 4549 → our def; PlannerError 'unsupported_crs' otherwise. */
export function parseCrsChoice(choice: string | number): CrsDef {
  const m = typeof choice === 'number' ? [String(choice), String(choice)] : /^\s*(?:epsg\s*:\s*)?(\d+)\s*$/i.exec(choice);
  const def = m ? crsDef(Number(m[1])) : undefined;
  if (!def) throw unsupportedCrs(String(choice));
  return def;
}

/**
 * A transformer from `epsg` to CGCS2000 lon/lat. Gauss-Krüger/UTM grids use our exact tmerc
 * (same algorithm as PROJ); Beijing 1954 goes through proj4 with its datum shift. Never WKT.
 */
export function toLonLat(epsg: number): LonLatTransformer {
  const def = crsDef(epsg);
  if (!def) throw unsupportedCrs(`EPSG:${epsg}`);
  const w = DATUM_WARNINGS[def.datum];
  const warnings = w ? [w] : [];
  let into: LonLatTransformer['into'];
  let identity = false;
  if (def.datum === 'Beijing1954') {
    const conv = proj4(def.proj4, GRS80_LONLAT_SHIFTABLE);
    into = (x, y, out, offset = 0) => {
      const r = Number.isFinite(x) && Number.isFinite(y) ? conv.forward([x, y]) : [NaN, NaN];
      out[offset] = r[0] ?? NaN;
      out[offset + 1] = r[1] ?? NaN;
      return Number.isFinite(r[0]) && Number.isFinite(r[1]);
    };
  } else if (def.kind === 'geographic') {
    identity = true;
    into = (x, y, out, offset = 0) => {
      out[offset] = x;
      out[offset + 1] = y;
      return Number.isFinite(x) && Number.isFinite(y);
    };
  } else {
    const { a, rf } = ELLIPSOIDS[def.datum];
    const tm = new TransverseMercator({ a, rf, lon0: def.lon0!, lat0: 0, k0: def.k0!, x0: def.x0!, y0: def.y0! });
    into = (x, y, out, offset = 0) => tm.inverseInto(x, y, out, offset);
  }
  return {
    epsg,
    def,
    identity,
    warnings,
    into,
    forward(x, y) {
      const out: [number, number] = [NaN, NaN];
      into(x, y, out, 0);
      return out;
    },
  };
}

/** China's extent for sanity checks: lon 73–136°E, lat 3–54°N. */
export const CHINA_BBOX: BBox = [73, 3, 136, 54];

export function isInChina(bbox: BBox): boolean {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  return [minLon, minLat, maxLon, maxLat].every(Number.isFinite) && minLon >= CHINA_BBOX[0] && minLat >= CHINA_BBOX[1] && maxLon <= CHINA_BBOX[2] && maxLat <= CHINA_BBOX[3];
}

/**
 * PlannerError 'outside_china' when the reprojected extent is not within China (or not finite).
 * `features`: indices of the features that fall outside, when known (reported in details).
 */
export function assertInChina(bbox: BBox, file?: string, epsg?: number, features?: readonly number[]): void {
  if (isInChina(bbox)) return;
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const r = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : String(v));
  const ext = `lon ${r(minLon)}…${r(maxLon)}, lat ${r(minLat)}…${r(maxLat)}`;
  const src = file ? ` of ${file}` : '';
  const crs = epsg !== undefined ? ` in EPSG:${epsg}` : '';
  const some = features && features.length > 0 ? features.slice(0, 10).join(', ') + (features.length > 10 ? ' …' : '') : '';
  throw new PlannerError(
    'outside_china',
    `The data${src}${crs} falls outside China after reprojection (${ext})${some ? `; features outside: ${some}` : ''}; the coordinate system (or those features' coordinates) is probably wrong.`,
    `${file ? `${file} ` : ''}按${epsg !== undefined ? ` EPSG:${epsg} ` : '所选坐标系'}转换后的范围不在中国境内(${ext})${some ? `;超出范围的要素:${some}` : ''},坐标系(或这些要素的坐标)很可能不正确。`,
    { bbox, ...(file ? { file } : {}), ...(epsg !== undefined ? { epsg } : {}), ...(features && features.length > 0 ? { features: features.slice(0, 100) } : {}) },
  );
}

/** How a file's CRS was decided, for the import report. */
export interface CrsDecision {
  epsg: number;
  name: string;
  source: 'user' | 'prj' | 'geojson';
  evidence: string;
  warnings: Bilingual[];
}

export interface CrsDecisionInput {
  /** the file's name, for messages */
  file: string;
  /** the user's choice (UI or CLI --crs): "EPSG:4549", 4549 … */
  userChoice?: string | number | null;
  /** the shapefile's .prj text */
  prj?: string | null;
  /** GeoJSON: the legacy "crs" member's code, or null for RFC 7946 (no member) */
  geojsonCrs?: { epsg: number | null; evidence: string } | null;
  /** a sample of source coordinates (see sampleCoordinates) */
  sample: readonly (readonly number[])[];
}

type Magnitude = { kind: 'degrees' } | { kind: 'prefixed'; zone: number } | { kind: 'plain' } | { kind: 'other' };

function magnitude(p: CrsProposal): Magnitude {
  if (p.epsg === null) return { kind: 'other' };
  const def = crsDef(p.epsg);
  if (!def || def.kind === 'geographic') return { kind: 'degrees' };
  return def.zonePrefixed ? { kind: 'prefixed', zone: def.zone! } : { kind: 'plain' };
}

/** Throws 'crs_mismatch' when the chosen CRS clearly contradicts the coordinates' magnitudes. */
function checkAgainstMagnitudes(def: CrsDef, proposal: CrsProposal, file: string, how: string): void {
  const m = magnitude(proposal);
  if (m.kind === 'other') return; // the outside-China check after reprojection will speak
  const expected: Magnitude = def.kind === 'geographic' ? { kind: 'degrees' } : def.zonePrefixed ? { kind: 'prefixed', zone: def.zone! } : { kind: 'plain' };
  const same = m.kind === expected.kind && (m.kind !== 'prefixed' || expected.kind !== 'prefixed' || m.zone === expected.zone);
  if (same) return;
  throw new PlannerError(
    'crs_mismatch',
    `${file}: ${how} says EPSG:${def.epsg} (${def.name}), but the coordinates do not fit it. ${proposal.reasonEn}`,
    `${file}:${how === 'the .prj' ? '.prj 文件' : '所选坐标系'}为 EPSG:${def.epsg}(${def.nameZh}),但坐标数值与之不符。${proposal.reasonZh}`,
    { file, epsg: def.epsg, proposal },
  );
}

/**
 * Decides the source CRS: the user's choice → the .prj → a GeoJSON "crs" member / RFC 7946.
 * Never guesses silently: no .prj → 'missing_prj', an unknown one → 'unknown_crs', both with
 * `details.proposal` (proposeCrs) for the UI to offer and the CLI to print (naming --crs).
 */
export function decideCrs(input: CrsDecisionInput): CrsDecision {
  const { file, sample } = input;
  const proposal = proposeCrs(sample);
  const decided = (def: CrsDef, source: CrsDecision['source'], evidence: string, how: string): CrsDecision => {
    checkAgainstMagnitudes(def, proposal, file, how);
    const w = DATUM_WARNINGS[def.datum];
    return { epsg: def.epsg, name: def.name, source, evidence, warnings: w ? [w] : [] };
  };
  if (input.userChoice !== undefined && input.userChoice !== null && input.userChoice !== '') {
    const def = parseCrsChoice(input.userChoice);
    return decided(def, 'user', `EPSG:${def.epsg} chosen by the user`, 'the chosen coordinate system');
  }
  if (input.prj !== undefined && input.prj !== null && input.prj.trim() !== '') {
    try {
      const m = prjToEpsg(input.prj, file.replace(/\.[^.]+$/, '') + '.prj');
      return decided(crsDef(m.epsg)!, 'prj', m.evidence, 'the .prj');
    } catch (e) {
      if (e instanceof PlannerError && e.code === 'unknown_crs') {
        throw new PlannerError(e.code, `${e.message} ${proposal.reasonEn}`, `${e.messageZh}${proposal.reasonZh}`, { ...e.details, proposal });
      }
      throw e;
    }
  }
  if (input.geojsonCrs) {
    const { epsg, evidence } = input.geojsonCrs;
    if (epsg !== null) {
      const def = crsDef(epsg);
      if (!def) throw unsupportedCrs(`EPSG:${epsg} (${evidence})`);
      return decided(def, 'geojson', evidence, 'the GeoJSON "crs" member');
    }
    if (magnitude(proposal).kind === 'degrees' || proposal.epsg === null) {
      return decided(crsDef(4326)!, 'geojson', `${evidence}: RFC 7946 longitude/latitude (WGS84 ≈ CGCS2000)`, 'RFC 7946');
    }
    throw new PlannerError(
      'unknown_crs',
      `${file} has no "crs" member, so RFC 7946 longitude/latitude applies, but its coordinates are not degrees. ${proposal.reasonEn} Choose the coordinate system (e.g. --crs EPSG:${proposal.epsg}).`,
      `${file} 没有 "crs" 成员,按 RFC 7946 应为经纬度,但坐标不是度。${proposal.reasonZh}请指定坐标系(例如 --crs EPSG:${proposal.epsg})。`,
      { file, found: 'no crs member', proposal },
    );
  }
  throw new PlannerError(
    'missing_prj',
    `${file} has no .prj, so its coordinate system is unknown. ${proposal.reasonEn} Choose the coordinate system${proposal.epsg !== null ? ` (e.g. --crs EPSG:${proposal.epsg})` : ' (--crs EPSG:n)'}.`,
    `${file} 缺少 .prj 文件,坐标系未知。${proposal.reasonZh}请指定坐标系${proposal.epsg !== null ? `(例如 --crs EPSG:${proposal.epsg})` : '(--crs EPSG:n)'}。`,
    { file, proposal },
  );
}
