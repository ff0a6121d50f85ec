import type { ExportEncoding } from '../../../shared/api/export.js';
import type { PropertyValue } from '../../../shared/api/geojson.js';
import { encodeText, representable, truncateToBytes } from './text-encoding.js';

/**
 * Our own dBASE III writer for the shapefile export (ESRI Shapefile Technical Description; dBASE III
 * file format). Field types: C text, N number, D date (YYYYMMDD). Field names are at most
 * 10 bytes *in the file's encoding* (a hanzi is 2 bytes in GBK, 3 in UTF-8), made unique; the LDID
 * byte is 0x4D (cp936) for GBK and 0 for UTF-8 (no code exists; the .cpg says it).
 */

export type DbfType = 'C' | 'N' | 'D';

export interface DbfFieldSpec {
  /** the full name the short one stands for */
  fullName: string;
  type: DbfType;
  /** N only: integers (decimals 0) rather than real numbers */
  integer?: boolean;
}

export interface DbfField {
  name: string;
  fullName: string;
  type: DbfType;
  length: number;
  decimals: number;
  truncated: boolean;
}

export interface DbfIssue {
  code: 'text_truncated' | 'unencodable' | 'bad_date' | 'bad_number' | 'number_overflow';
  row: number;
  field: string;
}

export interface DbfWriteResult {
  bytes: Uint8Array;
  fields: DbfField[];
  issues: DbfIssue[];
}

export const LDID_CP936 = 0x4d;
const MAX_NAME_BYTES = 10;
const MAX_TEXT_BYTES = 254;
/** Width of N fields, as GDAL writes doubles (N 24.15): 8 integer digits with 15 decimals. */
const MAX_NUMBER_WIDTH = 24;
const MAX_DECIMALS = 15;
/** Text fields get room for edits in ArcGIS/QGIS, even when the data are short. */
const MIN_TEXT_WIDTH = 10;

/**
 * Short, unique field names (≤ 10 bytes in `encoding`, whole characters): the full name cut to fit,
 * and on a clash (compared case-insensitively, as dBASE tools do) the cut name with _1, _2, … .
 */
export function shortFieldNames(fullNames: readonly string[], encoding: ExportEncoding): { name: string; truncated: boolean }[] {
  const taken = new Set<string>();
  return fullNames.map((full) => {
    let name = truncateToBytes(full, MAX_NAME_BYTES, encoding);
    for (let n = 1; taken.has(name.toLowerCase()); n++) {
      const suffix = `_${n}`;
      name = `${truncateToBytes(full, MAX_NAME_BYTES - suffix.length, encoding)}${suffix}`;
    }
    taken.add(name.toLowerCase());
    return { name, truncated: name !== full };
  });
}

/** Decimals a number needs to be written exactly (its shortest round-trip form), capped at 15. */
function decimalsOf(v: number): number {
  if (Number.isInteger(v)) return 0;
  const s = Math.abs(v).toString();
  const e = s.indexOf('e');
  const mantissa = e < 0 ? s : s.slice(0, e);
  const exp = e < 0 ? 0 : Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const frac = dot < 0 ? 0 : mantissa.length - dot - 1;
  return Math.min(MAX_DECIMALS, Math.max(0, frac - exp));
}

function integerDigits(v: number): number {
  return Math.trunc(Math.abs(v)).toString().length + (v < 0 ? 1 : 0);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})/;

interface Layout {
  field: DbfField;
  /** encoded cell per row (C only), computed once */
  cells?: (Buffer | null)[];
}

/** Width and decimals of a numeric column from its values: every value written exactly when it fits. */
function numberLayout(values: readonly (number | null)[], integer: boolean): { length: number; decimals: number } {
  let digits = 1;
  let decimals = integer ? 0 : 1;
  let any = false;
  for (const v of values) {
    if (v === null) continue;
    any = true;
    digits = Math.max(digits, integerDigits(v));
    if (!integer) decimals = Math.max(decimals, decimalsOf(v));
  }
  if (!any) return integer ? { length: 10, decimals: 0 } : { length: MAX_NUMBER_WIDTH, decimals: MAX_DECIMALS };
  if (digits + (decimals > 0 ? decimals + 1 : 0) > MAX_NUMBER_WIDTH) decimals = Math.max(0, MAX_NUMBER_WIDTH - digits - 1);
  return { length: Math.min(MAX_NUMBER_WIDTH, digits + (decimals > 0 ? decimals + 1 : 0)), decimals };
}

function asNumber(v: PropertyValue | undefined): number | null | 'bad' {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : 'bad';
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = Number(v);
  return Number.isFinite(n) ? n : 'bad';
}

/**
 * Writes a .dbf: `rows[i][k]` is field k of record i. Values that cannot be written as they are
 * (text longer than 254 bytes, characters GBK lacks, malformed dates) are written as well as
 * possible and reported per row and field.
 */
export function writeDbf(specs: readonly DbfFieldSpec[], rows: readonly (readonly PropertyValue[])[], opts: { encoding: ExportEncoding; now: Date }): DbfWriteResult {
  const { encoding } = opts;
  const issues: DbfIssue[] = [];
  const names = shortFieldNames(specs.map((s) => s.fullName), encoding);
  const numbers: (number | null)[][] = specs.map(() => []);
  // Text repeats (statuses, towns, methods): each distinct string is encoded and checked once.
  const encoded = new Map<string, { bytes: Buffer; lossy: boolean; cut: boolean }>();
  const encodeCell = (raw: string) => {
    let e = encoded.get(raw);
    if (!e) {
      let bytes = encodeText(raw, encoding);
      const lossy = !representable(raw, encoding, bytes);
      const cut = bytes.length > MAX_TEXT_BYTES;
      if (cut) bytes = encodeText(truncateToBytes(raw, MAX_TEXT_BYTES, encoding), encoding);
      e = { bytes, lossy, cut };
      encoded.set(raw, e);
    }
    return e;
  };
  const layouts: Layout[] = specs.map((spec, k) => {
    const base = { name: names[k]!.name, fullName: spec.fullName, type: spec.type, truncated: names[k]!.truncated };
    if (spec.type === 'C') {
      let width = 1;
      const cells = rows.map((row, i) => {
        const v = row[k];
        if (v === null || v === undefined) return null;
        const e = encodeCell(String(v));
        if (e.lossy) issues.push({ code: 'unencodable', row: i, field: spec.fullName });
        if (e.cut) issues.push({ code: 'text_truncated', row: i, field: spec.fullName });
        width = Math.max(width, e.bytes.length);
        return e.bytes;
      });
      return { field: { ...base, length: Math.min(MAX_TEXT_BYTES, Math.max(MIN_TEXT_WIDTH, width)), decimals: 0 }, cells };
    }
    if (spec.type === 'N') {
      const col = numbers[k]!;
      rows.forEach((row, i) => {
        const n = asNumber(row[k]);
        if (n === 'bad') issues.push({ code: 'bad_number', row: i, field: spec.fullName });
        col.push(n === 'bad' ? null : n);
      });
      const integer = spec.integer === true && col.every((v) => v === null || Number.isSafeInteger(v));
      return { field: { ...base, ...numberLayout(col, integer) } };
    }
    return { field: { ...base, length: 8, decimals: 0 } };
  });

  const fields = layouts.map((l) => l.field);
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
  if (recordLength > 0xffff) throw new Error(`dbf records of ${recordLength} bytes exceed 65535`);
  const out = Buffer.alloc(headerLength + rows.length * recordLength + 1, 0x20);
  out.fill(0, 0, headerLength);
  out[0] = 0x03; // dBASE III without memo
  out[1] = opts.now.getFullYear() - 1900;
  out[2] = opts.now.getMonth() + 1;
  out[3] = opts.now.getDate();
  out.writeUInt32LE(rows.length, 4);
  out.writeUInt16LE(headerLength, 8);
  out.writeUInt16LE(recordLength, 10);
  out[29] = encoding === 'gbk' ? LDID_CP936 : 0;
  fields.forEach((f, k) => {
    const p = 32 + 32 * k;
    encodeText(f.name, encoding).copy(out, p, 0, MAX_NAME_BYTES);
    out[p + 11] = f.type.charCodeAt(0);
    out[p + 16] = f.length;
    out[p + 17] = f.decimals;
  });
  out[headerLength - 1] = 0x0d;

  let pos = headerLength;
  rows.forEach((row, i) => {
    out[pos] = 0x20; // not deleted
    let p = pos + 1;
    layouts.forEach((l, k) => {
      writeCell(l, k, row[k], i, p);
      p += l.field.length;
    });
    pos += recordLength;
  });
  out[pos] = 0x1a; // end of file

  /** One cell at `p`: text left-aligned, numbers right-aligned; blank (spaces, as allocated) for null. */
  function writeCell(l: Layout, k: number, v: PropertyValue | undefined, i: number, p: number): void {
    const f = l.field;
    switch (f.type) {
      case 'C': {
        const cell = l.cells![i];
        if (cell) cell.copy(out, p, 0, Math.min(cell.length, f.length));
        return;
      }
      case 'N': {
        const n = numbers[k]![i];
        if (n === null || n === undefined) return;
        const text = f.decimals > 0 ? n.toFixed(f.decimals) : Math.round(n).toString();
        if (text.length > f.length || text.includes('e')) {
          issues.push({ code: 'number_overflow', row: i, field: f.fullName });
          out.fill(0x2a, p, p + f.length);
          return;
        }
        out.write(text, p + f.length - text.length, 'latin1');
        return;
      }
      case 'D': {
        if (v === null || v === undefined || v === '') return;
        const m = DATE_RE.exec(String(v));
        if (!m) {
          issues.push({ code: 'bad_date', row: i, field: f.fullName });
          return;
        }
        out.write(`${m[1]}${m[2]}${m[3]}`, p, 'latin1');
        return;
      }
    }
  }

  return { bytes: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), fields, issues };
}
