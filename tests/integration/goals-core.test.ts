import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/api/contract.js';
import type { Geometry } from '../../shared/api/geojson.js';
import type { GoalsReport } from '../../shared/api/goals.js';
import { DEFAULT_SETTINGS } from '../../shared/domain/vocabulary.js';
import { createCore, type Core } from '../../electron/core/core.js';
import { Project } from '../../electron/core/project/project.js';
import { planimeterAreasM2 } from '../helpers/oracle.js';
import { makeTempDir } from '../helpers/tmp.js';

/**
 * Goals through the core (the contract's `goals` and `goalSet`) on a small hand-made project whose
 * every record sits on an edge: the as-of day, 31 December, the year before, a status that is not
 * done, a second done status, units that convert and one that does not. Expected values are
 * written out by hand; areas come from GeographicLib's Planimeter, not from our code.
 */
const dir = makeTempDir('goals-core');
let project: Project;
let core: Core;
const events: EventName[] = [];

const square = (lon: number, lat: number, d = 0.001): Geometry => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]],
});
const point = (lon: number, lat: number): Geometry => ({ type: 'Point', coordinates: [lon, lat] });
const line = (lon: number): Geometry => ({ type: 'LineString', coordinates: [[lon, 28.9], [lon + 0.01, 28.91]] });

/** [code, status, completed_on, geometry]; `in08` / `inYear`: counts at 2023-08-01 / at year end. */
const PARCELS = [
  { code: 'P1', status: '已完成', completedOn: '2023-01-01', g: square(120.01, 28.9), in08: true, inYear: true },
  { code: 'P2', status: '已验收', completedOn: '2023-08-01T10:30:00', g: square(120.02, 28.9, 0.002), in08: true, inYear: true },
  { code: 'P3', status: '已完成', completedOn: '2023-08-02', g: square(120.03, 28.9), in08: false, inYear: true },
  { code: 'P4', status: '已完成', completedOn: '2023-12-31', g: square(120.04, 28.9, 0.0015), in08: false, inYear: true },
  { code: 'P5', status: '已完成', completedOn: '2022-12-31', g: square(120.05, 28.9), in08: false, inYear: false },
  { code: 'P6', status: '已完成', completedOn: '2024-01-01', g: square(120.06, 28.9), in08: false, inYear: false },
  { code: 'P7', status: '整治中', completedOn: '2023-05-05', g: square(120.07, 28.9), in08: false, inYear: false },
  { code: 'P8', status: '已销号', completedOn: '2023-06-06', g: square(120.08, 28.9, 0.0012), in08: false, inYear: false },
] as const;

const MU_PER_M2 = 0.0015;
const remediatedMu = (pick: (p: (typeof PARCELS)[number]) => boolean): number =>
  planimeterAreasM2(PARCELS.filter(pick).map((p) => p.g)).reduce((s, a) => s + a, 0) * MU_PER_M2;

beforeAll(() => {
  project = Project.create(path.join(dir, 'edges.gpkg'), { name: '边界测试' });
  project.insertFeatures(
    'parcels',
    PARCELS.map((p) => ({ geometry: p.g, properties: { code: p.code, status: p.status, completed_on: p.completedOn } })),
  );
  project.insertTransfers([
    { parcel_code: 'P1', contract_date: '2023-01-01', area_m2: 6666.67, price_wan: 1, buyer: 'a', land_use: '100101', town: '东城街道' },
    { parcel_code: 'P2', contract_date: '2023-08-01', area_m2: 3333.33, price_wan: 1, buyer: 'b', land_use: '100101', town: '东城街道' },
    { parcel_code: 'P3', contract_date: '2023-08-02', area_m2: 1000, price_wan: 1, buyer: 'c', land_use: '100101', town: '东城街道' },
    { parcel_code: 'P5', contract_date: '2022-12-31', area_m2: 9999, price_wan: 1, buyer: 'd', land_use: '100101', town: '东城街道' },
  ]);
  project.insertFactories([
    { code: 'F1', name: 'f1', parcel_code: null, floor_m2: 30_000, completed_on: '2023-07-31', town: '东城街道' },
    { code: 'F2', name: 'f2', parcel_code: null, floor_m2: 12_500, completed_on: '2023-12-31', town: '东城街道' },
    { code: 'F3', name: 'f3', parcel_code: null, floor_m2: 99_000, completed_on: null, town: '东城街道' },
    { code: 'F4', name: 'f4', parcel_code: null, floor_m2: 44_000, completed_on: '2022-10-10', town: '东城街道' },
  ]);
  project.insertMetricEntries([
    { key: 'special_bonds', entry_date: '2023-02-01', value: 10, unit: '亿元', note: '' },
    { key: 'special_bonds', entry_date: '2023-03-01', value: 5000, unit: '万元', note: '0.5 亿元' },
    { key: 'special_bonds', entry_date: '2023-04-01', value: 3, unit: '亩', note: 'wrong unit' },
    { key: 'special_bonds', entry_date: '2023-09-01', value: 7, unit: '亿元', note: '' },
    { key: 'greening', entry_date: '2023-05-01', value: 15, unit: '公顷', note: '' },
    { key: 'greening', entry_date: '2023-06-01', value: 30, unit: '亩', note: '= 2 公顷' },
  ]);
  project.insertFeatures('projects', [
    { geometry: point(120.0, 28.9), properties: { code: 'X1', investment_yi: 10, landed_on: '2023-08-01' } },
    { geometry: point(120.0, 28.9), properties: { code: 'X2', investment_yi: 9.99, landed_on: '2023-03-01' } },
    { geometry: point(120.0, 28.9), properties: { code: 'X3', investment_yi: 120, landed_on: '2022-11-10' } },
    { geometry: point(120.0, 28.9), properties: { code: 'X4', investment_yi: 55, landed_on: '2023-12-31' } },
  ]);
  project.insertFeatures('key_blocks', [
    { geometry: square(120.1, 28.9), properties: { code: 'B1', started_on: '2019-05-05' } },
    { geometry: square(120.1, 28.91), properties: { code: 'B2', started_on: '2023-08-01' } },
    { geometry: square(120.1, 28.92), properties: { code: 'B3', started_on: '2023-08-02' } },
    { geometry: square(120.1, 28.93), properties: { code: 'B4', started_on: null } },
  ]);
  project.insertFeatures('transport', [
    { geometry: line(120.0), properties: { code: 'T1', stage: '建成通车', target_stage: '在建' } },
    { geometry: line(120.1), properties: { code: 'T2', stage: '在建', target_stage: '建成通车' } },
    { geometry: line(120.2), properties: { code: 'T3', stage: '开工', target_stage: '开工' } },
    { geometry: line(120.3), properties: { code: 'T4', stage: '立项', target_stage: '立项' } },
    { geometry: line(120.4), properties: { code: 'T5', stage: '前期', target_stage: null } },
  ]);
  project.upsertGoals([
    { year: 2023, key: 'remediated_industrial_land', label: '整治低效工业用地', label_en: 'Remediated', target: 10, unit: '亩' },
    { year: 2023, key: 'transferred_industrial_land', label: '新出让工业用地', label_en: '', target: 20, unit: '亩' },
    { year: 2023, key: 'state_standard_factory_floor', label: '标准厂房', label_en: '', target: 42_500, unit: 'm²' },
    { year: 2023, key: 'special_bonds', label: '专项债券', label_en: '', target: 20, unit: '亿元' },
    { year: 2023, key: 'big_manufacturing_projects', label: '10亿元以上项目', label_en: '', target: 2, unit: '个' },
    { year: 2023, key: 'low_efficiency_blocks', label: '重点区块', label_en: '', target: 3, unit: '个' },
    { year: 2023, key: 'transport_milestones', label: '交通节点', label_en: '', target: 4, unit: '个' },
    { year: 2023, key: 'greening', label: '新增绿地', label_en: '', target: 10, unit: '公顷' },
  ]);
  core = createCore(project, (name) => events.push(name));
}, 60_000);

afterAll(async () => {
  await core.dispose();
  project.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const byKey = (r: GoalsReport): Map<string, GoalsReport['goals'][number]> => new Map(r.goals.map((g) => [g.key, g]));

describe('goals through the core', () => {
  it('at 2023-08-01 counts exactly the records up to and including the as-of day', async () => {
    const r = await core.goals({ year: 2023, asOf: '2023-08-01' });
    const g = byKey(r);
    expect(r.timeProgress).toBe(213 / 365);
    expect(r.goals.map((x) => x.key)).toEqual([
      'remediated_industrial_land', 'transferred_industrial_land', 'state_standard_factory_floor', 'special_bonds',
      'big_manufacturing_projects', 'low_efficiency_blocks', 'transport_milestones', 'greening',
    ]);
    // P1 (1 Jan) and P2 (已验收, a date-time on the as-of day); not P3…P8.
    expect(Math.abs(g.get('remediated_industrial_land')!.achieved - remediatedMu((p) => p.in08))).toBeLessThan(1e-6);
    expect(g.get('transferred_industrial_land')!.achieved).toBeCloseTo((6666.67 + 3333.33) * MU_PER_M2, 10);
    expect(g.get('state_standard_factory_floor')!.achieved).toBe(30_000);
    // 10 亿元 + 5000 万元; the entry in 亩 is left out and reported.
    expect(g.get('special_bonds')!.achieved).toBeCloseTo(10.5, 12);
    expect(g.get('special_bonds')!.excludedEntries).toBe(1);
    expect(g.get('big_manufacturing_projects')!.achieved).toBe(1); // X1 (exactly 10 亿元, on the as-of day)
    expect(g.get('low_efficiency_blocks')!.achieved).toBe(2); // B1 (2019) and B2 (as-of day)
    // T1 is past its target, T3 and T4 at it (T4's stage is not in the vocabulary: equality counts).
    expect(g.get('transport_milestones')!.achieved).toBe(3);
    expect(g.get('greening')!.achieved).toBeCloseTo(17, 12); // 15 公顷 + 30 亩
    for (const x of r.goals) expect(x.progress).toBeCloseTo(x.achieved / x.target, 15);
    expect(g.get('transferred_industrial_land')!.labelEn).toBeNull();
  });

  it('at 31 December counts the whole year and nothing of the years around it', async () => {
    const g = byKey(await core.goals({ year: 2023, asOf: '2023-12-31' }));
    expect(Math.abs(g.get('remediated_industrial_land')!.achieved - remediatedMu((p) => p.inYear))).toBeLessThan(1e-6);
    expect(g.get('transferred_industrial_land')!.achieved).toBeCloseTo((6666.67 + 3333.33 + 1000) * MU_PER_M2, 10);
    expect(g.get('state_standard_factory_floor')!.achieved).toBe(42_500);
    expect(g.get('state_standard_factory_floor')!.status).toBe('met');
    expect(g.get('special_bonds')!.achieved).toBeCloseTo(17.5, 12);
    expect(g.get('big_manufacturing_projects')!.achieved).toBe(2);
    expect(g.get('big_manufacturing_projects')!.status).toBe('met');
    expect(g.get('low_efficiency_blocks')!.achieved).toBe(3);
    // An as-of date after the year measures the year, not beyond it.
    const later = await core.goals({ year: 2023, asOf: '2024-03-01' });
    expect(later.timeProgress).toBe(1);
    expect(later.goals.map((x) => x.achieved)).toEqual((await core.goals({ year: 2023, asOf: '2023-12-31' })).goals.map((x) => x.achieved));
  });

  it('before the year nothing is due and nothing dated counts', async () => {
    const r = await core.goals({ year: 2023, asOf: '2022-12-31' });
    const g = byKey(r);
    expect(r.timeProgress).toBe(0);
    expect(g.get('remediated_industrial_land')!.achieved).toBe(0);
    expect(g.get('transferred_industrial_land')!.achieved).toBe(0);
    expect(g.get('special_bonds')!.achieved).toBe(0);
    expect(g.get('remediated_industrial_land')!.status).toBe('on_track');
  });

  it('"done" is a property of the status: marking 已销号 done makes P8 count', async () => {
    const before = byKey(await core.goals({ year: 2023, asOf: '2023-08-01' })).get('remediated_industrial_land')!.achieved;
    await core.updateSettings({ statuses: [...DEFAULT_SETTINGS.statuses, { value: '已销号', labelEn: 'Closed', done: true, color: '#000000' }] });
    try {
      const after = byKey(await core.goals({ year: 2023, asOf: '2023-08-01' })).get('remediated_industrial_land')!.achieved;
      expect(Math.abs(after - before - remediatedMu((p) => p.code === 'P8'))).toBeLessThan(1e-6);
    } finally {
      await core.updateSettings({ statuses: DEFAULT_SETTINGS.statuses });
    }
  });

  it('statuses, colours and the legend follow the settings', async () => {
    const asOf = '2023-08-01'; // time progress 0.5836
    const t = byKey(await core.goals({ year: 2023, asOf }));
    expect(t.get('special_bonds')!.status).toBe('behind'); // 0.525: 5.9 points behind
    expect(t.get('special_bonds')!.color).toBe('#f9a825');
    expect(t.get('big_manufacturing_projects')!.status).toBe('behind'); // 0.5: 8.4 points behind
    expect(t.get('low_efficiency_blocks')!.status).toBe('on_track'); // 2/3
    await core.updateSettings({ goalColors: 'quannianhong', goalThresholds: { behindPoints: 0.05 } });
    try {
      const r = await core.goals({ year: 2023, asOf });
      const q = byKey(r);
      expect(r.scheme).toBe('quannianhong');
      expect(r.thresholds).toEqual({ behindPoints: 0.05 });
      expect(q.get('special_bonds')!.status).toBe('far_behind');
      expect(q.get('special_bonds')!.color).toBe('#424242');
      expect(q.get('state_standard_factory_floor')!.color).toBe('#e57373'); // 30000/42500 = 0.706: on track
      expect(r.legend.map((l) => l.color)).toEqual(['#c62828', '#e57373', '#9e9e9e', '#424242']);
      expect(r.legend[3]!.labelZh).toContain('5 个百分点');
      expect(r.summary.total).toBe(8);
      expect(r.summary.metOrOnTrack).toBe(r.goals.filter((x) => x.status === 'met' || x.status === 'on_track').length);
    } finally {
      await core.updateSettings({ goalColors: 'traffic', goalThresholds: { behindPoints: 0.1 } });
    }
  });

  it('defaults the as-of date to today', async () => {
    const now = new Date();
    const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    expect((await core.goals({ year: 2023 })).asOf).toBe(today);
  });
});

describe('goalSet through the core', () => {
  it('defines a measured goal for a new year with the catalogue label, in a unit it converts to', async () => {
    events.length = 0;
    const r = await core.goalSet({ year: 2024, key: 'remediated_industrial_land', target: 2, unit: '公顷' });
    expect(r.created).toBe(true);
    expect(r.goal).toEqual({ year: 2024, key: 'remediated_industrial_land', label: '整治低效工业用地', labelEn: 'Inefficient industrial land remediated', target: 2, unit: '公顷' });
    expect(events).toContain('dataChanged');
    const g = (await core.goals({ year: 2024, asOf: '2024-12-31' })).goals;
    expect(g).toHaveLength(1);
    // P6 was completed on 1 January 2024; mu → 公顷 is ÷ 15.
    expect(Math.abs(g[0]!.achieved - remediatedMu((p) => p.code === 'P6') / 15)).toBeLessThan(1e-9);
  });

  it('changes only what it is given and keeps the rest', async () => {
    const r = await core.goalSet({ year: 2023, key: 'greening', target: 12 });
    expect(r.created).toBe(false);
    expect(r.goal).toEqual({ year: 2023, key: 'greening', label: '新增绿地', labelEn: null, target: 12, unit: '公顷' });
    const relabelled = await core.goalSet({ year: 2023, key: 'greening', target: 12, label: '新增公园绿地', labelEn: 'New park land' });
    expect(relabelled.goal.label).toBe('新增公园绿地');
    expect(relabelled.goal.labelEn).toBe('New park land');
    const g = byKey(await core.goals({ year: 2023, asOf: '2023-12-31' })).get('greening')!;
    expect(g.target).toBe(12);
    expect(g.progress).toBeCloseTo(17 / 12, 12);
    expect(g.status).toBe('met');
  });

  it('refuses a bad target or year, an unknown key without unit and label, and a unit that does not convert', async () => {
    const code = async (p: Promise<unknown>): Promise<string> => p.then(() => 'ok', (e: { code: string }) => e.code);
    expect(await code(core.goalSet({ year: 2023, key: 'special_bonds', target: 0 }))).toBe('invalid_input');
    expect(await code(core.goalSet({ year: 2023, key: 'special_bonds', target: -3 }))).toBe('invalid_input');
    expect(await code(core.goalSet({ year: 1850, key: 'special_bonds', target: 3 }))).toBe('invalid_input');
    expect(await code(core.goalSet({ year: 2023, key: 'new_metric', target: 3 }))).toBe('goal_unknown_key');
    expect(await code(core.goalSet({ year: 2023, key: 'new_metric', target: 3, unit: '个' }))).toBe('goal_unknown_key');
    expect(await code(core.goalSet({ year: 2023, key: 'state_standard_factory_floor', target: 3, unit: '亿元' }))).toBe('goal_unit_mismatch');
    expect(await code(core.goals({ year: 2023, asOf: '2023-02-29' }))).toBe('invalid_input');
    // Nothing of the refused calls was written.
    expect((await core.goals({ year: 2023, asOf: '2023-12-31' })).goals.map((g) => g.key)).not.toContain('new_metric');
    expect(byKey(await core.goals({ year: 2023, asOf: '2023-12-31' })).get('special_bonds')!.target).toBe(20);
  });
});
