import iconv from 'iconv-lite';
import { PlannerError } from '../../../../shared/api/planner-error.js';

/**
 * Which text encoding a DBF (or GeoJSON) is in, decided in DESIGN §4's order:
 * the user's choice → the .cpg → the DBF's LDID byte → detection over the text bytes → ask.
 * The decision and its evidence go into the import report.
 */
export type EncodingSource = 'user' | 'cpg' | 'ldid' | 'detected' | 'ask';

export interface EncodingDecision {
  /** an iconv-lite encoding name: 'gbk', 'gb18030', 'utf-8', 'ascii', 'windows-1252', … */
  encoding: string;
  source: EncodingSource;
  evidence: string;
  evidenceZh: string;
  /** with source 'ask': the encodings worth offering, best first (`encoding` is the first) */
  candidates?: string[];
}

export interface DecideEncodingInput {
  userChoice?: string | null;
  cpgText?: string | null;
  ldid?: number | null;
  /** text bytes (DBF character fields, or a whole GeoJSON file); a function is called only when detection is needed */
  sampleBytes: readonly Uint8Array[] | (() => readonly Uint8Array[]);
}

/** A .cpg / user label → iconv-lite name, or undefined when not recognised (or not decisive, "ANSI"). */
export function normalizeEncodingLabel(label: string): string | undefined {
  const t = label.trim().toUpperCase().replace(/[\s_\-.]+/g, '');
  if (t === '') return undefined;
  if (['GBK', 'GB2312', 'CP936', '936', 'ANSI936', 'WINDOWS936', 'MS936', 'EUCCN', 'GB231280', 'CHINESE'].includes(t)) return 'gbk';
  if (['GB18030', '54936', 'CP54936'].includes(t)) return 'gb18030';
  if (['UTF8', '65001', 'CP65001', 'UNICODE'].includes(t)) return 'utf-8';
  if (['ASCII', 'USASCII', '20127'].includes(t)) return 'ascii';
  if (['BIG5', '950', 'CP950', 'ANSI950'].includes(t)) return 'big5';
  if (['949', 'CP949', 'ANSI949', 'EUCKR'].includes(t)) return 'cp949';
  if (['932', 'CP932', 'ANSI932', 'SHIFTJIS', 'SJIS'].includes(t)) return 'shift_jis';
  if (['LATIN1', 'ISO88591', '88591', '28591'].includes(t)) return 'iso-8859-1';
  const iso = /^(?:ISO)?8859(\d{1,2})$/.exec(t);
  if (iso && iconv.encodingExists(`iso-8859-${iso[1]}`)) return `iso-8859-${iso[1]}`;
  const cp = /^(?:ANSI|CP|WINDOWS|IBM|OEM)?(\d{3,5})$/.exec(t);
  if (cp) {
    const n = Number(cp[1]);
    if (n >= 1250 && n <= 1258 && iconv.encodingExists(`windows-${n}`)) return `windows-${n}`;
    if (iconv.encodingExists(`cp${n}`)) return `cp${n}`;
  }
  return undefined;
}

/** DBF language driver IDs (byte 29) → code page. 0x57 is "current ANSI" and says nothing. */
const LDID: Record<number, string> = {
  0x01: 'cp437', 0x02: 'cp850', 0x03: 'windows-1252', 0x08: 'cp865', 0x09: 'cp437', 0x0a: 'cp850', 0x0b: 'cp437',
  0x0d: 'cp437', 0x0e: 'cp850', 0x0f: 'cp437', 0x10: 'cp850', 0x11: 'cp437', 0x12: 'cp850', 0x13: 'shift_jis',
  0x14: 'cp850', 0x15: 'cp437', 0x16: 'cp850', 0x17: 'cp865', 0x18: 'cp437', 0x19: 'cp437', 0x1a: 'cp850',
  0x1b: 'cp437', 0x1c: 'cp863', 0x1d: 'cp850', 0x1f: 'cp852', 0x22: 'cp852', 0x23: 'cp852', 0x24: 'cp860',
  0x25: 'cp850', 0x26: 'cp866', 0x37: 'cp850', 0x40: 'cp852', 0x4d: 'gbk', 0x4e: 'cp949', 0x4f: 'big5',
  0x50: 'cp874', 0x58: 'windows-1252', 0x59: 'windows-1252', 0x64: 'cp852', 0x65: 'cp866', 0x66: 'cp865',
  0x67: 'cp861', 0x6a: 'cp737', 0x6b: 'cp857', 0x6c: 'cp863', 0x78: 'big5', 0x79: 'cp949', 0x7a: 'gbk',
  0x7b: 'shift_jis', 0x7c: 'cp874', 0x7d: 'windows-1255', 0x7e: 'windows-1256', 0x86: 'cp737', 0x87: 'cp852',
  0x88: 'cp857', 0xc8: 'windows-1250', 0xc9: 'windows-1251', 0xca: 'windows-1254', 0xcb: 'windows-1253',
  0xcc: 'windows-1257',
};

export function ldidToEncoding(ldid: number | null | undefined): string | undefined {
  return ldid === null || ldid === undefined ? undefined : LDID[ldid];
}

const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;

export interface Detection {
  ascii: boolean;
  highBytes: number;
  utf8Valid: boolean;
  utf8Sequences: number;
  gbkPairs: number;
  /** pairs in GB2312's hanzi (lead 0xB0–0xF7) or symbol (0xA1–0xA9) rows, trail 0xA1–0xFE */
  gbkCommonPairs: number;
  gb18030Quads: number;
  gbkInvalid: number;
}

/** One pass per interpretation over all samples. */
export function analyseBytes(samples: readonly Uint8Array[]): Detection {
  const d: Detection = { ascii: true, highBytes: 0, utf8Valid: true, utf8Sequences: 0, gbkPairs: 0, gbkCommonPairs: 0, gb18030Quads: 0, gbkInvalid: 0 };
  for (const s of samples) {
    const n = s.length;
    // UTF-8 (strict: no overlongs, no surrogates, ≤ U+10FFFF)
    for (let i = 0; i < n && d.utf8Valid; ) {
      const b = s[i]!;
      if (b < 0x80) {
        i++;
        continue;
      }
      let need = 0;
      let min = 0;
      if (b >= 0xc2 && b <= 0xdf) need = 1;
      else if (b >= 0xe0 && b <= 0xef) need = 2;
      else if (b >= 0xf0 && b <= 0xf4) need = 3;
      else {
        d.utf8Valid = false;
        break;
      }
      let cp = b & (0x3f >> need);
      min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
      for (let k = 1; k <= need; k++) {
        const c = s[i + k];
        if (c === undefined || (c & 0xc0) !== 0x80) {
          d.utf8Valid = false;
          break;
        }
        cp = (cp << 6) | (c & 0x3f);
      }
      if (!d.utf8Valid) break;
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) d.utf8Valid = false;
      d.utf8Sequences++;
      i += need + 1;
    }
    // GBK / GB18030
    for (let i = 0; i < n; ) {
      const b = s[i]!;
      if (b < 0x80) {
        i++;
        continue;
      }
      d.ascii = false;
      d.highBytes++;
      const t = s[i + 1];
      if (b >= 0x81 && b <= 0xfe && t !== undefined && t >= 0x30 && t <= 0x39) {
        const t2 = s[i + 2];
        const t3 = s[i + 3];
        if (t2 !== undefined && t2 >= 0x81 && t2 <= 0xfe && t3 !== undefined && t3 >= 0x30 && t3 <= 0x39) {
          d.gb18030Quads++;
          i += 4;
          continue;
        }
        d.gbkInvalid++;
        i++;
        continue;
      }
      if (b >= 0x81 && b <= 0xfe && t !== undefined && t >= 0x40 && t <= 0xfe && t !== 0x7f) {
        d.gbkPairs++;
        if (((b >= 0xb0 && b <= 0xf7) || (b >= 0xa1 && b <= 0xa9)) && t >= 0xa1) d.gbkCommonPairs++;
        i += 2;
        continue;
      }
      d.gbkInvalid++;
      i++;
    }
  }
  return d;
}

const CONVINCING_GBK_SHARE = 0.9;
const MIN_EVIDENCE = 4;

/**
 * Detection alone: pure ASCII; valid UTF-8 with multibyte sequences; GBK/GB18030 when every high
 * byte forms a valid pair and ≥ 90 % of pairs are common GB2312 characters. Anything weaker asks.
 */
export function detectEncoding(samples: readonly Uint8Array[]): EncodingDecision {
  const d = analyseBytes(samples);
  if (d.ascii) return { encoding: 'ascii', source: 'detected', evidence: 'all text bytes are ASCII', evidenceZh: '全部文字均为 ASCII 字符' };
  const gbkValid = d.gbkInvalid === 0;
  const share = d.gbkPairs > 0 ? d.gbkCommonPairs / d.gbkPairs : 0;
  const gbkName = d.gb18030Quads > 0 ? 'gb18030' : 'gbk';
  const gbkStats = `${d.gbkPairs} double-byte pairs, ${(share * 100).toFixed(1)} % common GB2312 characters${d.gb18030Quads ? `, ${d.gb18030Quads} four-byte GB18030 sequences` : ''}, ${d.gbkInvalid} invalid`;
  if (d.utf8Valid && d.utf8Sequences > 0) {
    if (d.utf8Sequences >= MIN_EVIDENCE || !gbkValid) {
      return { encoding: 'utf-8', source: 'detected', evidence: `valid UTF-8 with ${d.utf8Sequences} multibyte sequences`, evidenceZh: `为有效的 UTF-8 编码(${d.utf8Sequences} 个多字节字符)` };
    }
    return {
      encoding: 'utf-8',
      source: 'ask',
      candidates: ['utf-8', gbkName],
      evidence: `too little text to tell UTF-8 (${d.utf8Sequences} sequences) from GBK (${gbkStats})`,
      evidenceZh: `文字太少,无法区分 UTF-8 与 GBK`,
    };
  }
  if (gbkValid && share >= CONVINCING_GBK_SHARE && d.gbkPairs + d.gb18030Quads >= MIN_EVIDENCE) {
    return { encoding: gbkName, source: 'detected', evidence: `not UTF-8; ${gbkStats}`, evidenceZh: `不是 UTF-8;${d.gbkPairs} 个双字节字符,其中 ${(share * 100).toFixed(1)}% 为常用汉字/符号` };
  }
  return {
    encoding: gbkName,
    source: 'ask',
    candidates: [gbkName, 'gb18030', 'utf-8', 'windows-1252'].filter((e, i, a) => a.indexOf(e) === i),
    evidence: `not UTF-8 and not convincingly GBK (${gbkStats})`,
    evidenceZh: `既不是 UTF-8,也不能确定为 GBK(${d.gbkPairs} 个双字节字符,常用汉字占 ${(share * 100).toFixed(1)}%,无效字节 ${d.gbkInvalid} 个)`,
  };
}

/** Applies DESIGN §4's chain. Throws 'unknown_encoding' for a user choice iconv-lite does not know. */
export function decideEncoding(input: DecideEncodingInput): EncodingDecision {
  if (input.userChoice !== undefined && input.userChoice !== null && input.userChoice.trim() !== '') {
    const enc = normalizeEncodingLabel(input.userChoice) ?? (iconv.encodingExists(input.userChoice.trim()) ? input.userChoice.trim().toLowerCase() : undefined);
    if (!enc) {
      throw new PlannerError(
        'unknown_encoding',
        `Unknown encoding "${input.userChoice}". Use e.g. GBK, GB18030 or UTF-8.`,
        `无法识别的编码"${input.userChoice}"。请使用 GBK、GB18030 或 UTF-8 等。`,
        { encoding: input.userChoice },
      );
    }
    return { encoding: enc, source: 'user', evidence: `chosen by the user (${input.userChoice.trim()})`, evidenceZh: `用户指定(${input.userChoice.trim()})` };
  }
  const notes: { en: string; zh: string }[] = [];
  if (input.cpgText !== undefined && input.cpgText !== null) {
    const label = input.cpgText.replace(/^\uFEFF/, '').trim();
    const enc = normalizeEncodingLabel(label);
    if (enc) return { encoding: enc, source: 'cpg', evidence: `.cpg says "${label}"`, evidenceZh: `.cpg 文件标明"${label}"` };
    notes.push({ en: `.cpg "${label}" not recognised`, zh: `.cpg 文件的"${label}"无法识别` });
  }
  const detected = () => detectEncoding(typeof input.sampleBytes === 'function' ? input.sampleBytes() : input.sampleBytes);
  const ldid = input.ldid ?? 0;
  if (ldid !== 0) {
    const enc = ldidToEncoding(ldid);
    if (enc === 'gbk') {
      return { encoding: 'gbk', source: 'ldid', evidence: `DBF language driver byte ${hex(ldid)} = code page 936 (GBK)`, evidenceZh: `DBF 语言驱动字节 ${hex(ldid)} 表示代码页 936(GBK)` };
    }
    if (enc) {
      // Tools often stamp a Western LDID on Chinese text; if the text clearly says otherwise, ask.
      const d = detected();
      if (d.source === 'detected' && d.encoding !== 'ascii' && d.encoding !== enc) {
        return {
          encoding: d.encoding,
          source: 'ask',
          candidates: [d.encoding, enc],
          evidence: `DBF language driver byte ${hex(ldid)} says ${enc}, but the text looks like ${d.encoding} (${d.evidence})`,
          evidenceZh: `DBF 语言驱动字节 ${hex(ldid)} 表示 ${enc},但文字看起来是 ${d.encoding}`,
        };
      }
      return { encoding: enc, source: 'ldid', evidence: `DBF language driver byte ${hex(ldid)} = ${enc}`, evidenceZh: `DBF 语言驱动字节 ${hex(ldid)} 表示 ${enc}` };
    }
    notes.push(
      ldid === 0x57
        ? { en: 'LDID 0x57 means "current ANSI code page" and is not decisive', zh: 'LDID 0x57 表示"当前系统代码页",不能据此判断' }
        : { en: `LDID ${hex(ldid)} unknown`, zh: `LDID ${hex(ldid)} 无法识别` },
    );
  }
  const d = detected();
  if (notes.length === 0) return d;
  return { ...d, evidence: `${notes.map((n) => n.en).join('; ')}; ${d.evidence}`, evidenceZh: `${notes.map((n) => n.zh).join(';')};${d.evidenceZh}` };
}

/**
 * For callers that cannot ask (the CLI, a batch): a decision with source 'ask' becomes
 * 'unknown_encoding', naming the candidates and --encoding. The UI instead shows decoded samples
 * in the candidates and lets the user pick.
 */
export function assertEncodingDecided(d: EncodingDecision, file: string): void {
  if (d.source !== 'ask') return;
  const c = (d.candidates ?? [d.encoding]).join(', ');
  throw new PlannerError(
    'unknown_encoding',
    `${file}: the text encoding cannot be told (${d.evidence}). Choose one of ${c} (e.g. --encoding ${d.encoding.toUpperCase()}).`,
    `${file}:无法判断文字编码(${d.evidenceZh})。请在 ${c} 中选择(例如 --encoding ${d.encoding.toUpperCase()})。`,
    { file, decision: d },
  );
}

/** Decodes with iconv-lite ('ascii' decodes as UTF-8, which it is a subset of). */
export function decodeBytes(bytes: Uint8Array, encoding: string): string {
  const enc = encoding === 'ascii' ? 'utf-8' : encoding;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return iconv.decode(buf, enc, { stripBOM: false });
}

/** True if iconv-lite can decode this name. */
export function encodingExists(encoding: string): boolean {
  return encoding === 'ascii' || iconv.encodingExists(encoding);
}

let gbkTable: Uint16Array | undefined;

/**
 * GBK double-byte → UTF-16 table (lead << 8 | trail), built once from iconv-lite's own GBK
 * decoding so results are identical; 0 marks pairs iconv-lite does not map to one character.
 */
function gbkPairs(): Uint16Array {
  if (gbkTable) return gbkTable;
  const table = new Uint16Array(65536);
  const keys: number[] = [];
  const bytes: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      keys.push((lead << 8) | trail);
      bytes.push(lead, trail, 0x0a);
    }
  }
  const parts = iconv.decode(Buffer.from(bytes), 'gbk').split('\n');
  keys.forEach((k, i) => {
    const s = parts[i];
    if (s !== undefined && s.length === 1 && s !== '\uFFFD') table[k] = s.charCodeAt(0);
  });
  gbkTable = table;
  return table;
}

/** The GBK pair table, built here if need be: import workers are handed the writer's (adoptGbkPairs). */
export function gbkPairTable(): Uint16Array {
  return gbkPairs();
}

/** Takes a table made by gbkPairTable in another thread instead of building it again (~50 ms). */
export function adoptGbkPairs(table: Uint16Array): void {
  if (!gbkTable && table.length === 65536) gbkTable = table;
}

/**
 * A fast decoder for a byte range of one buffer (DBF fields are decoded 100,000s of times):
 * ASCII → Latin-1 slice, UTF-8 → Buffer's native decoder, GBK/GB18030 → the table above with
 * iconv-lite for anything it does not cover (GB18030 four-byte sequences, unmapped pairs).
 */
export function rangeDecoder(buf: Buffer, encoding: string): (start: number, end: number) => string {
  const enc = encoding === 'ascii' ? 'utf-8' : encoding;
  const slow = (s: number, e: number) => iconv.decode(buf.subarray(s, e), enc);
  if (enc === 'utf-8') return (s, e) => buf.toString('utf8', s, e);
  if (enc !== 'gbk' && enc !== 'gb18030') {
    return (s, e) => {
      for (let i = s; i < e; i++) if (buf[i]! >= 0x80) return slow(s, e);
      return buf.toString('latin1', s, e);
    };
  }
  const table = gbkPairs();
  const codes: number[] = [];
  return (s, e) => {
    codes.length = 0;
    for (let i = s; i < e; i++) {
      const b = buf[i]!;
      if (b < 0x80) {
        codes.push(b);
        continue;
      }
      const c = i + 1 < e ? table[(b << 8) | buf[i + 1]!]! : 0;
      if (c === 0) return slow(s, e);
      codes.push(c);
      i++;
    }
    return String.fromCharCode.apply(null, codes);
  };
}
