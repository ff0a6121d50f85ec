import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeometryEditResult } from '../../shared/api/edit-geometry.js';
import type { Geometry } from '../../shared/api/geojson.js';
import { Project } from '../../electron/core/project/project.js';
import { landplanner } from '../helpers/cli.js';
import { planimeterAreasM2 } from '../helpers/oracle.js';
import { makeTempDir } from '../helpers/tmp.js';
import { sampleCopy } from './edit-sample.js';
import { crossLine, geometryOf, plainParcelInBlock, snapshot, type ParcelSnapshot } from './edit-geometry-sample.js';

const dir = makeTempDir('edit-geometry-cli');
let file: string;
let target: { fid: number; code: string; block: string };
let original: ParcelSnapshot;
let outline: Geometry;

beforeAll(() => {
  file = sampleCopy(dir, 'cli');
  const p = Project.open(file);
  target = plainParcelInBlock(p);
  original = snapshot(p, target.fid);
  outline = geometryOf(p, target.fid);
  p.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, geometry: Geometry): string => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry }] }));
  return f;
};

function expectPlanimeterAreas(r: GeometryEditResult): void {
  const kept = r.parcels.filter((x) => x.geometry !== null);
  const oracle = planimeterAreasM2(kept.map((x) => x.geometry!));
  kept.forEach((x, i) => expect(Math.abs(x.areaM2 - (oracle[i] ?? NaN))).toBeLessThan(0.01));
}

describe('landplanner split / merge / edit-geometry', () => {
  it('splits by a line from a GeoJSON file, merges the pieces back, and undo returns the original blob', () => {
    const line = write('line.geojson', { type: 'LineString', coordinates: crossLine(outline) });
    const split = landplanner(['split', '--project', file, target.code, '--line', line, '--actor', 'CLI测试']);
    expect(split.status, split.stderr).toBe(0);
    const r = split.json as unknown as GeometryEditResult;
    expect(r.parcels.map((x) => [x.code, x.action])).toEqual([[target.code, 'updated'], [`${target.code}-2`, 'created']]);
    expectPlanimeterAreas(r);
    expect(Math.abs(r.afterM2 - r.beforeM2)).toBeLessThan(0.01);

    const merge = landplanner(['merge', '--project', file, target.code, `${target.code}-2`]);
    expect(merge.status, merge.stderr).toBe(0);
    const m = merge.json as unknown as GeometryEditResult;
    expect(m.parcels.map((x) => x.action)).toEqual(['updated', 'deleted']);
    expectPlanimeterAreas(m);
    expect(Math.abs(m.afterM2 - r.beforeM2)).toBeLessThan(0.01);

    for (let i = 0; i < 2; i++) expect(landplanner(['undo', '--project', file]).status).toBe(0);
    const p = Project.open(file);
    try {
      expect(snapshot(p, target.fid)).toEqual(original);
      expect(p.db.prepare('SELECT count(*) FROM parcels WHERE code = ?').pluck().get(`${target.code}-2`)).toBe(0);
    } finally {
      p.close();
    }
  }, 240_000);

  it('replaces an outline given in CGCS2000 Gauss-Krüger (EPSG:4549, written by ogr2ogr) and previews with --dry-run', () => {
    const ring = (outline as Extract<Geometry, { type: 'MultiPolygon' }>).coordinates[0]![0]!.map((q) => [q[0]!, q[1]!]);
    const [x0, y0] = ring[0]!;
    const moved = [x0! - 0.0002, y0! - 0.0002];
    const lonlat: Geometry = { type: 'Polygon', coordinates: [[moved, ...ring.slice(1, -1), moved]] };
    const src = write('outline-4490.geojson', lonlat);
    const gk = path.join(dir, 'outline-4549.geojson');
    execFileSync('ogr2ogr', ['-f', 'GeoJSON', '-s_srs', 'EPSG:4490', '-t_srs', 'EPSG:4549', '-lco', 'RFC7946=NO', '-lco', 'COORDINATE_PRECISION=6', gk, src]);
    expect(fs.readFileSync(gk, 'utf8')).toContain('4549');
    const [expected] = planimeterAreasM2([lonlat]);

    const preview = landplanner(['edit-geometry', '--project', file, target.code, '--geojson', gk, '--dry-run']);
    expect(preview.status, preview.stderr).toBe(0);
    const d = preview.json as unknown as GeometryEditResult;
    expect(d.dryRun).toBe(true);
    expect(Math.abs((d.parcels[0]?.areaM2 ?? NaN) - (expected ?? NaN))).toBeLessThan(0.01);
    let p = Project.open(file);
    expect(snapshot(p, target.fid)).toEqual(original);
    p.close();

    const saved = landplanner(['edit-geometry', '--project', file, '--fid', String(target.fid), '--geojson', gk]);
    expect(saved.status, saved.stderr).toBe(0);
    p = Project.open(file);
    try {
      const area = p.db.prepare('SELECT area_m2 FROM parcels WHERE fid = ?').pluck().get(target.fid) as number;
      expect(Math.abs(area - (expected ?? NaN))).toBeLessThan(0.01);
    } finally {
      p.close();
    }
    expect(landplanner(['undo', '--project', file]).status).toBe(0);
  }, 240_000);

  it('refuses a line that misses the parcel (exit 1, the error as JSON) and prints people-readable lines without --json', () => {
    const line = write('miss.geojson', { type: 'LineString', coordinates: [[100, 30], [100.001, 30.001]] });
    const miss = landplanner(['split', '--project', file, target.code, '--line', line]);
    expect(miss.status).toBe(1);
    expect((miss.json['error'] as { code: string }).code).toBe('split_no_cross');
    const usage = landplanner(['merge', '--project', file, target.code]);
    expect(usage.status).toBe(2);

    const good = write('good.geojson', { type: 'LineString', coordinates: crossLine(outline) });
    const human = execFileSync(process.execPath, [path.resolve(import.meta.dirname, '../../bin/landplanner.mjs'), 'split', '--project', file, target.code, '--line', good, '--dry-run'], { encoding: 'utf8' });
    expect(human).toContain('预览,未写入 dry run');
    expect(human).toContain(`${target.code}-2  新建 created`);
    expect(human).toMatch(/之前 before: [\d.]+ m² = [\d.]+ 亩/);
  }, 240_000);
});
