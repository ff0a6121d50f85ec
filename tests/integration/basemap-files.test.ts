import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MbtilesArchive } from '../../electron/core/basemap/mbtiles.js';
import { PmtilesArchive } from '../../electron/core/basemap/pmtiles-archive.js';
import type { TileArchive } from '../../electron/core/basemap/archive.js';
import { PlannerError } from '../../shared/api/errors.js';
import { makeBasemapFixtures, tileOf, type BasemapFixtures } from '../helpers/basemap-fixtures.js';
import { mbtilesTiles } from '../helpers/pmtiles-writer.js';
import { makeTempDir } from '../helpers/tmp.js';

/**
 * The basemap file readers against files GDAL made: MBTiles raster (gdal_translate + gdaladdo)
 * and vector (ogr2ogr from the sample project), and PMTiles v3 copies of both. Oracles: the
 * MBTiles rows read with SQLite directly (TMS rows), GDAL reading the tile bytes we hand out.
 */
let dir: string;
let fx: BasemapFixtures;
const opened: TileArchive[] = [];

beforeAll(() => {
  dir = makeTempDir('basemap-files');
  fx = makeBasemapFixtures(path.join(dir, 'fx'));
});
afterAll(async () => {
  for (const a of opened) await a.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function open(file: string): MbtilesArchive {
  const a = MbtilesArchive.open(file);
  opened.push(a);
  return a;
}
async function openPm(file: string): Promise<PmtilesArchive> {
  const a = await PmtilesArchive.open(file);
  opened.push(a);
  return a;
}

function metadata(file: string): Map<string, string> {
  const db = new Database(file, { readonly: true });
  try {
    return new Map((db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[]).map((r) => [r.name, r.value]));
  } finally {
    db.close();
  }
}

/** Band means of an image file, as GDAL reads it. */
function gdalBandMeans(file: string): number[] {
  const out = execFileSync('gdalinfo', ['-json', '-stats', file], { encoding: 'utf8' });
  const info = JSON.parse(out) as { bands: { mean?: number; metadata?: { ''?: { STATISTICS_MEAN?: string } } }[] };
  return info.bands.map((b) => b.mean ?? Number(b.metadata?.['']?.STATISTICS_MEAN));
}

/** Layer name → feature count of a vector tile file, as GDAL's MVT driver reads it. */
function gdalTileLayers(file: string): Record<string, number> {
  const out = execFileSync('ogrinfo', ['-ro', '-so', '-al', file], { encoding: 'utf8' });
  const layers: Record<string, number> = {};
  let current: string | null = null;
  for (const line of out.split('\n')) {
    const name = /^Layer name: (.+)$/.exec(line);
    if (name) current = name[1] as string;
    const count = /^Feature Count: (\d+)$/.exec(line);
    if (count && current) layers[current] = Number(count[1]);
  }
  return layers;
}

async function rejection(p: Promise<unknown> | (() => unknown)): Promise<PlannerError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(PlannerError);
    return e as PlannerError;
  }
  throw new Error('expected a PlannerError');
}

describe('raster MBTiles (gdal_translate -of MBTILES)', () => {
  it('describes the file from its metadata', () => {
    const a = open(fx.rasterMbtiles);
    const meta = metadata(fx.rasterMbtiles);
    expect(a.info).toMatchObject({ container: 'mbtiles', format: 'png', type: 'raster', name: meta.get('name'), tileSize: 256, vectorLayers: [] });
    expect(a.info.minzoom).toBe(Number(meta.get('minzoom')));
    expect(a.info.maxzoom).toBe(Number(meta.get('maxzoom')));
    const stated = (meta.get('bounds') ?? '').split(',').map(Number);
    a.info.bounds?.forEach((v, i) => expect(v).toBeCloseTo(stated[i] as number, 9));
  });

  it('flips TMS rows: every stored tile is served at its XYZ address, byte for byte', async () => {
    const a = open(fx.rasterMbtiles);
    const { tiles } = mbtilesTiles(fx.rasterMbtiles);
    expect(tiles.length).toBeGreaterThan(4);
    let flippedDiffers = 0;
    for (const t of tiles) {
      expect(Buffer.from((await a.tile(t.z, t.x, t.y)) ?? [])).toEqual(Buffer.from(t.data));
      const tmsRow = 2 ** t.z - 1 - t.y;
      if (tmsRow !== t.y && !tiles.some((o) => o.z === t.z && o.x === t.x && o.y === tmsRow)) {
        expect(await a.tile(t.z, t.x, tmsRow)).toBeNull();
        flippedDiffers++;
      }
    }
    expect(flippedDiffers).toBeGreaterThan(0);
  });

  it('serves the tile over 永康 at the address the slippy-map formula gives, and GDAL reads it as magenta', async () => {
    const a = open(fx.rasterMbtiles);
    const z = a.info.maxzoom;
    const { x, y } = tileOf(120.03, 28.9, z);
    const bytes = await a.tile(z, x, y);
    expect(bytes).not.toBeNull();
    const png = path.join(dir, 'yongkang-tile.png');
    fs.writeFileSync(png, bytes as Uint8Array);
    const [r, g, b] = gdalBandMeans(png);
    expect(r).toBeCloseTo(255, 0);
    expect(g).toBeCloseTo(0, 0);
    expect(b).toBeCloseTo(255, 0);
    expect(await a.tile(z, x + 40, y)).toBeNull();
  });
});

describe('vector MBTiles (ogr2ogr -f MBTILES from the sample project)', () => {
  it('lists the vector layers with their geometry from the metadata json', () => {
    const a = open(fx.vectorMbtiles);
    expect(a.info).toMatchObject({ format: 'pbf', type: 'vector', minzoom: 9, maxzoom: 13 });
    expect(a.info.vectorLayers).toEqual([
      { id: 'key_blocks', geometry: 'polygon', minzoom: 9, maxzoom: 13 },
      { id: 'transport', geometry: 'line', minzoom: 9, maxzoom: 13 },
    ]);
  });

  it('hands out tiles inflated, with the same layers and features GDAL decodes from the stored (gzip) tile', async () => {
    const a = open(fx.vectorMbtiles);
    const { tiles } = mbtilesTiles(fx.vectorMbtiles);
    const biggest = tiles.filter((t) => t.z === 12).sort((p, q) => q.data.byteLength - p.data.byteLength)[0];
    if (!biggest) throw new Error('no z12 tiles');
    expect([biggest.data[0], biggest.data[1]]).toEqual([0x1f, 0x8b]);
    const served = (await a.tile(biggest.z, biggest.x, biggest.y)) as Uint8Array;
    expect([served[0], served[1]]).not.toEqual([0x1f, 0x8b]);
    expect(Buffer.from(served)).toEqual(gunzipSync(biggest.data));

    const stored = path.join(dir, 'stored.pbf.gz');
    const ours = path.join(dir, 'served.pbf');
    fs.writeFileSync(stored, biggest.data);
    fs.writeFileSync(ours, served);
    const expected = gdalTileLayers(stored);
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    expect(gdalTileLayers(ours)).toEqual(expected);
  });
});

describe('PMTiles v3 (read through the pmtiles package with a Node file source)', () => {
  it('a raster PMTiles gives the same tiles as the MBTiles it was made from', async () => {
    const a = await openPm(fx.rasterPmtiles);
    const m = open(fx.rasterMbtiles);
    expect(a.info).toMatchObject({ container: 'pmtiles', format: 'png', type: 'raster', minzoom: m.info.minzoom, maxzoom: m.info.maxzoom, tileSize: 256 });
    a.info.bounds?.forEach((v, i) => expect(v).toBeCloseTo(m.info.bounds?.[i] as number, 6));
    for (const t of mbtilesTiles(fx.rasterMbtiles).tiles) {
      expect(Buffer.from((await a.tile(t.z, t.x, t.y)) ?? [])).toEqual(Buffer.from(t.data));
    }
    expect(await a.tile(m.info.maxzoom + 1, 0, 0)).toBeNull();
  });

  it('a vector PMTiles (gzip tiles) gives the inflated tiles and the vector layers', async () => {
    const a = await openPm(fx.vectorPmtiles);
    expect(a.info).toMatchObject({ format: 'pbf', type: 'vector', minzoom: 9, maxzoom: 13 });
    expect(a.info.vectorLayers.map((l) => [l.id, l.geometry])).toEqual([
      ['key_blocks', 'polygon'],
      ['transport', 'line'],
    ]);
    const { tiles } = mbtilesTiles(fx.vectorMbtiles);
    for (const t of tiles.slice(0, 40)) {
      expect(Buffer.from((await a.tile(t.z, t.x, t.y)) ?? [])).toEqual(gunzipSync(t.data));
    }
  });
});

describe('missing and damaged files: a clear error naming the file', () => {
  it('the MBTiles reader alone refuses a missing file (the service says basemap_file_not_found first: basemap-core)', async () => {
    const e = await rejection(() => MbtilesArchive.open(path.join(dir, 'nowhere.mbtiles')));
    expect(e.code).toBe('basemap_file_invalid');
    expect(e.messageZh).toContain('nowhere.mbtiles');
  });

  it('a text file called .mbtiles', async () => {
    const file = path.join(dir, '说明.mbtiles');
    fs.writeFileSync(file, '这不是底图\n'.repeat(200));
    const e = await rejection(() => MbtilesArchive.open(file));
    expect(e.code).toBe('basemap_file_invalid');
    expect(e.messageZh).toContain('说明.mbtiles');
    expect(e.messageZh).toContain('无法将');
  });

  it('an MBTiles without tiles', async () => {
    const file = path.join(dir, 'empty.mbtiles');
    const db = new Database(file);
    db.exec('CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);');
    db.close();
    const e = await rejection(() => MbtilesArchive.open(file));
    expect(e.messageZh).toContain('没有瓦片');
    expect(e.messageZh).toContain('empty.mbtiles');
  });

  it('a PMTiles cut short, one of another version, and one that is not PMTiles at all', async () => {
    const whole = fs.readFileSync(fx.vectorPmtiles);
    const cut = path.join(dir, 'cut.pmtiles');
    fs.writeFileSync(cut, whole.subarray(0, 140));
    const e1 = await rejection(PmtilesArchive.open(cut));
    expect(e1.code).toBe('basemap_file_invalid');
    expect(e1.messageZh).toContain('cut.pmtiles');

    const v2 = path.join(dir, 'v2.pmtiles');
    const copy = Buffer.from(whole);
    copy.writeUInt8(2, 7);
    fs.writeFileSync(v2, copy);
    expect((await rejection(PmtilesArchive.open(v2))).messageZh).toContain('第 2 版');

    const png = path.join(dir, 'image.pmtiles');
    fs.writeFileSync(png, Buffer.alloc(2000, 7));
    expect((await rejection(PmtilesArchive.open(png))).messageZh).toContain('不是 PMTiles 文件');
  });

  it('a PMTiles whose header says it holds no tiles', async () => {
    const file = path.join(dir, 'none.pmtiles');
    const copy = Buffer.from(fs.readFileSync(fx.rasterPmtiles));
    copy.writeBigUInt64LE(0n, 72); // number of addressed tiles
    fs.writeFileSync(file, copy);
    const e = await rejection(PmtilesArchive.open(file));
    expect(e.messageZh).toContain('没有瓦片');
    expect(e.messageZh).toContain('none.pmtiles');
  });
});
