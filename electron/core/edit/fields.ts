import type { EditTable, EditValue } from '../../../shared/api/edit.js';
import type { Settings } from '../../../shared/api/settings.js';
import { parseNumber } from '../../../shared/domain/field-values.js';

/**
 * What the edit path may change, per table, and how each value is checked. A check returns the
 * value as it will be stored, or the reason it is refused (Chinese and English).
 */
export type Checked = { ok: true; value: string | number | null } | { ok: false; zh: string; en: string };

/** What checks may consult: the vocabularies and the project's blocks and parcel codes. */
export interface CheckContext {
  settings: Settings;
  blockExists(code: string): boolean;
  parcelExists(code: string): boolean;
}

export interface FieldDef {
  labelZh: string;
  kind: 'text' | 'number' | 'date';
  check(value: EditValue, ctx: CheckContext): Checked;
}

const ok = (value: string | number | null): Checked => ({ ok: true, value });
const no = (zh: string, en: string): Checked => ({ ok: false, zh, en });

/** Text as typed, trimmed; blank → null when the field may be empty. */
function text(v: EditValue, nullable: boolean): Checked {
  const s = v === null ? '' : String(v).normalize('NFC').trim();
  if (s !== '') return ok(s);
  return nullable ? ok(null) : no('不能为空', 'must not be empty');
}

function oneOf(v: EditValue, allowed: readonly string[], nullable: boolean): Checked {
  const t = text(v, nullable);
  if (!t.ok || t.value === null) return t;
  if (allowed.includes(String(t.value))) return t;
  return no(`应为 ${allowed.join('、')} 之一`, `must be one of ${allowed.join(', ')}`);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date written YYYY-MM-DD (1900–2100); blank → null when the field may be empty. */
export function checkDate(v: EditValue, nullable: boolean): Checked {
  const t = text(v, nullable);
  if (!t.ok || t.value === null) return t;
  const s = String(t.value);
  const m = DATE_RE.exec(s);
  const bad = no('应为日期 YYYY-MM-DD(如 2023-08-01)', 'must be a date written YYYY-MM-DD (e.g. 2023-08-01)');
  if (!m) return bad;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || y > 2100 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return bad;
  return ok(s);
}

function num(v: EditValue, opts: { nullable: boolean; positive: boolean }): Checked {
  const r = parseNumber(v);
  if (!r.ok) return no(r.reasonZh, r.reasonEn);
  if (r.value === null) return opts.nullable ? ok(null) : no('不能为空', 'must not be empty');
  if (opts.positive ? r.value <= 0 : r.value < 0) {
    return opts.positive ? no('应大于 0', 'must be greater than 0') : no('不能为负数', 'must not be negative');
  }
  return ok(r.value);
}

function parcelRef(v: EditValue, ctx: CheckContext, nullable: boolean): Checked {
  const t = text(v, nullable);
  if (!t.ok || t.value === null) return t;
  return ctx.parcelExists(String(t.value)) ? t : no(`地块编号“${t.value}”不存在`, `no parcel has the code "${t.value}"`);
}

const TENURES = ['国有', '集体'] as const;
const PER_MU_CLASSES = ['A', 'B', 'C', 'D'] as const;

const PARCEL_FIELDS: Record<string, FieldDef> = {
  status: {
    labelZh: '整治状态',
    kind: 'text',
    check: (v, ctx) => oneOf(v, ctx.settings.statuses.map((s) => s.value), false),
  },
  method: {
    labelZh: '整治方式',
    kind: 'text',
    check: (v, ctx) => oneOf(v, ctx.settings.methods.map((m) => m.value), true),
  },
  completed_on: { labelZh: '完成日期', kind: 'date', check: (v) => checkDate(v, true) },
  owner: { labelZh: '权利人', kind: 'text', check: (v) => text(v, true) },
  town: { labelZh: '镇街', kind: 'text', check: (v) => text(v, true) },
  address: { labelZh: '坐落', kind: 'text', check: (v) => text(v, true) },
  block_code: {
    labelZh: '所属区块',
    kind: 'text',
    check: (v, ctx) => {
      const t = text(v, true);
      if (!t.ok || t.value === null) return t;
      return ctx.blockExists(String(t.value)) ? t : no(`区块“${t.value}”不存在`, `no key block has the code "${t.value}"`);
    },
  },
  recorded_block: { labelZh: '登记区块', kind: 'text', check: (v) => text(v, true) },
  tenure: { labelZh: '权属性质', kind: 'text', check: (v) => oneOf(v, TENURES, true) },
  land_use: { labelZh: '用途', kind: 'text', check: (v) => text(v, true) },
  per_mu_class: {
    labelZh: '亩均等级',
    kind: 'text',
    check: (v) => oneOf(typeof v === 'string' ? v.toUpperCase() : v, PER_MU_CLASSES, true),
  },
};

const TRANSFER_FIELDS: Record<string, FieldDef> = {
  parcel_code: { labelZh: '地块编号', kind: 'text', check: (v, ctx) => parcelRef(v, ctx, false) },
  contract_date: { labelZh: '合同日期', kind: 'date', check: (v) => checkDate(v, false) },
  area_m2: { labelZh: '出让面积(m²)', kind: 'number', check: (v) => num(v, { nullable: false, positive: true }) },
  price_wan: { labelZh: '成交价(万元)', kind: 'number', check: (v) => num(v, { nullable: true, positive: false }) },
  buyer: { labelZh: '受让人', kind: 'text', check: (v) => text(v, true) },
  land_use: { labelZh: '用途', kind: 'text', check: (v) => text(v, true) },
  town: { labelZh: '镇街', kind: 'text', check: (v) => text(v, true) },
};

const FACTORY_FIELDS: Record<string, FieldDef> = {
  name: { labelZh: '名称', kind: 'text', check: (v) => text(v, true) },
  parcel_code: { labelZh: '地块编号', kind: 'text', check: (v, ctx) => parcelRef(v, ctx, true) },
  floor_m2: { labelZh: '建筑面积(m²)', kind: 'number', check: (v) => num(v, { nullable: false, positive: true }) },
  completed_on: { labelZh: '竣工日期', kind: 'date', check: (v) => checkDate(v, true) },
  town: { labelZh: '镇街', kind: 'text', check: (v) => text(v, true) },
};

export const EDITABLE_FIELDS: Record<EditTable, Record<string, FieldDef>> = {
  parcels: PARCEL_FIELDS,
  transfers: TRANSFER_FIELDS,
  factories: FACTORY_FIELDS,
};

export const TABLE_LABEL_ZH: Record<EditTable, string> = { parcels: '地块', transfers: '出让记录', factories: '标准厂房' };

export function fieldDef(table: EditTable, field: string): FieldDef | undefined {
  const defs = EDITABLE_FIELDS[table];
  return Object.prototype.hasOwnProperty.call(defs, field) ? defs[field] : undefined;
}
