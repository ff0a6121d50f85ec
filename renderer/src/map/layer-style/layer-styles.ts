import type { ExpressionSpecification } from 'maplibre-gl';
import type { VocabEntry } from '../../../../shared/api/settings.js';
import { paletteClasses, type ClassedStyle, type StyleClass } from './classes.js';

/**
 * How the project's other layers are drawn (DESIGN §5): transport by mode and stage, platforms by
 * level, renewal zones by phase. style.ts builds the first paint from these, the map presenter
 * updates it, and the legend lists the same classes.
 */
const text = (property: string): ExpressionSpecification => ['to-string', ['get', property]];

/** Transport lines by mode: the bureau's values grouped into rail, transit, expressway, road, hub. */
export const TRANSPORT_MODES: ClassedStyle = {
  id: 'transport/mode',
  property: 'mode',
  input: text('mode'),
  classes: [
    { key: 'rail', values: ['铁路', '高铁', '城际铁路'], labelZh: '铁路', labelEn: 'Railway', color: '#5d4037' },
    { key: 'transit', values: ['轨道交通', '地铁', '轻轨'], labelZh: '轨道交通', labelEn: 'Rail transit', color: '#6a1b9a' },
    { key: 'expressway', values: ['高速', '高速公路'], labelZh: '高速公路', labelEn: 'Expressway', color: '#e65100' },
    { key: 'arterial', values: ['快速路'], labelZh: '快速路', labelEn: 'Urban expressway', color: '#f9a825' },
    { key: 'road', values: ['道路', '国道', '省道', '县道', '公路'], labelZh: '道路', labelEn: 'Road', color: '#546e7a' },
    {
      key: 'hub',
      values: ['枢纽', '海铁联运', '物流', '港口', '港区'],
      labelZh: '枢纽 · 物流 · 港口',
      labelEn: 'Hub, logistics, port',
      color: '#0277bd',
    },
  ],
  fallback: { key: '', values: [], labelZh: '其他方式', labelEn: 'Other mode', color: '#78909c' },
};

/** The stage at which a line is open: drawn solid; every earlier stage is dashed. */
export const OPEN_STAGE = '建成通车';
const BUILDING_STAGES = ['开工', '在建', '续建'];
const BUILDING_DASH = [3, 1.5];
const PLANNED_DASH = [1, 1.6];

/** Transport stages from the settings' vocabulary: solid when open, long dashes while building, short before. */
export function transportStages(stages: readonly VocabEntry[]): ClassedStyle {
  const classes = stages.map((s): StyleClass => {
    const base = { key: s.value, values: [s.value], labelZh: s.value, labelEn: s.labelEn, color: '#546e7a' };
    if (s.value === OPEN_STAGE) return base;
    return { ...base, dash: BUILDING_STAGES.includes(s.value) ? BUILDING_DASH : PLANNED_DASH };
  });
  return {
    id: 'transport/stage',
    property: 'stage',
    input: text('stage'),
    classes,
    fallback: { key: '', values: [], labelZh: '未填阶段', labelEn: 'No stage', color: '#546e7a', dash: PLANNED_DASH },
  };
}

/** Key blocks: one dashed outline (style.ts) and the same in the legend. */
export const KEY_BLOCK_DASH = [3, 1.5];

/** Industrial platforms by level: national widest. Dashed outlines, as before. */
export const PLATFORM_DASH = [5, 2];
export const PLATFORM_LEVELS: ClassedStyle = {
  id: 'platforms/level',
  property: 'level',
  input: text('level'),
  classes: [
    { key: '国家级', values: ['国家级'], labelZh: '国家级', labelEn: 'National', color: '#b71c1c', width: 3, dash: PLATFORM_DASH },
    { key: '省级', values: ['省级'], labelZh: '省级', labelEn: 'Provincial', color: '#4527a0', width: 2.5, dash: PLATFORM_DASH },
    { key: '市级', values: ['市级', '县级', '县市级'], labelZh: '市级', labelEn: 'Municipal', color: '#00796b', width: 2, dash: PLATFORM_DASH },
  ],
  fallback: { key: '', values: [], labelZh: '其他级别', labelEn: 'Other level', color: '#607d8b', width: 2, dash: PLATFORM_DASH },
};

/** Known renewal phases in their natural order, with fixed colours; other phases take the palette. */
const KNOWN_PHASES: readonly StyleClass[] = [
  { key: '前期', values: ['前期'], labelZh: '前期', labelEn: 'Preparation', color: '#8e24aa' },
  { key: '开工', values: ['开工'], labelZh: '开工', labelEn: 'Started', color: '#3949ab' },
  { key: '实施中', values: ['实施中'], labelZh: '实施中', labelEn: 'Under way', color: '#00897b' },
  { key: '在建', values: ['在建'], labelZh: '在建', labelEn: 'Under construction', color: '#e53935' },
  { key: '续建', values: ['续建'], labelZh: '续建', labelEn: 'Continued', color: '#6d4c41' },
  { key: '已完成', values: ['已完成', '建成'], labelZh: '已完成', labelEn: 'Finished', color: '#43a047' },
];
const EXTRA_PHASE_PALETTE = ['#5c6bc0', '#8d6e63', '#26a69a', '#9ccc65', '#29b6f6', '#ffa726'];
export const RENEWAL_FALLBACK_COLOR = '#7e57c2';

/** Renewal zones by phase: the phases met in the data, known ones first in their order. */
export function renewalPhases(phasesInData: Iterable<string>): ClassedStyle {
  const present = new Set([...phasesInData].filter((p) => p !== ''));
  const known = KNOWN_PHASES.filter((c) => c.values.some((v) => present.has(v)));
  const listed = new Set(KNOWN_PHASES.flatMap((c) => c.values));
  const extra = [...present].filter((p) => !listed.has(p)).sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return {
    id: 'renewal_zones/phase',
    property: 'phase',
    input: text('phase'),
    classes: [...known, ...paletteClasses(extra, EXTRA_PHASE_PALETTE, RENEWAL_FALLBACK_COLOR)],
    fallback: { key: '', values: [], labelZh: '未填阶段', labelEn: 'No phase', color: RENEWAL_FALLBACK_COLOR },
  };
}
