import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Geometry } from '../../shared/api/geojson.js';
import { contentChecksum, landplanner } from '../helpers/cli.js';
import { planimeterAreasM2 } from '../helpers/oracle.js';
import { spatialiteQuery } from '../helpers/spatialite-oracle.js';
import { makeTempDir } from '../helpers/tmp.js';

/**
 * `landplanner goals`, `goal-set` and `sample` on a fresh copy of the sample project, against
 * oracles that share none of our code: plain SQL written here (better-sqlite3, read-only) for the
 * ledgers, SpatiaLite's ellipsoidal ST_Area over the GeoPackage geometry and GeographicLib's
 * Planimeter over GDAL's decoding for the remediated area, and the status rule written out again.
 */
const dir = makeTempDir('goals-cli');
const project = path.join(dir, 'copy', 'sample.gpkg');
const AS_OF = '2023-08-01';
const DONE = ['已完成', '已验收'];
const MU_PER_M2 = 0.0015;

interface GoalJson {
  key: string;
  label: string;
  target: number;
  unit: string;
  achieved: number;
  progress: number;
  status: string;
}
interface GoalsJson {
  year: number;
  asOf: string;
  timeProgress: number;
  goals: GoalJson[];
  summary: { metOrOnTrack: number; total: number };
  legend: { status: string; color: string }[];
}

beforeAll(() => {
  const r = landplanner(['sample', '--out', project]);
  expect(r.status, r.stdout + r.stderr).toBe(0);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function goals(asOf: string, year = 2023): GoalsJson {
  const r = landplanner(['goals', '--project', project, '--year', String(year), '--as-of', asOf]);
  expect(r.status, r.stdout + r.stderr).toBe(0);
  return r.json as unknown as GoalsJson;
}

/** One number from plain SQL over the file (read-only). */
function sql(query: string, ...params: unknown[]): number {
  const db = new Database(project, { readonly: true });
  try {
    return db.prepare(query).pluck().get(...params) as number;
  } finally {
    db.close();
  }
}

/** The sum of SpatiaLite's ellipsoidal ST_Area over the parcels matching `where`. */
function spatialiteAreaM2(where: string, params: unknown[]): number {
  const [row] = spatialiteQuery<{ m2: number | null }>([[`SELECT sum(ST_Area(GeomFromGPB(geom), 1)) AS m2 FROM project.parcels WHERE ${where}`, params]], project);
  return row?.m2 ?? NaN;
}

/** GDAL decodes, Planimeter measures. */
function planimeterAreaM2(where: string): number {
  const gj = JSON.parse(
    execFileSync('ogr2ogr', ['-f', 'GeoJSON', '-lco', 'COORDINATE_PRECISION=15', '-where', where, '/vsistdout/', project, 'parcels'], { encoding: 'utf8', maxBuffer: 1 << 28 }),
  ) as { features: { geometry: Geometry }[] };
  return planimeterAreasM2(gj.features.map((f) => f.geometry)).reduce((s, a) => s + a, 0);
}

/** The oracle's own reading of DESIGN §4. */
function expectedStatus(progress: number, tp: number): string {
  if (progress >= 1) return 'met';
  if (progress >= tp) return 'on_track';
  return tp - progress <= 0.1 ? 'behind' : 'far_behind';
}

describe('landplanner goals on the sample at 2023-08-01', () => {
  it('prints one object: year, as-of, time progress and each goal as fractions, achieved unrounded', () => {
    const r = goals(AS_OF);
    expect(r.year).toBe(2023);
    expect(r.asOf).toBe(AS_OF);
    expect(r.timeProgress).toBe(213 / 365); // 1 Jan … 1 Aug inclusive
    expect(r.goals.map((g) => g.key)).toEqual([
      'remediated_industrial_land', 'transferred_industrial_land', 'state_standard_factory_floor', 'urban_renewal_investment',
      'special_bonds', 'upgrade_fund', 'big_manufacturing_projects', 'low_efficiency_blocks',
    ]);
    for (const g of r.goals) {
      expect(Object.keys(g)).toEqual(expect.arrayContaining(['key', 'label', 'target', 'unit', 'achieved', 'progress', 'status']));
      expect(g.progress).toBeCloseTo(g.achieved / g.target, 15);
      expect(g.progress).toBeLessThan(5); // a fraction, not a percentage
    }
    expect(r.legend).toHaveLength(4);
  });

  it('remediated mu equals SpatiaLite ST_Area (2e-5 relative) and GeographicLib Planimeter (0.01 mu)', () => {
    const g = goals(AS_OF).goals.find((x) => x.key === 'remediated_industrial_land')!;
    const where = `status IN (${DONE.map(() => '?').join(', ')}) AND completed_on BETWEEN '2023-01-01' AND '${AS_OF}'`;
    const spatialite = spatialiteAreaM2(where, DONE) * MU_PER_M2;
    expect(Math.abs(g.achieved - spatialite) / spatialite).toBeLessThan(2e-5);
    const ogrWhere = `status IN ('已完成', '已验收') AND completed_on >= '2023-01-01' AND completed_on <= '${AS_OF}'`;
    expect(Math.abs(g.achieved - planimeterAreaM2(ogrWhere) * MU_PER_M2)).toBeLessThan(0.01);
    // Parcels finished in 2022 are in the file and must not count.
    expect(sql("SELECT count(*) FROM parcels WHERE status = '已完成' AND completed_on < '2023-01-01'")).toBeGreaterThan(0);
  });

  it('transferred mu, factory m², bonds, funds, investment, projects and blocks equal plain SQL exactly', () => {
    const g = new Map(goals(AS_OF).goals.map((x) => [x.key, x]));
    const range = ['2023-01-01', AS_OF] as const;
    const entries = (key: string): number =>
      sql("SELECT sum(value) FROM metric_entries WHERE key = ? AND unit = '亿元' AND entry_date BETWEEN ? AND ?", key, ...range);
    expect(g.get('transferred_industrial_land')!.achieved).toBe(sql('SELECT sum(area_m2) * 15 / 10000 FROM transfers WHERE contract_date BETWEEN ? AND ?', ...range));
    expect(g.get('state_standard_factory_floor')!.achieved).toBe(sql('SELECT sum(floor_m2) FROM factories WHERE completed_on BETWEEN ? AND ?', ...range));
    expect(g.get('special_bonds')!.achieved).toBe(entries('special_bonds'));
    expect(g.get('special_bonds')!.achieved).toBeCloseTo(8.5 + 12 + 9.3 + 6.2, 12); // the four batches to July
    expect(g.get('upgrade_fund')!.achieved).toBe(entries('upgrade_fund'));
    expect(g.get('urban_renewal_investment')!.achieved).toBe(entries('urban_renewal_investment'));
    expect(g.get('big_manufacturing_projects')!.achieved).toBe(sql('SELECT count(*) FROM projects WHERE investment_yi >= 10 AND landed_on BETWEEN ? AND ?', ...range));
    expect(g.get('low_efficiency_blocks')!.achieved).toBe(sql('SELECT count(*) FROM key_blocks WHERE started_on <= ?', AS_OF));
    expect(sql('SELECT count(*) FROM metric_entries WHERE unit <> ?', '亿元')).toBe(0); // so the unit filter above drops nothing
  });

  it('every status follows from progress and time progress; the 全年红 summary counts them', () => {
    const r = goals(AS_OF);
    for (const g of r.goals) expect(g.status, g.key).toBe(expectedStatus(g.progress, 213 / 365));
    expect(r.summary).toEqual({ metOrOnTrack: r.goals.filter((g) => g.status === 'met' || g.status === 'on_track').length, total: 8 });
  });

  it('by year end every goal of the sample is met', () => {
    const r = goals('2023-12-31');
    expect(r.timeProgress).toBe(1);
    for (const g of r.goals) expect(g.status, `${g.key} ${g.achieved}/${g.target}`).toBe('met');
  });
});

describe('landplanner goal-set', () => {
  it('changes a target and defines a new goal; goals shows both', () => {
    const changed = landplanner(['goal-set', '--project', project, '--year', '2023', '--key', 'transferred_industrial_land', '--target', '1500']);
    expect(changed.status, changed.stdout).toBe(0);
    expect(changed.json).toMatchObject({ created: false, goal: { key: 'transferred_industrial_land', label: '新出让工业用地', target: 1500, unit: '亩' } });
    const added = landplanner(['goal-set', '--project', project, '--year', '2023', '--key', 'park_land', '--target', '12.5', '--unit', '公顷', '--label', '新增公园绿地']);
    expect(added.status, added.stdout).toBe(0);
    expect(added.json).toMatchObject({ created: true, goal: { key: 'park_land', label: '新增公园绿地', target: 12.5, unit: '公顷' } });
    const r = goals(AS_OF);
    const t = r.goals.find((g) => g.key === 'transferred_industrial_land')!;
    expect(t.target).toBe(1500);
    expect(t.progress).toBeCloseTo(t.achieved / 1500, 15);
    expect(r.goals.at(-1)).toMatchObject({ key: 'park_land', achieved: 0, progress: 0, status: 'far_behind' });
    const next = landplanner(['goal-set', '--project', project, '--year', '2024', '--key', 'special_bonds', '--target', '60']);
    expect(next.json).toMatchObject({ created: true, goal: { year: 2024, label: '发行专项债券', unit: '亿元' } });
    expect(goals('2024-02-29', 2024).timeProgress).toBe(60 / 366);
  });

  it.each([
    [['--key', 'special_bonds', '--target', '0'], 'invalid_input', 1],
    [['--key', 'special_bonds', '--target=-5'], 'invalid_input', 1],
    [['--key', 'special_bonds', '--target', 'many'], 'invalid_input', 1],
    [['--key', 'special_bonds', '--target', '5', '--year', '1800'], 'invalid_input', 1],
    [['--key', 'brand_new', '--target', '5'], 'goal_unknown_key', 1],
    [['--key', 'remediated_industrial_land', '--target', '5', '--unit', '亿元'], 'goal_unit_mismatch', 1],
    [['--target', '5'], 'usage', 2],
  ] as const)('refuses %j with %s and changes nothing', (args, code, status) => {
    const before = contentChecksum(project);
    const withYear = (args as readonly string[]).includes('--year') ? [...args] : ['--year', '2023', ...args];
    const r = landplanner(['goal-set', '--project', project, ...withYear]);
    expect(r.status).toBe(status);
    expect((r.json['error'] as { code: string }).code).toBe(code);
    expect(contentChecksum(project)).toBe(before);
  });

  it('goals refuses an impossible as-of date or a missing project', () => {
    const bad = landplanner(['goals', '--project', project, '--year', '2023', '--as-of', '2023-02-29']);
    expect(bad.status).toBe(1);
    expect((bad.json['error'] as { code: string }).code).toBe('invalid_input');
    const missing = landplanner(['goals', '--project', path.join(dir, 'nope.gpkg'), '--year', '2023']);
    expect(missing.status).toBe(1);
    expect((missing.json['error'] as { code: string }).code).toBe('project_not_found');
  });
});

describe('landplanner sample', () => {
  it('writes a project GDAL reads, leaving nothing else beside it', () => {
    const out = path.join(dir, 'fresh', 'mine.gpkg');
    const r = landplanner(['sample', '--out', out]);
    expect(r.status, r.stdout).toBe(0);
    expect(r.json).toMatchObject({ path: out, isSample: true, counts: { parcels: 3000, key_blocks: 18 } });
    expect(fs.readdirSync(path.dirname(out))).toEqual(['mine.gpkg']);
    const info = spawnSync('ogrinfo', ['-ro', '-so', out, 'parcels'], { encoding: 'utf8' });
    expect(info.status).toBe(0);
    expect(info.stderr).not.toMatch(/warning|error/i);
    expect(info.stdout).toMatch(/Feature Count: 3000\n/);
  });

  it('refuses to overwrite an existing file and leaves it untouched', () => {
    const out = path.join(dir, 'taken.gpkg');
    fs.writeFileSync(out, 'not a project, but mine');
    const r = landplanner(['sample', '--out', out]);
    expect(r.status).toBe(1);
    expect((r.json['error'] as { code: string }).code).toBe('file_exists');
    expect(fs.readFileSync(out, 'utf8')).toBe('not a project, but mine');
    const again = landplanner(['sample', '--out', project]);
    expect((again.json['error'] as { code: string }).code).toBe('file_exists');
    expect(landplanner(['sample']).status).toBe(2);
  });
});
