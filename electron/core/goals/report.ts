import type Database from 'better-sqlite3';
import { PlannerError } from '../../../shared/api/errors.js';
import type { GoalDefinition, GoalProgress, GoalSetInput, GoalSetResult, GoalsReport } from '../../../shared/api/goals.js';
import type { Settings } from '../../../shared/api/settings.js';
import { goalColor, goalLegend } from '../../../shared/domain/goal-colors.js';
import { measuredGoal, unitFactor } from '../../../shared/domain/goal-keys.js';
import { goalProgress, goalStatus, goalSummary, isIsoDate, timeProgress, yearToDateRange } from '../../../shared/domain/goals.js';
import type { Project } from '../project/project.js';
import { achievedValue } from './achieved.js';

interface GoalDbRow {
  year: number;
  key: string;
  label: string;
  label_en: string | null;
  target: number;
  unit: string;
}

function toDefinition(r: GoalDbRow): GoalDefinition {
  return { year: r.year, key: r.key, label: r.label, labelEn: r.label_en || null, target: r.target, unit: r.unit };
}

/** The goals defined for `year`, in the order they were first defined. */
export function listGoals(db: Database.Database, year: number): GoalDefinition[] {
  const rows = db.prepare('SELECT year, key, label, label_en, target, unit FROM goals WHERE year = ? ORDER BY fid').all(year) as GoalDbRow[];
  return rows.map(toDefinition);
}

function getGoal(db: Database.Database, year: number, key: string): GoalDefinition | null {
  const row = db.prepare('SELECT year, key, label, label_en, target, unit FROM goals WHERE year = ? AND key = ?').get(year, key) as GoalDbRow | undefined;
  return row ? toDefinition(row) : null;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1900 || year > 2100) {
    throw new PlannerError('invalid_year', `Year must be 1900–2100, got ${year}`, `年份应在 1900–2100 之间,收到 ${year}`, { year });
  }
}

/**
 * The year's goals at the as-of date: each goal's achieved value (computed from the project),
 * progress, status and colour; time progress; the 全年红 summary; and the legend that must be
 * shown with the colours.
 */
export function goalsReport(db: Database.Database, settings: Settings, year: number, asOf: string): GoalsReport {
  checkYear(year);
  if (!isIsoDate(asOf)) {
    throw new PlannerError('invalid_date', `The as-of date must be YYYY-MM-DD, got ${asOf}`, `截至日期应为 YYYY-MM-DD,收到 ${asOf}`, { asOf });
  }
  const thresholds = settings.goalThresholds;
  const scheme = settings.goalColors;
  const tp = timeProgress(asOf, year);
  const range = yearToDateRange(year, asOf);
  const goals: GoalProgress[] = listGoals(db, year).map((g) => {
    const { value, excludedEntries } = achievedValue(db, settings, range, g);
    const progress = goalProgress(value, g.target);
    const status = goalStatus(progress, tp, thresholds);
    return { ...g, achieved: value, progress, status, color: goalColor(status, scheme), excludedEntries };
  });
  return {
    year,
    asOf,
    timeProgress: tp,
    goals,
    summary: goalSummary(goals.map((g) => g.status)),
    scheme,
    thresholds: { ...thresholds },
    legend: goalLegend(scheme, thresholds),
  };
}

/**
 * Defines or changes one goal. A key the planner measures (or one already defined for the year)
 * needs only the target; a new user-defined key needs its unit and label too. A measured key's
 * unit must convert to the unit it is measured in (亩 ↔ m² ↔ 公顷, 亿元 ↔ 万元 ↔ 元).
 */
export function setGoal(project: Project, input: GoalSetInput): GoalSetResult {
  checkYear(input.year);
  if (!(Number.isFinite(input.target) && input.target > 0)) {
    throw new PlannerError('invalid_target', `The target must be a positive number, got ${input.target}`, `目标值应为正数,收到 ${input.target}`, { target: input.target });
  }
  return project.transaction(() => {
    const existing = getGoal(project.db, input.year, input.key);
    const def = measuredGoal(input.key);
    const unit = input.unit ?? existing?.unit ?? def?.unit;
    const label = input.label ?? existing?.label ?? def?.labelZh;
    if (unit === undefined || label === undefined) {
      throw new PlannerError(
        'goal_unknown_key',
        `"${input.key}" is not a goal the planner measures: give its unit and label (--unit, --label) to define it`,
        `“${input.key}”不是系统可计量的目标:定义新目标需同时给出单位和名称(--unit、--label)`,
        { key: input.key, missing: [...(unit === undefined ? ['unit'] : []), ...(label === undefined ? ['label'] : [])] },
      );
    }
    if (def && unitFactor(def.unit, unit) === null) {
      throw new PlannerError(
        'goal_unit_mismatch',
        `Goal ${input.key} is measured in ${def.unit}; ${unit} cannot be converted to it`,
        `目标 ${input.key} 按 ${def.unit} 计量,单位 ${unit} 无法换算`,
        { key: input.key, unit, measuredIn: def.unit },
      );
    }
    const labelEn = input.labelEn ?? existing?.labelEn ?? def?.labelEn ?? null;
    project.upsertGoals([{ year: input.year, key: input.key, label, label_en: labelEn ?? '', target: input.target, unit }]);
    const goal = getGoal(project.db, input.year, input.key);
    if (!goal) throw new PlannerError('internal', 'The goal was not saved', '目标未能保存');
    return { goal, created: existing === null };
  });
}
