import { expect } from 'vitest';
import type { Geometry } from '../../shared/api/geojson.js';
import { decodeGpkgBlob } from '../../electron/core/gpkg/blob.js';
import type { Project } from '../../electron/core/project/project.js';
import { planimeterAreasM2 } from '../helpers/oracle.js';

/** What a geometry edit must restore exactly on undo: the blob, the R-tree box and every column. */
export interface ParcelSnapshot {
  blob: Buffer | null;
  box: [number, number, number, number] | null;
  row: string;
}

export function blobOf(p: Project, fid: number): Buffer | null {
  return (p.db.prepare('SELECT geom FROM parcels WHERE fid = ?').pluck().get(fid) as Buffer | undefined) ?? null;
}

/** The R-tree row [minx, maxx, miny, maxy] (float32, rounded outward by SQLite), or null. */
export function rtreeBox(p: Project, fid: number): [number, number, number, number] | null {
  const r = p.db.prepare('SELECT minx, maxx, miny, maxy FROM rtree_parcels_geom WHERE id = ?').raw(true).get(fid) as [number, number, number, number] | undefined;
  return r ?? null;
}

export function snapshot(p: Project, fid: number): ParcelSnapshot {
  const row = p.db.prepare('SELECT * FROM parcels WHERE fid = ?').get(fid) as Record<string, unknown> | undefined;
  const rest = row ? Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'geom')) : null;
  return { blob: blobOf(p, fid), box: rtreeBox(p, fid), row: JSON.stringify(rest) };
}

export function geometryOf(p: Project, fid: number): Geometry {
  const b = blobOf(p, fid);
  if (!b) throw new Error(`parcel ${fid} has no geometry`);
  return decodeGpkgBlob(b);
}

export function areaOf(p: Project, fid: number): number {
  return p.db.prepare('SELECT area_m2 FROM parcels WHERE fid = ?').pluck().get(fid) as number;
}

/** [minLon, minLat, maxLon, maxLat] of a geometry's coordinates. */
export function bboxOf(g: Geometry): [number, number, number, number] {
  let [a, b, c, d] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (v: unknown): void => {
    if (Array.isArray(v) && typeof v[0] === 'number') {
      a = Math.min(a, v[0]);
      b = Math.min(b, v[1] as number);
      c = Math.max(c, v[0]);
      d = Math.max(d, v[1] as number);
    } else if (Array.isArray(v)) v.forEach(walk);
  };
  walk(g.coordinates);
  return [a, b, c, d];
}

/** A north–south line through the middle of the parcel's box, reaching 20 % beyond it. */
export function crossLine(g: Geometry): number[][] {
  const [w, s, e, n] = bboxOf(g);
  const x = (w + e) / 2;
  const pad = (n - s) * 0.2;
  return [[x, s - pad], [x, n + pad]];
}

/** Stored areas against GeographicLib's Planimeter on the stored geometries, to 0.01 m². */
export function expectAreasMatchPlanimeter(p: Project, fids: readonly number[]): void {
  const oracle = planimeterAreasM2(fids.map((f) => geometryOf(p, f)));
  fids.forEach((f, i) => expect(Math.abs(areaOf(p, f) - (oracle[i] ?? NaN))).toBeLessThan(0.01));
}

/**
 * The R-tree row is the geometry's envelope as SQLite's R-tree stores it (float32, rounded outward):
 * the same envelope put through a scratch R-tree must read back identically.
 */
export function expectBoxHolds(p: Project, fid: number): void {
  const [w, s, e, n] = bboxOf(geometryOf(p, fid));
  p.db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.box_probe USING rtree(id, minx, maxx, miny, maxy)');
  p.db.prepare('INSERT OR REPLACE INTO temp.box_probe VALUES (1, ?, ?, ?, ?)').run(w, e, s, n);
  const probe = p.db.prepare('SELECT minx, maxx, miny, maxy FROM temp.box_probe WHERE id = 1').raw(true).get();
  expect(rtreeBox(p, fid)).toEqual(probe);
}

/** A parcel inside a key block (not straddling), without transfer or factory records, with a unique code. */
export function plainParcelInBlock(p: Project, skip: readonly number[] = []): { fid: number; code: string; block: string } {
  const row = p.db
    .prepare(
      `SELECT fid, code, block_code AS block FROM parcels p
       WHERE block_code IS NOT NULL AND straddles = 0 AND stated_area_m2 IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM transfers t WHERE t.parcel_code = p.code)
         AND NOT EXISTS (SELECT 1 FROM factories f WHERE f.parcel_code = p.code)
         AND (SELECT count(*) FROM parcels q WHERE q.code = p.code) = 1
         AND fid NOT IN (SELECT value FROM json_each(?))
       ORDER BY area_m2 DESC LIMIT 1`,
    )
    .get(JSON.stringify(skip)) as { fid: number; code: string; block: string } | undefined;
  if (!row) throw new Error('no plain parcel in a block');
  return row;
}
