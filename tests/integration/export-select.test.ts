import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportLayerInput } from '../../shared/api/export.js';
import { matchesLayerFilter, type LayerFilter } from '../../shared/api/layer-filter.js';
import type { LayerId } from '../../shared/api/layers.js';
import { createCore, type Core } from '../../electron/core/core.js';
import { selectFeatures } from '../../electron/core/export/select.js';
import { Project } from '../../electron/core/project/project.js';
import { sampleCopy } from '../fixtures/ledgers/sample-copy.js';
import { makeTempDir } from '../helpers/tmp.js';

/**
 * Which features an export takes: the shared LayerFilter (status, town, method, block, completion
 * year; null = blank) and fids, checked against plain SQL written here and against the pure
 * matcher the renderer uses; and the errors for a stale selection, an empty result and a key the
 * layer has no column for.
 */
const dir = makeTempDir('export-select');
let project: Project;
let core: Core;
let oracle: Database.Database;

beforeAll(() => {
  const file = sampleCopy(dir, 'sample.gpkg');
  project = Project.open(file);
  core = createCore(project);
  oracle = new Database(file, { readonly: true });
});
afterAll(async () => {
  oracle.close();
  await core.dispose();
  project.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The fids in a GeoJSON export (each feature's id is its fid). */
async function exportedFids(input: Omit<ExportLayerInput, 'format'>): Promise<number[]> {
  const r = await core.exportLayer({ ...input, format: 'geojson' });
  const fc = JSON.parse(Buffer.from(r.base64, 'base64').toString('utf8')) as { features: { id: number }[] };
  expect(r.report.exported).toBe(fc.features.length);
  return fc.features.map((f) => f.id);
}

const sqlFids = (where: string, ...params: unknown[]): number[] => oracle.prepare(`SELECT fid FROM parcels WHERE ${where} ORDER BY fid`).pluck().all(...params) as number[];

describe('filters', () => {
  it('status and completion year: the parcels plain SQL finds', async () => {
    const expected = sqlFids("status = '已完成' AND completed_on LIKE '2023-%'");
    expect(expected.length).toBeGreaterThan(10);
    expect(await exportedFids({ layer: 'parcels', filter: { status: ['已完成'], completedYear: [2023] } })).toEqual(expected);
  });

  it('values of one key are ORed, keys ANDed; null matches blank (parcels in no key block)', async () => {
    const towns = oracle.prepare('SELECT DISTINCT town FROM parcels WHERE town IS NOT NULL ORDER BY town LIMIT 2').pluck().all() as string[];
    expect(await exportedFids({ layer: 'parcels', filter: { town: towns, method: [null] } })).toEqual(
      sqlFids(`town IN (?, ?) AND (method IS NULL OR trim(method) = '')`, ...towns),
    );
    const outside = sqlFids(`block_code IS NULL OR trim(block_code) = ''`);
    expect(outside.length).toBeGreaterThan(0);
    expect(await exportedFids({ layer: 'parcels', filter: { block: [null] } })).toEqual(outside);
  });

  it('SQL in the core and the shared matcher (used by the renderer) pick the same features', () => {
    const all = project.features('parcels').features;
    const blocks = oracle.prepare('SELECT DISTINCT block_code FROM parcels WHERE block_code IS NOT NULL LIMIT 3').pluck().all() as string[];
    const pair = oracle.prepare('SELECT town, block_code FROM parcels WHERE block_code IS NOT NULL ORDER BY fid DESC LIMIT 1').get() as { town: string; block_code: string };
    const filters: LayerFilter[] = [
      { status: ['整治中', '已完成'] },
      { completedYear: [2022, null] },
      { block: [...blocks, null], status: ['未启动'] },
      { method: ['拆除重建', null], completedYear: [2023] },
      { town: [pair.town], block: [pair.block_code] },
    ];
    for (const filter of filters) {
      const viaSql = selectFeatures(project.db, 'parcels', { filter }).map((f) => f.fid);
      const viaMatcher = all.filter((f) => matchesLayerFilter('parcels', f.properties, filter)).map((f) => f.id);
      expect(viaSql, JSON.stringify(filter)).toEqual(viaMatcher);
      expect(viaSql.length, JSON.stringify(filter)).toBeGreaterThan(0);
    }
  });

  it('other layers take the keys they have columns for (key blocks: town, block)', async () => {
    const code = oracle.prepare('SELECT code FROM key_blocks ORDER BY fid LIMIT 1').pluck().get() as string;
    const expected = oracle.prepare('SELECT fid FROM key_blocks WHERE code = ?').pluck().all(code) as number[];
    expect(await exportedFids({ layer: 'key_blocks', filter: { block: [code] } })).toEqual(expected);
    await expect(core.exportLayer({ layer: 'key_blocks', format: 'geojson', filter: { status: ['已完成'] } })).rejects.toMatchObject({ code: 'filter_not_applicable' });
    await expect(core.exportLayer({ layer: 'transport' as LayerId, format: 'shapefile', filter: { town: ['东城街道'] } })).rejects.toMatchObject({ code: 'filter_not_applicable' });
  });
});

describe('fids', () => {
  it('exports exactly the selected features, ANDed with a filter, and names the file as a selection', async () => {
    const some = sqlFids('1').slice(10, 15);
    expect(await exportedFids({ layer: 'parcels', fids: [...some].reverse() })).toEqual(some);
    const r = await core.exportLayer({ layer: 'parcels', format: 'shapefile', fids: some });
    expect(r.fileName).toBe('示例数据_工业用地地块_选定_CGCS2000_GBK.zip');
    const status = oracle.prepare('SELECT status FROM parcels WHERE fid = ?').pluck().get(some[0]) as string;
    expect(await exportedFids({ layer: 'parcels', fids: some, filter: { status: [status] } })).toEqual(some.filter((f) => sqlFids('status = ?', status).includes(f)));
  });

  it('a stale selection (a fid no longer there) is an error naming it, not a shorter file', async () => {
    const max = oracle.prepare('SELECT max(fid) FROM parcels').pluck().get() as number;
    await expect(core.exportLayer({ layer: 'parcels', format: 'shapefile', fids: [1, max + 7] })).rejects.toMatchObject({ code: 'features_not_found', details: { missing: [max + 7] } });
  });

  it('nothing selected is an error; a bad option is invalid_input naming the field', async () => {
    await expect(core.exportLayer({ layer: 'parcels', format: 'shapefile', filter: { completedYear: [1901] } })).rejects.toMatchObject({ code: 'nothing_to_export' });
    await expect(core.exportLayer({ layer: 'parcels', format: 'shapefile', encoding: 'big5' as 'gbk' })).rejects.toMatchObject({ code: 'invalid_input', details: { fields: [expect.objectContaining({ path: 'encoding' })] } });
  });
});
