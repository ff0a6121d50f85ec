import { PlannerError } from '../../../shared/api/errors.js';
import { decideEncoding, decodeBytes, detectEncoding, type EncodingDecision } from '../import/readers/encoding.js';

/** A ledger's text encoding: like a shapefile's (DESIGN §4), with a byte-order mark as evidence. */
export interface LedgerEncoding {
  encoding: string;
  source: EncodingDecision['source'] | 'bom';
  evidence: string;
  evidenceZh: string;
  candidates?: string[];
}

const DETECT_BYTES = 4 * 1024 * 1024;

/**
 * The user's choice → a byte-order mark (UTF-8, UTF-16) → valid UTF-8 → GBK scoring (the same
 * detection as DBF text: encoding.ts). Returns source 'ask' when the text cannot tell.
 */
export function decideCsvEncoding(bytes: Uint8Array, userChoice?: string | null): LedgerEncoding {
  if (userChoice !== undefined && userChoice !== null && userChoice.trim() !== '') return decideEncoding({ userChoice, sampleBytes: [] });
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf-8', source: 'bom', evidence: 'UTF-8 byte-order mark (EF BB BF)', evidenceZh: '文件以 UTF-8 字节顺序标记(EF BB BF)开头' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', source: 'bom', evidence: 'UTF-16 LE byte-order mark (FF FE)', evidenceZh: '文件以 UTF-16 LE 字节顺序标记(FF FE)开头' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', source: 'bom', evidence: 'UTF-16 BE byte-order mark (FE FF)', evidenceZh: '文件以 UTF-16 BE 字节顺序标记(FE FF)开头' };
  let sample = bytes;
  if (bytes.length > DETECT_BYTES) {
    // Cut at a line end so a double-byte character is never split.
    const nl = bytes.lastIndexOf(0x0a, DETECT_BYTES);
    sample = bytes.subarray(0, nl > 0 ? nl + 1 : DETECT_BYTES);
  }
  return detectEncoding([sample]);
}

export function decodeCsv(bytes: Uint8Array, encoding: string): string {
  return decodeBytes(bytes, encoding).replace(/^\uFEFF/, '');
}

/** The delimiter of the first line: comma (Excel's 逗号分隔), tab, or semicolon, outside quotes. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[',', 0], ['\t', 0], [';', 0]]);
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) as number) + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > (counts.get(best) as number)) best = d;
  return best;
}

/**
 * RFC 4180 records: quoted fields may hold delimiters, doubled quotes and line breaks; CRLF, LF
 * and CR end a record. A quote left open at the end of the file is an error (the file is cut short).
 */
export function parseCsv(text: string, file: string, delimiter = detectDelimiter(text)): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  const endField = (): void => {
    record.push(field);
    field = '';
  };
  const endRecord = (): void => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < n) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (c === delimiter) endField();
    else if (c === '\r') {
      endRecord();
      if (text[i + 1] === '\n') i++;
    } else if (c === '\n') endRecord();
    else field += c;
    i++;
  }
  if (quoted) {
    throw new PlannerError('csv_unterminated_quote', `${file}: a quoted field is not closed; the file may be cut short.`, `${file}:有引号未闭合的字段,文件可能不完整。`, { file, records: records.length });
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}
