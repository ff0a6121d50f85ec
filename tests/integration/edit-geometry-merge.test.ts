import { describe, expect, it } from 'vitest';
import type { Geometry } from '../../shared/api/geojson.js';
import { editGeometry } from '../../electron/core/edit/geometry.js';
import { undoLast } from '../../electron/core/edit/undo.js';
import { traceParcel } from '../../electron/core/trace/trace.js';
import { planimeterAreasM2 } from '../helpers/oracle.js';
import { spatialiteQuery } from '../helpers/spatialite-oracle.js';
import { refusal } from '../helpers/errors.js';
import { useSampleProject } from '../helpers/sample-core.js';
import { eventCount } from './edit-sample.js';
import { areaOf, crossLine, expectAreasMatchPlanimeter, expectBoxHolds, geometryOf, plainParcelInBlock, snapshot } from './edit-geometry-sample.js';

const sample = useSampleProject('edit-geometry-merge');
const T0 = new Date('2023-08-02T08:00:00.000Z');
const ACTOR = '测试员';

const opts = { actor: ACTOR, now: T0 };
const rect = (x0: number, y0: number, x1: number, y1: number): number[][] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

describe('merge parcels', () => {
  it('merges the two halves of a split back: the original area, the kept code, the other deleted and noted; undo restores both rows exactly', () => {
    const target = plainParcelInBlock(sample.project);
    const originalM2 = areaOf(sample.project, target.fid);
    const split = editGeometry(sample.project, { op: 'split', parcel: { fid: target.fid }, line: crossLine(geometryOf(sample.project, target.fid)) }, opts);
    const other = split.parcels[1]!;
    const halves = [snapshot(sample.project, target.fid), snapshot(sample.project, other.fid)];
    const events0 = eventCount(sample.project);

    const r = editGeometry(sample.project, { op: 'merge', parcels: [{ code: target.code }, { code: other.code! }] }, opts);
    expect(r.parcels.map((x) => [x.fid, x.action])).toEqual([[target.fid, 'updated'], [other.fid, 'deleted']]);
    expectAreasMatchPlanimeter(sample.project, [target.fid]);
    expect(Math.abs(areaOf(sample.project, target.fid) - originalM2)).toBeLessThan(0.01);
    expect(Math.abs(r.overlapM2 ?? NaN)).toBeLessThan(0.01);
    expect(sample.project.db.prepare('SELECT count(*) FROM parcels WHERE fid = ?').pluck().get(other.fid)).toBe(0);
    expect(sample.project.db.prepare('SELECT count(*) FROM rtree_parcels_geom WHERE id = ?').pluck().get(other.fid)).toBe(0);
    expectBoxHolds(sample.project, target.fid);
    expect(sample.project.db.prepare('SELECT block_code FROM parcels WHERE fid = ?').pluck().get(target.fid)).toBe(target.block);
    const card = traceParcel(sample.project.db, sample.project.getSettings(), { fid: target.fid });
    expect(card.history.find((h) => h.field === '@merged_from')?.new).toBe(other.code);

    expect(eventCount(sample.project)).toBeGreaterThan(events0);
    undoLast(sample.project, ACTOR, T0);
    expect([snapshot(sample.project, target.fid), snapshot(sample.project, other.fid)]).toEqual(halves);
  });

  it('points the merged-away parcel’s transfer records at the kept parcel, and undo points them back', () => {
    const code = sample.project.db.prepare('SELECT parcel_code FROM transfers t WHERE (SELECT count(*) FROM parcels WHERE code = t.parcel_code) = 1 ORDER BY fid LIMIT 1').pluck().get() as string;
    const fid = sample.project.db.prepare('SELECT fid FROM parcels WHERE code = ?').pluck().get(code) as number;
    const split = editGeometry(sample.project, { op: 'split', parcel: { code }, line: crossLine(geometryOf(sample.project, fid)), codes: [`${code}-B`] }, opts);
    const piece = split.parcels[1]!;
    const transfers = sample.project.db.prepare('SELECT fid FROM transfers WHERE parcel_code = ?').pluck().all(code) as number[];
    expect(transfers.length).toBeGreaterThan(0);
    // Deleting the parcel the records name is refused …
    expect(refusal(() => editGeometry(sample.project, { op: 'delete', parcels: [{ code }] }, opts)).code).toBe('delete_referenced');
    // … merging it into the new piece (kept first) moves its records along.
    const before = snapshot(sample.project, fid);
    const r = editGeometry(sample.project, { op: 'merge', parcels: [{ fid: piece.fid }, { fid }] }, opts);
    expect(r.parcels.find((x) => x.action === 'deleted')?.fid).toBe(fid);
    expect(sample.project.db.prepare('SELECT DISTINCT parcel_code FROM transfers WHERE fid IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(transfers))).toEqual([`${code}-B`]);
    expect(r.changed.filter((c) => c.table === 'transfers').map((c) => [c.fid, c.old, c.new])).toEqual(transfers.map((t) => [t, code, `${code}-B`]));
    expectAreasMatchPlanimeter(sample.project, [piece.fid]);
    undoLast(sample.project, ACTOR, T0);
    expect(snapshot(sample.project, fid)).toEqual(before);
    expect(sample.project.db.prepare('SELECT DISTINCT parcel_code FROM transfers WHERE fid IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(transfers))).toEqual([code]);
  });

  it('merges neighbours meeting in a T-junction to GEOS’s union area, keeping the first one’s attributes', () => {
    const [x, y] = [120.1, 28.95];
    const d = 0.001;
    const features = [
      { code: 'T-A', ring: rect(x, y, x + d, y + d), owner: '甲公司' },
      { code: 'T-B', ring: rect(x + d, y, x + 2 * d, y + d / 2), owner: '乙公司' },
      { code: 'T-C', ring: rect(x + d, y + d / 2, x + 2 * d, y + d), owner: '丙公司' },
    ];
    const fids = sample.project.insertFeatures(
      'parcels',
      features.map((f) => ({ geometry: { type: 'Polygon', coordinates: [f.ring] } as Geometry, properties: { code: f.code, owner: f.owner, status: '未启动' } })),
    );
    const sum = fids.reduce((s, f) => s + areaOf(sample.project, f), 0);
    const r = editGeometry(sample.project, { op: 'merge', parcels: features.map((f) => ({ code: f.code })) }, opts);
    const kept = fids[0]!;
    expect(sample.project.db.prepare('SELECT code, owner FROM parcels WHERE fid = ?').get(kept)).toEqual({ code: 'T-A', owner: '甲公司' });
    expect(Math.abs(areaOf(sample.project, kept) - sum)).toBeLessThan(0.01);
    expectAreasMatchPlanimeter(sample.project, [kept]);
    const [union] = spatialiteQuery<{ j: string }>([
      [
        'SELECT AsGeoJSON(ST_Union(ST_Union(GeomFromText(?, 4490), GeomFromText(?, 4490)), GeomFromText(?, 4490)), 15) AS j',
        features.map((f) => `POLYGON((${f.ring.map((q) => `${q[0]} ${q[1]}`).join(',')}))`),
      ],
    ]);
    const [geosM2] = planimeterAreasM2([JSON.parse(union?.j ?? 'null') as Geometry]);
    expect(Math.abs(areaOf(sample.project, kept) - (geosM2 ?? NaN))).toBeLessThan(0.01);
    expect(r.parcels.filter((q) => q.action === 'deleted').map((q) => q.code)).toEqual(['T-B', 'T-C']);
  });

  it('refuses parcels that are not neighbours, with the groups named, and writes nothing', () => {
    const a = plainParcelInBlock(sample.project);
    const b = plainParcelInBlock(sample.project, [a.fid]);
    const before = [snapshot(sample.project, a.fid), snapshot(sample.project, b.fid)];
    const events0 = eventCount(sample.project);
    const err = refusal(() => editGeometry(sample.project, { op: 'merge', parcels: [{ fid: a.fid }, { fid: b.fid }] }, opts));
    expect(err.code).toBe('merge_not_adjacent');
    expect(err.details?.['groups']).toEqual([[a.code], [b.code]]);
    expect(refusal(() => editGeometry(sample.project, { op: 'merge', parcels: [{ fid: a.fid }, { fid: a.fid }] }, opts)).code).toBe('edit_duplicate');
    expect(eventCount(sample.project)).toBe(events0);
    expect([snapshot(sample.project, a.fid), snapshot(sample.project, b.fid)]).toEqual(before);
  });
});
