import type Database from 'better-sqlite3';
import type { DashboardMonth } from '../../../shared/api/dashboard.js';
import type { Settings } from '../../../shared/api/settings.js';
import { unitFactor } from '../../../shared/domain/goal-keys.js';
import { dayOfYear, daysInYear } from '../../../shared/domain/goals.js';
import { m2ToMu } from '../../../shared/domain/units.js';
import { remediatedBy, transferredBy, type DateRange } from './sql.js';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The last day of a month as YYYY-MM-DD. */
export function monthEnd(year: number, month: number): string {
  // Day 0 of the next month is this month's last day (years 1900–2100: no two-digit-year quirk).
  return `${pad(year, 4)}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

/** The year's target of a goal in mu, or null when the year has no such goal (or its unit is not an area). */
export function targetMu(db: Database.Database, year: number, key: string): number | null {
  const row = db.prepare('SELECT target, unit FROM goals WHERE year = ? AND key = ?').get(year, key) as { target: number; unit: string } | undefined;
  if (!row) return null;
  const f = unitFactor(row.unit, '亩');
  return f === null ? null : row.target * f;
}

/**
 * Twelve months of the year: remediated and transferred mu per month and cumulative, counted up
 * to the as-of date only (later months are null), against the straight-line schedule
 * target × (days to the month's end / days in the year). Cumulative sums run over unrounded m².
 */
export function monthlyTrend(db: Database.Database, settings: Settings, year: number, asOf: string, range: DateRange): DashboardMonth[] {
  const remediated = new Map(remediatedBy(db, settings, range, 'substr(p.completed_on, 1, 7)').map((r) => [r.key, r.m2]));
  const transferred = new Map(transferredBy(db, range, 'substr(t.contract_date, 1, 7)').map((r) => [r.key, r.m2]));
  const remTarget = targetMu(db, year, 'remediated_industrial_land');
  const trTarget = targetMu(db, year, 'transferred_industrial_land');
  const asOfMonth = asOf.slice(0, 7);
  const days = daysInYear(year);
  let cumRem = 0;
  let cumTr = 0;
  const rows: DashboardMonth[] = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${pad(year, 4)}-${pad(m)}`;
    const share = dayOfYear(monthEnd(year, m)) / days;
    const counted = month <= asOfMonth;
    const rem = remediated.get(month) ?? 0;
    const tr = transferred.get(month) ?? 0;
    cumRem += rem;
    cumTr += tr;
    rows.push({
      month,
      remediatedMu: counted ? m2ToMu(rem) : null,
      transferredMu: counted ? m2ToMu(tr) : null,
      cumulativeRemediatedMu: counted ? m2ToMu(cumRem) : null,
      cumulativeTransferredMu: counted ? m2ToMu(cumTr) : null,
      scheduleRemediatedMu: remTarget === null ? null : remTarget * share,
      scheduleTransferredMu: trTarget === null ? null : trTarget * share,
    });
  }
  return rows;
}
