import type Database from 'better-sqlite3';
import type { Settings } from '../../../shared/api/settings.js';
import { doneStatuses } from '../tally/tally.js';

/** The half-open date range [from, before) that counts toward the year at the as-of date. */
export interface DateRange {
  from: string;
  before: string;
}

/** `status IN (…)` for the statuses that count as remediated, with its parameters. */
export function doneFilter(settings: Settings, column = 'status'): { sql: string; params: string[] } {
  const done = doneStatuses(settings);
  return { sql: done.length === 0 ? '0' : `${column} IN (${done.map(() => '?').join(', ')})`, params: done };
}

export interface GroupSum {
  key: string | null;
  count: number;
  m2: number;
}

/** Runs a `SELECT key, count, m2 … GROUP BY` and types its rows. */
export function groupSums(db: Database.Database, sql: string, params: readonly unknown[]): GroupSum[] {
  return (db.prepare(sql).all(...params) as { key: string | null; count: number; m2: number | null }[]).map((r) => ({
    key: r.key,
    count: r.count,
    m2: r.m2 ?? 0,
  }));
}

/** Remediated parcels (done status, completed in the range) grouped by an SQL expression over `parcels p`. */
export function remediatedBy(db: Database.Database, settings: Settings, range: DateRange, group: string): GroupSum[] {
  const done = doneFilter(settings, 'p.status');
  return groupSums(
    db,
    `SELECT ${group} AS key, count(*) AS count, total(p.area_m2) AS m2 FROM parcels p
     WHERE ${done.sql} AND p.completed_on >= ? AND p.completed_on < ?
     GROUP BY ${group} ORDER BY key IS NULL, key`,
    [...done.params, range.from, range.before],
  );
}

/** Transfer records (by contract date in the range) grouped by an SQL expression over `transfers t`. */
export function transferredBy(db: Database.Database, range: DateRange, group: string): GroupSum[] {
  return groupSums(
    db,
    `SELECT ${group} AS key, count(*) AS count, total(t.area_m2) AS m2 FROM transfers t
     WHERE t.contract_date >= ? AND t.contract_date < ?
     GROUP BY ${group} ORDER BY key IS NULL, key`,
    [range.from, range.before],
  );
}
