import type Database from 'better-sqlite3';
import type { TransferTotal, TransferTotals } from '../../../shared/api/dashboard.js';
import { m2ToMu } from '../../../shared/domain/units.js';
import { transferredBy, type DateRange, type GroupSum } from './sql.js';

/** SQL grouping of transfer records by town, month and land use (blank = not filled in). */
export const TRANSFER_GROUPS = {
  town: "nullif(trim(t.town), '')",
  month: 'substr(t.contract_date, 1, 7)',
  use: "nullif(trim(t.land_use), '')",
} as const;

const toTotal = (r: GroupSum): TransferTotal => ({ key: r.key, count: r.count, areaM2: r.m2, areaMu: m2ToMu(r.m2) });

/** Transfer totals (出让台账) in the year up to the as-of date, by town, month and use. */
export function transferTotals(db: Database.Database, range: DateRange): TransferTotals {
  const byTown = transferredBy(db, range, TRANSFER_GROUPS.town).map(toTotal);
  const byMonth = transferredBy(db, range, TRANSFER_GROUPS.month).map(toTotal);
  const byUse = transferredBy(db, range, TRANSFER_GROUPS.use).map(toTotal);
  const count = byTown.reduce((s, r) => s + r.count, 0);
  const areaM2 = byTown.reduce((s, r) => s + r.areaM2, 0);
  return { byTown, byMonth, byUse, total: { count, areaM2, areaMu: m2ToMu(areaM2) } };
}
