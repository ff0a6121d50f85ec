import { UPLOAD_NAME, type ImportLayer } from '../../../../shared/api/import.js';
import { targetsFor } from '../../../../shared/domain/field-mapping.js';
import { crsDef } from '../../../../shared/geo/proj-defs.js';

/** The layers a file can go into, in the order the wizard offers them (parcels first: the usual case). */
export const IMPORT_LAYERS: readonly ImportLayer[] = ['parcels', 'key_blocks', 'renewal_zones', 'platforms', 'transport'];

/** What the file picker offers: a shapefile's parts, a zip, GeoJSON. */
export const ACCEPTED_FILES = '.shp,.shx,.dbf,.prj,.cpg,.zip,.geojson,.json';

/** Encoding overrides: '' = automatic (.cpg → LDID → detection). Values are what the core accepts. */
export const ENCODING_CHOICES: readonly { value: string; labelKey: 'auto' | 'gbk' | 'gb18030' | 'utf8' }[] = [
  { value: '', labelKey: 'auto' },
  { value: 'gbk', labelKey: 'gbk' },
  { value: 'gb18030', labelKey: 'gb18030' },
  { value: 'utf-8', labelKey: 'utf8' },
];

/** The coordinate systems the bureau's files usually come in; any other EPSG code can be typed. */
const COMMON_EPSG: readonly number[] = [4549, 4528, 4490, 4326, 4548, 4527, 2385, 2437];

export interface CrsChoice {
  value: string;
  epsg: number;
  nameZh: string;
  nameEn: string;
}

export function crsChoice(epsg: number): CrsChoice | null {
  const def = crsDef(epsg);
  return def ? { value: `EPSG:${epsg}`, epsg, nameZh: def.nameZh, nameEn: def.name } : null;
}

/** The CRS list: common ones, plus any extra code in play (a proposal, the decided one, the user's). */
export function crsChoices(extra: readonly (number | null | undefined)[]): CrsChoice[] {
  const codes = [...COMMON_EPSG];
  for (const e of extra) if (typeof e === 'number' && !codes.includes(e)) codes.push(e);
  return codes.map(crsChoice).filter((c): c is CrsChoice => c !== null);
}

/** "EPSG:4549" → 4549; anything else → null. */
export function epsgOf(value: string | null | undefined): number | null {
  const m = value ? /^\s*(?:epsg\s*:\s*)?(\d{4,5})\s*$/i.exec(value) : null;
  return m ? Number(m[1]) : null;
}

/** Targets a source field may be mapped to for a layer (columns and convertible inputs). */
export function mappingTargets(layer: ImportLayer): string[] {
  return targetsFor(layer);
}

/** Splits a drop or a pick into files the backend accepts and the names it would refuse. */
export function sortFiles(files: readonly File[]): { accepted: File[]; rejected: string[] } {
  const accepted: File[] = [];
  const rejected: string[] = [];
  for (const f of files) {
    if (UPLOAD_NAME.test(f.name)) accepted.push(f);
    else rejected.push(f.name);
  }
  return { accepted, rejected };
}
