import type Database from 'better-sqlite3';
import type { TallyParcel, TallyParcelsInput } from '../../../shared/api/dashboard.js';
import { PlannerError } from '../../../shared/api/errors.js';
import type { Settings } from '../../../shared/api/settings.js';
import { yearToDateRange } from '../../../shared/domain/goals.js';
import { doneFilter } from './sql.js';
import { TRANSFER_GROUPS } from './transfers.js';

const REMEDIATED_GROUPS: Record<string, string> = {
  block: 'p.block_code',
  town: 'p.town',
  method: 'p.method',
  month: 'substr(p.completed_on, 1, 7)',
  status: 'p.status',
};

const TRANSFERRED_GROUPS: Record<string, string> = TRANSFER_GROUPS;

/** `expr = ?` for a key, `expr IS NULL` for the unassigned row. */
function keyFilter(expr: string, key: string | null): { sql: string; params: string[] } {
  return key === null ? { sql: `${expr} IS NULL`, params: [] } : { sql: `${expr} = ?`, params: [key] };
}

/**
 * The parcels behind one tally figure, for drill-down and the map's highlight. Without an as-of
 * date the year is counted exactly as `tally` counts it (completed_on from 1 January to
 * 31 December); with one, up to the as-of day as the goals count. Transfer figures give the
 * parcels their records name (a record whose parcel code is unknown has no parcel to show).
 */
export function tallyParcels(db: Database.Database, settings: Settings, input: TallyParcelsInput): TallyParcel[] {
  const y = String(input.year).padStart(4, '0');
  const range = input.asOf ? yearToDateRange(input.year, input.asOf) : null;
  if (input.measure === 'transferred') {
    const group = TRANSFERRED_GROUPS[input.by];
    if (!group) throw badBy(input.by, input.measure, Object.keys(TRANSFERRED_GROUPS));
    const k = keyFilter(group, input.key);
    return db
      .prepare(
        `SELECT DISTINCT p.fid AS fid, p.code AS code FROM transfers t JOIN parcels p ON p.code = t.parcel_code
         WHERE t.contract_date >= ? AND t.contract_date ${range ? '<' : '<='} ? AND ${k.sql} ORDER BY p.fid`,
      )
      .all(range?.from ?? `${y}-01-01`, range?.before ?? `${y}-12-31`, ...k.params) as TallyParcel[];
  }
  const group = REMEDIATED_GROUPS[input.by];
  if (!group) throw badBy(input.by, input.measure, Object.keys(REMEDIATED_GROUPS));
  const done = doneFilter(settings, 'p.status');
  const k = keyFilter(group, input.key);
  return db
    .prepare(
      `SELECT p.fid AS fid, p.code AS code FROM parcels p
       WHERE ${done.sql} AND p.completed_on >= ? AND p.completed_on ${range ? '<' : '<='} ? AND ${k.sql} ORDER BY p.fid`,
    )
    .all(...done.params, range?.from ?? `${y}-01-01`, range?.before ?? `${y}-12-31`, ...k.params) as TallyParcel[];
}

function badBy(by: string, measure: string, allowed: string[]): PlannerError {
  return new PlannerError(
    'invalid_input',
    `A ${measure} figure cannot be grouped by ${by} (use ${allowed.join(', ')})`,
    `${measure === 'transferred' ? '出让' : '整治'}统计不能按“${by}”分组(可用:${allowed.join('、')})`,
    { by, measure, allowed },
  );
}
