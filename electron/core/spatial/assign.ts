/**
 * Assigns a project's parcels to key blocks and renewal zones (issue 3 §6; rule in assigner.ts)
 * and lists the data-quality findings: straddling parcels and recorded-block disagreements —
 * a recorded block ≠ the spatial one, a recorded block for a parcel in no block, or no recorded
 * block for a parcel in one. Run it after an import and whenever blocks or zones are (re)imported.
 *
 * Fast path: candidate parcels come from the GeoPackage R-trees (each block's and zone's box
 * against rtree_parcels_geom, in SQL), and only those are read with their geometry and decoded;
 * every other parcel is read without its blob and is in no block and no zone. Each block and zone
 * is decoded and prepared once. The columns are written in one transaction, only where they change.
 */
import type Database from 'better-sqlite3';
import { decodeGpkgBlob } from '../gpkg/blob.js';
import { ParcelAssigner, UNASSIGNED, type ParcelAssignment } from './assigner.js';
import type { OverlapMethod } from './overlap.js';

export { MIN_OVERLAP_M2, STRADDLE_SHARE, ParcelAssigner, loadRegions } from './assigner.js';

export interface BlockDisagreement {
  fid: number;
  code: string;
  recorded: string | null;
  spatial: string | null;
}

export interface AssignmentReport {
  /** Parcels examined (all, or the fids asked for); each one's three columns now hold the result. */
  assigned: number;
  /** Rows whose block_code, zone_code or straddles changed. */
  changed: number;
  inBlock: number;
  inZone: number;
  /** Codes (or `#fid` where a parcel has no code) of straddling parcels, in fid order. */
  straddling: string[];
  blockDisagreements: BlockDisagreement[];
  /** Parcels with no usable polygon geometry (left unassigned). */
  problems: { fid: number; code: string; message: string }[];
  /** How overlaps were decided (exact = boundary integration of the intersection). */
  methods: Record<OverlapMethod, number>;
  timingMs: { load: number; candidates: number; compute: number; write: number; total: number };
}

interface Row {
  fid: number;
  code: string | null;
  recorded_block: string | null;
  block_code: string | null;
  zone_code: string | null;
  straddles: number | null;
  nogeom: number;
}

/** Parcels whose R-tree box meets a block's or a zone's box (the only ones that can be assigned). */
const CANDIDATES_SQL = ['key_blocks', 'renewal_zones']
  .map((t) => `SELECT p.id AS id FROM "rtree_${t}_geom" b JOIN rtree_parcels_geom p ON p.maxx >= b.minx AND p.minx <= b.maxx AND p.maxy >= b.miny AND p.miny <= b.maxy`)
  .join(' UNION ');

/** Assigns block_code, zone_code and straddles for every parcel (or the given fids). */
export function assignParcels(db: Database.Database, opts: { fids?: readonly number[] } = {}): AssignmentReport {
  const t0 = performance.now();
  const assigner = ParcelAssigner.fromDb(db);
  const t1 = performance.now();
  const only = opts.fids ? new Set(opts.fids) : null;
  const candidates = (db.prepare(CANDIDATES_SQL).pluck().all() as number[]).filter((id) => !only || only.has(id));
  const t2 = performance.now();

  const results = new Map<number, ParcelAssignment | null>();
  const geomOf = db.prepare(
    'SELECT t.fid AS fid, t.geom AS geom, t.area_m2 AS area FROM parcels t WHERE t.fid IN (SELECT value FROM json_each(?))',
  );
  for (const r of geomOf.iterate(JSON.stringify(candidates)) as IterableIterator<{ fid: number; geom: Buffer | null; area: number | null }>) {
    results.set(r.fid, r.geom ? assigner.assign(decodeGpkgBlob(r.geom), r.area) : null);
  }

  const report: AssignmentReport = {
    assigned: 0, changed: 0, inBlock: 0, inZone: 0, straddling: [], blockDisagreements: [], problems: [],
    methods: assigner.methods, timingMs: { load: t1 - t0, candidates: t2 - t1, compute: 0, write: 0, total: 0 },
  };
  // Rows that are no candidate and hold nothing (no recorded block, no stored assignment) are
  // unassigned and agree already: SQLite skips them without handing them to JavaScript.
  const cols = 'fid, code, recorded_block, block_code, zone_code, straddles, (geom IS NULL) AS nogeom';
  const interesting = `(trim(coalesce(recorded_block, '')) <> '' OR block_code IS NOT NULL OR zone_code IS NOT NULL
    OR straddles IS NOT 0 OR geom IS NULL OR fid IN (SELECT value FROM json_each(?)))`;
  const onlyJson = JSON.stringify(only ? [...only] : []);
  const inOnly = only ? ' AND fid IN (SELECT value FROM json_each(?))' : '';
  const candidatesJson = JSON.stringify(candidates);
  const params = only ? [candidatesJson, onlyJson] : [candidatesJson];
  report.assigned = only
    ? (db.prepare('SELECT count(*) FROM parcels WHERE fid IN (SELECT value FROM json_each(?))').pluck().get(onlyJson) as number)
    : (db.prepare('SELECT count(*) FROM parcels').pluck().get() as number);
  const rows = db.prepare(`SELECT ${cols} FROM parcels WHERE ${interesting}${inOnly} ORDER BY fid`).iterate(...params) as IterableIterator<Row>;
  const updates: [string | null, string | null, number, number][] = [];
  for (const row of rows) {
    const code = row.code ?? `#${row.fid}`;
    const result = results.get(row.fid);
    if (row.nogeom === 1 || result === null) report.problems.push({ fid: row.fid, code, message: 'no polygon geometry: not assigned' });
    const a = result ?? UNASSIGNED;
    if (a.blockCode) report.inBlock++;
    if (a.zoneCode) report.inZone++;
    if (a.straddles) report.straddling.push(code);
    if (!assigner.recordedAgrees(row.recorded_block, a.blockCode)) {
      report.blockDisagreements.push({ fid: row.fid, code, recorded: row.recorded_block?.trim() || null, spatial: a.blockCode });
    }
    if (row.block_code !== a.blockCode || row.zone_code !== a.zoneCode || row.straddles === null || (row.straddles === 1) !== a.straddles) {
      updates.push([a.blockCode, a.zoneCode, a.straddles ? 1 : 0, row.fid]);
    }
  }
  const t3 = performance.now();
  const update = db.prepare('UPDATE parcels SET block_code = ?, zone_code = ?, straddles = ? WHERE fid = ?');
  db.transaction(() => {
    for (const u of updates) update.run(...u);
  })();
  report.changed = updates.length;
  const t4 = performance.now();
  report.timingMs = { ...report.timingMs, compute: t3 - t2, write: t4 - t3, total: t4 - t0 };
  return report;
}
