import { describe, expect, it } from 'vitest';
import { ellipsoidalAreaM2 } from '../../shared/domain/area.js';
import { editGeometry } from '../../electron/core/edit/geometry.js';
import { redoLast, undoLast } from '../../electron/core/edit/undo.js';
import { searchParcels } from '../../electron/core/search/search.js';
import { traceParcel } from '../../electron/core/trace/trace.js';
import { planimeterAreasM2 } from '../helpers/oracle.js';
import { refusal } from '../helpers/errors.js';
import { useSampleProject } from '../helpers/sample-core.js';
import { eventCount } from './edit-sample.js';
import { areaOf, blobOf, crossLine, expectAreasMatchPlanimeter, expectBoxHolds, geometryOf, plainParcelInBlock, rtreeBox, snapshot } from './edit-geometry-sample.js';

const sample = useSampleProject('edit-geometry-split');
const T0 = new Date('2023-08-01T08:00:00.000Z');
const ACTOR = '测试员';

const batchEvents = (batchId: number): { row_fid: number; field: string; old_value: string | null; new_value: string | null; actor: string; at: string }[] =>
  sample.project.db.prepare('SELECT row_fid, field, old_value, new_value, actor, at FROM events WHERE batch_id = ? ORDER BY fid').all(batchId) as never;

describe('split a parcel by a line', () => {
  it('writes two valid pieces whose areas (Planimeter) add up to the original, with audit events, and undo/redo restore exactly', () => {
    const target = plainParcelInBlock(sample.project);
    const before = snapshot(sample.project, target.fid);
    const originalM2 = areaOf(sample.project, target.fid);
    const [oracleOriginal] = planimeterAreasM2([geometryOf(sample.project, target.fid)]);
    expect(Math.abs(originalM2 - (oracleOriginal ?? NaN))).toBeLessThan(0.01);
    const parcelsBefore = sample.project.db.prepare('SELECT count(*) FROM parcels').pluck().get() as number;

    const r = editGeometry(sample.project, { op: 'split', parcel: { code: target.code }, line: crossLine(geometryOf(sample.project, target.fid)) }, { actor: ACTOR, now: T0 });
    expect(r.batchId).not.toBeNull();
    expect(r.parcels.map((x) => x.action)).toEqual(['updated', 'created']);
    const [kept, made] = r.parcels;
    expect(kept?.fid).toBe(target.fid);
    expect(made?.code).toBe(`${target.code}-2`);
    const fids = [target.fid, made!.fid];
    expect(sample.project.db.prepare('SELECT count(*) FROM parcels').pluck().get()).toBe(parcelsBefore + 1);

    // Areas: each piece's stored area = Planimeter's on its stored geometry; together = the original.
    expectAreasMatchPlanimeter(sample.project, fids);
    const total = fids.reduce((s, f) => s + areaOf(sample.project, f), 0);
    expect(Math.abs(total - originalM2)).toBeLessThan(0.01);
    expect(Math.abs(total - originalM2) / originalM2).toBeLessThan(1e-8);
    expect(r.beforeM2).toBe(originalM2);
    expect(Math.abs(r.afterM2 - total)).toBeLessThan(1e-9);

    // Both halves lie in the original's block; the new parcel has its attributes; the stated area no longer applies.
    const rows = sample.project.db.prepare('SELECT fid, code, block_code, straddles, owner, status, town, stated_area_m2 FROM parcels WHERE fid IN (?, ?) ORDER BY fid').all(...fids) as Record<string, unknown>[];
    expect(rows.map((x) => x['block_code'])).toEqual([target.block, target.block]);
    expect(rows[1]?.['owner']).toBe(rows[0]?.['owner']);
    expect(rows[1]?.['status']).toBe(rows[0]?.['status']);
    expect(rows.map((x) => x['stated_area_m2'])).toEqual([null, null]);
    for (const f of fids) expectBoxHolds(sample.project, f);
    expect(searchParcels(sample.project.db, `${target.code}-2`, 5).map((h) => h.fid)).toContain(made!.fid);

    // The audit trail: who and when, geometry old → new as blob hex, the new row, the lineage notes.
    const events = batchEvents(r.batchId!);
    expect(events.every((e) => e.actor === ACTOR && e.at === T0.toISOString())).toBe(true);
    const geom = events.find((e) => e.field === 'geom');
    expect(geom?.old_value).toBe(before.blob?.toString('hex'));
    expect(geom?.new_value).toBe(blobOf(sample.project, target.fid)?.toString('hex'));
    expect(events.find((e) => e.field === 'area_m2')?.old_value).toBe(String(originalM2));
    expect(events.find((e) => e.field === '@row')?.old_value).toBeNull();
    expect(events.find((e) => e.field === '@split_into')?.new_value).toBe(`${target.code}-2`);
    expect(events.filter((e) => e.row_fid === target.fid).map((e) => e.field).sort()).toEqual(['@split_into', 'area_m2', 'geom', 'stated_area_m2']);
    const card = traceParcel(sample.project.db, sample.project.getSettings(), { fid: target.fid });
    const geomEntry = card.history.find((h) => h.field === 'geom');
    expect(geomEntry?.new).toMatch(/MultiPolygon · \d+ 个顶点/);
    expect(card.area.statedM2).toBeNull();

    // Undo: the exact blob, R-tree box and row come back; the new parcel is gone (and unfindable).
    const events0 = eventCount(sample.project);
    const undone = undoLast(sample.project, ACTOR, T0);
    expect(undone.batchId).toBe(r.batchId);
    expect(snapshot(sample.project, target.fid)).toEqual(before);
    expect(snapshot(sample.project, made!.fid)).toEqual({ blob: null, box: null, row: 'null' });
    expect(searchParcels(sample.project.db, `${target.code}-2`, 5)).toEqual([]);
    expect(eventCount(sample.project) - events0).toBe(events.length);

    // Redo: the same pieces under the same fids.
    const redone = redoLast(sample.project, ACTOR, T0);
    expect(redone.batchId).toBe(r.batchId);
    expect(blobOf(sample.project, made!.fid)?.toString('hex')).toBe(events.find((e) => e.field === '@row') ? JSON.parse(events.find((e) => e.field === '@row')!.new_value!).geom : null);
    expectAreasMatchPlanimeter(sample.project, fids);
    undoLast(sample.project, ACTOR, T0);
    expect(snapshot(sample.project, target.fid)).toEqual(before);
  });

  it('refuses a line that does not cut across, and writes nothing', () => {
    const target = plainParcelInBlock(sample.project);
    const before = snapshot(sample.project, target.fid);
    const events0 = eventCount(sample.project);
    const g = geometryOf(sample.project, target.fid);
    const [x, y] = (g.type === 'MultiPolygon' ? g.coordinates[0]![0]![0] : [0, 0]) as number[];
    const outside = [[x! - 0.01, y! - 0.01], [x! - 0.009, y! - 0.012]];
    const err = refusal(() => editGeometry(sample.project, { op: 'split', parcel: { fid: target.fid }, line: outside }, { actor: ACTOR, now: T0 }));
    expect(err.code).toBe('split_no_cross');
    expect(err.messageZh).toContain('未做任何修改');
    const wrongCodes = refusal(() => editGeometry(sample.project, { op: 'split', parcel: { fid: target.fid }, line: crossLine(g), codes: ['A', 'B'] }, { actor: ACTOR, now: T0 }));
    expect(wrongCodes.code).toBe('split_codes_count');
    const taken = refusal(() => editGeometry(sample.project, { op: 'split', parcel: { fid: target.fid }, line: crossLine(g), codes: [target.code] }, { actor: ACTOR, now: T0 }));
    expect(taken.code).toBe('create_code_taken');
    expect(eventCount(sample.project)).toBe(events0);
    expect(snapshot(sample.project, target.fid)).toEqual(before);
  });

  it('previews a split (dry run) without writing anything', () => {
    const target = plainParcelInBlock(sample.project);
    const before = snapshot(sample.project, target.fid);
    const events0 = eventCount(sample.project);
    const seq = sample.project.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'parcels'").pluck().get();
    const r = editGeometry(sample.project, { op: 'split', parcel: { fid: target.fid }, line: crossLine(geometryOf(sample.project, target.fid)), codes: ['PREVIEW-2'] }, { actor: ACTOR, now: T0, dryRun: true });
    expect(r.dryRun).toBe(true);
    expect(r.batchId).toBeNull();
    expect(r.parcels).toHaveLength(2);
    const pieces = r.parcels.map((x) => x.geometry!);
    const oracle = planimeterAreasM2(pieces);
    r.parcels.forEach((x, i) => expect(Math.abs(x.areaM2 - (oracle[i] ?? NaN))).toBeLessThan(0.01));
    expect(Math.abs(pieces.reduce((s, g) => s + ellipsoidalAreaM2(g), 0) - r.beforeM2)).toBeLessThan(0.01);
    expect(eventCount(sample.project)).toBe(events0);
    expect(snapshot(sample.project, target.fid)).toEqual(before);
    expect(sample.project.db.prepare("SELECT count(*) FROM parcels WHERE code = 'PREVIEW-2'").pluck().get()).toBe(0);
    expect(sample.project.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'parcels'").pluck().get()).toBe(seq);
    expect(rtreeBox(sample.project, target.fid)).toEqual(before.box);
  });
});
