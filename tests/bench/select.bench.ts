import path from 'node:path';
import Database from 'better-sqlite3';
import { parcelsInRing } from '../../electron/core/spatial/select.js';
import { Project } from '../../electron/core/project/project.js';
import { generateProject } from './generated-project.js';
import { emptyResult, inTempDir, type Bench } from './harness.js';

type LonLat = [number, number];

/**
 * Median wall times of two functions run in turn (after one warm-up each), so that a busy machine
 * slows both alike rather than whichever happened to run during the busy spell.
 */
function interleavedMedianMs(runs: number, a: () => unknown, b: () => unknown): [number, number] {
  a();
  b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    a();
    ta.push(performance.now() - t0);
    t0 = performance.now();
    b();
    tb.push(performance.now() - t0);
  }
  const median = (xs: number[]): number => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? NaN;
  return [median(ta), median(tb)];
}

const wkt = (ring: readonly LonLat[]): string => `POLYGON((${[...ring, ring[0] as LonLat].map((p) => `${p[0]} ${p[1]}`).join(',')}))`;

/**
 * Box and lasso selection (parcelsInPolygon's query) on a 100,000-parcel project: the core against
 * SpatiaLite (GEOS) with the same R-tree prefilter, in process on the same file, same run. Shapes:
 * a box over the whole extent (every parcel), a 2 km box, a 40-vertex concave lasso of ~3 km.
 */
export const selectBench: Bench = {
  name: 'select',
  description: 'parcels in a box / lasso, 100k parcels: core vs SpatiaLite ST_Intersects',
  async run() {
    const { figures, peers, ratios } = emptyResult();
    await inTempDir('landplanner-bench-', (dir) => {
      const file = generateProject(path.join(dir, 'bench-100000.gpkg'), 100_000);
      const project = Project.open(file);
      const ext = project.db.prepare('SELECT min(minx) AS a, min(miny) AS b, max(maxx) AS c, max(maxy) AS d FROM rtree_parcels_geom').get() as { a: number; b: number; c: number; d: number };
      const cx = (ext.a + ext.c) / 2;
      const cy = (ext.b + ext.d) / 2;
      const dLon = 0.0103; // ≈ 1 km at 28.9°N
      const dLat = 0.009;
      const lasso: LonLat[] = Array.from({ length: 40 }, (_, k) => {
        const a = (2 * Math.PI * k) / 40;
        const r = k % 4 < 2 ? 1.5 : 0.9;
        return [cx + r * dLon * Math.cos(a), cy + r * dLat * Math.sin(a)];
      });
      const shapes: Record<string, LonLat[]> = {
        all: [[ext.a - 0.01, ext.b - 0.01], [ext.c + 0.01, ext.b - 0.01], [ext.c + 0.01, ext.d + 0.01], [ext.a - 0.01, ext.d + 0.01]],
        box2km: [[cx - dLon, cy - dLat], [cx + dLon, cy - dLat], [cx + dLon, cy + dLat], [cx - dLon, cy + dLat]],
        lasso: lasso,
      };
      const spatialite = new Database(':memory:');
      spatialite.loadExtension('mod_spatialite');
      spatialite.prepare('SELECT InitSpatialMetadata(1)').get();
      spatialite.prepare('ATTACH DATABASE ? AS project').run(file);
      const peerQuery = spatialite.prepare(
        `SELECT p.fid FROM project.parcels p WHERE p.fid IN (SELECT id FROM project.rtree_parcels_geom WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?)
           AND ST_Intersects(GeomFromGPB(p.geom), GeomFromText(?, 4490)) = 1 ORDER BY p.fid`,
      ).pluck();
      for (const [name, ring] of Object.entries(shapes)) {
        const xs = ring.map((p) => p[0]);
        const ys = ring.map((p) => p[1]);
        const args = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys), wkt(ring)] as const;
        const ours = parcelsInRing(project.db, ring, 'intersects');
        const theirs = peerQuery.all(...args) as number[];
        if (ours.length !== theirs.length || ours.some((f, i) => f !== theirs[i])) throw new Error(`${name}: core and SpatiaLite disagree (${ours.length} vs ${theirs.length})`);
        figures[`selected_${name}`] = ours.length;
        const [core, peer] = interleavedMedianMs(7, () => parcelsInRing(project.db, ring, 'intersects'), () => peerQuery.all(...args));
        figures[`core_ms_${name}`] = core;
        peers[`spatialite_ms_${name}`] = peer;
        ratios[`core_vs_spatialite_${name}`] = (figures[`core_ms_${name}`] as number) / (peers[`spatialite_ms_${name}`] as number);
      }
      spatialite.close();
      project.close();
    });
    return { figures, peers, ratios, notes: ['ratio < 1 means the core is faster; both return the same fids (checked)'] };
  },
};
