import type Database from 'better-sqlite3';
import { checkGeometry } from '../../../shared/geo/validity.js';
import { decodeGpkgBlob } from '../gpkg/blob.js';

export interface QualityReport {
  blockDisagreements: { code: string | null; recorded: string | null; spatial: string | null }[];
  straddling: (string | null)[];
  areaMismatches: { code: string | null; statedM2: number; computedM2: number; diffPct: number }[];
  invalid: { code: string | null; fid: number; issues: { code: string; reason: string; reasonZh: string }[] }[];
}

/** Threshold above which the file's stated area and the computed one are flagged (DESIGN §4). */
export const AREA_MISMATCH_SHARE = 0.005;

/**
 * The data-quality list of the parcels layer: recorded block ≠ spatial block (either side may be
 * empty), parcels crossing a block boundary, stated areas off by more than 0.5 %, invalid geometry.
 */
export function qualityReport(db: Database.Database): QualityReport {
  const blockDisagreements = db
    .prepare(
      `SELECT code, recorded_block AS recorded, block_code AS spatial FROM parcels
       WHERE coalesce(nullif(trim(recorded_block), ''), '') <> coalesce(block_code, '') ORDER BY fid`,
    )
    .all() as QualityReport['blockDisagreements'];
  const straddling = db.prepare('SELECT code FROM parcels WHERE straddles = 1 ORDER BY fid').pluck().all() as (string | null)[];
  const areaMismatches = (
    db
      .prepare(
        `SELECT code, stated_area_m2 AS statedM2, area_m2 AS computedM2 FROM parcels
         WHERE stated_area_m2 > 0 AND abs(area_m2 - stated_area_m2) > ? * stated_area_m2 ORDER BY fid`,
      )
      .all(AREA_MISMATCH_SHARE) as { code: string | null; statedM2: number; computedM2: number }[]
  ).map((r) => ({ ...r, diffPct: ((r.computedM2 - r.statedM2) / r.statedM2) * 100 }));
  const invalid: QualityReport['invalid'] = [];
  for (const row of db.prepare('SELECT fid, code, geom FROM parcels ORDER BY fid').iterate() as IterableIterator<{ fid: number; code: string | null; geom: Buffer | null }>) {
    const issues = row.geom ? checkGeometry(decodeGpkgBlob(row.geom)).filter((i) => i.severity === 'error') : [];
    if (!row.geom || issues.length > 0) {
      invalid.push({
        fid: row.fid,
        code: row.code,
        issues: row.geom ? issues.map((i) => ({ code: i.code, reason: i.reasonEn, reasonZh: i.reasonZh })) : [{ code: 'empty', reason: 'no geometry', reasonZh: '没有几何图形' }],
      });
    }
  }
  return { blockDisagreements, straddling, areaMismatches, invalid };
}
