import type Database from 'better-sqlite3';
import { PlannerError } from '../../../shared/api/errors.js';
import type { Settings } from '../../../shared/api/settings.js';
import { m2ToMu } from '../../../shared/domain/units.js';

export const TALLY_BY = ['block', 'town', 'method', 'month', 'status'] as const;
export type TallyBy = (typeof TALLY_BY)[number];

export interface TallyRow {
  key: string | null;
  label: string | null;
  count: number;
  /** Unrounded sum of the parcels' ellipsoidal areas. */
  areaM2: number;
  areaMu: number;
}

export interface TallyResult {
  year: number;
  by: TallyBy;
  rows: TallyRow[];
  total: { count: number; areaM2: number; areaMu: number };
}

const GROUP_SQL: Record<TallyBy, string> = {
  block: 'p.block_code',
  town: 'p.town',
  method: 'p.method',
  month: 'substr(p.completed_on, 1, 7)',
  status: 'p.status',
};

/** The statuses whose parcels count as remediated: a property of the vocabulary, not a string. */
export function doneStatuses(settings: Settings): string[] {
  return settings.statuses.filter((s) => s.done).map((s) => s.value);
}

/**
 * Remediated area in `year`: parcels in a "done" status whose completion date falls in the year,
 * each counted once (DESIGN §4), grouped by block, town, method, month or status. Areas are summed
 * from the unrounded per-parcel m² and converted to mu only at the end.
 */
export function tallyRemediated(db: Database.Database, settings: Settings, year: number, by: TallyBy): TallyResult {
  if (!Number.isInteger(year) || year < 1900 || year > 2100) {
    throw new PlannerError('invalid_year', `Year must be 1900–2100, got ${year}`, `年份应在 1900–2100 之间,收到 ${year}`, { year });
  }
  const done = doneStatuses(settings);
  const marks = done.map(() => '?').join(', ') || 'NULL';
  const group = GROUP_SQL[by];
  const label = by === 'block' ? '(SELECT b.name FROM key_blocks b WHERE b.code = p.block_code LIMIT 1)' : group;
  const rows = db
    .prepare(
      `SELECT ${group} AS key, ${label} AS label, count(*) AS count, sum(p.area_m2) AS area_m2
       FROM parcels p
       WHERE p.status IN (${marks}) AND p.completed_on >= ? AND p.completed_on <= ?
       GROUP BY ${group}
       ORDER BY key IS NULL, key`,
    )
    .all(...done, `${year}-01-01`, `${year}-12-31`) as { key: string | null; label: string | null; count: number; area_m2: number | null }[];
  let count = 0;
  let areaM2 = 0;
  const out: TallyRow[] = rows.map((r) => {
    const a = r.area_m2 ?? 0;
    count += r.count;
    areaM2 += a;
    return { key: r.key, label: r.label, count: r.count, areaM2: a, areaMu: m2ToMu(a) };
  });
  return { year, by, rows: out, total: { count, areaM2, areaMu: m2ToMu(areaM2) } };
}
