import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Geometry } from '../../shared/api/geojson.js';
import { m2ToMu } from '../../shared/domain/units.js';
import { ensureFixtures, FIXTURES, fixturePath } from '../fixtures/fixtures.js';
import { contentChecksum, landplanner } from '../helpers/cli.js';
import { planimeterAreasM2 } from '../helpers/oracle.js';
import { makeTempDir } from '../helpers/tmp.js';

/**
 * The import CLI end to end on fixture shapefiles made by ogr2ogr. Areas are checked against an
 * oracle that shares none of our code: GDAL reprojects the fixture to EPSG:4490 and GeographicLib's
 * C++ Planimeter measures it.
 */
let fx: string;
const dir = makeTempDir('cli-import');
beforeAll(async () => {
  fx = await ensureFixtures();
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface OracleFeature {
  code: string;
  areaM2: number;
}

/** ogr2ogr → EPSG:4490 GeoJSON → Planimeter, for the features whose codes are given. */
function oracleAreas(shp: string): OracleFeature[] {
  const gj = JSON.parse(
    execFileSync('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:4490', '-lco', 'COORDINATE_PRECISION=15', '/vsistdout/', shp], { encoding: 'utf8', maxBuffer: 1 << 26 }),
  ) as { features: { properties: Record<string, unknown>; geometry: Geometry | null }[] };
  const withGeom = gj.features.filter((f) => f.geometry);
  const areas = planimeterAreasM2(withGeom.map((f) => f.geometry as Geometry));
  return withGeom.map((f, i) => ({ code: String(f.properties['DKBH']), areaM2: areas[i] as number }));
}

describe('landplanner import', () => {
  it('imports a GBK shapefile with no .cpg (LDID only), skipping the invalid features, areas equal to the oracle', () => {
    const project = path.join(dir, 'ldid.gpkg');
    const shp = fixturePath(fx, FIXTURES.ldidOnly);
    const r = landplanner(['import', '--project', project, '--layer', 'parcels', shp, '--on-invalid', 'skip']);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.json['encoding']).toBe('gbk');
    expect(r.json['encodingSource']).toBe('ldid');
    expect(r.json['crs']).toMatch(/^EPSG:45\d\d$/);
    const invalid = r.json['invalid'] as { code: string; action: string }[];
    expect(invalid.map((i) => i.code)).toEqual(expect.arrayContaining(['YK-0004', 'YK-0008']));
    expect(invalid.every((i) => i.action === 'skipped')).toBe(true);

    const oracle = oracleAreas(shp).filter((f) => !invalid.some((i) => i.code === f.code));
    expect(r.json['imported']).toBe(oracle.length);
    const oracleM2 = oracle.reduce((s, f) => s + f.areaM2, 0);
    expect(Math.abs((r.json['areaM2'] as number) - oracleM2)).toBeLessThan(0.01 * oracle.length);
    expect(Math.abs((r.json['areaMu'] as number) - m2ToMu(oracleM2))).toBeLessThan(0.01);

    // Chinese attributes decoded and stored; per-parcel areas equal the oracle to 0.01 m².
    const out = JSON.parse(execFileSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', project, 'parcels'], { encoding: 'utf8' })) as { features: { properties: Record<string, unknown> }[] };
    const byCode = new Map(out.features.map((f) => [f.properties['code'], f.properties]));
    expect(byCode.get('YK-0001')?.['owner']).toBe('张三');
    expect(byCode.get('YK-0007')?.['owner']).toBe('陈喆、王堃');
    for (const f of oracle) expect(Math.abs((byCode.get(f.code)?.['area_m2'] as number) - f.areaM2)).toBeLessThan(0.01);
    // The R-tree written during the bulk insert covers every row, and its insert trigger is back.
    const db = new Database(project, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM rtree_parcels_geom').pluck().get()).toBe(out.features.length);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'rtree_parcels_geom_insert'").pluck().get()).toBe(1);
    db.close();
    // The stated area 3 % off is flagged.
    expect((r.json['areaMismatches'] as { code: string }[]).map((m) => m.code)).toContain('YK-0010');
  });

  it('rejects a file with an invalid geometry by default and changes nothing', () => {
    const project = path.join(dir, 'reject.gpkg');
    expect(landplanner(['import', '--project', project, '--layer', 'parcels', fixturePath(fx, FIXTURES.utf8), '--on-invalid', 'skip']).status).toBe(0);
    const before = contentChecksum(project);
    const r = landplanner(['import', '--project', project, '--layer', 'parcels', fixturePath(fx, FIXTURES.cpg.GBK)]);
    expect(r.status).toBe(1);
    expect((r.json['error'] as { code: string }).code).toBe('invalid_geometry');
    expect((r.json['error'] as { message: string }).message).toMatch(/YK-0004/);
    expect(contentChecksum(project)).toBe(before);
  });

  it.each([
    [FIXTURES.truncated, 'truncated_shp'],
    [FIXTURES.missingDbf, 'missing_dbf'],
    [FIXTURES.unknownPrj, 'unknown_crs'],
    [FIXTURES.noPrj, 'missing_prj'],
    [FIXTURES.empty, 'empty_file'],
  ])('%s → a specific error (%s), project unchanged', (fixture, code) => {
    const project = path.join(dir, `bad-${code}.gpkg`);
    expect(landplanner(['import', '--project', project, '--layer', 'parcels', fixturePath(fx, FIXTURES.utf8), '--on-invalid', 'skip']).status).toBe(0);
    const before = contentChecksum(project);
    const r = landplanner(['import', '--project', project, '--layer', 'parcels', fixturePath(fx, fixture), '--on-invalid', 'skip']);
    expect(r.status).toBe(1);
    const err = r.json['error'] as { code: string; message: string; messageZh: string };
    expect(err.code).toBe(code);
    expect(err.messageZh.length).toBeGreaterThan(5);
    if (code === 'unknown_crs' || code === 'missing_prj') expect(err.message).toContain('--crs');
    expect(contentChecksum(project)).toBe(before);
  });

  it('a missing .prj is accepted once the user names the CRS', () => {
    const project = path.join(dir, 'noprj.gpkg');
    const r = landplanner(['import', '--project', project, '--layer', 'parcels', fixturePath(fx, FIXTURES.noPrj), '--crs', 'EPSG:4549', '--on-invalid', 'skip']);
    expect(r.status, r.stdout).toBe(0);
    expect(r.json['crs']).toBe('EPSG:4549');
  });

  it('check reports the same decisions and writes nothing', () => {
    const project = path.join(dir, 'never-created.gpkg');
    const r = landplanner(['check', fixturePath(fx, FIXTURES.cpg['ANSI 936'])]);
    expect(r.status, r.stdout).toBe(0);
    expect(r.json['encoding']).toBe('gbk');
    expect(r.json['encodingSource']).toBe('cpg');
    expect((r.json['invalid'] as unknown[]).length).toBeGreaterThan(0);
    expect((r.json['sampleRows'] as Record<string, unknown>[])[0]?.['owner']).toBe('张三');
    expect(fs.existsSync(project)).toBe(false);
  });

  it('a bad flag is a usage error with exit code 2', () => {
    const r = landplanner(['import', '--project', path.join(dir, 'x.gpkg'), '--layer', 'roads', fixturePath(fx, FIXTURES.utf8)]);
    expect(r.status).toBe(2);
    expect((r.json['error'] as { code: string }).code).toBe('usage');
  });
});
