import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.js';
import { Project } from '../../electron/core/project/project.js';
import { makeTempDir } from '../helpers/tmp.js';
import { sampleCopy } from './edit-sample.js';

/** parcelRows: the few parcels a card, a label or a frame needs, now that the page holds no parcels. */
let dir: string;
let project: Project;
let core: Core;

beforeAll(() => {
  dir = makeTempDir('parcel-rows');
  project = Project.open(sampleCopy(dir, 'rows'));
  core = createCore(project);
});
afterAll(async () => {
  await core.dispose();
  project.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Box = [number, number, number, number];
const rtree = (fid: number): Box => {
  const r = project.db.prepare('SELECT minx, miny, maxx, maxy FROM rtree_parcels_geom WHERE id = ?').get(fid) as { minx: number; miny: number; maxx: number; maxy: number };
  return [r.minx, r.miny, r.maxx, r.maxy];
};

describe('parcelRows', () => {
  it('gives the named parcels in the order asked, with their boxes, and the union of the boxes', async () => {
    const fids = (project.db.prepare('SELECT fid FROM parcels ORDER BY fid DESC LIMIT 5').pluck().all() as number[]).reverse();
    const asked = [fids[3], fids[0], fids[4], fids[0]] as number[];
    const r = await core.parcelRows({ fids: asked });
    expect(r.rows.map((x) => x.fid)).toEqual([fids[3], fids[0], fids[4]]);
    expect(r.total).toBe(3);
    const row = project.db.prepare('SELECT code, owner, status, block_code, area_m2 FROM parcels WHERE fid = ?').get(fids[3]) as Record<string, unknown>;
    expect(r.rows[0]).toEqual({ fid: fids[3], code: row['code'], owner: row['owner'], status: row['status'], blockCode: row['block_code'], areaM2: row['area_m2'], bbox: rtree(fids[3] as number) });
    const boxes = [fids[3], fids[0], fids[4]].map((f) => rtree(f as number));
    expect(r.bbox).toEqual([
      Math.min(...boxes.map((b) => b[0])),
      Math.min(...boxes.map((b) => b[1])),
      Math.max(...boxes.map((b) => b[2])),
      Math.max(...boxes.map((b) => b[3])),
    ]);
    // limit 0: only the total and the frame (a drill-down of thousands of parcels).
    const frame = await core.parcelRows({ fids: asked, limit: 0 });
    expect(frame).toEqual({ total: 3, bbox: r.bbox, rows: [] });
    expect(await core.parcelRows({ fids: [99_999_999] })).toEqual({ total: 0, bbox: null, rows: [] });
  });

  it('gives a key block’s parcels by code', async () => {
    const block = project.db.prepare('SELECT block_code FROM parcels WHERE block_code IS NOT NULL GROUP BY block_code ORDER BY count(*) DESC').pluck().get() as string;
    const count = project.db.prepare('SELECT count(*) FROM parcels WHERE block_code = ?').pluck().get(block) as number;
    const r = await core.parcelRows({ blockCode: block, limit: 3 });
    expect(r.total).toBe(count);
    expect(r.rows).toHaveLength(3);
    expect(r.rows.every((x) => x.blockCode === block)).toBe(true);
    const codes = r.rows.map((x) => x.code ?? '');
    expect(codes).toEqual([...codes].sort());
  });

  it('takes fids or a block, exactly one', async () => {
    await expect(core.parcelRows({})).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(core.parcelRows({ fids: [1], blockCode: 'ZD01' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
