import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { planimeterAreasM2 } from '../helpers/oracle.js';
import { spatialiteQuery } from '../helpers/spatialite-oracle.js';
import type { Geometry } from '../../shared/api/geojson.js';
import { useSampleCore } from '../helpers/sample-core.js';

/**
 * Box and lasso selection (parcelsInPolygon) and the feature card (featureCard) on a copy of the
 * sample project, through the core, against independent oracles: SpatiaLite (GEOS) on the same
 * file for the selections and the parcels of a platform, plain SQL for block and zone figures,
 * GeographicLib's Planimeter and GeodSolve for areas and lengths.
 */
const sample = useSampleCore('map-select');

type LonLat = [number, number];

/** Deterministic pseudo-random numbers (a test must fail the same way twice). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const wktRing = (ring: readonly LonLat[]): string => `POLYGON((${[...ring, ring[0] as LonLat].map((p) => `${p[0]} ${p[1]}`).join(',')}))`;

/** SpatiaLite's answer: fids of parcels for which ST_<predicate>(parcel, shape) holds. */
function oracleFids(rings: readonly LonLat[][], predicate: 'ST_Intersects' | 'ST_Within'): number[][] {
  const rows = spatialiteQuery<{ fids: string | null }>(
    rings.map((r) => [
      `SELECT group_concat(fid) AS fids FROM (SELECT fid FROM parcels WHERE geom IS NOT NULL AND ${predicate}(GeomFromGPB(geom), GeomFromText(?, 4490)) = 1 ORDER BY fid)`,
      [wktRing(r)],
    ] as const),
    sample.file,
  );
  return rows.map((r) => (r.fids ? r.fids.split(',').map(Number) : []));
}

/** Parcel centroids (box centres) to aim the shapes at, so that they select something. */
function parcelCentres(): LonLat[] {
  return (sample.db.prepare('SELECT (minx + maxx) / 2 AS x, (miny + maxy) / 2 AS y FROM rtree_parcels_geom ORDER BY id').all() as { x: number; y: number }[]).map((r) => [r.x, r.y]);
}

describe('parcelsInPolygon', () => {
  it('a box selects exactly the parcels SpatiaLite says intersect it', async () => {
    const rnd = lcg(20230801);
    const centres = parcelCentres();
    const boxes: LonLat[][] = [];
    for (let i = 0; i < 24; i++) {
      const c = centres[Math.floor(rnd() * centres.length)] as LonLat;
      const w = 0.0005 + rnd() * (i < 20 ? 0.02 : 0.2);
      const h = 0.0005 + rnd() * (i < 20 ? 0.02 : 0.2);
      const x = c[0] - rnd() * w;
      const y = c[1] - rnd() * h;
      boxes.push([[x, y], [x + w, y], [x + w, y + h], [x, y + h]]);
    }
    const expected = oracleFids(boxes, 'ST_Intersects');
    let selected = 0;
    for (const [i, ring] of boxes.entries()) {
      const { fids } = await sample.core.parcelsInPolygon({ ring });
      expect(fids, `box ${i}`).toEqual(expected[i]);
      selected += fids.length;
    }
    // The boxes really select (a few parcels each, hundreds in the large ones).
    expect(selected).toBeGreaterThan(200);
  });

  it('a lasso (a concave freehand ring) selects as ST_Intersects and ST_Within do', async () => {
    const rnd = lcg(42);
    const centres = parcelCentres();
    const lassos: LonLat[][] = [];
    for (let i = 0; i < 12; i++) {
      const c = centres[Math.floor(rnd() * centres.length)] as LonLat;
      const n = 12 + Math.floor(rnd() * 40);
      const r0 = 0.002 + rnd() * 0.015;
      // A star-shaped ring: radius varying by vertex, so it is concave but never crosses itself.
      const ring: LonLat[] = [];
      for (let k = 0; k < n; k++) {
        const a = (2 * Math.PI * k) / n;
        const r = r0 * (0.35 + 0.65 * rnd());
        ring.push([c[0] + r * Math.cos(a), c[1] + r * Math.sin(a)]);
      }
      lassos.push(ring);
    }
    const meets = oracleFids(lassos, 'ST_Intersects');
    const within = oracleFids(lassos, 'ST_Within');
    let strict = 0;
    for (const [i, ring] of lassos.entries()) {
      expect((await sample.core.parcelsInPolygon({ ring })).fids, `lasso ${i} intersects`).toEqual(meets[i]);
      expect((await sample.core.parcelsInPolygon({ ring, predicate: 'within' })).fids, `lasso ${i} within`).toEqual(within[i]);
      strict += (meets[i]?.length ?? 0) - (within[i]?.length ?? 0);
    }
    // Some parcels cross the lassos' boundaries, so the two predicates were really told apart.
    expect(strict).toBeGreaterThan(10);
  });

  it('a closed ring and the same ring open select the same; a ring missing every parcel selects none', async () => {
    const ring: LonLat[] = [[120.0, 28.88], [120.06, 28.88], [120.06, 28.93], [120.0, 28.93]];
    const open = await sample.core.parcelsInPolygon({ ring });
    const closed = await sample.core.parcelsInPolygon({ ring: [...ring, ring[0] as LonLat] });
    expect(closed.fids).toEqual(open.fids);
    expect(open.fids.length).toBeGreaterThan(0);
    expect((await sample.core.parcelsInPolygon({ ring: [[121, 30], [121.1, 30], [121.1, 30.1]] })).fids).toEqual([]);
  });

  it('refuses a ring of two vertices, naming the field', async () => {
    await expect(sample.core.parcelsInPolygon({ ring: [[120, 28.9], [120.1, 28.9]] })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

const MU = 0.0015;

describe('featureCard', () => {
  it('a key block: its parcels, area and the year’s remediated mu against its target, as plain SQL counts them', async () => {
    const blocks = sample.db.prepare('SELECT fid, code, name, target_mu FROM key_blocks ORDER BY fid').all() as { fid: number; code: string; name: string; target_mu: number | null }[];
    expect(blocks.length).toBe(18);
    for (const b of blocks) {
      const card = await sample.core.featureCard({ layer: 'key_blocks', fid: b.fid, year: 2023 });
      const all = sample.db.prepare('SELECT fid, area_m2 FROM parcels WHERE block_code = ? ORDER BY fid').all(b.code) as { fid: number; area_m2: number }[];
      const done = sample.db
        .prepare("SELECT count(*) AS n, total(area_m2) AS m2 FROM parcels WHERE block_code = ? AND status = '已完成' AND completed_on BETWEEN '2023-01-01' AND '2023-12-31'")
        .get(b.code) as { n: number; m2: number };
      expect(card.code).toBe(b.code);
      expect(card.name).toBe(b.name);
      expect(card.parcels?.rule).toBe('block_code');
      expect(card.parcels?.count).toBe(all.length);
      expect(card.parcelList.map((p) => p.fid).sort((x, y) => x - y)).toEqual(all.map((p) => p.fid));
      expect(card.parcels?.remediatedCount).toBe(done.n);
      expect(card.parcels?.remediatedMu).toBeCloseTo(done.m2 * MU, 9);
      expect(card.parcels?.targetMu).toBe(b.target_mu);
      if (b.target_mu) expect(card.parcels?.progress).toBeCloseTo((done.m2 * MU) / b.target_mu, 12);
      expect(card.attributes).not.toHaveProperty('source_json');
    }
  });

  it('a block’s and a platform’s own area equal GeographicLib’s Planimeter to 0.01 m²', async () => {
    const rows = [
      ...(sample.db.prepare("SELECT 'key_blocks' AS layer, fid FROM key_blocks ORDER BY fid LIMIT 4").all() as { layer: 'key_blocks'; fid: number }[]),
      ...(sample.db.prepare("SELECT 'platforms' AS layer, fid FROM platforms ORDER BY fid").all() as { layer: 'platforms'; fid: number }[]),
    ];
    const geoms: Geometry[] = [];
    const areas: number[] = [];
    for (const r of rows) {
      const card = await sample.core.featureCard({ layer: r.layer, fid: r.fid });
      const gj = (await sample.core.layerFeatures({ layer: r.layer })).features.find((f) => f.id === r.fid);
      if (!gj || card.areaM2 === null) throw new Error(`no geometry for ${r.layer} ${r.fid}`);
      geoms.push(gj.geometry);
      areas.push(card.areaM2);
      expect(card.areaMu).toBeCloseTo(card.areaM2 * MU, 9);
    }
    const oracle = planimeterAreasM2(geoms);
    areas.forEach((a, i) => expect(Math.abs(a - (oracle[i] ?? NaN))).toBeLessThan(0.01));
  });

  it('a platform lists the parcels SpatiaLite finds overlapping it by more than 0.01 m² (ellipsoidal)', async () => {
    const platforms = sample.db.prepare('SELECT fid FROM platforms ORDER BY fid').all() as { fid: number }[];
    const expected = spatialiteQuery<{ fids: string | null }>(
      platforms.map((p) => [
        `SELECT group_concat(fid) AS fids FROM (
           SELECT q.fid FROM parcels q, platforms f WHERE f.fid = ? AND q.geom IS NOT NULL
             AND MbrIntersects(GeomFromGPB(q.geom), GeomFromGPB(f.geom)) = 1
             AND ST_Intersects(GeomFromGPB(q.geom), GeomFromGPB(f.geom)) = 1
             AND ST_Area(ST_Intersection(GeomFromGPB(q.geom), GeomFromGPB(f.geom)), 1) > 0.01
           ORDER BY q.fid)`,
        [p.fid],
      ] as const),
      sample.file,
    ).map((r) => (r.fids ? r.fids.split(',').map(Number) : []));
    let total = 0;
    for (const [i, p] of platforms.entries()) {
      const card = await sample.core.featureCard({ layer: 'platforms', fid: p.fid, year: 2023 });
      expect(card.parcels?.rule).toBe('overlap');
      expect(card.parcelList.map((x) => x.fid).sort((a, b) => a - b), `platform ${p.fid}`).toEqual(expected[i]);
      expect(card.parcels?.count).toBe(expected[i]?.length);
      total += card.parcelList.length;
    }
    expect(total).toBeGreaterThan(0);
  });

  it('a renewal zone counts the parcels assigned to it', async () => {
    const zones = sample.db.prepare('SELECT fid, code FROM renewal_zones ORDER BY fid').all() as { fid: number; code: string }[];
    let total = 0;
    for (const z of zones) {
      const card = await sample.core.featureCard({ layer: 'renewal_zones', fid: z.fid, year: 2023 });
      const n = (sample.db.prepare('SELECT count(*) AS n, total(area_m2) AS m2 FROM parcels WHERE zone_code = ?').get(z.code) as { n: number; m2: number });
      expect(card.parcels?.rule).toBe('zone_code');
      expect(card.parcels?.count).toBe(n.n);
      expect(card.parcels?.areaMu).toBeCloseTo(n.m2 * MU, 9);
      expect(card.parcels?.targetMu).toBeNull();
      total += n.n;
    }
    expect(total).toBeGreaterThan(0);
  });

  it('a transport line’s length is GeodSolve’s geodesic length on CGCS2000; lines and points have no parcels', async () => {
    const lines = (await sample.core.layerFeatures({ layer: 'transport' })).features;
    expect(lines.length).toBeGreaterThan(0);
    for (const f of lines) {
      const card = await sample.core.featureCard({ layer: 'transport', fid: f.id });
      const parts = f.geometry.type === 'MultiLineString' ? f.geometry.coordinates : f.geometry.type === 'LineString' ? [f.geometry.coordinates] : [];
      const input = parts.flatMap((l) => l.slice(1).map((q, k) => `${l[k]?.[1]} ${l[k]?.[0]} ${q[1]} ${q[0]}`)).join('\n');
      const out = execFileSync('GeodSolve', ['-i', '-e', '6378137', '1/298.257222101', '-p', '9'], { input: `${input}\n`, encoding: 'utf8' });
      const oracle = out.trim().split('\n').reduce((s, line) => s + Number(line.trim().split(/\s+/)[2]), 0);
      expect(Math.abs((card.lengthM ?? NaN) - oracle)).toBeLessThan(1e-6);
      expect(card.areaM2).toBeNull();
      expect(card.parcels).toBeNull();
      expect(card.parcelList).toEqual([]);
    }
    const project = (await sample.core.layerFeatures({ layer: 'projects' })).features[0];
    if (!project) throw new Error('the sample has no projects');
    const card = await sample.core.featureCard({ layer: 'projects', fid: project.id });
    expect(card.name).toBe(project.properties['name']);
    expect(card.lengthM).toBeNull();
    expect(card.attributes['investment_yi']).toBe(project.properties['investment_yi']);
  });

  it('an unknown feature is a feature_not_found error in both languages', async () => {
    await expect(sample.core.featureCard({ layer: 'key_blocks', fid: 999_999 })).rejects.toMatchObject({ code: 'feature_not_found', messageZh: expect.stringContaining('没有要素') });
  });
});
