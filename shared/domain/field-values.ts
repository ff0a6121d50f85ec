/**
 * Normalising attribute values from the bureau's files: dates in every form they come in, status
 * and tenure synonyms, numbers written as text. Each function returns the value or a specific,
 * bilingual problem; it never guesses silently.
 */

export type ValueResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: ValueProblemCode; reasonZh: string; reasonEn: string };

export type ValueProblemCode =
  | 'bad_date'
  | 'impossible_date'
  | 'date_out_of_range'
  | 'date_year_only'
  | 'date_incomplete'
  | 'bad_number'
  | 'negative_number'
  | 'unknown_status'
  | 'unknown_tenure';

const ok = <T>(value: T): ValueResult<T> => ({ ok: true, value });
const fail = <T>(code: ValueProblemCode, reasonZh: string, reasonEn: string): ValueResult<T> => ({ ok: false, code, reasonZh, reasonEn });

/** Full-width digits and punctuation → ASCII (NFKC), trimmed. */
export function asciiText(v: string): string {
  return v.normalize('NFKC').trim();
}

const isBlank = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** Dates outside these years are refused as implausible (e.g. shpjs turns blanks into 1899-11-30). */
export const DATE_MIN_YEAR = 1900;
export const DATE_MAX_YEAR = 2100;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function ymd(y: number, m: number, d: number, raw: string): ValueResult<string | null> {
  if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR) {
    return fail('date_out_of_range', `日期“${raw}”的年份不在 ${DATE_MIN_YEAR}–${DATE_MAX_YEAR} 之间`, `date "${raw}" is outside the years ${DATE_MIN_YEAR}–${DATE_MAX_YEAR}`);
  }
  const t = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || d < 1 || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) {
    return fail('impossible_date', `日期“${raw}”不存在(月或日超出范围)`, `date "${raw}" does not exist (month or day out of range)`);
  }
  return ok(`${pad(y, 4)}-${pad(m)}-${pad(d)}`);
}

/** Excel day serial (1900 date system, with its fictitious 1900-02-29 as serial 60). */
export function excelSerialToDate(serial: number): ValueResult<string | null> {
  const day = Math.floor(serial);
  const epoch = Date.UTC(1899, 11, day >= 61 ? 30 : 31);
  const t = new Date(epoch + day * 86_400_000);
  return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), String(serial));
}

const EXCEL_MAX_SERIAL = 2_958_465; // 9999-12-31

function dateFromNumber(n: number): ValueResult<string | null> {
  const raw = String(n);
  if (!Number.isFinite(n) || n <= 0) return fail('bad_date', `“${raw}”不是日期`, `"${raw}" is not a date`);
  if (Number.isInteger(n) && n >= 1000 && n <= 9999) {
    return fail('date_year_only', `“${raw}”只有年份,缺少月日`, `"${raw}" is a year only, without month and day`);
  }
  if (Number.isInteger(n) && n >= 10_000_000 && n <= 99_999_999) {
    return ymd(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100, raw);
  }
  if (n <= EXCEL_MAX_SERIAL) return excelSerialToDate(n);
  return fail('bad_date', `“${raw}”不是可识别的日期`, `"${raw}" is not a recognised date`);
}

function dateFromDate(d: Date): ValueResult<string | null> {
  if (Number.isNaN(d.getTime())) return fail('bad_date', '日期无效', 'invalid date');
  // Readers build dates at local or at UTC midnight; take the calendar day of whichever it is.
  const localMidnight = d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0;
  const utcMidnight = d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0;
  const raw = d.toISOString();
  if (!localMidnight && utcMidnight) return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), raw);
  return ymd(d.getFullYear(), d.getMonth() + 1, d.getDate(), raw);
}

/**
 * A date in any of the usual forms → 'YYYY-MM-DD': 2023-05-06, 2023/5/6, 2023.05.06, 20230506,
 * 2023年5月6日, ISO date-times, Excel day serials (45052), Date objects. Blank → null.
 */
export function normaliseDate(v: unknown): ValueResult<string | null> {
  if (isBlank(v)) return ok(null);
  if (v instanceof Date) return dateFromDate(v);
  if (typeof v === 'number') return dateFromNumber(v);
  if (typeof v !== 'string') return fail('bad_date', `“${String(v)}”不是日期`, `"${String(v)}" is not a date`);
  const s = asciiText(v);
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), s);
  m = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), s);
  if (/^\d{4}\s*年\s*\d{1,2}\s*月$/.test(s) || /^\d{4}[-/.]\d{1,2}$/.test(s)) {
    return fail('date_incomplete', `日期“${s}”缺少日`, `date "${s}" has no day`);
  }
  if (/^\d+(\.\d+)?$/.test(s)) return dateFromNumber(Number(s));
  return fail('bad_date', `“${s}”不是可识别的日期`, `"${s}" is not a recognised date`);
}

/** A number, or text holding one (full-width digits, thousands separators, spaces). Blank → null. */
export function parseNumber(v: unknown): ValueResult<number | null> {
  if (isBlank(v)) return ok(null);
  if (typeof v === 'number') return Number.isFinite(v) ? ok(v) : fail('bad_number', '数值无效', 'not a finite number');
  if (typeof v !== 'string') return fail('bad_number', `“${String(v)}”不是数值`, `"${String(v)}" is not a number`);
  const s = asciiText(v).replace(/[,\s]/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return fail('bad_number', `“${v}”不是数值`, `"${v}" is not a number`);
  return ok(Number(s));
}

/** The plan's remediation statuses and the words offices use for them. */
const STATUS_SYNONYMS: Record<string, readonly string[]> = {
  已完成: ['已完成', '完成', '已整治', '整治完成', '完工', '已完工', '已竣工', '竣工', 'done', 'completed', 'complete', 'finished'],
  整治中: ['整治中', '在建', '实施中', '正在实施', '进行中', '推进中', '施工中', '正在整治', '整治推进中', 'inprogress', 'ongoing', 'underway'],
  未启动: ['未启动', '未开始', '未整治', '待整治', '待启动', '尚未启动', '未实施', 'notstarted', 'pending', 'planned'],
  已验收: ['已验收', '验收', '通过验收', '验收通过', 'accepted'],
};

const statusKey = (s: string): string => asciiText(s).toLowerCase().replace(/[\s_\-。.]/g, '');
const STATUS_LOOKUP = new Map<string, string>(
  Object.entries(STATUS_SYNONYMS).flatMap(([canon, words]) => words.map((w) => [statusKey(w), canon] as [string, string])),
);

/**
 * A status word → the vocabulary's value (已完成 / 整治中 / 未启动 / 已验收 by default). A value
 * already in `vocabulary` is kept as it is; unknown words are a problem (the caller keeps the raw text).
 */
export function normaliseStatus(v: unknown, vocabulary: readonly string[] = Object.keys(STATUS_SYNONYMS)): ValueResult<string | null> {
  if (isBlank(v)) return ok(null);
  const raw = asciiText(String(v));
  if (vocabulary.includes(raw)) return ok(raw);
  const canon = STATUS_LOOKUP.get(statusKey(raw));
  if (canon && vocabulary.includes(canon)) return ok(canon);
  return fail('unknown_status', `状态“${raw}”不在状态词表中(${vocabulary.join('、')})`, `status "${raw}" is not in the vocabulary (${vocabulary.join(', ')})`);
}

/**
 * Tenure (权属性质) → 国有 / 集体. 三调 QSXZ codes: 10 国有土地所有权, 20 国有土地使用权 → 国有;
 * 30–34 集体土地所有权 (村民小组, 村集体经济组织, 乡镇, 其他农民集体), 40 集体土地使用权 → 集体.
 */
export function normaliseTenure(v: unknown): ValueResult<'国有' | '集体' | null> {
  if (isBlank(v)) return ok(null);
  const raw = asciiText(String(v));
  const code = /^\d{2}$/.test(raw) ? Number(raw) : NaN;
  if (code >= 10 && code < 30) return ok('国有');
  if (code >= 30 && code < 50) return ok('集体');
  if (/^国有/.test(raw) || /^(state|g)$/i.test(raw)) return ok('国有');
  if (/集体/.test(raw) || /^(collective|j)$/i.test(raw)) return ok('集体');
  return fail('unknown_tenure', `权属“${raw}”无法识别为国有或集体`, `tenure "${raw}" is neither state (国有) nor collective (集体)`);
}
