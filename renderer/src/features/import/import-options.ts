import { isLedgerLayer, UPLOAD_NAME, type ImportLayer, type LedgerLayer } from '../../../../shared/api/import.js';
import { targetsFor } from '../../../../shared/domain/field-mapping.js';
import { ledgerTargets } from '../../../../shared/domain/ledger-mapping.js';
import { crsDef } from '../../../../shared/geo/proj-defs.js';

/** The layers a file can go into, in the order the wizard offers them (parcels first: the usual case). */
export const IMPORT_LAYERS: readonly ImportLayer[] = ['parcels', 'key_blocks', 'renewal_zones', 'platforms', 'transport'];

/** Spreadsheet ledgers (no geometry, keyed by parcel / project code): transfers first, the usual case. */
export const LEDGER_LAYERS: readonly LedgerLayer[] = ['transfers', 'factories'];

/** Where a file can go: a map layer, or a ledger. */
export type WizardLayer = ImportLayer | LedgerLayer;

/** What the file picker offers: a shapefile's parts, a zip, GeoJSON, or a ledger spreadsheet. */
export const ACCEPTED_FILES = '.shp,.shx,.dbf,.prj,.cpg,.zip,.geojson,.json,.xlsx,.csv';

/** The kind of data a layer or ledger takes. */
export function layerKind(layer: WizardLayer): 'map' | 'ledger' {
  return isLedgerLayer(layer) ? 'ledger' : 'map';
}

/** A ledger spreadsheet (.xlsx, .csv) rather than map data. */
export function isSpreadsheet(name: string): boolean {
  return /\.(xlsx|csv)$/i.test(name);
}

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

/** Targets a source field may be mapped to for a layer or ledger (columns and convertible inputs). */
export function mappingTargets(layer: WizardLayer): string[] {
  return isLedgerLayer(layer) ? ledgerTargets(layer) : targetsFor(layer);
}

export interface SortedFiles {
  accepted: File[];
  rejected: string[];
  /** Accepted files left out because a ledger is imported on its own, one spreadsheet at a time. */
  extra: string[];
  /** What the accepted files are: map data, or one ledger spreadsheet. */
  kind: 'map' | 'ledger';
}

/**
 * Splits a drop or a pick into files the backend accepts and the names it would refuse. A ledger
 * goes alone (the core reads one spreadsheet per import): with a spreadsheet among the files, the
 * first spreadsheet is taken and every other accepted file is named in `extra`, never sent silently.
 */
export function sortFiles(files: readonly File[]): SortedFiles {
  const accepted: File[] = [];
  const rejected: string[] = [];
  for (const f of files) {
    if (UPLOAD_NAME.test(f.name)) accepted.push(f);
    else rejected.push(f.name);
  }
  const sheet = accepted.find((f) => isSpreadsheet(f.name));
  if (!sheet) return { accepted, rejected, extra: [], kind: 'map' };
  return { accepted: [sheet], rejected, extra: accepted.filter((f) => f !== sheet).map((f) => f.name), kind: 'ledger' };
}

/**
 * The layer to import into once files of `kind` arrive: the user's choice if it fits them, else
 * the usual one of that kind (a spreadsheet → 出让台账, map data → parcels).
 */
export function layerForFiles(kind: SortedFiles['kind'], current: WizardLayer): WizardLayer {
  if (kind === 'ledger') return isLedgerLayer(current) ? current : 'transfers';
  return isLedgerLayer(current) ? 'parcels' : current;
}
