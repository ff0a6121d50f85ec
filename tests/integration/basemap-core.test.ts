import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.js';
import { Project } from '../../electron/core/project/project.js';
import { PlannerError } from '../../shared/api/errors.js';
import { makeBasemapFixtures, type BasemapFixtures } from '../helpers/basemap-fixtures.js';
import { makeTempDir } from '../helpers/tmp.js';
import { createFixtureProject } from '../contract/fixture-project.js';

/**
 * The basemap setting through the core (the contract's setBasemap / basemapInfo / updateSettings)
 * on a real project file: a good file is described and remembered per project; a missing or
 * damaged one is refused with an error naming it, and nothing changes.
 */
let dir: string;
let fx: BasemapFixtures;
let project: Project;
let core: Core;

beforeAll(() => {
  dir = makeTempDir('basemap-core');
  fx = makeBasemapFixtures(path.join(dir, 'fx'));
  project = createFixtureProject(dir, '底图测试');
  core = createCore(project);
});
afterAll(async () => {
  await core.dispose();
  project.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function rejection(p: Promise<unknown>): Promise<PlannerError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(PlannerError);
    return e as PlannerError;
  }
  throw new Error('expected a PlannerError');
}

describe('basemap setting through the core', () => {
  it('is offline by default: no file, no network source', async () => {
    expect((await core.getSettings({})).basemap).toEqual({ kind: 'none' });
    expect(await core.basemapInfo({})).toEqual({ basemap: { kind: 'none' }, file: null, network: null, error: null });
    expect(core.basemaps.networkOrigins()).toEqual([]);
  });

  it('a raster MBTiles is described, stored in the project and survives reopening the project', async () => {
    const state = await core.setBasemap({ kind: 'file', path: fx.rasterMbtiles, opacity: 0.8 });
    expect(state.error).toBeNull();
    expect(state.file).toMatchObject({ path: fx.rasterMbtiles, container: 'mbtiles', type: 'raster', format: 'png' });
    expect(state.basemap).toEqual({ kind: 'file', path: fx.rasterMbtiles, opacity: 0.8 });

    // Another process opening the same file sees the setting (it is in the .gpkg, per project).
    const again = Project.open(project.path);
    try {
      expect(again.getSettings().basemap).toEqual({ kind: 'file', path: fx.rasterMbtiles, opacity: 0.8 });
    } finally {
      again.close();
    }
  });

  it('a missing file is refused with a Chinese message naming it, and the setting stays as it was', async () => {
    const before = await core.basemapInfo({});
    const missing = path.join(dir, '不存在的底图.mbtiles');
    const e = await rejection(core.setBasemap({ kind: 'file', path: missing }));
    expect(e.code).toBe('basemap_file_not_found');
    expect(e.messageZh).toBe(`找不到底图文件:${missing}`);
    expect(e.message).toContain(missing);
    expect((await core.getSettings({})).basemap).toEqual(before.basemap);
    expect(await core.basemapInfo({})).toEqual(before);

    // updateSettings is checked the same way.
    const e2 = await rejection(core.updateSettings({ basemap: { kind: 'file', path: missing, opacity: 1 } }));
    expect(e2.code).toBe('basemap_file_not_found');
    expect((await core.getSettings({})).basemap).toEqual(before.basemap);
  });

  it('a damaged file is refused naming it; the previous file keeps serving tiles', async () => {
    const before = await core.basemapInfo({});
    const bad = path.join(dir, '损坏.pmtiles');
    fs.writeFileSync(bad, Buffer.concat([Buffer.from('PMTiles\u0003'), Buffer.alloc(300, 0xee)]));
    const e = await rejection(core.setBasemap({ kind: 'file', path: bad }));
    expect(e.code).toBe('basemap_file_invalid');
    expect(e.messageZh).toContain('损坏.pmtiles');
    expect(await core.basemapInfo({})).toEqual(before);
    const rev = before.file?.revision ?? '';
    const z = before.file?.maxzoom ?? 0;
    const tile = await core.basemaps.tile(rev, z, 852, 421);
    expect(tile.kind === 'tile' || tile.kind === 'empty').toBe(true);
  });

  it('a path that is not absolute, and a file of another kind, are refused', async () => {
    expect((await rejection(core.setBasemap({ kind: 'file', path: 'maps/a.mbtiles' }))).code).toBe('basemap_path_relative');
    const tif = path.join(fx.dir, 'magenta.tif');
    const e = await rejection(core.setBasemap({ kind: 'file', path: tif }));
    expect(e.code).toBe('basemap_file_invalid');
    expect(e.messageZh).toContain('.mbtiles 或 .pmtiles');
  });

  it('switching to a vector PMTiles changes the revision; tiles of the old revision are stale', async () => {
    const old = (await core.basemapInfo({})).file?.revision ?? '';
    const state = await core.setBasemap({ kind: 'file', path: fx.vectorPmtiles });
    expect(state.file?.type).toBe('vector');
    expect(state.file?.vectorLayers.map((l) => l.id)).toEqual(['key_blocks', 'transport']);
    expect(state.file?.revision).not.toBe(old);
    expect((await core.basemaps.tile(old, 10, 852, 421)).kind).toBe('stale');
  });

  it('a stored file that disappears later is reported (naming it) and the map falls back to offline', async () => {
    const copy = path.join(dir, '临时底图.mbtiles');
    fs.copyFileSync(fx.rasterMbtiles, copy);
    await core.setBasemap({ kind: 'file', path: copy });
    fs.rmSync(copy);
    const state = await core.basemapInfo({});
    expect(state.basemap).toEqual({ kind: 'file', path: copy, opacity: 1 });
    expect(state.file).toBeNull();
    expect(state.error?.code).toBe('basemap_file_not_found');
    expect(state.error?.messageZh).toContain('临时底图.mbtiles');
  });

  it('a network basemap gives its tile URLs and origins; offline again gives none', async () => {
    const state = await core.setBasemap({
      kind: 'xyz',
      url: 'https://t{s}.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}',
      subdomains: '01',
      key: 'abc123',
    });
    expect(state.network?.base).toEqual([
      'https://t0.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=abc123',
      'https://t1.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=abc123',
    ]);
    expect(core.basemaps.networkOrigins()).toEqual(['https://t0.tianditu.gov.cn', 'https://t1.tianditu.gov.cn']);
    await core.setBasemap({ kind: 'none' });
    expect(core.basemaps.networkOrigins()).toEqual([]);
    expect((await core.getSettings({})).basemap).toEqual({ kind: 'none' });
  });

  it('an invalid template is refused by the contract (nothing stored)', async () => {
    const e = await rejection(core.setBasemap({ kind: 'xyz', url: 'https://example.test/tiles.png' }));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toContain('{z}');
    expect((await core.getSettings({})).basemap).toEqual({ kind: 'none' });
  });
});
