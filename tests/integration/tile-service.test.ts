import fs from 'node:fs';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/api/contract.js';
import { PlannerError } from '../../shared/api/errors.js';
import type { BBox } from '../../shared/api/geojson.js';
import type { LayerId } from '../../shared/api/layers.js';
import { boxesMeet } from '../../shared/geo/planar.js';
import { fitZoom, latToTileY, lonToTileX, tileBounds, tilesCovering, type TileCoord } from '../../shared/geo/tile-coords.js';
import { createCore, type Core } from '../../electron/core/core.js';
import { Project } from '../../electron/core/project/project.js';
import { DETAIL_ZOOM } from '../../electron/core/tiles/tile-properties.js';
import { TileService } from '../../electron/core/tiles/tile-service.js';
import { createFixtureProject } from '../contract/fixture-project.js';
import { makeTempDir } from '../helpers/tmp.js';
import { sampleCopy } from './edit-sample.js';

/**
 * The core's vector tiles (DESIGN §5) decoded with @mapbox/vector-tile — an MVT reader that shares
 * nothing with geojson-vt/vt-pbf — whose toGeoJSON also turns tile units back into lon/lat.
 */
interface Decoded {
  id: number;
  properties: Record<string, unknown>;
  /** [w, s, e, n] of the feature's geometry in lon/lat. */
  bbox: BBox;
}

function decode(bytes: Uint8Array, layer: LayerId, t: TileCoord): Decoded[] {
  if (bytes.byteLength === 0) return [];
  const vt = new VectorTile(new PbfReader(bytes));
  const l = vt.layers[layer];
  if (!l) return [];
  const out: Decoded[] = [];
  for (let i = 0; i < l.length; i++) {
    const f = l.feature(i);
    const gj = f.toGeoJSON(t.x, t.y, t.z);
    const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    const visit = (c: unknown): void => {
      if (Array.isArray(c) && typeof c[0] === 'number') {
        box[0] = Math.min(box[0], c[0]);
        box[1] = Math.min(box[1], c[1] as number);
        box[2] = Math.max(box[2], c[0]);
        box[3] = Math.max(box[3], c[1] as number);
      } else if (Array.isArray(c)) c.forEach(visit);
    };
    visit((gj.geometry as { coordinates: unknown }).coordinates);
    out.push({ id: Number(f.id), properties: { ...f.properties }, bbox: box });
  }
  return out;
}

/** The tile of zoom z holding a point. */
const tileAt = (lon: number, lat: number, z: number): TileCoord => ({ z, x: Math.floor(lonToTileX(lon, z)), y: Math.floor(latToTileY(lat, z)) });

function rtreeBox(p: Project, fid: number): BBox {
  const r = p.db.prepare('SELECT minx, miny, maxx, maxy FROM rtree_parcels_geom WHERE id = ?').get(fid) as { minx: number; miny: number; maxx: number; maxy: number };
  return [r.minx, r.miny, r.maxx, r.maxy];
}

let dir: string;
beforeAll(() => {
  dir = makeTempDir('tiles');
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('vector tiles of the parcels', () => {
  let project: Project;
  let tiles: TileService;
  beforeAll(() => {
    project = createFixtureProject(dir, 'tiles-fixture');
    tiles = new TileService(project.db);
  });
  afterAll(() => project.close());

  it('hold each parcel at its place, fid as the feature id, with the styling attributes', async () => {
    const row = project.db.prepare("SELECT fid, area_m2 FROM parcels WHERE code = 'YK-0001'").get() as { fid: number; area_m2: number };
    const t = tileAt(120.031, 28.901, 14);
    // The parcel lies wholly inside this tile, so the tile holds it unclipped.
    const [w, s, e, n] = tileBounds(t);
    expect(w < 120.03 && e > 120.032 && s < 28.9 && n > 28.902).toBe(true);

    const features = decode((await tiles.tile('parcels', t.z, t.x, t.y)).bytes, 'parcels', t);
    const f = features.find((x) => x.id === row.fid);
    expect(f).toBeDefined();
    // One tile unit at z14 is 360° / 2^14 / 4096 ≈ 5.4e-6°.
    const unit = 360 / 2 ** 14 / 4096;
    expect(Math.abs((f?.bbox[0] ?? 0) - 120.03)).toBeLessThan(unit);
    expect(Math.abs((f?.bbox[1] ?? 0) - 28.9)).toBeLessThan(unit);
    expect(Math.abs((f?.bbox[2] ?? 0) - 120.032)).toBeLessThan(unit);
    expect(Math.abs((f?.bbox[3] ?? 0) - 28.902)).toBeLessThan(unit);
    expect(f?.properties).toEqual({
      status: '已完成',
      town: '东城街道',
      method: '拆除重建',
      completed_on: '2023-06-30',
      code: 'YK-0001',
      area_m2: row.area_m2,
      area_mu: Math.round((row.area_m2 * 15) / 10000 * 100) / 100,
    });
    // Exactly the parcels whose box meets the tile grown by its buffer (YK-0003, 17 km east, never).
    const meeting = (project.db.prepare('SELECT code, fid FROM parcels').all() as { code: string; fid: number }[])
      .filter((p) => boxesMeet(rtreeBox(project, p.fid), tileBounds(t, 64 / 4096)))
      .map((p) => p.code);
    expect(meeting).toContain('YK-0001');
    expect(meeting).not.toContain('YK-0003');
    expect(features.map((x) => x.properties['code']).sort()).toEqual(meeting.sort());
  });

  it('carry the code and area only from the detail zoom on', async () => {
    const t = tileAt(120.031, 28.901, DETAIL_ZOOM - 1);
    const f = decode((await tiles.tile('parcels', t.z, t.x, t.y)).bytes, 'parcels', t).find((x) => x.properties['status'] === '已完成');
    expect(f?.properties).toEqual({ status: '已完成', town: '东城街道', method: '拆除重建', completed_on: '2023-06-30' });
  });

  it('are empty where there is nothing, and refuse tiles that do not exist', async () => {
    const sea = tileAt(-30, 40, 12);
    expect((await tiles.tile('parcels', sea.z, sea.x, sea.y)).bytes.byteLength).toBe(0);
    for (const [z, x, y] of [
      [17, 0, 0],
      [3, 8, 0],
      [3, 0, -1],
      [2.5, 0, 0],
      [Number.NaN, 0, 0],
    ] as const) {
      await expect(tiles.tile('parcels', z, x, y)).rejects.toBeInstanceOf(PlannerError);
      await expect(tiles.tile('parcels', z, x, y)).rejects.toMatchObject({ code: 'invalid_tile' });
    }
  });

  it('serve the other layers too (all their columns but the verbatim source)', async () => {
    const t = tileAt(120.03, 28.9, 12);
    const block = decode((await tiles.tile('key_blocks', t.z, t.x, t.y)).bytes, 'key_blocks', t);
    expect(block).toHaveLength(1);
    expect(block[0]?.properties).toMatchObject({ code: 'KB01', name: '老长城区块', town: '东城街道' });
    expect(block[0]?.properties).not.toHaveProperty('source_json');
  });
});

describe('the sample project in tiles', () => {
  let project: Project;
  let tiles: TileService;
  beforeAll(() => {
    project = Project.open(sampleCopy(dir, 'tiles-sample'));
    tiles = new TileService(project.db);
  });
  afterAll(() => project.close());

  it('every parcel is in the z12 tiles covering the project, with its stored status', async () => {
    const bbox = project.info().bbox as BBox;
    const status = new Map((project.db.prepare('SELECT fid, status FROM parcels').all() as { fid: number; status: string | null }[]).map((r) => [r.fid, r.status]));
    const seen = new Set<number>();
    for (const t of tilesCovering(bbox, 12)) {
      for (const f of decode((await tiles.tile('parcels', t.z, t.x, t.y)).bytes, 'parcels', t)) {
        seen.add(f.id);
        expect(f.properties['status'] ?? null).toBe(status.get(f.id));
      }
    }
    expect(seen.size).toBe(status.size);
    expect(status.size).toBe(3000);
  });

  it('below the detail zoom draw each parcel at its place: small ones as their box, at least a pixel; larger ones in their shape', async () => {
    const z = 10;
    const boxes = new Map(
      (project.db.prepare('SELECT id, minx, miny, maxx, maxy FROM rtree_parcels_geom').raw(true).all() as number[][]).map((r) => [r[0] as number, [r[1], r[2], r[3], r[4]] as BBox]),
    );
    // A CSS pixel of a 512-px tile at z10, in degrees of longitude (and of latitude here, at 29°N).
    const px = 360 / 2 ** z / 512;
    const pxLat = px * Math.cos((28.9 * Math.PI) / 180);
    const seen = new Set<number>();
    let small = 0;
    let shaped = 0;
    for (const t of tilesCovering(project.info().bbox as BBox, z)) {
      for (const f of decode((await tiles.tile('parcels', t.z, t.x, t.y)).bytes, 'parcels', t)) {
        seen.add(f.id);
        const box = boxes.get(f.id) as BBox;
        // Within a pixel of its R-tree box on every side (snapped to the coarse grid, grown to one pixel when smaller).
        expect(Math.abs(f.bbox[0] - box[0])).toBeLessThan(px);
        expect(Math.abs(f.bbox[2] - box[2])).toBeLessThan(px);
        expect(Math.abs(f.bbox[1] - box[1])).toBeLessThan(pxLat);
        expect(Math.abs(f.bbox[3] - box[3])).toBeLessThan(pxLat);
        // Never less than a pixel on a side, so its status colour shows.
        expect(f.bbox[2] - f.bbox[0]).toBeGreaterThan(0.9 * px);
        expect(f.bbox[3] - f.bbox[1]).toBeGreaterThan(0.9 * pxLat);
        if (box[2] - box[0] < 2 * px && box[3] - box[1] < 2 * pxLat) small++;
        else shaped++;
      }
    }
    expect(seen.size).toBe(boxes.size);
    expect(small).toBeGreaterThan(0);
    expect(shaped).toBeGreaterThan(0);
  });

  it('an edit drops only the cached tiles meeting the parcel, and the refetched tile shows it', async () => {
    const events: EventPayload<'dataChanged'>[] = [];
    const core: Core = createCore(project, (name, payload) => name === 'dataChanged' && events.push(payload as EventPayload<'dataChanged'>));
    try {
      const fids = project.db.prepare("SELECT fid FROM parcels WHERE status = '未启动' ORDER BY fid").pluck().all() as number[];
      const target = fids[0] as number;
      const box = rtreeBox(project, target);
      const cx = (box[0] + box[2]) / 2;
      const cy = (box[1] + box[3]) / 2;
      // Parcels' tiles at the parcel, and far away at the same zooms.
      const far = fids.map((fid) => ({ fid, box: rtreeBox(project, fid) })).find((p) => Math.abs(p.box[0] - box[0]) > 0.05) as { fid: number; box: BBox };
      const near = [14, 16].map((z) => tileAt(cx, cy, z));
      const away = [14, 16].map((z) => tileAt((far.box[0] + far.box[2]) / 2, (far.box[1] + far.box[3]) / 2, z));
      for (const t of [...near, ...away]) await core.tiles.tile('parcels', t.z, t.x, t.y);
      const blockTile = tileAt(cx, cy, 14);
      await core.tiles.tile('key_blocks', blockTile.z, blockTile.x, blockTile.y);
      const etag = (await core.tiles.tile('parcels', near[1]!.z, near[1]!.x, near[1]!.y)).etag;
      const before = new Set(core.tiles.cachedTiles());

      await core.applyEdits({ edits: [{ fid: target, field: 'status', value: '整治中' }], actor: 'tester' });

      expect(events).toHaveLength(1);
      expect(events[0]).toEqual({ layers: ['parcels'], extent: [box] });
      const after = new Set(core.tiles.cachedTiles());
      const dropped = [...before].filter((k) => !after.has(k));
      // Exactly the parcel tiles whose buffered area meets the parcel's box.
      const expected = [...before].filter((k) => {
        const [layer, z, x, y] = k.split('/');
        if (layer !== 'parcels') return false;
        return boxesMeet(tileBounds({ z: Number(z), x: Number(x), y: Number(y) }, 64 / 4096), box);
      });
      expect(dropped.sort()).toEqual(expected.sort());
      expect(dropped.length).toBeGreaterThanOrEqual(2);
      for (const t of away) expect(after.has(`parcels/${t.z}/${t.x}/${t.y}`)).toBe(true);
      expect(after.has(`key_blocks/${blockTile.z}/${blockTile.x}/${blockTile.y}`)).toBe(true);

      const t16 = near[1] as TileCoord;
      const fresh = await core.tiles.tile('parcels', t16.z, t16.x, t16.y);
      expect(fresh.etag).not.toBe(etag);
      expect(decode(fresh.bytes, 'parcels', t16).find((f) => f.id === target)?.properties['status']).toBe('整治中');

      // Undo goes through the same path: the tile shows the old status again.
      await core.undo({ actor: 'tester' });
      expect(events[1]).toEqual({ layers: ['parcels'], extent: [box] });
      const undone = await core.tiles.tile('parcels', t16.z, t16.x, t16.y);
      expect(decode(undone.bytes, 'parcels', t16).find((f) => f.id === target)?.properties['status']).toBe('未启动');
      expect(undone.etag).toBe(etag);
    } finally {
      await core.dispose();
    }
  });

  it('a bulk edit announces a few merged boxes that still hold every parcel it changed', async () => {
    const events: EventPayload<'dataChanged'>[] = [];
    const core = createCore(project, (name, payload) => name === 'dataChanged' && events.push(payload as EventPayload<'dataChanged'>));
    try {
      const fids = project.db.prepare("SELECT fid FROM parcels WHERE status = '未启动' ORDER BY fid LIMIT 400").pluck().all() as number[];
      const result = await core.applyEdits({ edits: fids.map((fid) => ({ fid, field: 'method', value: '腾退收储' })), actor: 'tester' });
      const changed = [...new Set(result.changed.map((c) => c.fid))];
      expect(changed.length).toBeGreaterThan(256);
      const extent = events[0]?.extent ?? [];
      expect(extent.length).toBeGreaterThan(0);
      expect(extent.length).toBeLessThan(100);
      const inside = (b: BBox, o: BBox): boolean => b[0] >= o[0] && b[1] >= o[1] && b[2] <= o[2] && b[3] <= o[3];
      for (const fid of changed) expect(extent.some((o) => inside(rtreeBox(project, fid), o))).toBe(true);
      await core.undo({ actor: 'tester' });
    } finally {
      await core.dispose();
    }
  });

  it('the tile workers cut the same tiles as the calling thread', async () => {
    const pooled = new TileService(project.db, { projectPath: project.path, workers: 2 });
    try {
      const bbox = project.info().bbox as BBox;
      const sample = tilesCovering(bbox, 13).filter((_, i) => i % 7 === 0);
      expect(sample.length).toBeGreaterThan(3);
      const inWorkers = await Promise.all(sample.map((t) => pooled.tile('parcels', t.z, t.x, t.y)));
      for (const [i, t] of sample.entries()) expect(inWorkers[i]?.etag).toBe((await tiles.tile('parcels', t.z, t.x, t.y)).etag);
      expect(inWorkers.some((r) => r.bytes.byteLength > 0)).toBe(true);
    } finally {
      await pooled.dispose();
    }
  });

  it('a tile being cut when a change meets it is served but not cached', async () => {
    const pooled = new TileService(project.db, { projectPath: project.path, workers: 1 });
    try {
      const t = tileAt(120.03, 28.9, 11);
      const cutting = pooled.tile('parcels', t.z, t.x, t.y);
      pooled.invalidate('parcels', [[120.03, 28.9, 120.031, 28.901]]);
      expect((await cutting).bytes.byteLength).toBeGreaterThan(0);
      expect(pooled.cachedTiles()).not.toContain(`parcels/${t.z}/${t.x}/${t.y}`);
      // Asked again, it is cut again and cached.
      await pooled.tile('parcels', t.z, t.x, t.y);
      expect(pooled.cachedTiles()).toContain(`parcels/${t.z}/${t.x}/${t.y}`);
      expect(pooled.tilesCut).toBe(2);
    } finally {
      await pooled.dispose();
    }
  });

  it('warming up cuts the first view’s tiles before anyone asks', async () => {
    const pooled = new TileService(project.db, { projectPath: project.path, workers: 1 });
    try {
      const bbox = project.info().bbox as BBox;
      const queued = pooled.warmUp(bbox, { width: 860, height: 790, padding: 32 });
      // fitZoom is checked against fitBounds' rule in tile-coords.test.ts.
      const z = Math.floor(fitZoom(bbox, 860, 790, 32));
      expect(queued).toEqual(tilesCovering(bbox, z));
      expect(queued.length).toBeGreaterThan(0);
      // Asking for them now joins the cuts under way: each is cut once.
      await Promise.all(queued.map((t) => pooled.tile('parcels', t.z, t.x, t.y)));
      expect(pooled.tilesCut).toBe(queued.length);
      for (const t of queued) expect(pooled.cachedTiles()).toContain(`parcels/${t.z}/${t.x}/${t.y}`);
      expect(pooled.warmUp(null)).toEqual([]);
    } finally {
      await pooled.dispose();
    }
  });

  it('a change without an extent (an import) drops every tile of its layers and no other', async () => {
    const t = tileAt(120.03, 28.9, 12);
    await tiles.tile('parcels', t.z, t.x, t.y);
    await tiles.tile('key_blocks', t.z, t.x, t.y);
    tiles.dataChanged({ layers: ['parcels'] });
    expect(tiles.cachedTiles().filter((k) => k.startsWith('parcels/'))).toEqual([]);
    expect(tiles.cachedTiles()).toContain(`key_blocks/${t.z}/${t.x}/${t.y}`);
  });
});
