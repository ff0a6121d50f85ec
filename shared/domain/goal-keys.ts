import { GOALS_2023 } from './goals-2023.js';
import { M2_PER_MU } from './units.js';

/**
 * Goal keys the planner measures from the map and ledgers, with the unit the measurement comes
 * in. Any other key is a user-defined goal, measured from dated entries (metric_entries) with
 * that key.
 */
export interface MeasuredGoal {
  key: string;
  labelZh: string;
  labelEn: string;
  unit: string;
  sourceZh: string;
  sourceEn: string;
}

const SOURCES: Record<string, { zh: string; en: string }> = {
  remediated_industrial_land: { zh: '完成状态且完成日期在当年的地块面积', en: 'parcels in a done status completed in the year' },
  transferred_industrial_land: { zh: '合同日期在当年的出让记录面积', en: 'transfer records by contract date' },
  state_standard_factory_floor: { zh: '竣工日期在当年的标准厂房建筑面积', en: 'standard factories completed in the year' },
  urban_renewal_investment: { zh: '城市更新片区投资台账', en: 'renewal-zone investment entries' },
  special_bonds: { zh: '专项债券台账', en: 'special bond entries' },
  upgrade_fund: { zh: '转型升级基金台账', en: 'upgrade fund entries' },
  big_manufacturing_projects: { zh: '当年落地的10亿元以上项目点', en: 'projects of ≥ ¥1bn landed in the year' },
  low_efficiency_blocks: { zh: '已启动整治的重点区块', en: 'key blocks started' },
};

export const MEASURED_GOALS: readonly MeasuredGoal[] = [
  ...GOALS_2023.map((g) => ({
    key: g.key,
    labelZh: g.labelZh,
    labelEn: g.labelEn,
    unit: g.unit,
    sourceZh: SOURCES[g.key]?.zh ?? '指标台账',
    sourceEn: SOURCES[g.key]?.en ?? 'dated entries',
  })),
  {
    key: 'transport_milestones',
    labelZh: '交通项目达到年度节点',
    labelEn: 'Transport projects at their target stage',
    unit: '个',
    sourceZh: '达到目标阶段的交通项目',
    sourceEn: 'transport projects that reached their target stage',
  },
];

export function measuredGoal(key: string): MeasuredGoal | undefined {
  return MEASURED_GOALS.find((g) => g.key === key);
}

/** Unit → [dimension, size in the dimension's base unit]. */
const UNITS: Record<string, readonly [string, number]> = {
  'm²': ['area', 1],
  m2: ['area', 1],
  平方米: ['area', 1],
  亩: ['area', M2_PER_MU],
  公顷: ['area', 10_000],
  ha: ['area', 10_000],
  元: ['money', 1],
  万元: ['money', 1e4],
  亿元: ['money', 1e8],
  个: ['count', 1],
  项: ['count', 1],
  宗: ['count', 1],
  处: ['count', 1],
  条: ['count', 1],
};

/**
 * Converts between units of one dimension (area, money, count); null when they cannot be
 * converted. Identical units always convert (factor 1), known or not.
 */
export function unitFactor(from: string, to: string): number | null {
  if (from.trim() === to.trim()) return 1;
  const a = UNITS[from.trim()];
  const b = UNITS[to.trim()];
  if (!a || !b || a[0] !== b[0]) return null;
  return a[1] / b[1];
}
