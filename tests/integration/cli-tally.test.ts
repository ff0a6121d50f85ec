import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Geometry } from '../../shared/api/geojson.js';
import { m2ToMu } from '../../shared/domain/units.js';
import { Project } from '../../electron/core/project/project.js';
import { generateSample } from '../../gis-data/generator/index.js';
import { writeSampleProject } from '../../gis-data/generator/write-sample.js';
import { landplanner } from '../helpers/cli.js';
import { planimeterAreasM2 } from '../helpers/oracle.js';
import { spatialiteRows } from '../helpers/spatialite-oracle.js';
import { makeTempDir } from '../helpers/tmp.js';

/**
 * `landplanner tally` and `landplanner quality` on the sample project, against oracles that share
 * none of our code: SpatiaLite SQL over the same file, with each parcel's area from SpatiaLite's
 * own ellipsoidal ST_Area (not our stored area_m2; ~1e-5 relative per parcel) and its block from
 * SpatiaLite's largest overlap (not our block_code); GeographicLib's Planimeter for the exact total;
 * the sample generator's own record of the deliberate data-quality faults.
 */
const DONE = ['已完成', '已验收'] as const;
const REL_TOLERANCE = 2e-5;
const BYS = ['block', 'town', 'method', 'month', 'status'] as const;
type By = (typeof BYS)[number];

const dir = makeTempDir('cli-tally');
const project = path.join(dir, 'sample.gpkg');

/**
 * A few edits on the copy so the edges are exercised: parcels in the second done status (已验收),
 * completions on the first and last day of 2023 and just outside it, and a parcel in progress
 * (整治中) that carries a 2023 date but must not count.
 */
const EDITS: { code: string; status: string; completedOn: string }[] = [];

beforeAll(() => {
  writeSampleProject(project); // the sample project (as `npm run build:sample` writes it), in a temp folder
  const p = Project.open(project);
  try {
    const done2023 = p.db
      .prepare("SELECT code FROM parcels WHERE status = '已完成' AND completed_on LIKE '2023-%' ORDER BY code")
      .pluck()
      .all() as string[];
    const inProgress = p.db.prepare("SELECT code FROM parcels WHERE status = '整治中' ORDER BY code LIMIT 1").pluck().get() as string;
    const plan: [string | undefined, string, string][] = [
      [done2023[0], '已验收', '2023-03-15'],
      [done2023[1], '已验收', '2023-07-01'],
      [done2023[2], '已验收', '2023-12-31'],
      [done2023[3], '已完成', '2023-01-01'],
      [done2023[4], '已完成', '2024-01-01'],
      [done2023[5], '已验收', '2022-12-31'],
      [inProgress, '整治中', '2023-05-05'],
    ];
    const update = p.db.prepare('UPDATE parcels SET status = ?, completed_on = ? WHERE code = ?');
    p.transaction(() => {
      for (const [code, status, completedOn] of plan) {
        if (!code) throw new Error('sample has too few parcels for the edits');
        update.run(status, completedOn, code);
        EDITS.push({ code, status, completedOn });
      }
    });
  } finally {
    p.close();
  }
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs read-only SQL with SpatiaLite over the project file (attached as `project`): every row of each query. */
function spatialite<T>(queries: readonly (readonly [string, readonly unknown[]])[]): T[][] {
  return spatialiteRows<T>(queries, project);
}

/** Each parcel's block by SpatiaLite: the key block holding the largest part of it (ties to the lower code). */
const SPATIAL_BLOCK = `
  SELECT b.code FROM project.key_blocks b
  WHERE MbrIntersects(GeomFromGPB(b.geom), GeomFromGPB(x.geom))
    AND ST_Area(ST_Intersection(GeomFromGPB(b.geom), GeomFromGPB(x.geom))) > 0
  ORDER BY ST_Area(ST_Intersection(GeomFromGPB(b.geom), GeomFromGPB(x.geom))) DESC, b.code LIMIT 1`;

const KEY_SQL: Record<By, string> = {
  block: `(${SPATIAL_BLOCK})`,
  town: 'x.town',
  method: 'x.method',
  month: "strftime('%Y-%m', x.completed_on)",
  status: 'x.status',
};

interface OracleRow {
  key: string | null;
  label: string | null;
  count: number;
  areaM2: number;
}

function oracleQuery(by: By, year: number): readonly [string, readonly unknown[]] {
  const label = by === 'block' ? '(SELECT name FROM project.key_blocks WHERE code = d.key)' : 'd.key';
  return [
    `WITH d AS (
       SELECT ${KEY_SQL[by]} AS key, ST_Area(GeomFromGPB(x.geom), 1) AS a
       FROM project.parcels x
       WHERE x.status IN (${DONE.map(() => '?').join(', ')}) AND strftime('%Y', x.completed_on) = ?
     )
     SELECT key, ${label} AS label, count(*) AS count, sum(a) AS areaM2 FROM d GROUP BY key`,
    [...DONE, String(year)],
  ] as const;
}

interface TallyJson {
  year: number;
  by: By;
  rows: { key: string | null; label: string | null; count: number; areaM2: number; areaMu: number }[];
  total: { count: number; areaM2: number; areaMu: number };
}

/** Each (year, by) is asked of the CLI once; the file does not change after beforeAll. */
const tallies = new Map<string, TallyJson>();
function tally(year: number, by: By): TallyJson {
  const key = `${year}/${by}`;
  const cached = tallies.get(key);
  if (cached) return cached;
  const r = landplanner(['tally', '--project', project, '--year', String(year), '--by', by]);
  expect(r.status, r.stdout + r.stderr).toBe(0);
  tallies.set(key, r.json as unknown as TallyJson);
  return r.json as unknown as TallyJson;
}

/** GDAL decodes the geometries, Planimeter measures them: the exact remediated total of a year. */
function planimeterTotalM2(year: number): number {
  const where = `status IN (${DONE.map((s) => `'${s}'`).join(', ')}) AND completed_on >= '${year}-01-01' AND completed_on < '${year + 1}-01-01'`;
  const gj = JSON.parse(
    execFileSync('ogr2ogr', ['-f', 'GeoJSON', '-lco', 'COORDINATE_PRECISION=15', '-where', where, '/vsistdout/', project, 'parcels'], { encoding: 'utf8', maxBuffer: 1 << 28 }),
  ) as { features: { geometry: Geometry }[] };
  return planimeterAreasM2(gj.features.map((f) => f.geometry)).reduce((s, a) => s + a, 0);
}

const sortKey = (k: string | null): string => (k === null ? '\uffff' : k);

describe('landplanner tally', () => {
  it.each(BYS)('--year 2023 --by %s equals the SpatiaLite oracle (counts exact, areas to 2e-5)', (by) => {
    const ours = tally(2023, by);
    const [oracle] = spatialite<OracleRow>([oracleQuery(by, 2023)]) as [OracleRow[]];
    expect(ours.year).toBe(2023);
    expect(ours.by).toBe(by);
    // The same groups, in order (by key, unassigned last) …
    expect(ours.rows.map((r) => r.key)).toEqual(oracle.map((r) => r.key).sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1)));
    const byKey = new Map(oracle.map((r) => [r.key, r]));
    for (const row of ours.rows) {
      const o = byKey.get(row.key) as OracleRow;
      // … with the same labels and counts, and areas within SpatiaLite's tolerance.
      expect(row.label, String(row.key)).toBe(o.label);
      expect(row.count, String(row.key)).toBe(o.count);
      expect(Math.abs(row.areaM2 - o.areaM2) / o.areaM2, String(row.key)).toBeLessThan(REL_TOLERANCE);
      expect(row.areaMu).toBeCloseTo(m2ToMu(row.areaM2), 9);
    }
    const oracleCount = oracle.reduce((s, r) => s + r.count, 0);
    const oracleM2 = oracle.reduce((s, r) => s + r.areaM2, 0);
    expect(ours.total.count).toBe(oracleCount);
    expect(ours.total.count).toBe(ours.rows.reduce((s, r) => s + r.count, 0));
    expect(Math.abs(ours.total.areaM2 - oracleM2) / oracleM2).toBeLessThan(REL_TOLERANCE);
  });

  it('2023 total equals GeographicLib Planimeter to 0.01 mu, and the edited edge cases count as they should', () => {
    const ours = tally(2023, 'status');
    const exactM2 = planimeterTotalM2(2023);
    expect(Math.abs(ours.total.areaMu - m2ToMu(exactM2))).toBeLessThan(0.01);
    // 已验收 is a done status, as 已完成 is.
    const accepted = ours.rows.find((r) => r.key === '已验收');
    expect(accepted?.count).toBe(EDITS.filter((e) => e.status === '已验收' && e.completedOn.startsWith('2023')).length);
    // The in-progress parcel with a 2023 date is not counted; nor is a status that is not done.
    expect(ours.rows.map((r) => r.key).sort()).toEqual(['已完成', '已验收']);
    // 1 January and 31 December are in the year; 2024-01-01 and 2022-12-31 are not.
    const months = tally(2023, 'month').rows.map((r) => r.key);
    expect(months[0]).toBe('2023-01');
    expect(months.at(-1)).toBe('2023-12');
    expect(months.every((m) => m?.startsWith('2023-'))).toBe(true);
  });

  it('an earlier year is tallied the same way (2022, by month)', () => {
    const ours = tally(2022, 'month');
    const [oracle] = spatialite<OracleRow>([oracleQuery('month', 2022)]) as [OracleRow[]];
    expect(ours.rows.length).toBeGreaterThan(0);
    expect(ours.rows.map((r) => [r.key, r.count])).toEqual(oracle.map((r) => [r.key, r.count]).sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)));
    expect(ours.rows.at(-1)?.key).toBe('2022-12'); // the edited 2022-12-31 completion
    expect(Math.abs(ours.total.areaMu - m2ToMu(planimeterTotalM2(2022)))).toBeLessThan(0.01);
  });

  it.each([
    [1990, 'block'],
    [2025, 'month'],
  ] as const)('a year with no completions (%i, by %s) gives no rows and a zero total', (year, by) => {
    const ours = tally(year, by);
    expect(ours.year).toBe(year);
    expect(ours.rows).toEqual([]);
    expect(ours.total).toEqual({ count: 0, areaM2: 0, areaMu: 0 });
  });
});

describe('landplanner quality', () => {
  interface QualityJson {
    blockDisagreements: { code: string | null; recorded: string | null; spatial: string | null }[];
    straddling: (string | null)[];
    areaMismatches: { code: string | null; statedM2: number; computedM2: number; diffPct: number }[];
    invalid: unknown[];
  }

  it('lists the generator’s deliberate faults: recorded blocks, straddlers, stated areas; nothing invalid', () => {
    const r = landplanner(['quality', '--project', project]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const q = r.json as unknown as QualityJson;
    const parcels = generateSample().layers.parcels.map((f) => f.properties);
    const n = parcels.length;

    // ~1 % of recorded blocks were written wrong on purpose: exactly those are listed.
    const wrongBlock = parcels.filter((p) => (p['recorded_block'] ?? null) !== (p['block_code'] ?? null));
    expect(wrongBlock.length).toBeGreaterThan(0.003 * n);
    expect(wrongBlock.length).toBeLessThan(0.03 * n);
    expect(q.blockDisagreements.map((d) => d.code).sort()).toEqual(wrongBlock.map((p) => p['code']).sort());
    for (const d of q.blockDisagreements) {
      const p = wrongBlock.find((x) => x['code'] === d.code);
      expect(d.recorded).toBe(p?.['recorded_block'] ?? null);
      expect(d.spatial).toBe(p?.['block_code'] ?? null);
    }

    // Parcels crossing a block boundary.
    const straddlers = parcels.filter((p) => p['straddles'] === true).map((p) => p['code']);
    expect(straddlers.length).toBeGreaterThan(0);
    expect([...q.straddling].sort()).toEqual([...straddlers].sort());

    // ~2 % of stated areas are off by 1–3 %: SpatiaLite's own areas find the same parcels.
    const [oracle] = spatialite<{ code: string }>([
      ['SELECT code FROM project.parcels WHERE stated_area_m2 > 0 AND abs(ST_Area(GeomFromGPB(geom), 1) - stated_area_m2) > 0.005 * stated_area_m2 ORDER BY code', []],
    ]) as [{ code: string }[]];
    expect(q.areaMismatches.length).toBeGreaterThan(0.01 * n);
    expect(q.areaMismatches.length).toBeLessThan(0.04 * n);
    expect(q.areaMismatches.map((m) => m.code).sort()).toEqual(oracle.map((o) => o.code));
    for (const m of q.areaMismatches) {
      expect(Math.abs(m.diffPct)).toBeGreaterThan(0.9);
      expect(Math.abs(m.diffPct)).toBeLessThan(3.2);
      expect(m.diffPct).toBeCloseTo(((m.computedM2 - m.statedM2) / m.statedM2) * 100, 9);
    }

    expect(q.invalid).toEqual([]);
  });
});
