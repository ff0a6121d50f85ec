/**
 * Field mapping for the two ledgers that live in spreadsheets (issue 4 §4): the transfer ledger
 * (出让台账) and the standard-factory ledger (标准厂房台账). Recognises the usual column headers,
 * takes units from the header (亩 / 公顷 / 平方米, 万元 / 元), lets the user override any column,
 * and turns one spreadsheet row into typed column values, listing every value it cannot read.
 * Unlike attributes of map features, a ledger value that cannot be read makes its row invalid.
 */
import { fieldKey } from './field-rules.js';
import { asciiText, normaliseDate, parseNumber } from './field-values.js';

export const LEDGER_LAYERS = ['transfers', 'factories'] as const;
export type LedgerLayerId = (typeof LEDGER_LAYERS)[number];

export function isLedgerLayerId(v: unknown): v is LedgerLayerId {
  return typeof v === 'string' && (LEDGER_LAYERS as readonly string[]).includes(v);
}

/** The ledger tables' columns an import fills (electron/core/project/migrations.ts). */
export const LEDGER_COLUMNS = {
  transfers: ['parcel_code', 'contract_date', 'area_m2', 'price_wan', 'buyer', 'land_use', 'town'],
  factories: ['code', 'name', 'parcel_code', 'floor_m2', 'completed_on', 'town'],
} as const satisfies Record<LedgerLayerId, readonly string[]>;

export type LedgerColumn = (typeof LEDGER_COLUMNS)[LedgerLayerId][number];

/** Input-only targets converted into a column: an area in 亩 or 公顷, a price in 元, a floor area in 万㎡. */
export const LEDGER_VIRTUAL = {
  area_mu: { column: 'area_m2', factor: 10000 / 15, layer: 'transfers' },
  area_ha: { column: 'area_m2', factor: 10000, layer: 'transfers' },
  price_yuan: { column: 'price_wan', factor: 1e-4, layer: 'transfers' },
  floor_wan_m2: { column: 'floor_m2', factor: 10000, layer: 'factories' },
} as const;

export type LedgerVirtual = keyof typeof LEDGER_VIRTUAL;
export type LedgerTarget = LedgerColumn | LedgerVirtual;

/** Columns every row must have: the key, and what the goals count (date, area). */
export const LEDGER_REQUIRED: Record<LedgerLayerId, readonly LedgerColumn[]> = {
  transfers: ['parcel_code', 'contract_date', 'area_m2'],
  factories: ['code', 'floor_m2'],
};

/** The column that identifies a record (re-importing a ledger updates the records it names). */
export const LEDGER_KEY: Record<LedgerLayerId, LedgerColumn> = { transfers: 'parcel_code', factories: 'code' };

export const LEDGER_LABELS: Record<LedgerTarget, { zh: string; en: string }> = {
  parcel_code: { zh: '地块编号', en: 'parcel code' },
  contract_date: { zh: '合同签订日期', en: 'contract date' },
  area_m2: { zh: '出让面积(平方米)', en: 'area (m²)' },
  area_mu: { zh: '出让面积(亩)', en: 'area (mu)' },
  area_ha: { zh: '出让面积(公顷)', en: 'area (ha)' },
  price_wan: { zh: '成交价(万元)', en: 'price (10k yuan)' },
  price_yuan: { zh: '成交价(元)', en: 'price (yuan)' },
  buyer: { zh: '受让人', en: 'buyer' },
  land_use: { zh: '土地用途', en: 'land use' },
  town: { zh: '镇街', en: 'town' },
  code: { zh: '项目编号', en: 'project code' },
  name: { zh: '项目名称', en: 'project name' },
  floor_m2: { zh: '建筑面积(平方米)', en: 'floor area (m²)' },
  floor_wan_m2: { zh: '建筑面积(万平方米)', en: 'floor area (10k m²)' },
  completed_on: { zh: '竣工日期', en: 'completion date' },
};

const DATE_TARGETS = new Set<string>(['contract_date', 'completed_on']);
const NUMBER_TARGETS = new Set<string>(['area_m2', 'area_mu', 'area_ha', 'price_wan', 'price_yuan', 'floor_m2', 'floor_wan_m2']);
const POSITIVE_COLUMNS = new Set<string>(['area_m2', 'floor_m2']);
const CODE_TARGETS = new Set<string>(['parcel_code', 'code']);

/** Units a value may carry after its number ("12.5亩"), per target. */
const VALUE_UNITS: Record<string, readonly string[]> = {
  area_m2: ['平方米', '平米', 'm2', 'm²', '㎡'],
  floor_m2: ['平方米', '平米', 'm2', 'm²', '㎡'],
  area_mu: ['亩'],
  area_ha: ['公顷', 'ha'],
  price_wan: ['万元', '万'],
  price_yuan: ['元'],
  floor_wan_m2: ['万平方米', '万平米', '万m2', '万㎡'],
};

export function ledgerTargets(layer: LedgerLayerId): LedgerTarget[] {
  const virtual = (Object.keys(LEDGER_VIRTUAL) as LedgerVirtual[]).filter((v) => LEDGER_VIRTUAL[v].layer === layer);
  return [...LEDGER_COLUMNS[layer], ...virtual];
}

/** The column a target fills (area_mu → area_m2). */
export function ledgerColumnOf(target: LedgerTarget): LedgerColumn {
  return (LEDGER_VIRTUAL as Record<string, { column: LedgerColumn } | undefined>)[target]?.column ?? (target as LedgerColumn);
}

interface Rule {
  target: LedgerTarget;
  priority: number;
  keys: readonly string[];
  note?: [string, string];
  assumption?: boolean;
}

const rule = (target: LedgerTarget, priority: number, keys: readonly string[], note?: [string, string], assumption = false): Rule => ({
  target,
  priority,
  keys: keys.map(fieldKey),
  ...(note ? { note } : {}),
  assumption,
});

/**
 * base × unit-suffix headers: 出让面积(亩), 面积㎡ …; when a file has several, the first unit listed
 * wins (m² before 亩: the more precise figure). A bare base takes the default unit, flagged.
 */
function unitRules(bases: readonly string[], units: readonly [LedgerTarget, readonly string[], [string, string]][], fallback: [LedgerTarget, [string, string]]): Rule[] {
  const out: Rule[] = [];
  units.forEach(([target, suffixes, note], i) => out.push(rule(target, 1 + i / 10, bases.flatMap((b) => suffixes.map((s) => b + s)), note)));
  out.push(rule(fallback[0], 2, bases, fallback[1], true));
  return out;
}

const M2_SUFFIXES = ['平方米', '平米', 'm2', '㎡', 'm²', 'sqm'];
const PARCEL_CODE = rule('parcel_code', 1, ['地块编号', '宗地编号', '地块代码', '宗地代码', '地块编码', '宗地编码', '宗地号', '地块号', 'DKBH', 'ZDBH', 'ZDDM', 'DKDM', 'parcel_code', 'parcel']);
const TOWN = rule('town', 1, ['镇街', '乡镇', '所在镇街', '乡镇街道', '镇街道', '镇(街道)', '街道', '所属镇街', '乡镇名称', '镇街名称', 'XZ', 'SZZJ', 'town']);

const RULES: Record<LedgerLayerId, readonly Rule[]> = {
  transfers: [
    PARCEL_CODE,
    rule('parcel_code', 3, ['编号', 'BH', 'code']),
    rule('contract_date', 1, ['合同签订日期', '签订日期', '出让日期', '成交日期', '签约日期', '合同日期', '出让合同签订日期', '签订时间', '成交时间', '出让时间', '合同签订时间', 'QDRQ', 'HTQDRQ', 'CRRQ', 'CJRQ', 'contract_date']),
    rule('contract_date', 3, ['日期', 'date']),
    ...unitRules(
      ['出让面积', '面积', '用地面积', '土地面积', '宗地面积', '地块面积', '出让土地面积', 'CRMJ', 'MJ', 'TDMJ', 'ZDMJ', 'YDMJ', 'area'],
      [
        ['area_m2', M2_SUFFIXES, ['单位为平方米', 'in m²']],
        ['area_mu', ['亩', 'mu', '亩数'], ['按亩换算为平方米(×10000/15)', 'in mu, converted to m² (×10000/15)']],
        ['area_ha', ['公顷', 'ha'], ['按公顷换算为平方米(×10000)', 'in hectares, converted to m² (×10000)']],
      ],
      ['area_m2', ['名称未注明单位,按平方米处理,请确认', 'no unit in the header: taken as m², please confirm']],
    ),
    rule('area_mu', 1.1, ['亩数', '出让亩数'], ['按亩换算为平方米(×10000/15)', 'in mu, converted to m² (×10000/15)']),
    rule('area_m2', 0, ['area_m2'], ['单位为平方米', 'in m²']),
    ...unitRules(
      ['成交价', '成交价款', '成交总价', '出让价款', '出让金', '土地出让金', '出让价格', '成交价格', '出让总价', '价款', '总价', 'CJJ', 'CRJ', 'price'],
      [
        ['price_wan', ['万元', '万'], ['单位为万元', 'in 10k yuan']],
        ['price_yuan', ['元'], ['按元换算为万元(÷10000)', 'in yuan, converted to 10k yuan (÷10000)']],
      ],
      ['price_wan', ['名称未注明单位,按万元处理,请确认', 'no unit in the header: taken as 10k yuan, please confirm']],
    ),
    rule('price_wan', 0, ['price_wan'], ['单位为万元', 'in 10k yuan']),
    rule('buyer', 1, ['受让人', '竞得人', '受让单位', '受让方', '竞得单位', '竞得人名称', '受让人名称', '受让单位名称', '用地单位', 'SRR', 'JDR', 'buyer']),
    rule('land_use', 1, ['用途', '土地用途', '规划用途', '用地性质', '出让用途', '土地用途名称', 'TDYT', 'YT', 'land_use', 'landuse']),
    TOWN,
  ],
  factories: [
    rule('code', 1, ['项目编号', '厂房编号', '项目代码', '厂房项目编号', 'XMBH', 'XMDM', 'code']),
    rule('code', 3, ['编号', 'BH']),
    rule('name', 1, ['项目名称', '厂房名称', '厂房项目名称', 'XMMC', 'name']),
    rule('name', 3, ['名称', '项目', 'MC']),
    PARCEL_CODE,
    ...unitRules(
      ['建筑面积', '厂房面积', '厂房建筑面积', '总建筑面积', '建成面积', '竣工面积', 'JZMJ', 'floor_area', 'floor'],
      [
        ['floor_m2', M2_SUFFIXES, ['单位为平方米', 'in m²']],
        ['floor_wan_m2', ['万平方米', '万平米', '万m2', '万㎡'], ['按万平方米换算为平方米(×10000)', 'in 10k m², converted to m² (×10000)']],
      ],
      ['floor_m2', ['名称未注明单位,按平方米处理,请确认', 'no unit in the header: taken as m², please confirm']],
    ),
    rule('floor_m2', 0, ['floor_m2'], ['单位为平方米', 'in m²']),
    rule('completed_on', 1, ['竣工日期', '完工日期', '竣工时间', '完工时间', '竣工验收日期', '竣工验收时间', '建成日期', '建成时间', 'JGRQ', 'JGSJ', 'WGRQ', 'completed_on']),
    TOWN,
  ],
};

/** Headers known and deliberately left unmapped. */
const IGNORED: Record<string, [string, string]> = {
  [fieldKey('序号')]: ['序号是表内行号,不作编号', '序号 is the row number in the table, not a code'],
  [fieldKey('备注')]: ['备注不导入', 'remarks are not imported'],
};

export interface LedgerEvidence {
  source: string;
  target: LedgerTarget | null;
  rule: 'recognised' | 'ignored';
  noteZh?: string;
  noteEn?: string;
  /** The unit was assumed from a header without one: show it to the user. */
  assumption?: boolean;
}

export interface LedgerMapping {
  mapping: Record<string, LedgerTarget>;
  unmapped: string[];
  evidence: LedgerEvidence[];
}

/** Proposes a mapping from a ledger's headers; each header fills at most one column, best rule first. */
export function suggestLedgerMapping(layer: LedgerLayerId, headers: readonly string[]): LedgerMapping {
  const candidates: { source: string; order: number; rule: Rule }[] = [];
  const evidence: LedgerEvidence[] = [];
  headers.forEach((source, order) => {
    const key = fieldKey(source);
    const ignored = IGNORED[key];
    if (ignored) {
      evidence.push({ source, target: null, rule: 'ignored', noteZh: ignored[0], noteEn: ignored[1] });
      return;
    }
    for (const r of RULES[layer]) if (r.keys.includes(key)) candidates.push({ source, order, rule: r });
  });
  candidates.sort((a, b) => a.rule.priority - b.rule.priority || a.order - b.order);
  const mapping: Record<string, LedgerTarget> = {};
  const used = new Set<string>();
  for (const c of candidates) {
    const slot = ledgerColumnOf(c.rule.target);
    if (c.source in mapping || used.has(slot)) continue;
    mapping[c.source] = c.rule.target;
    used.add(slot);
    evidence.push({
      source: c.source,
      target: c.rule.target,
      rule: 'recognised',
      ...(c.rule.note ? { noteZh: c.rule.note[0], noteEn: c.rule.note[1] } : {}),
      ...(c.rule.assumption ? { assumption: true } : {}),
    });
  }
  return { mapping, unmapped: headers.filter((h) => !(h in mapping)), evidence };
}

export interface LedgerMappingError {
  source: string;
  target: string;
  reasonZh: string;
  reasonEn: string;
}

/**
 * The user's choices (CLI `--map SRC=field`, the wizard's dropdowns) on top of a mapping: a source
 * takes its target's column from any other source; null or '' unmaps. Unknown headers and targets are errors.
 */
export function mergeLedgerOverrides(
  layer: LedgerLayerId,
  mapping: Readonly<Record<string, LedgerTarget>>,
  overrides: Readonly<Record<string, string | null>>,
  headers: readonly string[],
): { mapping: Record<string, LedgerTarget>; errors: LedgerMappingError[] } {
  const allowed = ledgerTargets(layer) as string[];
  const out: Record<string, LedgerTarget> = {};
  for (const [s, t] of Object.entries(mapping)) if (headers.includes(s) && allowed.includes(t)) out[s] = t;
  const errors: LedgerMappingError[] = [];
  for (const [source, target] of Object.entries(overrides)) {
    if (!headers.includes(source)) {
      errors.push({ source, target: target ?? '', reasonZh: `表中没有“${source}”列;表头为:${headers.join('、')}`, reasonEn: `there is no column "${source}"; the headers are ${headers.join(', ')}` });
      continue;
    }
    if (target === null || target === '') {
      delete out[source];
      continue;
    }
    if (!allowed.includes(target)) {
      errors.push({ source, target, reasonZh: `${layer} 台账没有字段“${target}”;可用:${allowed.join(', ')}`, reasonEn: `the ${layer} ledger has no field "${target}"; choose one of ${allowed.join(', ')}` });
      continue;
    }
    const t = target as LedgerTarget;
    for (const [s, other] of Object.entries(out)) if (s !== source && ledgerColumnOf(other) === ledgerColumnOf(t)) delete out[s];
    out[source] = t;
  }
  return { mapping: out, errors };
}

/** Required columns no header is mapped to. */
export function missingRequired(layer: LedgerLayerId, mapping: Readonly<Record<string, LedgerTarget>>): LedgerColumn[] {
  const filled = new Set(Object.values(mapping).map(ledgerColumnOf));
  return LEDGER_REQUIRED[layer].filter((c) => !filled.has(c));
}

export type LedgerValue = string | number | null;

export interface LedgerProblem {
  code: string;
  /** the source header, or null when the column is not in the file */
  column: string | null;
  value: string | null;
  reasonZh: string;
  reasonEn: string;
}

function shown(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/** "12.5亩" → 12.5 when the unit is the column's own; another unit is a problem. */
function stripUnit(target: LedgerTarget, raw: unknown): { value: unknown; foreign: string | null } {
  if (typeof raw !== 'string') return { value: raw, foreign: null };
  const m = /^\s*([-+]?[\d.,\s０-９．，]+)\s*([^\d\s]+)\s*$/u.exec(raw);
  if (!m) return { value: raw, foreign: null };
  const unit = (m[2] as string).normalize('NFKC').toLowerCase();
  const own = (VALUE_UNITS[target] ?? []).map((u) => u.normalize('NFKC').toLowerCase());
  if (own.includes(unit)) return { value: m[1], foreign: null };
  const known = Object.values(VALUE_UNITS).flat().map((u) => u.normalize('NFKC').toLowerCase());
  return known.includes(unit) ? { value: raw, foreign: m[2] as string } : { value: raw, foreign: null };
}

/**
 * One spreadsheet row (cells by header) → the ledger's column values. Every value that cannot be
 * read, and every required value that is missing, is a problem naming the column and the value.
 */
export function applyLedgerMapping(
  layer: LedgerLayerId,
  cells: Readonly<Record<string, unknown>>,
  mapping: Readonly<Record<string, LedgerTarget>>,
): { values: Partial<Record<LedgerColumn, LedgerValue>>; problems: LedgerProblem[] } {
  const values: Partial<Record<LedgerColumn, LedgerValue>> = {};
  const problems: LedgerProblem[] = [];
  const sourceOf = new Map<LedgerColumn, string>();
  for (const [source, target] of Object.entries(mapping)) {
    const column = ledgerColumnOf(target);
    sourceOf.set(column, source);
    const raw = cells[source];
    const text = shown(raw);
    const problem = (code: string, reasonZh: string, reasonEn: string): void => {
      problems.push({ code, column: source, value: text, reasonZh, reasonEn });
      values[column] = null;
    };
    if (DATE_TARGETS.has(target)) {
      const d = normaliseDate(typeof raw === 'string' ? raw.trim() : raw);
      if (d.ok) values[column] = d.value;
      else problem(d.code, d.reasonZh, d.reasonEn);
    } else if (NUMBER_TARGETS.has(target)) {
      const { value, foreign } = stripUnit(target, raw);
      if (foreign) {
        problem('unit_mismatch', `“${text}”的单位“${foreign}”与本列(${LEDGER_LABELS[target].zh})不符`, `the unit "${foreign}" of "${text}" differs from the column's (${LEDGER_LABELS[target].en})`);
        continue;
      }
      const n = parseNumber(value);
      if (!n.ok) problem(n.code, n.reasonZh, n.reasonEn);
      else if (n.value !== null && n.value < 0) problem('negative_number', `“${text}”为负数`, `"${text}" is negative`);
      else if (n.value !== null && n.value === 0 && POSITIVE_COLUMNS.has(column)) problem('non_positive', `“${text}”:面积应大于 0`, `"${text}": the area must be greater than 0`);
      else {
        const factor = (LEDGER_VIRTUAL as Record<string, { factor: number } | undefined>)[target]?.factor ?? 1;
        values[column] = n.value === null ? null : n.value * factor;
      }
    } else if (CODE_TARGETS.has(target)) {
      values[column] = text === null ? null : asciiText(text);
    } else {
      values[column] = text === null ? null : text.replace(/\s+/g, ' ');
    }
  }
  for (const column of LEDGER_REQUIRED[layer]) {
    if (values[column] !== null && values[column] !== undefined) continue;
    const source = sourceOf.get(column) ?? null;
    if (source !== null && problems.some((p) => p.column === source)) continue;
    const label = LEDGER_LABELS[column];
    problems.push({ code: 'missing_value', column: source, value: null, reasonZh: `缺少${label.zh}`, reasonEn: `the ${label.en} is missing` });
  }
  return { values, problems };
}
