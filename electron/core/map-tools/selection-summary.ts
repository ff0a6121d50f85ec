import type Database from 'better-sqlite3';
import type { SelectionRow, SelectionSummary } from '../../../shared/api/selection.js';
import { m2ToMu } from '../../../shared/domain/units.js';

interface Raw {
  fid: number;
  code: string | null;
  status: string | null;
  area_m2: number | null;
}

/**
 * The figures of a parcel selection (the bulk card): count and area over every selected fid, in
 * SQL, from the stored unrounded m² (SQLite's `total` is a compensated sum, DESIGN §4 rounds only
 * for display); rows only for the first `limit` fids, so a box over 100,000 parcels answers with
 * two numbers and a short list.
 */
export function selectionSummary(db: Database.Database, input: { fids: readonly number[]; limit: number }): SelectionSummary {
  const fids = [...new Set(input.fids)];
  const totals = db
    .prepare('SELECT count(*) AS n, total(area_m2) AS m2 FROM parcels WHERE fid IN (SELECT value FROM json_each(?))')
    .get(JSON.stringify(fids)) as { n: number; m2: number };
  const head = fids.slice(0, input.limit);
  const byFid = new Map<number, Raw>();
  if (head.length > 0) {
    const raws = db
      .prepare('SELECT fid, code, status, area_m2 FROM parcels WHERE fid IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(head)) as Raw[];
    for (const r of raws) byFid.set(r.fid, r);
  }
  const rows: SelectionRow[] = [];
  for (const fid of head) {
    const r = byFid.get(fid);
    if (r) rows.push({ fid: r.fid, code: r.code, status: r.status, areaM2: r.area_m2 });
  }
  return { count: totals.n, areaM2: totals.m2, areaMu: m2ToMu(totals.m2), rows };
}
