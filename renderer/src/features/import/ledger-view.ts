import type { PlannerError } from '../../../../shared/api/errors.js';
import type { PropertyValue } from '../../../../shared/api/geojson.js';
import { isLedgerLayer, type LedgerLayer, type LedgerPreview } from '../../../../shared/api/import.js';
import type { Locale } from '../../../../shared/api/settings.js';
import { LEDGER_COLUMNS, LEDGER_LABELS, ledgerColumnOf, type LedgerColumn, type LedgerTarget } from '../../../../shared/domain/ledger-mapping.js';
import { formatM2 } from '../../i18n/format.js';

/** Ledger helpers of the import wizard (pure: the components format with them). */

const TARGETS = Object.keys(LEDGER_LABELS) as LedgerTarget[];
const isTarget = (v: string): v is LedgerTarget => (TARGETS as string[]).includes(v);

/** The column a ledger target fills (出让面积(亩) → area_m2); unknown names as they are. */
export function ledgerColumn(target: string): string {
  return isTarget(target) ? ledgerColumnOf(target) : target;
}

/** A ledger field's name in the interface language (the shared domain's labels, as the CLI prints them). */
export function ledgerFieldLabel(target: string, locale: Locale): string {
  if (!isTarget(target)) return target;
  return locale === 'en' ? LEDGER_LABELS[target].en : LEDGER_LABELS[target].zh;
}

const M2_COLUMNS = new Set<string>(['area_m2', 'floor_m2']);

/** A stored ledger value as the wizard shows it: areas in m² to 0.01, blanks as a dash. */
export function ledgerValueText(value: PropertyValue | undefined, column: string, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number' && M2_COLUMNS.has(column)) return `${formatM2(value, locale)} m²`;
  return String(value);
}

/** Columns of the sample table: the ledger's columns the mapping fills, plus any the core filled (镇街 from the parcel). */
export function ledgerSampleColumns(preview: LedgerPreview): LedgerColumn[] {
  const filled = new Set(Object.values(preview.mapping).map(ledgerColumn));
  const columns: readonly LedgerColumn[] = LEDGER_COLUMNS[preview.layer];
  return columns.filter((c) => filled.has(c) || preview.sampleRows.some((r) => r[c] !== null && r[c] !== undefined));
}

/** Rows that would not be imported: unreadable values, duplicate keys or unknown parcel codes (a row counts once). */
export function problemRows(preview: LedgerPreview): number {
  return Math.max(0, preview.rows - preview.valid);
}

export interface LedgerProblem {
  /** The spreadsheet row number the user sees in Excel (for a CSV, the record number). */
  row: number;
  /** The row's parcel / project code, if it has one. */
  code: string | null;
  /** Each reason, naming the column and the value. */
  reasons: string[];
  /** The parcel code is not in the parcels layer. */
  unknownCode: boolean;
}

/**
 * Every row the import would not take, once each and in sheet order: unreadable values, duplicate
 * keys and unknown parcel codes together (a row can have several reasons).
 */
export function ledgerProblems(preview: Pick<LedgerPreview, 'invalid' | 'unknownCodes'>, locale: Locale, unknownReason: string): LedgerProblem[] {
  const en = locale === 'en';
  const byRow = new Map<number, LedgerProblem>();
  for (const x of preview.invalid) {
    const reasons = x.issues.map((i) => {
      const where = [i.column !== null ? (en ? `column "${i.column}"` : `“${i.column}”列`) : '', i.value !== null && !(en ? i.reason : i.reasonZh).includes(i.value) ? `“${i.value}”` : '']
        .filter((w) => w !== '')
        .join(' ');
      return `${where ? `${where}${en ? ': ' : ':'}` : ''}${en ? i.reason : i.reasonZh}`;
    });
    byRow.set(x.row, { row: x.row, code: x.key, reasons, unknownCode: false });
  }
  for (const u of preview.unknownCodes) {
    const p = byRow.get(u.row) ?? { row: u.row, code: u.code, reasons: [], unknownCode: false };
    p.unknownCode = true;
    p.code = p.code ?? u.code;
    p.reasons.push(unknownReason);
    byRow.set(u.row, p);
  }
  return [...byRow.values()].sort((a, b) => a.row - b.row);
}

export interface LedgerSheets {
  /** The workbook's sheets that can be read, in workbook order. */
  sheets: string[];
  /** The sheet read, or asked for (null: not known). */
  current: string | null;
}

const stringList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * The sheets a ledger workbook offers, when there is a choice (two or more): from the preview, or
 * from a refusal's details (a sheet without a required column, an unknown or empty sheet), so the
 * user can turn to another sheet from either.
 */
export function ledgerSheets(preview: LedgerPreview | null, error: PlannerError | null): LedgerSheets | null {
  if (preview) return preview.sheets && preview.sheets.length > 1 ? { sheets: preview.sheets, current: preview.sheet } : null;
  const d = error?.details ?? {};
  const sheets = stringList(d['sheets']);
  if (sheets.length < 2) return null;
  return { sheets, current: typeof d['sheet'] === 'string' ? d['sheet'] : null };
}

export interface MissingColumns {
  layer: LedgerLayer;
  /** The ledger columns no header is mapped to. */
  missing: LedgerColumn[];
  headers: string[];
  headerRow: number | null;
}

/** A ledger preview refused because a required column is not recognised: what the user must map. */
export function missingColumns(error: PlannerError | null, layer: string): MissingColumns | null {
  if (!error || error.code !== 'missing_required_field' || !isLedgerLayer(layer)) return null;
  const d = error.details ?? {};
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const headers = strings(d['headers']);
  if (headers.length === 0) return null;
  const columns: readonly string[] = LEDGER_COLUMNS[layer];
  const missing = strings(d['missing']).filter((c): c is LedgerColumn => columns.includes(c));
  return { layer, missing, headers, headerRow: typeof d['headerRow'] === 'number' ? d['headerRow'] : null };
}
