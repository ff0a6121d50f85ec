import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportLayerInput, ExportLayerResult } from '../../shared/api/export.js';
import type { Geometry } from '../../shared/api/geojson.js';
import { createCore, type Core } from '../../electron/core/core.js';
import { Project } from '../../electron/core/project/project.js';
import { ensureFixtures, FIXTURES, fixturePath } from '../fixtures/fixtures.js';
import { sampleCopy } from '../fixtures/ledgers/sample-copy.js';
import { landplanner } from '../helpers/cli.js';
import { gdalEpsg, gdalRead, geodSolveLengthsM, ogrinfoSummary, shpRecordRings, type GdalFeature } from '../helpers/gdal-read.js';
import { planimeterAreasM2 } from '../helpers/oracle.js';
import { makeTempDir } from '../helpers/tmp.js';

/**
 * exportLayer through the core on a copy of the sample project and on a GDAL-made fixture with
 * holes, multipolygons and an island in a hole; every file is read back by GDAL (ogr2ogr from
 * /vsizip/, ogrinfo, gdalsrsinfo) and its areas measured by GeographicLib's C++ Planimeter — none
 * of our code — against the areas stored in the project (plain SQL); then re-imported by our own
 * importer (the CLI) for the round trip.
 */
const dir = makeTempDir('export-layer');
let fx: string;
let core: Core;
let project: Project;
let oracle: Database.Database;
let holesFile: string;
let holes: Project;
let holesCore: Core;

beforeAll(async () => {
  fx = await ensureFixtures();
  const file = sampleCopy(dir, 'sample.gpkg');
  project = Project.open(file);
  core = createCore(project);
  oracle = new Database(file, { readonly: true });
  holesFile = path.join(dir, 'holes.gpkg');
  const r = landplanner(['import', '--project', holesFile, '--layer', 'parcels', fixturePath(fx, FIXTURES.crs4490), '--on-invalid', 'skip']);
  expect(r.status, r.stderr + r.stdout).toBe(0);
  holes = Project.open(holesFile);
  holesCore = createCore(holes);
}, 180_000);

afterAll(async () => {
  oracle.close();
  await core.dispose();
  await holesCore.dispose();
  project.close();
  holes.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function exportTo(c: Core, input: ExportLayerInput, name: string): Promise<{ file: string; result: ExportLayerResult }> {
  const result = await c.exportLayer(input);
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.from(result.base64, 'base64'));
  return { file, result };
}

interface StoredParcel {
  fid: number;
  code: string;
  owner: string | null;
  town: string | null;
  address: string | null;
  land_use: string | null;
  status: string | null;
  method: string | null;
  completed_on: string | null;
  block_code: string | null;
  straddles: number | null;
  area_m2: number;
}

const storedParcels = (db: Database.Database): StoredParcel[] =>
  db.prepare('SELECT fid, code, owner, town, address, land_use, status, method, completed_on, block_code, straddles, area_m2 FROM parcels ORDER BY fid').all() as StoredParcel[];

/** GDAL's field names for our columns, from the export report (short names in the .dbf). */
const nameOf = (r: ExportLayerResult, column: string): string => r.report.fields.find((f) => f.column === column)!.name;

function expectAreasEqualOracle(features: readonly GdalFeature[], stored: readonly { area_m2: number }[]): void {
  const areas = planimeterAreasM2(features.map((f) => f.geometry as Geometry));
  expect(areas.length).toBe(stored.length);
  let worst = 0;
  areas.forEach((a, i) => (worst = Math.max(worst, Math.abs(a - stored[i]!.area_m2))));
  expect(worst).toBeLessThan(0.01);
}

function dbfBytes(zip: string, layer: string): Uint8Array {
  return unzipSync(fs.readFileSync(zip))[`${layer}.dbf`]!;
}

describe('sample parcels as a shapefile', () => {
  it('GBK, EPSG:4490: GDAL reads every feature, the Chinese attributes and the areas (Planimeter) the project holds', async () => {
    const { file, result } = await exportTo(core, { layer: 'parcels', format: 'shapefile', encoding: 'gbk', crs: 'EPSG:4490' }, 'parcels-gbk.zip');
    const stored = storedParcels(oracle);
    expect(result.fileName).toBe('示例数据_工业用地地块_CGCS2000_GBK.zip');
    expect(result.report.exported).toBe(stored.length);
    expect(result.report.areaM2).toBeCloseTo(stored.reduce((s, p) => s + p.area_m2, 0), 6);

    const entries = unzipSync(fs.readFileSync(file));
    expect(Object.keys(entries).sort()).toEqual(['parcels.cpg', 'parcels.dbf', 'parcels.prj', 'parcels.shp', 'parcels.shx', 'parcels_fields.txt']);
    expect(new TextDecoder().decode(entries['parcels.cpg'])).toBe('GBK');
    expect(entries['parcels.dbf']![29]).toBe(0x4d);

    const info = ogrinfoSummary(`/vsizip/${file}`, 'parcels');
    expect(info).toContain(`Feature Count: ${stored.length}`);
    expect(info).toContain('ID["EPSG",4490]');
    expect(gdalEpsg(`/vsizip/${file}/parcels.prj`)).toBe('EPSG:4490');

    const gdal = gdalRead(`/vsizip/${file}`).features;
    expect(gdal.length).toBe(stored.length);
    gdal.forEach((f, i) => {
      const p = stored[i]!;
      const v = (c: string) => f.properties[nameOf(result, c)];
      expect(v('code')).toBe(p.code);
      expect(v('owner')).toBe(p.owner);
      expect(v('town')).toBe(p.town);
      expect(v('address')).toBe(p.address);
      expect(v('land_use')).toBe(p.land_use);
      expect(v('status')).toBe(p.status);
      expect(v('method') ?? null).toBe(p.method);
      expect(v('completed_on') ?? null).toBe(p.completed_on);
      expect(v('block_code') ?? null).toBe(p.block_code);
      expect(v('straddles') ?? null).toBe(p.straddles);
      // area_m2 unrounded: the double itself comes back; mu = m² × 15 / 10000.
      expect(v('area_m2')).toBe(p.area_m2);
      expect(Math.abs((v('mu') as number) - (p.area_m2 * 15) / 10000)).toBeLessThan(1e-12);
    });
    expectAreasEqualOracle(gdal, stored);
  });

  it('GBK without the .cpg: GDAL decodes the Chinese from the LDID byte alone', async () => {
    const file = path.join(dir, 'parcels-gbk.zip');
    const folder = path.join(dir, 'no-cpg');
    fs.mkdirSync(folder, { recursive: true });
    for (const [name, bytes] of Object.entries(unzipSync(fs.readFileSync(file)))) if (!name.endsWith('.cpg')) fs.writeFileSync(path.join(folder, name), bytes);
    const gdal = gdalRead(path.join(folder, 'parcels.shp')).features;
    const stored = storedParcels(oracle);
    expect(gdal.map((f) => f.properties['owner'])).toEqual(stored.map((p) => p.owner));
  });

  it('GBK with Chinese field names: names up to 5 hanzi kept whole (10 GBK bytes), read by GDAL as written', async () => {
    const { file, result } = await exportTo(core, { layer: 'parcels', format: 'shapefile', encoding: 'gbk', fieldNames: 'zh' }, 'parcels-gbk-zh.zip');
    const names = result.report.fields.map((f) => f.name);
    expect(names).toContain('地块编号');
    expect(names).toContain('面积平方米'); // exactly 10 bytes in GBK
    for (const f of result.report.fields) {
      expect(iconv.encode(f.name, 'gbk').length).toBeLessThanOrEqual(10);
      expect(f.truncated).toBe(false);
    }
    const gdal = gdalRead(`/vsizip/${file}`).features;
    const info = ogrinfoSummary(`/vsizip/${file}`, 'parcels');
    for (const n of names) expect(info).toContain(`${n}: `);
    expect(gdal.map((f) => f.properties['权利人'])).toEqual(storedParcels(oracle).map((p) => p.owner));
    const txt = new TextDecoder().decode(unzipSync(fs.readFileSync(file))['parcels_fields.txt']);
    expect(txt).toContain('面积平方米\t面积平方米\tarea_m2');
  });

  it('UTF-8 with Chinese names, EPSG:4549: names cut to 10 UTF-8 bytes and unique, GDAL sees EPSG:4549 and, reprojected back, the same areas', async () => {
    const { file, result } = await exportTo(core, { layer: 'parcels', format: 'shapefile', encoding: 'utf-8', crs: 'EPSG:4549', fieldNames: 'zh' }, 'parcels-utf8-4549.zip');
    expect(result.fileName).toBe('示例数据_工业用地地块_CGCS2000_GK120E_UTF-8.zip');
    const entries = unzipSync(fs.readFileSync(file));
    expect(new TextDecoder().decode(entries['parcels.cpg'])).toBe('UTF-8');
    expect(entries['parcels.dbf']![29]).toBe(0);
    const names = result.report.fields.map((f) => f.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) expect(Buffer.byteLength(n, 'utf8')).toBeLessThanOrEqual(10);
    expect(result.report.fields.find((f) => f.column === 'code')).toMatchObject({ name: '地块编', fullName: '地块编号', truncated: true });
    expect(gdalEpsg(`/vsizip/${file}/parcels.prj`)).toBe('EPSG:4549');
    expect(ogrinfoSummary(`/vsizip/${file}`, 'parcels')).toContain('ID["EPSG",4549]');

    const stored = storedParcels(oracle);
    const gdal = gdalRead(`/vsizip/${file}`, { tSrs: 'EPSG:4490' }).features;
    expect(gdal.length).toBe(stored.length);
    expect(Object.keys(gdal[0]!.properties).every((k) => names.includes(k))).toBe(true);
    expect(gdal.map((f) => f.properties['权利人'])).toEqual(stored.map((p) => p.owner));
    expect(gdal.map((f) => f.properties['坐落'])).toEqual(stored.map((p) => p.address));
    expectAreasEqualOracle(gdal, stored);
  });

  it('re-imported by our own importer (GBK 4490 and UTF-8 4549): the same features with the same areas', () => {
    const stored = storedParcels(oracle);
    for (const name of ['parcels-gbk.zip', 'parcels-utf8-4549.zip']) {
      const target = path.join(dir, `reimport-${name}.gpkg`);
      const r = landplanner(['import', '--project', target, '--layer', 'parcels', path.join(dir, name)]);
      expect(r.status, r.stderr + r.stdout).toBe(0);
      expect(r.json['crs']).toBe(name.includes('4549') ? 'EPSG:4549' : 'EPSG:4490');
      expect(r.json['encoding']).toBe(name.includes('utf8') ? 'utf-8' : 'gbk');
      const db = new Database(target, { readonly: true });
      const back = db.prepare('SELECT owner, area_m2 FROM parcels ORDER BY fid').all() as { owner: string; area_m2: number }[];
      db.close();
      expect(back.length).toBe(stored.length);
      let worst = 0;
      back.forEach((b, i) => (worst = Math.max(worst, Math.abs(b.area_m2 - stored[i]!.area_m2))));
      expect(worst).toBeLessThan(0.01);
      if (!name.includes('4549')) expect(worst).toBe(0); // lon/lat written as they are: bit for bit
    }
  }, 120_000);
});

describe('holes, multipolygons and an island in a hole (GDAL-made fixture)', () => {
  const storedHoles = () =>
    holes.db.prepare('SELECT fid, code, area_m2, geom FROM parcels ORDER BY fid').all() as { fid: number; code: string; area_m2: number }[];

  it('rings are written as the spec says (shells clockwise, holes counter-clockwise), boxes right, areas equal to the oracle in 4490 and 4549', async () => {
    const stored = storedHoles();
    const features = (await holesCore.layerFeatures({ layer: 'parcels' })).features;
    for (const crs of ['EPSG:4490', 'EPSG:4549'] as const) {
      const { file, result } = await exportTo(holesCore, { layer: 'parcels', format: 'shapefile', encoding: 'gbk', crs }, `holes-${crs.slice(5)}.zip`);
      expect(result.report.exported).toBe(stored.length);
      const records = shpRecordRings(unzipSync(fs.readFileSync(file))['parcels.shp']!);
      expect(records.length).toBe(features.length);
      records.forEach((rec, i) => {
        const g = features[i]!.geometry;
        const polys = g.type === 'MultiPolygon' ? g.coordinates : g.type === 'Polygon' ? [g.coordinates] : [];
        const shells = polys.length;
        const holeCount = polys.reduce((s, p) => s + p.length - 1, 0);
        expect(rec.signedAreas.filter((a) => a < 0).length).toBe(shells);
        expect(rec.signedAreas.filter((a) => a > 0).length).toBe(holeCount);
        expect(rec.box).toEqual(rec.computedBox);
      });
      const gdal = gdalRead(`/vsizip/${file}`, { tSrs: 'EPSG:4490' }).features;
      expect(gdal.map((f) => f.properties['code'])).toEqual(stored.map((p) => p.code));
      expectAreasEqualOracle(gdal, stored);
    }
    // The fixture really has them: a hole, a multipolygon with a holed part, an island in a hole.
    const kinds = features.map((f) => (f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates.map((p) => p.length) : [f.geometry.coordinates.length]));
    expect(kinds.some((k) => k.length === 1 && k[0]! > 1)).toBe(true);
    expect(kinds.some((k) => k.length > 1 && k.some((n) => n > 1))).toBe(true);
  });

  it('re-imported by our importer with the same areas', () => {
    const stored = storedHoles();
    const target = path.join(dir, 'holes-back.gpkg');
    const r = landplanner(['import', '--project', target, '--layer', 'parcels', path.join(dir, 'holes-4549.zip')]);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const db = new Database(target, { readonly: true });
    const back = db.prepare('SELECT code, area_m2 FROM parcels ORDER BY fid').all() as { code: string; area_m2: number }[];
    db.close();
    expect(back.map((b) => b.code)).toEqual(stored.map((s) => s.code));
    back.forEach((b, i) => expect(Math.abs(b.area_m2 - stored[i]!.area_m2)).toBeLessThan(0.01));
  }, 60_000);
});

describe('lines and points', () => {
  it('transport lines (one with two parts) keep their parts, and lengths equal GeodSolve in 4490 and 4549', async () => {
    const stored = oracle.prepare('SELECT code, name, stage, length_m FROM transport ORDER BY fid').all() as { code: string; name: string; stage: string; length_m: number }[];
    for (const crs of ['EPSG:4490', 'EPSG:4549'] as const) {
      const { file, result } = await exportTo(core, { layer: 'transport', format: 'shapefile', encoding: 'gbk', crs, fieldNames: 'zh' }, `transport-${crs.slice(5)}.zip`);
      expect(result.report.exported).toBe(stored.length);
      expect(ogrinfoSummary(`/vsizip/${file}`, 'transport')).toContain('Line String');
      const gdal = gdalRead(`/vsizip/${file}`, { tSrs: 'EPSG:4490' }).features;
      expect(gdal.map((f) => f.properties['项目名称'])).toEqual(stored.map((s) => s.name));
      expect(gdal.map((f) => f.properties['建设阶段'])).toEqual(stored.map((s) => s.stage));
      expect(gdal.filter((f) => f.geometry?.type === 'MultiLineString').length).toBe(1);
      const lengths = geodSolveLengthsM(gdal.map((f) => f.geometry as Geometry));
      lengths.forEach((l, i) => expect(Math.abs(l - stored[i]!.length_m)).toBeLessThan(0.001));
    }
  });

  it('project points come back at the same lon/lat', async () => {
    const { file } = await exportTo(core, { layer: 'projects', format: 'shapefile', encoding: 'utf-8' }, 'projects.zip');
    const ours = (await core.layerFeatures({ layer: 'projects' })).features;
    const gdal = gdalRead(`/vsizip/${file}`).features;
    expect(gdal.length).toBe(ours.length);
    gdal.forEach((f, i) => {
      expect(f.geometry).toEqual(ours[i]!.geometry);
      expect(f.properties['name']).toBe(ours[i]!.properties['name']);
    });
  });
});

describe('GeoJSON', () => {
  it('is RFC 7946 (UTF-8, lon/lat, no crs member, shells counter-clockwise) and GDAL reads the same features and areas', async () => {
    const { file, result } = await exportTo(holesCore, { layer: 'parcels', format: 'geojson', fieldNames: 'zh' }, 'holes.geojson');
    expect(result.fileName).toBe('工业用地地块.geojson');
    expect(result.mime).toBe('application/geo+json');
    const fc = JSON.parse(fs.readFileSync(file, 'utf8')) as { crs?: unknown; features: { properties: Record<string, unknown>; geometry: Geometry }[] };
    expect(fc.crs).toBeUndefined();
    const signed = (r: number[][]) => r.reduce((s, p, i) => s + p[0]! * r[(i + 1) % r.length]![1]! - r[(i + 1) % r.length]![0]! * p[1]!, 0);
    for (const f of fc.features) {
      const polys = f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : [];
      for (const poly of polys) poly.forEach((ring, k) => expect(signed(ring) > 0).toBe(k === 0));
    }
    const stored = storedHoles();
    expect(fc.features.map((f) => f.properties['地块编号'])).toEqual(stored.map((s) => s.code));
    expect(fc.features.map((f) => f.properties['面积平方米'])).toEqual(stored.map((s) => s.area_m2));
    const gdal = gdalRead(file).features;
    expect(gdal.map((f) => f.properties['权利人'])).toEqual(fc.features.map((f) => f.properties['权利人']));
    expectAreasEqualOracle(gdal, stored);

    function storedHoles() {
      return holes.db.prepare('SELECT code, area_m2 FROM parcels ORDER BY fid').all() as { code: string; area_m2: number }[];
    }
  });

  it('refuses GBK or a projected CRS (RFC 7946 is UTF-8 lon/lat)', async () => {
    await expect(core.exportLayer({ layer: 'parcels', format: 'geojson', encoding: 'gbk' })).rejects.toMatchObject({ code: 'geojson_utf8_only' });
    await expect(core.exportLayer({ layer: 'parcels', format: 'geojson', crs: 'EPSG:4549' })).rejects.toMatchObject({ code: 'geojson_lonlat_only' });
  });
});

describe('characters GBK lacks', () => {
  it('are reported (and written as ?) in GBK, kept in UTF-8', async () => {
    const fid = (oracle.prepare('SELECT min(fid) FROM parcels').pluck().get() as number) + 5;
    const owner = '永康𪚥五金厂';
    await core.applyEdits({ edits: [{ fid, field: 'owner', value: owner }], actor: 'test' });
    const gbk = await exportTo(core, { layer: 'parcels', format: 'shapefile', encoding: 'gbk', fids: [fid] }, 'one-gbk.zip');
    expect(gbk.result.report.warnings).toEqual([expect.objectContaining({ code: 'unencodable', count: 1, fids: [fid] })]);
    expect(gdalRead(`/vsizip/${gbk.file}`).features[0]!.properties['owner']).toBe('永康?五金厂');
    const utf8 = await exportTo(core, { layer: 'parcels', format: 'shapefile', encoding: 'utf-8', fids: [fid] }, 'one-utf8.zip');
    expect(utf8.result.report.warnings).toEqual([]);
    expect(gdalRead(`/vsizip/${utf8.file}`).features[0]!.properties['owner']).toBe(owner);
    expect(iconv.decode(Buffer.from(dbfBytes(gbk.file, 'parcels')), 'gbk')).toContain('永康?五金厂');
    await core.undo({ actor: 'test' });
  });
});

describe('the shapefile parts GDAL checks with its own tools', () => {
  it('ogrinfo lists the fields with GDAL types: text, real, date and integer', () => {
    const info = ogrinfoSummary(`/vsizip/${path.join(dir, 'parcels-gbk.zip')}`, 'parcels');
    expect(info).toMatch(/code: String/);
    expect(info).toMatch(/area_m2: Real/);
    expect(info).toMatch(/completed_: Date/);
    expect(info).toMatch(/straddles: Integer/);
    expect(execFileSync('ogrinfo', ['-q', `/vsizip/${path.join(dir, 'parcels-gbk.zip')}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).not.toMatch(/warning|error/i);
  });
});
