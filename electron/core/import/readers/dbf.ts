import { PlannerError } from '../../../../shared/api/planner-error.js';
import type { PropertyValue } from '../../../../shared/api/geojson.js';
import { decideEncoding, rangeDecoder } from './encoding.js';
import type { EncodingDecision } from './encoding.js';
import { WarningLog } from './types.js';
import type { FieldInfo, FieldType } from './types.js';

/**
 * Our own dBASE III/IV reader. Why not shpjs's (parsedbf): it ignores the LDID byte, mis-decodes
 * .cpg "936"/"CP936", turns blank dates into 1899-11-30 and blank numbers into 0 (DESIGN §7).
 * Here: C → decoded, trimmed text; N/F → number or null (blank → null); D → 'YYYY-MM-DD' or null;
 * L → boolean or null; M → null (memo files are not read). Deleted records are flagged.
 */

export interface DbfFieldDescriptor {
  /** raw name bytes (may be GBK in Chinese files) */
  rawName: Uint8Array;
  type: string;
  length: number;
  decimals: number;
  /** byte offset inside a record (after the deletion flag) */
  offset: number;
}

export interface DbfHeader {
  version: number;
  recordCount: number;
  headerLength: number;
  recordLength: number;
  /** language driver ID (byte 29); 0 when absent */
  ldid: number;
  fields: DbfFieldDescriptor[];
}

function invalidDbf(file: string, why: string): PlannerError {
  return new PlannerError('invalid_dbf', `${file} is not a readable dBASE file: ${why}.`, `${file} 不是可读取的 dBASE 文件:${why}。`, { file, why });
}

export function readDbfHeader(bytes: Uint8Array, file: string): DbfHeader {
  if (bytes.length < 32) throw invalidDbf(file, `only ${bytes.length} bytes`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = bytes[0]!;
  const recordCount = dv.getUint32(4, true);
  const headerLength = dv.getUint16(8, true);
  const recordLength = dv.getUint16(10, true);
  const ldid = bytes[29]!;
  if (headerLength < 33 || headerLength > bytes.length) throw invalidDbf(file, `header length ${headerLength} does not fit the file`);
  if (recordLength < 1) throw invalidDbf(file, `record length ${recordLength}`);
  const fields: DbfFieldDescriptor[] = [];
  let offset = 1;
  for (let p = 32; p + 32 <= headerLength && bytes[p] !== 0x0d; p += 32) {
    let end = p;
    while (end < p + 11 && bytes[end] !== 0) end++;
    const type = String.fromCharCode(bytes[p + 11]!).toUpperCase();
    let length = bytes[p + 16]!;
    let decimals = bytes[p + 17]!;
    // Clipper/FoxPro store character widths > 255 with the high byte in the decimals byte.
    if (type === 'C' && decimals > 0 && offset + length + decimals * 256 <= recordLength) {
      length += decimals * 256;
      decimals = 0;
    }
    fields.push({ rawName: bytes.slice(p, end), type, length, decimals, offset });
    offset += length;
  }
  if (fields.length === 0) throw invalidDbf(file, 'no field descriptors');
  if (offset > recordLength) throw invalidDbf(file, `fields need ${offset} bytes per record but records have ${recordLength}`);
  const needed = headerLength + recordCount * recordLength;
  if (bytes.length < needed) {
    const complete = Math.max(0, Math.floor((bytes.length - headerLength) / recordLength));
    throw new PlannerError(
      'truncated_dbf',
      `${file} is truncated: its header announces ${recordCount} records (${needed} bytes) but the file has ${bytes.length} bytes (${complete} complete records).`,
      `${file} 文件不完整:文件头声明 ${recordCount} 条记录(${needed} 字节),实际只有 ${bytes.length} 字节(${complete} 条完整记录)。`,
      { file, recordCount, expectedBytes: needed, actualBytes: bytes.length, completeRecords: complete },
    );
  }
  return { version, recordCount, headerLength, recordLength, ldid, fields };
}

function hasHighByte(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/** Bytes for encoding detection: field names and every character value that is not pure ASCII (capped). */
export function dbfTextSamples(bytes: Uint8Array, header: DbfHeader, maxTotal = 1 << 20): Uint8Array[] {
  const out: Uint8Array[] = [];
  let total = 0;
  for (const f of header.fields) if (hasHighByte(f.rawName, 0, f.rawName.length)) out.push(f.rawName);
  const text = header.fields.filter((f) => f.type === 'C');
  for (let r = 0; r < header.recordCount && total < maxTotal; r++) {
    const base = header.headerLength + r * header.recordLength;
    for (const f of text) {
      const s = base + f.offset;
      if (hasHighByte(bytes, s, s + f.length)) {
        const [a, b] = trimRange(bytes, s, s + f.length);
        out.push(bytes.subarray(a, b));
        total += b - a;
      }
    }
  }
  return out;
}

function trimRange(bytes: Uint8Array, start: number, end: number): [number, number] {
  let a = start;
  let b = end;
  while (a < b && (bytes[a] === 0x20 || bytes[a] === 0x00)) a++;
  while (b > a && (bytes[b - 1] === 0x20 || bytes[b - 1] === 0x00)) b--;
  return [a, b];
}

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * A plain decimal ([+-]digits[.digits]) read without the general path's checks, or undefined for
 * anything else (and for long integers, which the general path may keep as text). Equal to
 * Number(text): up to 15 digits form an exact integer below 2^53 and 10^k is exact, so their one
 * division is the correctly rounded value Number gives; longer ones (GDAL writes N(24,15) areas
 * as 2493.940000000000055) are handed to Number.
 */
export function plainDecimal(bytes: Buffer, start: number, end: number): number | undefined {
  let i = start;
  const sign = bytes[i] === 0x2d ? -1 : 1;
  if (bytes[i] === 0x2d || bytes[i] === 0x2b) i++;
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i++) {
    const c = bytes[i] as number;
    if (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === 0x2e && fraction < 0) fraction = 0;
    else return undefined;
  }
  if (digits === 0) return undefined;
  if (digits > 15) return fraction < 0 ? undefined : Number(bytes.toString('latin1', start, end));
  return (sign * mantissa) / (POW10[fraction < 0 ? 0 : fraction] as number);
}

function fieldType(f: DbfFieldDescriptor): FieldType {
  switch (f.type) {
    case 'C':
      return 'string';
    case 'N':
    case 'F':
      return f.decimals === 0 && f.length < 16 ? 'integer' : 'number';
    case 'I':
      return 'integer';
    case 'O':
      return 'number';
    case 'D':
      return 'date';
    case 'L':
      return 'boolean';
    case 'M':
    case 'G':
    case 'B':
    case 'P':
      return 'memo';
    default:
      return 'unknown';
  }
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A DBF with its encoding decided; records are decoded on demand (bounded memory for big files). */
export class DbfTable {
  readonly header: DbfHeader;
  readonly fields: FieldInfo[];
  readonly encodingDecision: EncodingDecision;
  readonly warnings = new WarningLog();
  private readonly bytes: Buffer;
  private readonly file: string;
  private readonly decoder: (start: number, end: number) => string;

  constructor(bytes: Uint8Array, file: string, decision: EncodingDecision, header?: DbfHeader) {
    this.bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.file = file;
    this.header = header ?? readDbfHeader(bytes, file);
    this.encodingDecision = decision;
    this.decoder = rangeDecoder(this.bytes, decision.encoding);
    const seen = new Map<string, number>();
    this.fields = this.header.fields.map((f) => {
      let name = this.decodeName(f.rawName);
      const n = (seen.get(name) ?? 0) + 1;
      seen.set(name, n);
      if (n > 1) {
        this.warnings.add('duplicate_field', `Field name "${name}" appears ${n} times; renamed to "${name}_${n}".`, `字段名"${name}"重复,已改名为"${name}_${n}"。`, undefined, name);
        name = `${name}_${n}`;
      }
      const type = fieldType(f);
      if (type === 'memo') this.warnings.add('memo_field', `Memo field "${name}" is not read (memo files are not supported).`, `备注字段"${name}"未读取(不支持备注文件)。`, undefined, name);
      if (type === 'unknown') this.warnings.add('unknown_field_type', `Field "${name}" has DBF type "${f.type}"; kept as text.`, `字段"${name}"的类型"${f.type}"无法识别,按文本读取。`, undefined, name);
      return { name, type, sourceType: f.type, length: f.length, decimals: f.decimals };
    });
  }

  private decodeName(raw: Uint8Array): string {
    const b = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    const [s, e] = trimRange(b, 0, b.length);
    return rangeDecoder(b, this.encodingDecision.encoding)(s, e).trim();
  }

  get recordCount(): number {
    return this.header.recordCount;
  }

  isDeleted(i: number): boolean {
    return this.bytes[this.header.headerLength + i * this.header.recordLength] === 0x2a;
  }

  /** The record's values keyed by (decoded) field name. */
  record(i: number): Record<string, PropertyValue> {
    const { headerLength, recordLength } = this.header;
    const base = headerLength + i * recordLength;
    const out: Record<string, PropertyValue> = {};
    const defs = this.header.fields;
    for (let k = 0; k < defs.length; k++) {
      const f = defs[k]!;
      const info = this.fields[k]!;
      out[info.name] = this.value(f, info, base + f.offset, i);
    }
    return out;
  }

  private value(f: DbfFieldDescriptor, info: FieldInfo, start: number, index: number): PropertyValue {
    const b = this.bytes;
    switch (f.type) {
      case 'C': {
        const [s, e] = trimRange(b, start, start + f.length);
        return this.decoder(s, e);
      }
      case 'N':
      case 'F': {
        const [s, e] = trimRange(b, start, start + f.length);
        if (s === e) return null;
        const plain = plainDecimal(b, s, e);
        if (plain !== undefined) return plain;
        const text = b.toString('latin1', s, e);
        if (/^\*+$/.test(text)) return null; // overflow marker
        const v = Number(text.replace(',', '.'));
        if (!Number.isFinite(v)) {
          this.warnings.add('bad_number', `Field "${info.name}" has values that are not numbers (e.g. "${text}"); read as empty.`, `字段"${info.name}"含有非数字的值(如"${text}"),按空值读取。`, index, info.name);
          return null;
        }
        if (f.decimals === 0 && !Number.isSafeInteger(v) && /^[+-]?\d+$/.test(text)) {
          this.warnings.add('long_integer', `Field "${info.name}" holds integers longer than 15 digits; kept as text so no digit is lost.`, `字段"${info.name}"含有超过15位的整数,按文本保留以免丢失数字。`, index, info.name);
          return text;
        }
        return v;
      }
      case 'I':
        return b.readInt32LE(start);
      case 'O':
        return b.readDoubleLE(start);
      case 'D':
        return this.date(b.toString('latin1', start, start + f.length).trim(), info, index);
      case 'L': {
        const c = String.fromCharCode(b[start]!).toUpperCase();
        return c === 'T' || c === 'Y' ? true : c === 'F' || c === 'N' ? false : null;
      }
      case 'M':
      case 'G':
      case 'B':
      case 'P':
        return null;
      default: {
        const [s, e] = trimRange(b, start, start + f.length);
        return s === e ? null : this.decoder(s, e);
      }
    }
  }

  private date(text: string, info: FieldInfo, index: number): string | null {
    if (text === '' || /^0+$/.test(text)) return null;
    const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
    if (m) {
      const y = Number(m[1]);
      const mo = Number(m[2]);
      const d = Number(m[3]);
      const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
      if (y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= (mo === 2 && !leap ? 28 : DAYS[mo - 1]!)) return `${m[1]}-${m[2]}-${m[3]}`;
    }
    this.warnings.add('bad_date', `Field "${info.name}" has invalid dates (e.g. "${text}"); read as empty.`, `字段"${info.name}"含有无效日期(如"${text}"),按空值读取。`, index, info.name);
    return null;
  }

  get fileName(): string {
    return this.file;
  }
}

export interface OpenDbfOptions {
  file: string;
  /** the user's encoding choice (UI / --encoding) */
  encoding?: string | null;
  /** the .cpg text, if any */
  cpg?: string | null;
}

/** Reads the header, decides the encoding (user → .cpg → LDID → detection → ask) and opens the table. */
export function openDbf(bytes: Uint8Array, opts: OpenDbfOptions): DbfTable {
  const header = readDbfHeader(bytes, opts.file);
  const decision = decideEncoding({
    userChoice: opts.encoding ?? null,
    cpgText: opts.cpg ?? null,
    ldid: header.ldid,
    sampleBytes: () => dbfTextSamples(bytes, header),
  });
  return new DbfTable(bytes, opts.file, decision, header);
}
