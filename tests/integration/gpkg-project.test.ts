import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Geometry } from '../../shared/api/geojson.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../electron/core/project/migrations.js';
import { Project } from '../../electron/core/project/project.js';
import { planimeterAreasM2 } from '../helpers/oracle.js';
import { makeTempDir } from '../helpers/tmp.js';

const dir = makeTempDir('gpkg');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// A parcel with a hole, a plain one near 永康, a road and a project point.
const withHole: Geometry = {
  type: 'Polygon',
  coordinates: [
    [[120.03, 28.9], [120.034, 28.9], [120.034, 28.903], [120.03, 28.903], [120.03, 28.9]],
    [[120.031, 28.901], [120.031, 28.902], [120.032, 28.902], [120.032, 28.901], [120.031, 28.901]],
  ],
};
const plain: Geometry = {
  type: 'MultiPolygon',
  coordinates: [[[[120.05, 28.91], [120.0512, 28.9101], [120.0509, 28.9113], [120.0498, 28.911], [120.05, 28.91]]]],
};

function buildProject(file: string): Project {
  const p = Project.create(file, { name: '测试项目' });
  p.insertFeatures('parcels', [
    { geometry: withHole, properties: { code: 'YK-0001', owner: '永康市测试五金有限公司', town: '东城街道', status: '已完成', straddles: false } },
    { geometry: plain, properties: { code: 'YK-0002', owner: '浙江某某工贸有限公司', town: '江南街道', status: '整治中', straddles: true } },
  ]);
  p.insertFeatures('transport', [{ geometry: { type: 'LineString', coordinates: [[120.0, 28.9], [120.05, 28.92]] }, properties: { code: 'R1', name: '金塔路', mode: '道路', stage: '在建' } }]);
  p.insertFeatures('projects', [{ geometry: { type: 'Point', coordinates: [120.02, 28.88] }, properties: { code: 'P1', name: '先进电池项目', investment_yi: 12.5 } }]);
  return p;
}

describe('project file is a GeoPackage that GDAL reads', () => {
  const file = path.join(dir, 'interop.gpkg');
  const p = buildProject(file);
  p.close();

  it('ogrinfo lists every layer without a warning or error', () => {
    const r = spawnSync('ogrinfo', ['-ro', '-al', '-so', file], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    for (const layer of ['parcels', 'key_blocks', 'renewal_zones', 'platforms', 'transport', 'projects', 'goals', 'transfers', 'factories', 'events', 'settings']) {
      expect(r.stdout).toContain(`Layer name: ${layer}`);
    }
    expect(r.stdout).toMatch(/Layer name: parcels[\s\S]*?Geometry: Multi Polygon[\s\S]*?Feature Count: 2/);
    expect(r.stdout).toContain('ID["EPSG",4490]');
  });

  it('GDAL reads back our attributes (Chinese text) and geometry', () => {
    const out = execFileSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', file, 'parcels'], { encoding: 'utf8' });
    const fc = JSON.parse(out) as { features: { properties: Record<string, unknown>; geometry: { coordinates: number[][][][] } }[] };
    expect(fc.features.map((f) => f.properties['owner'])).toEqual(['永康市测试五金有限公司', '浙江某某工贸有限公司']);
    expect(fc.features[0]?.geometry.coordinates[0]?.[1]?.[0]).toEqual([120.031, 28.901]);
    expect(fc.features[1]?.properties['straddles']).toBe(true);
  });

  it('the R-tree index agrees with the geometries (GDAL checks it through spatial filters)', () => {
    const out = execFileSync('ogrinfo', ['-ro', '-q', '-spat', '120.049', '28.909', '120.052', '28.912', file, 'parcels'], { encoding: 'utf8' });
    expect(out).toContain('YK-0002');
    expect(out).not.toContain('YK-0001');
  });

  it('stored areas equal GeographicLib Planimeter’s (C++) to 0.01 m², holes subtracted', () => {
    const reopened = Project.open(file);
    const fc = reopened.features('parcels');
    reopened.close();
    const oracle = planimeterAreasM2(fc.features.map((f) => f.geometry));
    fc.features.forEach((f, i) => expect(Math.abs((f.properties['area_m2'] as number) - (oracle[i] as number))).toBeLessThan(0.01));
    // 129 717.36 m² shell minus a 10 809.78 m² hole.
    expect(oracle[0]).toBeCloseTo(129717.3636 - 10809.7803, 2);
  });

  it('and agree with SpatiaLite’s ellipsoidal ST_Area within its ~1e-5 tolerance', () => {
    const db = new Database(file, { readonly: true });
    db.loadExtension('mod_spatialite');
    const rows = db.prepare('SELECT area_m2, ST_Area(GeomFromGPB(geom), 1) AS oracle FROM parcels').all() as { area_m2: number; oracle: number }[];
    db.close();
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(Math.abs(r.area_m2 - r.oracle) / r.oracle).toBeLessThan(1e-5);
  });
});

describe('Project', () => {
  it('reopens with the same features, settings and WAL journal', () => {
    const file = path.join(dir, 'reopen.gpkg');
    buildProject(file).close();
    const p = Project.open(file);
    expect(p.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const info = p.info();
    expect(info).toMatchObject({ name: '测试项目', isSample: false, crs: 'EPSG:4490', schemaVersion: LATEST_SCHEMA_VERSION });
    expect(info.counts).toMatchObject({ parcels: 2, transport: 1, projects: 1, key_blocks: 0 });
    const fc = p.features('parcels');
    expect(fc.features.map((f) => f.properties['code'])).toEqual(['YK-0001', 'YK-0002']);
    expect(fc.features[0]?.geometry.type).toBe('MultiPolygon');
    expect(p.features('parcels', [120.049, 28.909, 120.052, 28.912]).features.map((f) => f.properties['code'])).toEqual(['YK-0002']);
    p.updateSettings({ locale: 'en' });
    p.close();
    const again = Project.open(file);
    expect(again.getSettings().locale).toBe('en');
    again.close();
  });

  it('a batch with one bad feature writes nothing', () => {
    const file = path.join(dir, 'atomic.gpkg');
    const p = buildProject(file);
    const good = { geometry: plain, properties: { code: 'OK' } };
    expect(() => p.insertFeatures('parcels', [good, good, { geometry: plain, properties: { code: 'BAD', colour: 'red' } }])).toThrow(/unknown field "colour"/);
    expect(p.info().counts.parcels).toBe(2);
    expect(() => p.insertFeatures('parcels', [{ geometry: { type: 'Point', coordinates: [120, 29] }, properties: {} }])).toThrow(/MULTIPOLYGON/);
    p.close();
  });

  it('refuses invalid settings without writing them', () => {
    const file = path.join(dir, 'settings.gpkg');
    const p = buildProject(file);
    expect(() => p.updateSettings({ statuses: [] })).toThrow();
    expect(p.getSettings().statuses.length).toBeGreaterThan(0);
    p.close();
  });

  it('refuses a missing file, a non-project and a project from a newer version', () => {
    expect(() => Project.open(path.join(dir, 'nope.gpkg'))).toThrow(expect.objectContaining({ code: 'project_not_found' }));
    const junk = path.join(dir, 'junk.gpkg');
    fs.writeFileSync(junk, '');
    const db = new Database(junk);
    db.exec('CREATE TABLE t (a)');
    db.close();
    expect(() => Project.open(junk)).toThrow(expect.objectContaining({ code: 'not_a_project' }));
    const newer = path.join(dir, 'newer.gpkg');
    buildProject(newer).close();
    const raw = new Database(newer);
    raw.prepare("UPDATE project_meta SET value = '999' WHERE key = 'schema_version'").run();
    raw.close();
    expect(() => Project.open(newer)).toThrow(expect.objectContaining({ code: 'project_too_new' }));
  });

  it('never overwrites an existing file on create', () => {
    const file = path.join(dir, 'exists.gpkg');
    buildProject(file).close();
    expect(() => Project.create(file)).toThrow(expect.objectContaining({ code: 'project_exists' }));
    expect(Project.open(file).info().counts.parcels).toBe(2);
  });
});

describe('migrations', () => {
  const addColumn: Migration = {
    version: LATEST_SCHEMA_VERSION + 1,
    description: 'test: parcels.remark',
    up: (db) => db.exec('ALTER TABLE parcels ADD COLUMN remark TEXT'),
  };
  const broken: Migration = {
    version: LATEST_SCHEMA_VERSION + 2,
    description: 'test: fails halfway',
    up: (db) => {
      db.exec('ALTER TABLE parcels ADD COLUMN half TEXT');
      throw new Error('boom');
    },
  };

  it('takes a backup copy, then migrates', () => {
    const file = path.join(dir, 'migrate.gpkg');
    buildProject(file).close();
    const p = Project.open(file, { migrations: [...MIGRATIONS, addColumn] });
    expect(p.schemaVersion).toBe(LATEST_SCHEMA_VERSION + 1);
    p.close();
    const backups = fs.readdirSync(dir).filter((f) => f.startsWith(`migrate.gpkg.bak-v${LATEST_SCHEMA_VERSION}-`));
    expect(backups).toHaveLength(1);
    const backup = Project.open(path.join(dir, backups[0] as string));
    expect(backup.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(backup.info().counts.parcels).toBe(2);
    backup.close();
  });

  it('a failing migration leaves the file as it was', () => {
    const file = path.join(dir, 'migrate-fail.gpkg');
    buildProject(file).close();
    expect(() => Project.open(file, { migrations: [...MIGRATIONS, addColumn, broken] })).toThrow('boom');
    const p = Project.open(file);
    expect(p.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const cols = (p.db.prepare('PRAGMA table_info(parcels)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).not.toContain('remark');
    expect(cols).not.toContain('half');
    expect(p.db.pragma('integrity_check', { simple: true })).toBe('ok');
    p.close();
  });
});
