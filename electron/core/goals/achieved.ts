import type Database from 'better-sqlite3';
import { PlannerError } from '../../../shared/api/errors.js';
import type { Settings } from '../../../shared/api/settings.js';
import { measuredGoal, unitFactor } from '../../../shared/domain/goal-keys.js';
import { m2ToMu } from '../../../shared/domain/units.js';

/** The half-open date range [from, before) that counts toward the year at the as-of date. */
export interface DateRange {
  from: string;
  before: string;
}

export interface Achieved {
  /** In the goal's unit, unrounded. */
  value: number;
  /** Dated entries whose unit cannot be converted to the goal's (reported, never dropped silently). */
  excludedEntries: number;
}

interface Ctx {
  db: Database.Database;
  settings: Settings;
  range: DateRange;
}

/** A measurement in its own unit (the catalogue's unit for the key). */
type Measure = (ctx: Ctx) => number;

const scalar = (db: Database.Database, sql: string, ...params: unknown[]): number =>
  Number((db.prepare(sql).pluck().get(...params) as number | null) ?? 0);

/**
 * Every measured goal is one indexed SQL aggregate over the project: parcels(status, completed_on),
 * transfers(contract_date), factories(completed_on). Areas are summed from unrounded m² and
 * converted to mu once, at the end.
 */
const MEASURES: Record<string, Measure> = {
  remediated_industrial_land: ({ db, settings, range }) => {
    const done = settings.statuses.filter((s) => s.done).map((s) => s.value);
    if (done.length === 0) return 0;
    const m2 = scalar(
      db,
      `SELECT total(area_m2) FROM parcels
       WHERE status IN (${done.map(() => '?').join(', ')}) AND completed_on >= ? AND completed_on < ?`,
      ...done,
      range.from,
      range.before,
    );
    return m2ToMu(m2);
  },
  transferred_industrial_land: ({ db, range }) =>
    m2ToMu(scalar(db, 'SELECT total(area_m2) FROM transfers WHERE contract_date >= ? AND contract_date < ?', range.from, range.before)),
  state_standard_factory_floor: ({ db, range }) =>
    scalar(db, 'SELECT total(floor_m2) FROM factories WHERE completed_on >= ? AND completed_on < ?', range.from, range.before),
  big_manufacturing_projects: ({ db, range }) =>
    scalar(db, 'SELECT count(*) FROM projects WHERE investment_yi >= 10 AND landed_on >= ? AND landed_on < ?', range.from, range.before),
  // A key block counts once it has started, in this year or before (持续整治: continuing work).
  low_efficiency_blocks: ({ db, range }) => scalar(db, 'SELECT count(*) FROM key_blocks WHERE started_on IS NOT NULL AND started_on < ?', range.before),
  // Transport stages carry no date: the current stage against the target, in the stage
  // vocabulary's order (a project past its target stage has reached it).
  transport_milestones: ({ db, settings }) => {
    const order = settings.stages.map((s, i) => [s.value, i] as const);
    const values = order.length > 0 ? order.map(() => '(?, ?)').join(', ') : '(NULL, NULL)';
    return scalar(
      db,
      `WITH st(value, ord) AS (VALUES ${values})
       SELECT count(*) FROM transport t
       LEFT JOIN st a ON a.value = t.stage
       LEFT JOIN st b ON b.value = t.target_stage
       WHERE t.target_stage IS NOT NULL AND (t.stage = t.target_stage OR a.ord >= b.ord)`,
      ...order.flat(),
    );
  },
};

/** Σ value of dated entries with the key, each unit group converted to the goal's unit. */
function entries(ctx: Ctx, key: string, unit: string): Achieved {
  const groups = ctx.db
    .prepare(
      `SELECT unit, total(value) AS value, count(*) AS n FROM metric_entries
       WHERE key = ? AND entry_date >= ? AND entry_date < ? GROUP BY unit`,
    )
    .all(key, ctx.range.from, ctx.range.before) as { unit: string | null; value: number; n: number }[];
  let value = 0;
  let excludedEntries = 0;
  for (const g of groups) {
    const f = g.unit === null || g.unit.trim() === '' ? 1 : unitFactor(g.unit, unit);
    if (f === null) excludedEntries += g.n;
    else value += g.value * f;
  }
  return { value, excludedEntries };
}

/**
 * The achieved value of one goal at the as-of date, in the goal's unit: measured from the map
 * and ledgers for the catalogue's keys, from dated entries (metric_entries) for any other key.
 */
export function achievedValue(db: Database.Database, settings: Settings, range: DateRange, goal: { key: string; unit: string }): Achieved {
  const ctx: Ctx = { db, settings, range };
  const measure = isMeasuredKey(goal.key) ? MEASURES[goal.key] : undefined;
  const def = measuredGoal(goal.key);
  if (!measure || !def) return entries(ctx, goal.key, goal.unit);
  const f = unitFactor(def.unit, goal.unit);
  if (f === null) {
    throw new PlannerError(
      'goal_unit_mismatch',
      `Goal ${goal.key} is measured in ${def.unit}; its unit ${goal.unit} cannot be converted`,
      `目标 ${goal.key} 按 ${def.unit} 计量,无法换算为 ${goal.unit}`,
      { key: goal.key, unit: goal.unit, measuredIn: def.unit },
    );
  }
  return { value: measure(ctx) * f, excludedEntries: 0 };
}

/** The keys measured from the map and ledgers rather than from dated entries. */
export function isMeasuredKey(key: string): boolean {
  return Object.hasOwn(MEASURES, key);
}
