import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Geometry } from '../../shared/api/geojson.js';
import { PlannerError } from '../../shared/api/errors.js';
import { m2ToMu } from '../../shared/domain/units.js';
import { applyEdits } from '../../electron/core/edit/apply.js';
import { undoLast } from '../../electron/core/edit/undo.js';
import { Project } from '../../electron/core/project/project.js';
import { geodesicDistanceM } from '../../electron/core/trace/geometry.js';
import { traceParcel } from '../../electron/core/trace/trace.js';
import { spatialiteQuery, toWkt } from '../helpers/spatialite-oracle.js';
import { makeTempDir } from '../helpers/tmp.js';
import { sampleCopy } from './edit-sample.js';

const dir = makeTempDir('trace');
let p: Project;

beforeAll(() => {
  p = Project.open(sampleCopy(dir, 'trace'));
});
afterAll(() => {
  p.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const card = (code: string): ReturnType<typeof traceParcel> => traceParcel(p.db, p.getSettings(), { code });

type Lines = { type: 'MultiLineString'; coordinates: number[][][] };

/** Brute force: geodesic distance to points every ~1 m along each segment (linear in lon/lat). */
function bruteDistanceM(pt: [number, number], g: Lines): number {
  let best = Infinity;
  for (const line of g.coordinates) {
    for (let i = 0; i + 1 < line.length; i++) {
      const a = line[i] as number[];
      const b = line[i + 1] as number[];
      const n = Math.max(1, Math.ceil(geodesicDistanceM(a, b)));
      for (let k = 0; k <= n; k++) {
        const t = k / n;
        best = Math.min(best, geodesicDistanceM(pt, [(a[0] as number) + t * ((b[0] as number) - (a[0] as number)), (a[1] as number) + t * ((b[1] as number) - (a[1] as number))]));
      }
    }
  }
  return best;
}

describe('traceParcel: the parcel card', () => {
  it('shows the parcel, its block, areas, transfers and factories as stored', () => {
    const c = card('YK2023-00907');
    const row = p.db.prepare('SELECT * FROM parcels WHERE code = ?').get('YK2023-00907') as Record<string, unknown>;
    expect(c).toMatchObject({
      code: 'YK2023-00907',
      owner: row['owner'],
      town: row['town'],
      address: row['address'],
      status: row['status'],
      method: row['method'],
      completedOn: row['completed_on'],
      perMuClass: row['per_mu_class'],
      tenure: row['tenure'],
      statusDone: true,
    });
    const blockName = p.db.prepare('SELECT name FROM key_blocks WHERE code = ?').pluck().get(row['block_code']);
    expect(c.block).toEqual({ code: row['block_code'], name: blockName });
    expect(c.area.computedM2).toBe(Math.round((row['area_m2'] as number) * 100) / 100);
    expect(c.area.computedMu).toBeCloseTo(m2ToMu(row['area_m2'] as number), 2);
    const transfers = p.db.prepare('SELECT fid FROM transfers WHERE parcel_code = ?').pluck().all('YK2023-00907');
    expect(c.transfers.map((t) => t.fid)).toEqual(transfers);
    expect(c.factories.map((f) => f.code)).toEqual(p.db.prepare('SELECT code FROM factories WHERE parcel_code = ?').pluck().all('YK2023-00907'));
  });

  it('flags a stated area more than 0.5 % off the computed one', () => {
    const row = p.db
      .prepare('SELECT code, stated_area_m2 AS s, area_m2 AS a FROM parcels WHERE abs(area_m2 - stated_area_m2) / stated_area_m2 > 0.005 ORDER BY fid LIMIT 1')
      .get() as { code: string; s: number; a: number };
    const c = card(row.code);
    expect(c.area.flagged).toBe(true);
    expect(c.area.differencePct).toBeCloseTo(((row.a - row.s) / row.s) * 100, 2);
    expect(card('YK2023-00907').area.flagged).toBe(false);
  });

  it('names the renewal zone of a parcel inside one', () => {
    const row = p.db.prepare('SELECT code, zone_code FROM parcels WHERE zone_code IS NOT NULL ORDER BY fid LIMIT 1').get() as { code: string; zone_code: string };
    const name = p.db.prepare('SELECT name FROM renewal_zones WHERE code = ?').pluck().get(row.zone_code);
    expect(card(row.code).zone).toEqual({ code: row.zone_code, name });
  });

  it('locates the parcel at its centroid, as SpatiaLite (GEOS) computes it', () => {
    const codes = ['YK2023-00003', 'YK2023-00907', 'YK2023-02000'];
    const cards = codes.map(card);
    const all = p.features('parcels').features;
    const geoms = codes.map((code) => all.find((f) => f.properties['code'] === code)?.geometry as Extract<Geometry, { type: 'MultiPolygon' }>);
    const oracle = spatialiteQuery<{ x: number; y: number }>(
      geoms.map((g) => ['SELECT X(ST_Centroid(GeomFromText(?, 4490))) AS x, Y(ST_Centroid(GeomFromText(?, 4490))) AS y', [toWkt(g), toWkt(g)]] as const),
    );
    cards.forEach((c, i) => {
      expect(c.location.centroid[0]).toBeCloseTo(oracle[i]?.x as number, 9);
      expect(c.location.centroid[1]).toBeCloseTo(oracle[i]?.y as number, 9);
      const [a, b, cx, d] = c.location.bbox;
      expect(c.location.centroid[0]).toBeGreaterThan(a);
      expect(c.location.centroid[0]).toBeLessThan(cx);
      expect(c.location.centroid[1]).toBeGreaterThan(b);
      expect(c.location.centroid[1]).toBeLessThan(d);
    });
  });

  it('lists exactly the transport projects within 2 km, nearest first, at their geodesic distance', () => {
    const lines = p.features('transport').features;
    for (const code of ['YK2023-00003', 'YK2023-01500', 'YK2023-02999']) {
      const c = card(code);
      const brute = lines.map((l) => ({ fid: l.id, d: bruteDistanceM(c.location.centroid, l.geometry as Lines) }));
      const within = brute.filter((b) => b.d <= 2000).sort((x, y) => x.d - y.d);
      expect(c.nearbyTransport.map((n) => n.fid), code).toEqual(within.map((w) => w.fid));
      c.nearbyTransport.forEach((n, i) => expect(Math.abs(n.distanceM - (within[i]?.d as number)), `${code} ${n.name}`).toBeLessThan(0.5));
      for (let i = 1; i < c.nearbyTransport.length; i++) {
        expect(c.nearbyTransport[i]?.distanceM).toBeGreaterThanOrEqual(c.nearbyTransport[i - 1]?.distanceM as number);
      }
    }
    // SpatiaLite measures to a point on the line, never nearer than the true minimum.
    const c = card('YK2023-00003');
    expect(c.nearbyTransport.length).toBeGreaterThan(0);
    const sl = spatialiteQuery<{ d: number }>(
      c.nearbyTransport.map((n) => {
        const g = lines.find((l) => l.id === n.fid)?.geometry as Lines;
        const wkt = `MULTILINESTRING(${g.coordinates.map((l) => `(${l.map((q) => `${q[0]} ${q[1]}`).join(',')})`).join(',')})`;
        return ['SELECT ST_Distance(MakePoint(?, ?, 4326), GeomFromText(?, 4326), 1) AS d', [c.location.centroid[0], c.location.centroid[1], wkt]] as const;
      }),
    );
    c.nearbyTransport.forEach((n, i) => expect(n.distanceM).toBeLessThanOrEqual((sl[i]?.d as number) + 1e-6));
  });

  it('shows the history timeline: who, when, old → new, undo and the undone flag', () => {
    const code = 'YK2023-00001';
    expect(card(code).history).toEqual([]);
    const t1 = new Date('2023-07-01T02:00:00.000Z');
    const t2 = new Date('2023-07-02T03:00:00.000Z');
    applyEdits(p, [{ code, field: 'status', value: '已完成' }, { code, field: 'completed_on', value: '2023-06-30' }], '张三', t1);
    undoLast(p, '李四', t2);
    const transfer = p.db.prepare('SELECT fid FROM transfers WHERE parcel_code = ?').pluck().get('YK2023-00907') as number;
    applyEdits(p, [{ table: 'transfers', fid: transfer, field: 'buyer', value: '新受让人' }], '王五', t2);
    const h = card(code).history;
    expect(h.map((e) => [e.at, e.actor, e.kind, e.field, e.old, e.new, e.undone])).toEqual([
      [t1.toISOString(), '张三', 'edit', 'status', '未启动', '已完成', true],
      [t1.toISOString(), '张三', 'edit', 'completed_on', null, '2023-06-30', true],
      [t2.toISOString(), '李四', 'undo', 'completed_on', '2023-06-30', null, false],
      [t2.toISOString(), '李四', 'undo', 'status', '已完成', '未启动', false],
    ]);
    // A transfer's edit shows in its parcel's history.
    const h907 = card('YK2023-00907').history;
    expect(h907.map((e) => [e.table, e.rowFid, e.field, e.new])).toEqual([['transfers', transfer, 'buyer', '新受让人']]);
  });

  it('says which parcel it cannot find', () => {
    let err: unknown;
    try {
      card('YK2023-99999');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PlannerError);
    expect((err as PlannerError).code).toBe('parcel_not_found');
    expect((err as PlannerError).messageZh).toContain('YK2023-99999');
  });
});
