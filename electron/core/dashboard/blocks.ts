import type Database from 'better-sqlite3';
import type { DashboardBlock, DashboardUnassigned } from '../../../shared/api/dashboard.js';
import type { Settings } from '../../../shared/api/settings.js';
import { m2ToMu } from '../../../shared/domain/units.js';
import { remediatedBy, type DateRange } from './sql.js';

interface BlockDbRow {
  code: string;
  name: string | null;
  target_mu: number | null;
}

/**
 * Progress by key block at the as-of date: every block of the key-block layer (by code), its
 * parcels (any status), the area remediated in the year up to the as-of date and its target.
 * Parcels in no known block are reported apart, so the rows and `unassigned` add up to the goal.
 */
export function blockProgress(
  db: Database.Database,
  settings: Settings,
  range: DateRange,
): { blocks: DashboardBlock[]; unassigned: DashboardUnassigned } {
  const defs = db
    .prepare(
      `SELECT code, max(name) AS name, max(target_mu) AS target_mu FROM key_blocks
       WHERE code IS NOT NULL AND trim(code) <> '' GROUP BY code ORDER BY code`,
    )
    .all() as BlockDbRow[];
  const counts = new Map(
    (db.prepare('SELECT block_code AS key, count(*) AS n FROM parcels GROUP BY block_code').all() as { key: string | null; n: number }[]).map((r) => [
      r.key,
      r.n,
    ]),
  );
  const done = new Map(remediatedBy(db, settings, range, 'p.block_code').map((r) => [r.key, r]));
  const known = new Set<string>();
  const blocks: DashboardBlock[] = defs.map((b) => {
    known.add(b.code);
    const r = done.get(b.code);
    const m2 = r?.m2 ?? 0;
    const mu = m2ToMu(m2);
    const target = b.target_mu !== null && Number.isFinite(b.target_mu) ? b.target_mu : null;
    return {
      code: b.code,
      name: b.name,
      parcels: counts.get(b.code) ?? 0,
      remediatedCount: r?.count ?? 0,
      remediatedM2: m2,
      remediatedMu: mu,
      targetMu: target,
      progress: target !== null && target > 0 ? mu / target : null,
    };
  });
  const unassigned: DashboardUnassigned = { parcels: 0, remediatedCount: 0, remediatedM2: 0, remediatedMu: 0 };
  for (const [key, n] of counts) if (key === null || !known.has(key)) unassigned.parcels += n;
  for (const [key, r] of done) {
    if (key !== null && known.has(key)) continue;
    unassigned.remediatedCount += r.count;
    unassigned.remediatedM2 += r.m2;
  }
  unassigned.remediatedMu = m2ToMu(unassigned.remediatedM2);
  return { blocks, unassigned };
}
