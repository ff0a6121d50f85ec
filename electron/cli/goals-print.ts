import type { GoalSetResult, GoalsReport } from '../../shared/api/goals.js';
import { GOAL_SCHEME_LABELS, GOAL_STATUS_LABELS } from '../../shared/domain/goal-colors.js';
import type { SampleWritten } from './commands-goals.js';

const pct = (f: number): string => `${(f * 100).toFixed(1)}%`;

function amount(v: number, unit: string): string {
  const decimals = unit === '个' ? 0 : 2;
  return `${v.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })} ${unit}`;
}

/** Human-readable lines for goals, goal-set and sample (Chinese first); --json prints the raw object. */
export function goalsHumanLines(command: string, result: unknown): string[] {
  if (command === 'goals') {
    const r = result as GoalsReport;
    const out = [`${r.year} 年目标 goals, 截至 as of ${r.asOf}  序时进度 time progress ${pct(r.timeProgress)}`];
    for (const g of r.goals) {
      const s = GOAL_STATUS_LABELS[g.status];
      out.push(`  ${g.label}\t${amount(g.achieved, g.unit)} / ${amount(g.target, g.unit)}\t${pct(g.progress)}\t${s.zh} ${s.en}`);
      if (g.excludedEntries > 0) out.push(`    提示 ${g.excludedEntries} 条记录单位无法换算,未计入 (entries in other units left out)`);
    }
    out.push(`  全年红 met or on track: ${r.summary.metOrOnTrack}/${r.summary.total}`);
    out.push(`图例 legend — ${GOAL_SCHEME_LABELS[r.scheme].zh} ${GOAL_SCHEME_LABELS[r.scheme].en}:`);
    for (const l of r.legend) out.push(`  ${l.color}  ${l.labelZh}  ${l.labelEn}`);
    return out;
  }
  if (command === 'goal-set') {
    const { goal, created } = result as GoalSetResult;
    return [`${created ? '已新增目标 goal added' : '已修改目标 goal changed'}: ${goal.year} ${goal.key} ${goal.label} = ${amount(goal.target, goal.unit)}`];
  }
  const s = result as SampleWritten;
  return [`已写入示例项目 sample project written: ${s.path}`, `  ${s.name} (示例数据 sample data), ${s.counts['parcels'] ?? 0} 宗地块 parcels`];
}
