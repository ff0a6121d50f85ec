import type Database from 'better-sqlite3';
import type { Dashboard } from '../../../shared/api/dashboard.js';
import type { Settings } from '../../../shared/api/settings.js';
import { yearToDateRange } from '../../../shared/domain/goals.js';
import { goalsReport } from '../goals/report.js';
import { blockProgress } from './blocks.js';
import { monthlyTrend } from './monthly.js';
import { doneFilter } from './sql.js';
import { transferTotals } from './transfers.js';

/** Years with goals or with remediated parcels, newest first. */
export function dashboardYears(db: Database.Database, settings: Settings): number[] {
  const done = doneFilter(settings);
  const rows = db
    .prepare(
      `SELECT year FROM goals
       UNION SELECT CAST(substr(completed_on, 1, 4) AS INTEGER) FROM parcels WHERE ${done.sql} AND completed_on IS NOT NULL
       UNION SELECT CAST(substr(contract_date, 1, 4) AS INTEGER) FROM transfers`,
    )
    .pluck()
    .all(...done.params) as (number | null)[];
  return [...new Set(rows.filter((y): y is number => Number.isInteger(y) && y !== null && y >= 1900 && y <= 2100))].sort((a, b) => b - a);
}

/** The current year when it has goals or data, else the latest year that has (else the current year). */
export function defaultYear(years: readonly number[], today: string): number {
  const current = Number(today.slice(0, 4));
  if (years.includes(current)) return current;
  return years.find((y) => y < current) ?? years[0] ?? current;
}

/** Today clamped into the year: 1 January before it, 31 December after it. */
export function clampIntoYear(year: number, today: string): string {
  const y = String(year).padStart(4, '0');
  const first = `${y}-01-01`;
  const last = `${y}-12-31`;
  return today < first ? first : today > last ? last : today;
}

/**
 * Everything the dashboard shows at one as-of date: the goals report, the monthly trend against
 * the straight-line schedule, progress by key block and the transfer totals. `today` is passed in
 * (pure: never the clock) and only used for the defaults.
 */
export function dashboardReport(
  db: Database.Database,
  settings: Settings,
  input: { year?: number | undefined; asOf?: string | undefined },
  today: string,
): Dashboard {
  const years = dashboardYears(db, settings);
  const year = input.year ?? defaultYear(years, today);
  const asOf = input.asOf ?? clampIntoYear(year, today);
  const goals = goalsReport(db, settings, year, asOf);
  const range = yearToDateRange(year, asOf);
  const { blocks, unassigned } = blockProgress(db, settings, range);
  return {
    goals,
    years: years.includes(year) ? years : [...years, year].sort((a, b) => b - a),
    monthly: monthlyTrend(db, settings, year, asOf, range),
    blocks,
    unassigned,
    transfers: transferTotals(db, range),
  };
}
