import { describe, expect, it } from 'vitest';
import type { Geometry } from '../../shared/api/geojson.js';
import { SELECTION_LIST_LIMIT } from '../../shared/api/selection.js';
import { planimeterAreasM2 } from '../helpers/oracle.js';
import { spatialiteQuery } from '../helpers/spatialite-oracle.js';
import { useSampleCore } from '../helpers/sample-core.js';

/**
 * The bulk card's figures (selectionSummary) on a copy of the sample project, through the core: a
 * selection's count and area cover every fid — the area against GeographicLib's Planimeter on the
 * parcels' outlines as SpatiaLite reads them from the file — while the rows stop at the list's
 * limit, in the selection's order.
 */
const sample = useSampleCore('selection-summary');

/** Planimeter's area of the parcels, their outlines read by SpatiaLite (AsGeoJSON) from the project file. */
function oracleAreaM2(fids: readonly number[]): number {
  const [row] = spatialiteQuery<{ g: string }>(
    [[`SELECT json_group_array(json(AsGeoJSON(GeomFromGPB(geom), 15))) AS g FROM parcels WHERE fid IN (SELECT value FROM json_each(?)) AND geom IS NOT NULL`, [JSON.stringify(fids)]]],
    sample.file,
  );
  const geometries = JSON.parse(row?.g ?? '[]') as Geometry[];
  expect(geometries.length).toBe(new Set(fids).size);
  return planimeterAreasM2(geometries).reduce((s, a) => s + a, 0);
}

/** Deterministic shuffle (a test must fail the same way twice). */
function shuffled(values: readonly number[], seed: number): number[] {
  const out = [...values];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as number, out[i] as number];
  }
  return out;
}

describe('selectionSummary', () => {
  it('a selection of every parcel: count and area of all (Planimeter), rows only for the first 200, in the selection’s order', async () => {
    const all = (sample.db.prepare('SELECT fid FROM parcels ORDER BY fid').all() as { fid: number }[]).map((r) => r.fid);
    expect(all.length).toBeGreaterThan(SELECTION_LIST_LIMIT * 5);
    const order = shuffled(all, 20231127);
    // A repeat counts once; a fid no parcel has (deleted meanwhile) is not counted.
    const fids = [order[0] as number, 999_999, ...order];
    const summary = await sample.core.selectionSummary({ fids });
    expect(summary.count).toBe(all.length);
    const oracle = oracleAreaM2(all);
    expect(Math.abs(summary.areaM2 - oracle)).toBeLessThan(0.01);
    expect(summary.areaMu).toBeCloseTo((summary.areaM2 * 15) / 10000, 9);
    expect(summary.rows.map((r) => r.fid)).toEqual(order.slice(0, SELECTION_LIST_LIMIT - 1));
    const first = sample.db.prepare('SELECT code, status, area_m2 FROM parcels WHERE fid = ?').get(order[0]) as { code: string; status: string; area_m2: number };
    expect(summary.rows[0]).toEqual({ fid: order[0], code: first.code, status: first.status, areaM2: first.area_m2 });
  });

  it('a box over the whole city: the core’s own selection, summed exactly, listed in part', async () => {
    const { fids } = await sample.core.parcelsInPolygon({ ring: [[119.8, 28.7], [120.3, 28.7], [120.3, 29.1], [119.8, 29.1]] });
    expect(fids.length).toBeGreaterThan(SELECTION_LIST_LIMIT);
    const summary = await sample.core.selectionSummary({ fids, limit: 50 });
    expect(summary.count).toBe(fids.length);
    expect(summary.rows.map((r) => r.fid)).toEqual(fids.slice(0, 50));
    const sql = sample.db.prepare('SELECT total(area_m2) AS m2 FROM parcels WHERE fid IN (SELECT value FROM json_each(?))').get(JSON.stringify(fids)) as { m2: number };
    expect(summary.areaM2).toBeCloseTo(sql.m2, 6);
    expect(Math.abs(summary.areaM2 - oracleAreaM2(fids))).toBeLessThan(0.01);
  });

  it('nothing selected is zero; limit 0 gives the totals only; more than 200,000 fids are refused', async () => {
    expect(await sample.core.selectionSummary({ fids: [] })).toEqual({ count: 0, areaM2: 0, areaMu: 0, rows: [] });
    const some = (sample.db.prepare('SELECT fid FROM parcels ORDER BY fid LIMIT 3').all() as { fid: number }[]).map((r) => r.fid);
    const totals = await sample.core.selectionSummary({ fids: some, limit: 0 });
    expect(totals.count).toBe(3);
    expect(totals.rows).toEqual([]);
    await expect(sample.core.selectionSummary({ fids: Array.from({ length: 200_001 }, (_, i) => i + 1) })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
