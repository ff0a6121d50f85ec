import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { PlannerError } from '../../shared/api/errors.js';
import type { Geometry } from '../../shared/api/geojson.js';
import { createCore, type Core } from '../../electron/core/core.js';
import { editGeometry } from '../../electron/core/edit/geometry.js';
import { redoLast, undoLast } from '../../electron/core/edit/undo.js';
import { centroidOf } from '../../electron/core/trace/geometry.js';
import { refusal } from '../helpers/errors.js';
import { useSampleProject } from '../helpers/sample-core.js';
import { eventCount } from './edit-sample.js';
import { areaOf, bboxOf, expectAreasMatchPlanimeter, expectBoxHolds, geometryOf, plainParcelInBlock, snapshot } from './edit-geometry-sample.js';

const sample = useSampleProject('edit-geometry-replace');
const T0 = new Date('2023-08-03T08:00:00.000Z');
const ACTOR = '测试员';
const opts = { actor: ACTOR, now: T0 };

type Multi = Extract<Geometry, { type: 'MultiPolygon' }>;
const shell = (g: Geometry): number[][] => (g as Multi).coordinates[0]![0]!.map((q) => [q[0]!, q[1]!]);
const translate = (ring: number[][], dx: number, dy: number): number[][] => ring.map(([x, y]) => [x! + dx, y! + dy]);

describe('replace, create and delete parcels', () => {
  it('moves a vertex: new area (Planimeter), new R-tree box; undo restores the blob and box', () => {
    const target = plainParcelInBlock(sample.project);
    const before = snapshot(sample.project, target.fid);
    const ring = shell(geometryOf(sample.project, target.fid));
    const [w, s, e, n] = bboxOf(geometryOf(sample.project, target.fid));
    // Pull the first vertex outward, away from the middle, by half the parcel's width.
    const [cx, cy] = [(w + e) / 2, (s + n) / 2];
    const v = ring[0]!;
    const moved = [v[0]! + (v[0]! - cx), v[1]! + (v[1]! - cy)];
    const next = [moved, ...ring.slice(1, -1), moved];
    const r = editGeometry(sample.project, { op: 'replace', parcel: { fid: target.fid }, geometry: { type: 'Polygon', coordinates: [next] } }, opts);
    expect(r.parcels).toHaveLength(1);
    expect(areaOf(sample.project, target.fid)).toBeGreaterThan(r.beforeM2);
    expectAreasMatchPlanimeter(sample.project, [target.fid]);
    expectBoxHolds(sample.project, target.fid);
    expect(r.changed.map((c) => c.field)).toEqual(expect.arrayContaining(['geom', 'area_m2']));
    // The stated area stays (the difference is now flagged on the card).
    expect(sample.project.db.prepare('SELECT stated_area_m2 IS NOT NULL FROM parcels WHERE fid = ?').pluck().get(target.fid)).toBe(1);
    undoLast(sample.project, ACTOR, T0);
    expect(snapshot(sample.project, target.fid)).toEqual(before);
  });

  it('moved into another key block, a parcel takes that block (and undo gives the old one back)', () => {
    const target = plainParcelInBlock(sample.project);
    const other = sample.project.db.prepare('SELECT code, geom FROM key_blocks WHERE code <> ? ORDER BY code LIMIT 1').get(target.block) as { code: string; geom: Buffer };
    const blockCard = sample.project.db.prepare('SELECT fid FROM key_blocks WHERE code = ?').pluck().get(other.code) as number;
    const blockGeometry = sample.project.features('key_blocks').features.find((f) => f.id === blockCard)!.geometry;
    const [bx, by] = centroidOf(blockGeometry);
    const [px, py] = centroidOf(geometryOf(sample.project, target.fid));
    const ring = translate(shell(geometryOf(sample.project, target.fid)), bx - px, by - py);
    editGeometry(sample.project, { op: 'replace', parcel: { fid: target.fid }, geometry: { type: 'Polygon', coordinates: [ring] } }, opts);
    expect(sample.project.db.prepare('SELECT block_code FROM parcels WHERE fid = ?').pluck().get(target.fid)).toBe(other.code);
    undoLast(sample.project, ACTOR, T0);
    expect(sample.project.db.prepare('SELECT block_code FROM parcels WHERE fid = ?').pluck().get(target.fid)).toBe(target.block);
  });

  it('keeps the parcels’ extent in gpkg_contents up to date: grown by an outline moved out, recomputed when it moves back', () => {
    const extent = (): number[] => sample.project.db.prepare("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'parcels'").raw(true).get() as number[];
    const rtree = (): number[] => sample.project.db.prepare('SELECT min(minx), min(miny), max(maxx), max(maxy) FROM rtree_parcels_geom').raw(true).get() as number[];
    const near = (a: number[], b: number[]): boolean => a.every((v, i) => Math.abs(v - (b[i] ?? NaN)) < 1e-4);
    const before = extent();
    expect(near(before, rtree())).toBe(true);
    const target = plainParcelInBlock(sample.project);
    const ring = translate(shell(geometryOf(sample.project, target.fid)), 0.5, 0);
    editGeometry(sample.project, { op: 'replace', parcel: { fid: target.fid }, geometry: { type: 'Polygon', coordinates: [ring] } }, opts);
    expect(extent()[2]).toBeGreaterThanOrEqual(Math.max(...ring.map((q) => q[0]!)));
    expect(extent()[2]).toBeGreaterThan(before[2]!);
    expect(near(extent(), rtree())).toBe(true);
    undoLast(sample.project, ACTOR, T0);
    expect(near(extent(), rtree())).toBe(true);
    expect(near(extent(), before)).toBe(true);
  });

  it('refuses an invalid outline (a bow-tie) with the reason and place, and writes nothing', () => {
    const target = plainParcelInBlock(sample.project);
    const before = snapshot(sample.project, target.fid);
    const events0 = eventCount(sample.project);
    const ring = shell(geometryOf(sample.project, target.fid));
    const bowTie = [ring[0]!, ring[2]!, ring[1]!, ring[3]!, ring[0]!];
    const err = refusal(() => editGeometry(sample.project, { op: 'replace', parcel: { fid: target.fid }, geometry: { type: 'Polygon', coordinates: [bowTie] } }, opts));
    expect(err.code).toBe('geometry_invalid');
    expect(err.messageZh).toContain('自相交');
    expect(err.message).toContain('Nothing was changed');
    expect((err.details?.['issues'] as { code: string }[]).map((i) => i.code)).toContain('self_intersection');
    const outside = refusal(() => editGeometry(sample.project, { op: 'replace', parcel: { fid: target.fid }, geometry: { type: 'Polygon', coordinates: [translate(ring, -100, 0)] } }, opts));
    expect(outside.code).toBe('geometry_outside_china');
    expect(eventCount(sample.project)).toBe(events0);
    expect(snapshot(sample.project, target.fid)).toEqual(before);
  });

  it('creates a parcel (code, owner, status checked; block assigned) that undo removes and redo restores under the same fid', () => {
    const host = plainParcelInBlock(sample.project);
    const [w, s, e, n] = bboxOf(geometryOf(sample.project, host.fid));
    const dx = (e - w) * 1.5;
    const ring = [[w + dx, s], [e + dx, s], [e + dx, n], [w + dx, n], [w + dx, s]];
    const geometry: Geometry = { type: 'Polygon', coordinates: [ring] };
    expect(refusal(() => editGeometry(sample.project, { op: 'create', geometry, values: { owner: '无编号' } }, opts)).code).toBe('create_needs_code');
    expect(refusal(() => editGeometry(sample.project, { op: 'create', geometry, values: { code: host.code } }, opts)).code).toBe('create_code_taken');
    expect(refusal(() => editGeometry(sample.project, { op: 'create', geometry, values: { code: 'NEW-1', status: '完工' } }, opts)).code).toBe('edit_invalid_value');
    expect(refusal(() => editGeometry(sample.project, { op: 'create', geometry, values: { code: 'NEW-1', status: '已完成' } }, opts)).code).toBe('edit_needs_completion_date');
    const r = editGeometry(sample.project, { op: 'create', geometry, values: { code: 'NEW-1', owner: '永康市新建五金有限公司', status: '整治中', town: '东城街道' } }, opts);
    const made = r.parcels[0]!;
    expect(made.action).toBe('created');
    expectAreasMatchPlanimeter(sample.project, [made.fid]);
    expectBoxHolds(sample.project, made.fid);
    const row = sample.project.db.prepare('SELECT code, owner, status, town, block_code FROM parcels WHERE fid = ?').get(made.fid);
    expect(row).toEqual({ code: 'NEW-1', owner: '永康市新建五金有限公司', status: '整治中', town: '东城街道', block_code: made.blockCode });
    const created = snapshot(sample.project, made.fid);
    undoLast(sample.project, ACTOR, T0);
    expect(snapshot(sample.project, made.fid)).toEqual({ blob: null, box: null, row: 'null' });
    redoLast(sample.project, ACTOR, T0);
    expect(snapshot(sample.project, made.fid)).toEqual(created);
    undoLast(sample.project, ACTOR, T0);
  });

  it('deletes a parcel and undo puts the very same row back', () => {
    const target = plainParcelInBlock(sample.project);
    const before = snapshot(sample.project, target.fid);
    const r = editGeometry(sample.project, { op: 'delete', parcels: [{ fid: target.fid }] }, opts);
    expect(r.parcels).toEqual([expect.objectContaining({ fid: target.fid, action: 'deleted', geometry: null })]);
    expect(snapshot(sample.project, target.fid).row).toBe('null');
    undoLast(sample.project, ACTOR, T0);
    expect(snapshot(sample.project, target.fid)).toEqual(before);
  });

  it('goes through the contract: dataChanged names the old and the new place; GDAL reads the file without complaint', async () => {
    const seen: { layers: string[]; extent?: number[][] }[] = [];
    const core: Core = createCore(sample.project, (name, payload) => {
      if (name === 'dataChanged') seen.push(payload as never);
    });
    try {
      const target = plainParcelInBlock(sample.project);
      const g = await core.parcelGeometry({ fid: target.fid });
      expect(g.areaM2).toBe(areaOf(sample.project, target.fid));
      const ring = translate(shell(g.geometry), 0.002, 0);
      const r = await core.editGeometry({ operation: { op: 'replace', parcel: { fid: target.fid }, geometry: { type: 'Polygon', coordinates: [ring] } }, actor: ACTOR });
      expect(r.batchId).not.toBeNull();
      const [w, s, e, n] = bboxOf(g.geometry);
      const extent = seen.at(-1)?.extent ?? [];
      // The old box (no longer in the R-tree) is named as well as the new one.
      expect(extent.some((b) => b[0]! <= w && b[2]! >= e && b[1]! <= s && b[3]! >= n)).toBe(true);
      expect(extent.some((b) => b[0]! <= w + 0.002 && b[2]! >= e + 0.002)).toBe(true);
      const invalid = await core.editGeometry({ operation: { op: 'merge', parcels: [{ fid: target.fid }] } }).then(
        () => null,
        (err: unknown) => err,
      );
      expect((invalid as PlannerError).code).toBe('invalid_input');
      await core.undo({ actor: ACTOR });
      expect(seen.at(-1)?.extent?.some((b) => b[0]! <= w + 0.002 && b[2]! >= e + 0.002)).toBe(true);
    } finally {
      await core.dispose();
    }
    sample.project.db.pragma('wal_checkpoint(TRUNCATE)');
    const info = spawnSync('ogrinfo', ['-ro', '-so', sample.file, 'parcels'], { encoding: 'utf8' });
    expect(info.status).toBe(0);
    expect(info.stderr).toBe('');
    const count = sample.project.db.prepare('SELECT count(*) FROM parcels').pluck().get() as number;
    expect(info.stdout).toContain(`Feature Count: ${count}`);
    // GDAL's own R-tree check (gpkg_rtree_index consistent with the geometries).
    const check = execFileSync('ogrinfo', ['-ro', '-q', sample.file, '-sql', "SELECT count(*) FROM parcels p JOIN rtree_parcels_geom r ON r.id = p.fid WHERE r.minx > ST_MinX(p.geom) OR r.maxx < ST_MaxX(p.geom)"], { encoding: 'utf8' });
    expect(check).toMatch(/count\(\*\) \(Integer\) = 0/);
  });
});
