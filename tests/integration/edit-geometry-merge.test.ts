import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlannerError } from '../../shared/api/errors.js';
import type { Geometry } from '../../shared/api/geojson.js';
import { editGeometry } from '../../electron/core/edit/geometry.js';
import { undoLast } from '../../electron/core/edit/undo.js';
import { Project } from '../../electron/core/project/project.js';
import { traceParcel } from '../../electron/core/trace/trace.js';
import { planimeterAreasM2 } from '../helpers/oracle.js';
import { spatialiteQuery } from '../helpers/spatialite-oracle.js';
import { makeTempDir } from '../helpers/tmp.js';
import { eventCount, sampleCopy } from './edit-sample.js';
import { areaOf, crossLine, expectAreasMatchPlanimeter, expectBoxHolds, geometryOf, plainParcelInBlock, snapshot } from './edit-geometry-sample.js';

const dir = makeTempDir('edit-geometry-merge');
const T0 = new Date('2023-08-02T08:00:00.000Z');
const ACTOR = '测试员';
let p: Project;

beforeAll(() => {
  p = Project.open(sampleCopy(dir, 'merge'));
});
afterAll(() => {
  p.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function refusal(fn: () => unknown): PlannerError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PlannerError) return err;
    throw err;
  }
  throw new Error('expected a PlannerError');
}

const opts = { actor: ACTOR, now: T0 };
const rect = (x0: number, y0: number, x1: number, y1: number): number[][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

describe('merge parcels', () => {
  it('merges the two halves of a split back: the original area, the kept code, the other deleted and noted; undo restores both rows exactly', () => {
    const target = plainParcelInBlock(p);
    const originalM2 = areaOf(p, target.fid);
    const split = editGeometry(p, { op: 'split', parcel: { fid: target.fid }, line: crossLine(geometryOf(p, target.fid)) }, opts);
    const other = split.parcels[1]!;
    const halves = [snapshot(p, target.fid), snapshot(p, other.fid)];
    const events0 = eventCount(p);

    const r = editGeometry(p, { op: 'merge', parcels: [{ code: target.code }, { code: other.code! }] }, opts);
    expect(r.parcels.map((x) => [x.fid, x.action])).toEqual([[target.fid, 'updated'], [other.fid, 'deleted']]);
    expectAreasMatchPlanimeter(p, [target.fid]);
    expect(Math.abs(areaOf(p, target.fid) - originalM2)).toBeLessThan(0.01);
    expect(Math.abs(r.overlapM2 ?? NaN)).toBeLessThan(0.01);
    expect(p.db.prepare('SELECT count(*) FROM parcels WHERE fid = ?').pluck().get(other.fid)).toBe(0);
    expect(p.db.prepare('SELECT count(*) FROM rtree_parcels_geom WHERE id = ?').pluck().get(other.fid)).toBe(0);
    expectBoxHolds(p, target.fid);
    expect(p.db.prepare('SELECT block_code FROM parcels WHERE fid = ?').pluck().get(target.fid)).toBe(target.block);
    const card = traceParcel(p.db, p.getSettings(), { fid: target.fid });
    expect(card.history.find((h) => h.field === '@merged_from')?.new).toBe(other.code);

    expect(eventCount(p)).toBeGreaterThan(events0);
    undoLast(p, ACTOR, T0);
    expect([snapshot(p, target.fid), snapshot(p, other.fid)]).toEqual(halves);
  });

  it('points the merged-away parcel’s transfer records at the kept parcel, and undo points them back', () => {
    const code = p.db.prepare('SELECT parcel_code FROM transfers t WHERE (SELECT count(*) FROM parcels WHERE code = t.parcel_code) = 1 ORDER BY fid LIMIT 1').pluck().get() as string;
    const fid = p.db.prepare('SELECT fid FROM parcels WHERE code = ?').pluck().get(code) as number;
    const split = editGeometry(p, { op: 'split', parcel: { code }, line: crossLine(geometryOf(p, fid)), codes: [`${code}-B`] }, opts);
    const piece = split.parcels[1]!;
    const transfers = p.db.prepare('SELECT fid FROM transfers WHERE parcel_code = ?').pluck().all(code) as number[];
    expect(transfers.length).toBeGreaterThan(0);
    // Deleting the parcel the records name is refused …
    expect(refusal(() => editGeometry(p, { op: 'delete', parcels: [{ code }] }, opts)).code).toBe('delete_referenced');
    // … merging it into the new piece (kept first) moves its records along.
    const before = snapshot(p, fid);
    const r = editGeometry(p, { op: 'merge', parcels: [{ fid: piece.fid }, { fid }] }, opts);
    expect(r.parcels.find((x) => x.action === 'deleted')?.fid).toBe(fid);
    expect(p.db.prepare('SELECT DISTINCT parcel_code FROM transfers WHERE fid IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(transfers))).toEqual([`${code}-B`]);
    expect(r.changed.filter((c) => c.table === 'transfers').map((c) => [c.fid, c.old, c.new])).toEqual(transfers.map((t) => [t, code, `${code}-B`]));
    expectAreasMatchPlanimeter(p, [piece.fid]);
    undoLast(p, ACTOR, T0);
    expect(snapshot(p, fid)).toEqual(before);
    expect(p.db.prepare('SELECT DISTINCT parcel_code FROM transfers WHERE fid IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(transfers))).toEqual([code]);
  });

  it('merges neighbours meeting in a T-junction to GEOS’s union area, keeping the first one’s attributes', () => {
    const [x, y] = [120.1, 28.95];
    const d = 0.001;
    const features = [
      { code: 'T-A', ring: rect(x, y, x + d, y + d), owner: '甲公司' },
      { code: 'T-B', ring: rect(x + d, y, x + 2 * d, y + d / 2), owner: '乙公司' },
      { code: 'T-C', ring: rect(x + d, y + d / 2, x + 2 * d, y + d), owner: '丙公司' },
    ];
    const fids = p.insertFeatures(
      'parcels',
      features.map((f) => ({ geometry: { type: 'Polygon', coordinates: [f.ring] } as Geometry, properties: { code: f.code, owner: f.owner, status: '未启动' } })),
    );
    const sum = fids.reduce((s, f) => s + areaOf(p, f), 0);
    const r = editGeometry(p, { op: 'merge', parcels: features.map((f) => ({ code: f.code })) }, opts);
    const kept = fids[0]!;
    expect(p.db.prepare('SELECT code, owner FROM parcels WHERE fid = ?').get(kept)).toEqual({ code: 'T-A', owner: '甲公司' });
    expect(Math.abs(areaOf(p, kept) - sum)).toBeLessThan(0.01);
    expectAreasMatchPlanimeter(p, [kept]);
    const [union] = spatialiteQuery<{ j: string }>([
      [
        'SELECT AsGeoJSON(ST_Union(ST_Union(GeomFromText(?, 4490), GeomFromText(?, 4490)), GeomFromText(?, 4490)), 15) AS j',
        features.map((f) => `POLYGON((${f.ring.map((q) => `${q[0]} ${q[1]}`).join(',')}))`),
      ],
    ]);
    const [geosM2] = planimeterAreasM2([JSON.parse(union?.j ?? 'null') as Geometry]);
    expect(Math.abs(areaOf(p, kept) - (geosM2 ?? NaN))).toBeLessThan(0.01);
    expect(r.parcels.filter((q) => q.action === 'deleted').map((q) => q.code)).toEqual(['T-B', 'T-C']);
  });

  it('refuses parcels that are not neighbours, with the groups named, and writes nothing', () => {
    const a = plainParcelInBlock(p);
    const b = plainParcelInBlock(p, [a.fid]);
    const before = [snapshot(p, a.fid), snapshot(p, b.fid)];
    const events0 = eventCount(p);
    const err = refusal(() => editGeometry(p, { op: 'merge', parcels: [{ fid: a.fid }, { fid: b.fid }] }, opts));
    expect(err.code).toBe('merge_not_adjacent');
    expect(err.details?.['groups']).toEqual([[a.code], [b.code]]);
    expect(refusal(() => editGeometry(p, { op: 'merge', parcels: [{ fid: a.fid }, { fid: a.fid }] }, opts)).code).toBe('edit_duplicate');
    expect(eventCount(p)).toBe(events0);
    expect([snapshot(p, a.fid), snapshot(p, b.fid)]).toEqual(before);
  });
});
