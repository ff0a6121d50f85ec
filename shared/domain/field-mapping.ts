/**
 * Field mapping for imports (issue 3 §3): recognises the bureau's usual field names (三调 DLTB,
 * pinyin initials, Chinese and English names; rules in field-rules.ts), lets the user override any
 * source field, remembers a mapping per source schema (mappingSignature) and applies it to one
 * record's attributes with value normalisation (field-values.ts). Source attributes are kept
 * verbatim by the importer as well (source_json); this module only fills the typed columns.
 */
import type { PropertyValue } from '../api/geojson.js';
import type { LayerId } from '../api/layers.js';
import {
  AREA_BASE_KEYS,
  AREA_UNIT_SUFFIXES,
  FIELD_RULES,
  IGNORED_FIELDS,
  TARGET_FIELDS,
  VIRTUAL_TARGETS,
  fieldKey,
  type RuleKind,
  type TargetField,
  type VirtualTarget,
} from './field-rules.js';
import { normaliseDate, normaliseStatus, normaliseTenure, parseNumber, type ValueProblemCode, type ValueResult } from './field-values.js';

export { TARGET_FIELDS, VIRTUAL_TARGETS, fieldKey, type TargetField } from './field-rules.js';

export interface SourceField {
  name: string;
  /** DBF type letter (C, N, F, D, L) or a JSON type (string, number, date, boolean); anything else is unknown. */
  type: string;
}

export interface MappingEvidence {
  source: string;
  /** null: recognised and deliberately left unmapped (e.g. BSM). */
  target: TargetField | null;
  rule: RuleKind | 'exact' | 'area_unit' | 'truncated' | 'ignored';
  noteZh?: string;
  noteEn?: string;
  /** The unit (m²) was assumed from a name without one: show it to the user. */
  assumption?: boolean;
}

export interface SuggestedMapping {
  mapping: Record<string, TargetField>;
  unmapped: string[];
  evidence: MappingEvidence[];
}

type Kind = 'text' | 'number' | 'date' | 'bool' | 'unknown';

function kindOf(type: string): Kind {
  const t = type.trim().toLowerCase();
  if (['n', 'f', 'number', 'integer', 'int', 'double', 'real', 'float', 'numeric'].includes(t)) return 'number';
  if (['d', 'date', 'datetime', 't', '@'].includes(t)) return 'date';
  if (['l', 'boolean', 'bool', 'logical'].includes(t)) return 'bool';
  if (['c', 'string', 'text', 'character', 'varchar'].includes(t)) return 'text';
  return 'unknown';
}

const NUMERIC_TARGETS = new Set<string>(['stated_area_m2', 'stated_area_mu', 'stated_area_ha', 'target_mu', 'investment_yi', 'investment_wan']);
const DATE_TARGETS = new Set<string>(['completed_on', 'landed_on']);

function typeFits(target: TargetField, kind: Kind): boolean {
  if (NUMERIC_TARGETS.has(target)) return kind !== 'date' && kind !== 'bool';
  if (DATE_TARGETS.has(target)) return kind !== 'bool';
  return true;
}

/** The column a target fills; only one source may fill each (land_use_name is joined, not exclusive). */
function slotOf(target: TargetField): string {
  if (target === 'land_use_name') return target;
  return (VIRTUAL_TARGETS as Record<string, { column: string }>)[target]?.column ?? target;
}

/** Targets a layer accepts: its columns and the virtual targets that convert into them. */
export function targetsFor(layer: LayerId): TargetField[] {
  const virtual = (Object.keys(VIRTUAL_TARGETS) as VirtualTarget[]).filter((v) => (VIRTUAL_TARGETS[v].layers as readonly string[]).includes(layer));
  return [...TARGET_FIELDS[layer], ...virtual];
}

interface Candidate {
  source: string;
  order: number;
  priority: number;
  evidence: MappingEvidence;
}

function areaCandidate(key: string): { target: TargetField; explicit: boolean; priority: number } | null {
  if (['亩数', 'ms', '面积亩'].includes(key)) return { target: 'stated_area_mu', explicit: true, priority: 1 };
  for (const base of AREA_BASE_KEYS) {
    if (!key.startsWith(base)) continue;
    const rest = key.slice(base.length);
    const priority = base === 'tbdlmj' ? 3 : base === 'tbmj' || rest !== '' ? 1 : 2;
    if (rest === '') return { target: 'stated_area_m2', explicit: false, priority };
    const unit = AREA_UNIT_SUFFIXES.find((u) => u.keys.includes(rest))?.unit;
    if (unit) return { target: unit === 'mu' ? 'stated_area_mu' : unit === 'ha' ? 'stated_area_ha' : 'stated_area_m2', explicit: true, priority };
  }
  return null;
}

const UNIT_NOTES: Record<string, [string, string]> = {
  stated_area_mu: ['按亩换算为平方米(×10000/15)', 'in mu, converted to m² (×10000/15)'],
  stated_area_ha: ['按公顷换算为平方米(×10000)', 'in hectares, converted to m² (×10000)'],
  stated_area_m2: ['单位为平方米', 'in m²'],
};

/** Proposes a mapping for a layer from the source schema; every decision comes with its evidence. */
/**
 * A DBF field name is at most 10 characters, so tools exporting our own field names cut them
 * (GDAL: recorded_block → recorded_b, stated_area_m2 → stated_are). A 10-character name that
 * begins exactly one longer target name is that target.
 */
function truncatedTarget(name: string, allowed: ReadonlySet<string>): TargetField | null {
  if (name.length !== 10) return null;
  const key = fieldKey(name);
  // Unit variants (stated_area_mu …) are inputs for names that say their unit; a cut name says none.
  const hits = [...allowed].filter((t) => t.length > 10 && !(t in VIRTUAL_TARGETS) && fieldKey(t).startsWith(key));
  return hits.length === 1 ? (hits[0] as TargetField) : null;
}

export function suggestMapping(layer: LayerId, sourceFields: readonly SourceField[]): SuggestedMapping {
  const rules = FIELD_RULES[layer];
  const allowed = new Set<string>(targetsFor(layer));
  const candidates: Candidate[] = [];
  const evidence: MappingEvidence[] = [];
  sourceFields.forEach(({ name, type }, order) => {
    const key = fieldKey(name);
    const kind = kindOf(type);
    const add = (priority: number, ev: MappingEvidence): void => {
      if (ev.target && allowed.has(ev.target) && typeFits(ev.target, kind)) candidates.push({ source: name, order, priority, evidence: ev });
    };
    const ignored = IGNORED_FIELDS[key];
    if (ignored) {
      evidence.push({ source: name, target: null, rule: 'ignored', noteZh: ignored[0], noteEn: ignored[1] });
      return;
    }
    if (allowed.has(key)) add(0, { source: name, target: key as TargetField, rule: 'exact' });
    for (const rule of rules) {
      if (!rule.keys.includes(key)) continue;
      const ev: MappingEvidence = { source: name, target: rule.target, rule: rule.kind };
      if (rule.noteZh) ev.noteZh = rule.noteZh;
      if (rule.noteEn) ev.noteEn = rule.noteEn;
      add(rule.priority, ev);
    }
    const area = layer === 'parcels' ? areaCandidate(key) : null;
    if (area) {
      const [zh, en] = area.explicit ? (UNIT_NOTES[area.target] as [string, string]) : ['名称未注明单位,按平方米处理,请确认', 'no unit in the name: taken as m², please confirm'];
      add(area.priority, { source: name, target: area.target, rule: 'area_unit', noteZh: zh, noteEn: en, ...(area.explicit ? {} : { assumption: true }) });
    }
    const truncated = candidates.some((c) => c.source === name) ? null : truncatedTarget(name, allowed);
    if (truncated) {
      add(3, {
        source: name,
        target: truncated,
        rule: 'truncated',
        noteZh: `字段名被截为 10 个字符(shapefile 的限制),按 ${truncated} 处理,请确认`,
        noteEn: `name cut to 10 characters (the shapefile limit): taken as ${truncated}, please confirm`,
        assumption: true,
      });
    }
  });
  candidates.sort((a, b) => a.priority - b.priority || a.order - b.order);
  const mapping: Record<string, TargetField> = {};
  const usedSlots = new Set<string>();
  for (const c of candidates) {
    const target = c.evidence.target as TargetField;
    if (c.source in mapping || usedSlots.has(slotOf(target))) continue;
    mapping[c.source] = target;
    usedSlots.add(slotOf(target));
    evidence.push(c.evidence);
  }
  // A land-use name is joined only to a DLBM land-use code.
  const nameSource = Object.keys(mapping).find((s) => mapping[s] === 'land_use_name');
  const codeSource = Object.keys(mapping).find((s) => mapping[s] === 'land_use');
  if (nameSource && (!codeSource || fieldKey(codeSource) !== 'dlbm')) {
    delete mapping[nameSource];
    evidence.splice(evidence.findIndex((e) => e.source === nameSource && e.target === 'land_use_name'), 1);
  }
  const unmapped = sourceFields.map((f) => f.name).filter((n) => !(n in mapping));
  return { mapping, unmapped, evidence };
}

export interface MappingError {
  source: string;
  target: string;
  reasonZh: string;
  reasonEn: string;
}

/**
 * Applies the user's choices (CLI `--map SRC=field`, the wizard's dropdowns) on top of a mapping:
 * a source mapped to a target takes that target's slot from any other source; null or '' unmaps.
 */
export function mergeOverrides(
  layer: LayerId,
  mapping: Readonly<Record<string, TargetField>>,
  overrides: Readonly<Record<string, string | null>>,
): { mapping: Record<string, TargetField>; errors: MappingError[] } {
  const allowed = targetsFor(layer);
  const out: Record<string, TargetField> = { ...mapping };
  const errors: MappingError[] = [];
  for (const [source, target] of Object.entries(overrides)) {
    if (target === null || target === '') {
      delete out[source];
      continue;
    }
    if (!(allowed as string[]).includes(target)) {
      errors.push({
        source,
        target,
        reasonZh: `图层 ${layer} 没有字段“${target}”;可用:${allowed.join(', ')}`,
        reasonEn: `layer ${layer} has no field "${target}"; choose one of ${allowed.join(', ')}`,
      });
      continue;
    }
    const t = target as TargetField;
    for (const [s, other] of Object.entries(out)) if (s !== source && slotOf(other) === slotOf(t)) delete out[s];
    out[source] = t;
  }
  return { mapping: out, errors };
}

/** A stable id of a source schema (its sorted field names), to remember the mapping chosen for it. */
export function mappingSignature(sourceFields: readonly Pick<SourceField, 'name'>[]): string {
  const names = sourceFields.map((f) => f.name.trim()).sort();
  // FNV-1a 64-bit over the UTF-16 code units, names separated by U+0001.
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = (1n << 64n) - 1n;
  for (const ch of names.join('\u0001')) {
    for (let i = 0; i < ch.length; i++) h = ((h ^ BigInt(ch.charCodeAt(i))) * prime) & mask;
  }
  return `fs1-${names.length}-${h.toString(16).padStart(16, '0')}`;
}

export interface FieldProblem {
  source: string;
  target: TargetField | string;
  value: string;
  code: ValueProblemCode | 'unknown_target';
  reasonZh: string;
  reasonEn: string;
}

export interface ApplyOptions {
  /** The project's status vocabulary (Settings.statuses values); default 未启动/整治中/已完成/已验收. */
  statuses?: readonly string[];
}

function textOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  const s = String(v).trim();
  return s === '' ? null : s;
}

/**
 * One record's source attributes → typed column values. Values that cannot be read become null
 * (dates, numbers) or stay as written (unknown status/tenure words); each is listed in problems.
 */
export function applyMapping(
  attrs: Readonly<Record<string, unknown>>,
  mapping: Readonly<Record<string, TargetField | string>>,
  overrides: Readonly<Record<string, string | null>> = {},
  opts: ApplyOptions = {},
): { properties: Record<string, PropertyValue>; problems: FieldProblem[] } {
  // Imports call this once per record with no overrides: then the mapping is used as it is.
  let effective: Readonly<Record<string, string>> = mapping;
  for (const [source, target] of Object.entries(overrides)) {
    const copy: Record<string, string> = effective === mapping ? { ...mapping } : (effective as Record<string, string>);
    if (target === null || target === '') delete copy[source];
    else {
      for (const [s, t] of Object.entries(copy)) if (s !== source && slotOf(t as TargetField) === slotOf(target as TargetField)) delete copy[s];
      copy[source] = target;
    }
    effective = copy;
  }
  const properties: Record<string, PropertyValue> = {};
  const problems: FieldProblem[] = [];
  let landUseName: string | null = null;
  for (const source in effective) {
    const target = effective[source] as string;
    const raw = attrs[source];
    // No closures in this loop: it runs for every field of every imported record.
    const virtual = (VIRTUAL_TARGETS as Record<string, { column: string; factor: number }>)[target];
    if (target === 'land_use_name') {
      landUseName = textOf(raw);
    } else if (NUMERIC_TARGETS.has(target)) {
      const n = valueOr(parseNumber(raw), null, problems, source, target, raw) as number | null;
      const column = virtual?.column ?? target;
      if (n !== null && n < 0) {
        const shown = textOf(raw) ?? '';
        problems.push({ source, target, value: shown, code: 'negative_number', reasonZh: `“${shown}”为负数`, reasonEn: `"${shown}" is negative` });
        properties[column] = null;
      } else properties[column] = n === null ? null : n * (virtual?.factor ?? 1);
    } else if (DATE_TARGETS.has(target)) {
      properties[target] = valueOr(normaliseDate(raw), null, problems, source, target, raw);
    } else if (target === 'status') {
      properties[target] = valueOr(normaliseStatus(raw, opts.statuses), textOf(raw), problems, source, target, raw);
    } else if (target === 'tenure') {
      properties[target] = valueOr(normaliseTenure(raw), textOf(raw), problems, source, target, raw);
    } else if (ALL_COLUMNS.has(target)) {
      properties[target] = textOf(raw);
    } else {
      problems.push({ source, target, value: textOf(raw) ?? '', code: 'unknown_target', reasonZh: `未知目标字段“${target}”`, reasonEn: `unknown target field "${target}"` });
    }
  }
  if (landUseName !== null) {
    const code = properties['land_use'];
    properties['land_use'] = typeof code === 'string' && !code.includes(landUseName) ? `${code} ${landUseName}` : (code ?? landUseName);
  }
  return { properties, problems };
}

/** A parsed value, or `onFail` with the problem recorded (the value as written, for the report). */
function valueOr<T extends PropertyValue>(res: ValueResult<T>, onFail: PropertyValue, problems: FieldProblem[], source: string, target: string, raw: unknown): PropertyValue {
  if (res.ok) return res.value;
  problems.push({ source, target, value: textOf(raw) ?? '', code: res.code, reasonZh: res.reasonZh, reasonEn: res.reasonEn });
  return onFail;
}

const ALL_COLUMNS = new Set<string>(Object.values(TARGET_FIELDS).flat());
