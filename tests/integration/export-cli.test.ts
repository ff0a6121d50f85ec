import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCopy } from '../fixtures/ledgers/sample-copy.js';
import { contentChecksum, landplanner } from '../helpers/cli.js';
import { gdalEpsg, gdalRead, ogrinfoSummary } from '../helpers/gdal-read.js';
import { makeTempDir } from '../helpers/tmp.js';

/**
 * `landplanner export` as a user runs it: the file it writes is read by GDAL, its counts and area
 * are plain SQL's, the project is left unchanged, and every mistake exits non-zero with a specific
 * error ({"error":{code,message,messageZh}} with --json).
 */
const dir = makeTempDir('export-cli');
let project: string;
let db: Database.Database;

beforeAll(() => {
  project = sampleCopy(dir, 'sample.gpkg');
  db = new Database(project, { readonly: true });
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const errorOf = (r: { json: Record<string, unknown> }) => r.json['error'] as { code: string; message: string; messageZh: string };

describe('landplanner export', () => {
  it('writes a filtered GBK shapefile zip in EPSG:4549 that GDAL reads; the project is unchanged', () => {
    const before = contentChecksum(project);
    const out = path.join(dir, '已完成2023.zip');
    const r = landplanner(['export', '--project', project, '--layer', 'parcels', '--out', out, '--encoding', 'gbk', '--crs', 'EPSG:4549', '--where', 'status=已完成', '--where', 'year=2023']);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const expected = db.prepare("SELECT count(*) AS n, total(area_m2) AS m2 FROM parcels WHERE status = '已完成' AND completed_on LIKE '2023-%'").get() as { n: number; m2: number };
    expect(r.json).toMatchObject({ layer: 'parcels', exported: expected.n, file: out, format: 'shapefile', encoding: 'gbk', crs: 'EPSG:4549' });
    expect(Math.abs((r.json['areaM2'] as number) - expected.m2)).toBeLessThan(1e-6);
    expect(ogrinfoSummary(`/vsizip/${out}`, 'parcels')).toContain(`Feature Count: ${expected.n}`);
    expect(gdalEpsg(`/vsizip/${out}/parcels.prj`)).toBe('EPSG:4549');
    const gdal = gdalRead(`/vsizip/${out}`).features;
    expect(new Set(gdal.map((f) => f.properties['status']))).toEqual(new Set(['已完成']));
    expect(contentChecksum(project)).toBe(before);
  });

  it('writes GeoJSON for a .geojson --out, with Chinese field names on request', () => {
    const out = path.join(dir, 'blocks.geojson');
    const r = landplanner(['export', '--project', project, '--layer', 'key_blocks', '--out', out, '--field-names', 'zh']);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const names = db.prepare('SELECT name FROM key_blocks ORDER BY fid').pluck().all() as string[];
    expect(r.json['exported']).toBe(names.length);
    expect(gdalRead(out).features.map((f) => f.properties['区块名称'])).toEqual(names);
  });

  it('prints a Chinese-first summary without --json', () => {
    const out = path.join(dir, 'transport.zip');
    const r = spawnSync(process.execPath, [path.resolve('bin/landplanner.mjs'), 'export', '--project', project, '--layer', 'transport', '--out', out, '--encoding', 'utf-8'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^已导出 exported: 11 个要素 features → /);
    expect(r.stdout).toContain('字段名已缩短 shortened field names: target_sta ← target_stage');
  });

  it.each([
    [['--layer', 'parcels', '--out', 'x.zip'], 2, 'usage', /--project/],
    [['--project', 'P', '--layer', 'parcels'], 2, 'usage', /--out/],
    [['--project', 'P', '--layer', 'parcels', '--out', 'x.shp'], 2, 'usage', /\.zip/],
    [['--project', 'P', '--layer', 'parcels', '--out', 'x.zip', '--where', 'colour=red'], 2, 'usage', /--where/],
    [['--project', 'P', '--layer', 'parcels', '--out', 'x.zip', '--where', 'year=abc'], 2, 'usage', /year/],
    [['--project', 'P', '--layer', 'roads', '--out', 'x.zip'], 1, 'invalid_input', /layer/],
    [['--project', 'P', '--layer', 'parcels', '--out', 'x.zip', '--crs', 'EPSG:3857'], 1, 'invalid_input', /crs/],
    [['--project', 'P', '--layer', 'parcels', '--out', 'x.geojson', '--encoding', 'gbk'], 1, 'geojson_utf8_only', /UTF-8/],
    [['--project', 'P', '--layer', 'parcels', '--out', 'x.zip', '--where', 'year=1901'], 1, 'nothing_to_export', /parcels/],
    [['--project', 'P', '--layer', 'projects', '--out', 'x.zip', '--where', 'status=已完成'], 1, 'filter_not_applicable', /status/],
    [['--project', 'P', '--layer', 'parcels', '--out', 'no/such/dir/x.zip'], 1, 'out_dir_not_found', /no\/such\/dir/],
    [['--project', 'missing.gpkg', '--layer', 'parcels', '--out', 'x.zip'], 1, 'project_not_found', /missing\.gpkg/],
  ] as const)('%j → exit %i, %s', (args, status, code, message) => {
    const real = args.map((a) => (a === 'P' ? project : a.endsWith('.zip') || a.endsWith('.geojson') || a.endsWith('.shp') ? path.join(dir, a) : a));
    const r = landplanner(['export', ...real]);
    expect(r.status, r.stdout + r.stderr).toBe(status);
    expect(errorOf(r).code).toBe(code);
    expect(errorOf(r).message).toMatch(message);
    expect(errorOf(r).messageZh.length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(dir, 'x.zip'))).toBe(false);
  });
});
