import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYER_IDS } from '../../shared/api/layers.js';
import { createCore, type Core } from '../../electron/core/core.js';
import { Project } from '../../electron/core/project/project.js';
import { samplePath } from '../../electron/core/sample.js';
import { blockTotals, buildSheets, type BriefingData } from '../../renderer/src/features/briefing/briefing-model.js';
import { makeTempDir } from '../helpers/tmp.js';

/**
 * The briefing's pages built from the core's own answers on a copy of the sample project (the
 * calls the briefing route makes): the atlas lists the city and every key block of the dashboard's
 * table, the legend's parcel counts per block agree with the dashboard's block table, and the
 * table's totals come to the remediation goal.
 */
const dir = makeTempDir('briefing-model');
let project: Project;
let core: Core;
let data: BriefingData;

beforeAll(async () => {
  const file = path.join(dir, 'sample.gpkg');
  fs.copyFileSync(samplePath(), file);
  project = Project.open(file);
  core = createCore(project);
  const geojson = LAYER_IDS.filter((l) => l !== 'parcels');
  const [info, settings, layerInfo, facets, dashboard, ...collections] = await Promise.all([
    core.projectInfo({}),
    core.getSettings({}),
    core.listLayers({}),
    core.parcelFacets({}),
    core.dashboard({ year: 2023, asOf: '2023-08-01' }),
    ...geojson.map((layer) => core.layerFeatures({ layer })),
  ]);
  const layers = Object.fromEntries(geojson.map((l, i) => [l, collections[i]]));
  const zone = layers['renewal_zones']?.features.find((f) => f.properties['code'] === 'CG01');
  const card = await core.featureCard({ layer: 'renewal_zones', fid: Number(zone?.id), year: 2023 });
  data = { info, settings, layerInfo, facets, dashboard, layers, tiled: { parcels: '/tiles/parcels/{z}/{x}/{y}.pbf' }, zoneCards: { CG01: card } };
});
afterAll(async () => {
  await core?.dispose();
  project?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('briefing pages from the core', () => {
  it('the atlas: the city (with the notes) and then every key block in the block table’s order', () => {
    const sheets = buildSheets({ kind: 'atlas', extent: { kind: 'city' }, year: 2023, asOf: '2023-08-01', paper: 'A4', notes: '备注' }, data);
    expect(sheets).toHaveLength(1 + data.dashboard.blocks.length);
    expect(sheets.map((s) => s.key)).toEqual(['city', ...data.dashboard.blocks.map((b) => `block:${b.code}`)]);
    expect(sheets.map((s) => s.notes)).toEqual(['备注', ...data.dashboard.blocks.map(() => '')]);
    expect(sheets.every((s, i) => s.page === i + 1 && s.pages === sheets.length && s.bbox !== null)).toBe(true);
    expect(sheets[1]).toMatchObject({ name: '老长城区块', focus: { layer: 'key_blocks' }, block: { code: 'ZD01' } });
  });

  it('counts each block’s parcels in the legend as the dashboard’s block table does', () => {
    const sheets = buildSheets({ kind: 'atlas', extent: { kind: 'city' }, year: 2023, asOf: '2023-08-01', paper: 'A4', notes: '' }, data);
    for (const sheet of sheets.slice(1)) {
      const legend = sheet.statusCounts.reduce((s, c) => s + c.count, 0);
      expect(legend, sheet.key).toBe(sheet.block?.parcels);
    }
    expect(sheets[0]?.statusCounts.reduce((s, c) => s + c.count, 0)).toBe(data.info.counts['parcels']);
  });

  it('frames the city on its land, not on the transport lines', () => {
    const [city] = buildSheets({ kind: 'page', extent: { kind: 'city' }, year: 2023, asOf: '2023-08-01', paper: 'A4', notes: '' }, data);
    const parcels = data.layerInfo.find((l) => l.id === 'parcels')?.bbox;
    expect(city?.bbox).not.toBeNull();
    expect(parcels).toBeTruthy();
    if (!city?.bbox || !parcels) return;
    expect(city.bbox[0]).toBeLessThanOrEqual(parcels[0]);
    expect(city.bbox[2]).toBeGreaterThanOrEqual(parcels[2]);
  });

  it('a zone page counts the zone’s parcels from its card', () => {
    const [zone] = buildSheets({ kind: 'page', extent: { kind: 'zone', code: 'CG01' }, year: 2023, asOf: '2023-08-01', paper: 'A4', notes: '' }, data);
    expect(zone).toMatchObject({ name: '南苑', zone: { code: 'CG01', name: '南苑' }, focus: { layer: 'renewal_zones' } });
    expect(zone?.statusCounts.reduce((s, c) => s + c.count, 0)).toBe(data.zoneCards['CG01']?.parcels?.count);
  });

  it('the block table adds up to the remediation goal', () => {
    const totals = blockTotals(data.dashboard.blocks, data.dashboard.unassigned);
    const goal = data.dashboard.goals.goals.find((g) => g.key === 'remediated_industrial_land');
    expect(totals.allRemediatedMu).toBeCloseTo(goal?.achieved ?? NaN, 9);
    expect(totals.allParcels).toBe(data.info.counts['parcels']);
  });
});
