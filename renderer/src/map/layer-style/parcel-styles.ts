import type { ExpressionSpecification } from 'maplibre-gl';
import type { ParcelStyleId } from '../../../../shared/api/map-panel.js';
import type { ParcelFacetRow } from '../../../../shared/api/parcel-facets.js';
import type { StatusDef, VocabEntry } from '../../../../shared/api/settings.js';
import { FALLBACK_COLOR } from '../style-expressions.js';
import { colorRamp, paletteClasses, type ClassedStyle, type StyleClass } from './classes.js';

/** Parcel properties as the map reads them (works for GeoJSON and vector-tile sources alike). */
const text = (property: string): ExpressionSpecification => ['to-string', ['get', property]];
export const PARCEL_INPUT = {
  status: text('status'),
  town: text('town'),
  method: text('method'),
  block: text('block_code'),
  /** 'YYYY' of completed_on ('YYYY-MM-DD'); "" when there is none. */
  completedYear: ['slice', text('completed_on'), 0, 4],
  perMu: text('per_mu_class'),
} as const satisfies Record<string, ExpressionSpecification>;

/** Which facet (shared/api/parcel-facets.ts) each styling colours by. */
const FACET_OF: Record<ParcelStyleId, 'status' | 'method' | 'perMu' | 'completedYear'> = {
  status: 'status',
  method: 'method',
  perMu: 'perMu',
  year: 'completedYear',
};

/** A facet row's value as the styling's map input reads it (blank → ""). */
export function facetValue(row: ParcelFacetRow, style: ParcelStyleId): string {
  const v = row[FACET_OF[style]];
  return v === null ? '' : String(v);
}

/** Colours of the remediation methods, in vocabulary order; values met only in the data follow. */
export const METHOD_PALETTE = ['#c62828', '#6a3d9a', '#1f78b4', '#b15928', '#008080', '#7cb342', '#455a64', '#ffb300'];

/**
 * 亩均论英雄 classes (shared/domain/README.md): A best … D the usual remediation target. The names
 * are Zhejiang's for the four classes.
 */
export const PER_MU_CLASSES: readonly StyleClass[] = [
  { key: 'A', values: ['A'], labelZh: 'A 类 · 优先支持', labelEn: 'A · priority support', color: '#1a9850' },
  { key: 'B', values: ['B'], labelZh: 'B 类 · 提升发展', labelEn: 'B · upgrade and grow', color: '#91cf60' },
  { key: 'C', values: ['C'], labelZh: 'C 类 · 整治提升', labelEn: 'C · remediate and upgrade', color: '#fc8d59' },
  { key: 'D', values: ['D'], labelZh: 'D 类 · 倒逼整治', labelEn: 'D · forced remediation', color: '#d73027' },
];

/** Completion years, oldest light to newest dark. */
const YEAR_RAMP = ['#c6dbef', '#08519c'] as const;

export interface ParcelStyleContext {
  statuses: readonly StatusDef[];
  methods: readonly VocabEntry[];
  /** The project's parcel facets: methods and years met in the data. */
  facets: readonly ParcelFacetRow[];
}

/** How parcels are coloured for one choice of the layer panel (DESIGN §5: by status by default). */
export function parcelStyle(id: ParcelStyleId, ctx: ParcelStyleContext): ClassedStyle {
  switch (id) {
    case 'status':
      return {
        id: 'parcels/status',
        property: 'status',
        input: PARCEL_INPUT.status,
        classes: ctx.statuses.map((s) => ({ key: s.value, values: [s.value], labelZh: s.value, labelEn: s.labelEn, color: s.color })),
        fallback: fallback('其他或未填状态', 'Other or no status'),
      };
    case 'method':
      return { id: 'parcels/method', property: 'method', input: PARCEL_INPUT.method, classes: methodClasses(ctx), fallback: fallback('未填整治方式', 'No method') };
    case 'perMu':
      return { id: 'parcels/perMu', property: 'per_mu_class', input: PARCEL_INPUT.perMu, classes: PER_MU_CLASSES, fallback: fallback('未评价', 'Not classed') };
    case 'year':
      return { id: 'parcels/year', property: 'completed_on', input: PARCEL_INPUT.completedYear, classes: yearClasses(ctx.facets), fallback: fallback('未完成 / 无完成日期', 'Not completed') };
  }
}

function methodClasses(ctx: ParcelStyleContext): StyleClass[] {
  const known = new Set(ctx.methods.map((m) => m.value));
  const extra = [...new Set(ctx.facets.map((r) => r.method).filter((m): m is string => m !== null && !known.has(m)))].sort((a, b) =>
    a.localeCompare(b, 'zh-CN'),
  );
  const classes = paletteClasses([...known, ...extra], METHOD_PALETTE, FALLBACK_COLOR);
  const byValue = new Map(ctx.methods.map((m) => [m.value, m.labelEn]));
  return classes.map((c) => ({ ...c, labelEn: byValue.get(c.key) ?? c.labelEn }));
}

function yearClasses(facets: readonly ParcelFacetRow[]): StyleClass[] {
  const years = [...new Set(facets.map((r) => r.completedYear).filter((y): y is number => y !== null))].sort((a, b) => a - b);
  const colors = colorRamp(YEAR_RAMP[0], YEAR_RAMP[1], years.length);
  return years.map((y, i) => ({ key: String(y), values: [String(y)], labelZh: `${y} 年`, labelEn: String(y), color: colors[i] ?? FALLBACK_COLOR }));
}

function fallback(labelZh: string, labelEn: string): StyleClass {
  return { key: '', values: [], labelZh, labelEn, color: FALLBACK_COLOR };
}
