import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createExpression, featureFilter, latest } from '@maplibre/maplibre-gl-style-spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection } from '../../shared/api/geojson.js';
import { matchesLayerFilter, type LayerFilter } from '../../shared/api/layer-filter.js';
import type { ParcelFacets } from '../../shared/api/parcel-facets.js';
import { DEFAULT_SETTINGS } from '../../shared/domain/vocabulary.js';
import { createCore, type Core } from '../../electron/core/core.js';
import { Project } from '../../electron/core/project/project.js';
import { filteredCount } from '../../renderer/src/features/layers/filter-options.js';
import { buildLegend } from '../../renderer/src/features/legend/legend-model.js';
import { fillColor } from '../../renderer/src/map/layer-style/layer-paint.js';
import { renewalPhases, transportStages } from '../../renderer/src/map/layer-style/layer-styles.js';
import { parcelFilterExpression } from '../../renderer/src/map/layer-style/parcel-filter.js';
import { parcelStyle } from '../../renderer/src/map/layer-style/parcel-styles.js';
import { sampleCopy } from '../fixtures/ledgers/sample-copy.js';
import { makeTempDir } from '../helpers/tmp.js';

/**
 * The layer panel's filter on the sample project, counted four ways that must agree: maplibre's own
 * filter evaluator over the features the map receives, GDAL's SQL (ogrinfo) on the GeoPackage, the
 * core's parcelFacets (what the chips and the legend count), and LayerFilter's rule (what an export
 * of "the filtered parcels" writes). And the legend's count per class equals the number of parcels
 * maplibre paints in that class's colour.
 */
const dir = makeTempDir('parcel-facets');
let file: string;
let project: Project;
let core: Core;
let parcels: FeatureCollection;
let facets: ParcelFacets;

beforeAll(async () => {
  file = sampleCopy(dir, 'sample.gpkg');
  project = Project.open(file);
  core = createCore(project);
  parcels = await core.layerFeatures({ layer: 'parcels' });
  facets = await core.parcelFacets({});
});
afterAll(async () => {
  await core.dispose();
  project.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Parcels GDAL counts with a WHERE clause written here in SQL. */
function gdalCount(where: string): number {
  const out = execFileSync('ogrinfo', ['-ro', '-q', '-sql', `SELECT COUNT(*) AS n FROM parcels WHERE ${where}`, file], { encoding: 'utf8' });
  const m = /n \(Integer\) = (\d+)/.exec(out);
  if (!m) throw new Error(out);
  return Number(m[1]);
}

const mapFeature = (f: FeatureCollection['features'][number]) => ({ type: 3 as const, id: f.id, properties: f.properties, geometry: [] });

function mapCount(filter: LayerFilter): number {
  const expression = parcelFilterExpression(filter);
  if (!expression) return parcels.features.length;
  const test = featureFilter(expression, 'layers[0].filter');
  return parcels.features.filter((f) => test.filter({ zoom: 14 }, mapFeature(f) as never)).length;
}

const CASES: Array<{ name: string; filter: LayerFilter; where: string }> = [
  { name: 'one status', filter: { status: ['已完成'] }, where: "status = '已完成'" },
  { name: 'two towns', filter: { town: ['龙山镇', '花街镇'] }, where: "town IN ('龙山镇', '花街镇')" },
  { name: 'no method (blank)', filter: { method: [null] }, where: "(method IS NULL OR TRIM(method) = '')" },
  { name: 'a block or none', filter: { block: ['ZD01', null] }, where: "(block_code = 'ZD01' OR block_code IS NULL OR TRIM(block_code) = '')" },
  { name: 'completion year', filter: { completedYear: [2023] }, where: "completed_on LIKE '2023-%'" },
  { name: 'not completed', filter: { completedYear: [null] }, where: 'completed_on IS NULL' },
  {
    name: 'keys ANDed',
    filter: { status: ['已完成', '整治中'], method: ['拆除重建'], town: ['龙山镇', '西溪镇', '前仓镇'] },
    where: "status IN ('已完成', '整治中') AND method = '拆除重建' AND town IN ('龙山镇', '西溪镇', '前仓镇')",
  },
];

describe('parcelFacets and the map filter agree with GDAL on the sample project', () => {
  it('facets cover every parcel once', () => {
    expect(facets.total).toBe(parcels.features.length);
    expect(facets.total).toBe(gdalCount('1 = 1'));
    expect(facets.rows.length).toBeLessThan(facets.total);
  });

  for (const c of CASES) {
    it(c.name, () => {
      const gdal = gdalCount(c.where);
      expect(gdal, 'the case selects something and not everything').toBeGreaterThan(0);
      expect(gdal).toBeLessThan(parcels.features.length);
      expect(mapCount(c.filter)).toBe(gdal);
      expect(filteredCount(facets.rows, c.filter).matched).toBe(gdal);
      expect(parcels.features.filter((f) => matchesLayerFilter('parcels', f.properties, c.filter)).length).toBe(gdal);
    });
  }
});

describe('legend counts equal what maplibre paints', () => {
  for (const id of ['status', 'method', 'perMu', 'year'] as const) {
    it(`by ${id}, filtered to two towns`, () => {
      const filter: LayerFilter = { town: ['龙山镇', '花街镇'] };
      const style = parcelStyle(id, { statuses: DEFAULT_SETTINGS.statuses, methods: DEFAULT_SETTINGS.methods, facets: facets.rows });
      const spec = (latest as unknown as Record<string, Record<string, unknown>>)['paint_fill']?.['fill-color'];
      const parsed = createExpression(fillColor(style), 'layers[0].paint.fill-color', spec as never);
      if (parsed.result !== 'success') throw new Error('bad expression');
      const test = featureFilter(parcelFilterExpression(filter) ?? undefined, 'layers[0].filter');
      const painted = new Map<string, number>();
      for (const f of parcels.features) {
        if (!test.filter({ zoom: 14 }, mapFeature(f) as never)) continue;
        const c = parsed.value.evaluate({ zoom: 14 }, mapFeature(f) as never) as { r: number; g: number; b: number };
        const key = [c.r, c.g, c.b].map((v) => Math.round(v * 255).toString(16).padStart(2, '0')).join('');
        painted.set(`#${key}`, (painted.get(`#${key}`) ?? 0) + 1);
      }
      const [section] = buildLegend(
        {
          visible: new Set(['parcels']),
          parcelStyleId: id,
          parcelStyle: style,
          parcelFilter: filter,
          facets: facets.rows,
          renewalPhases: renewalPhases([]),
          transportStages: transportStages([]),
          data: {},
          locale: 'zh-CN',
        },
        ['parcels'],
      );
      const legend = new Map<string, number>();
      for (const r of section?.rows ?? []) if ((r.count ?? 0) > 0) legend.set(r.symbol.color, (legend.get(r.symbol.color) ?? 0) + (r.count ?? 0));
      expect(legend).toEqual(painted);
      expect([...legend.values()].reduce((a, b) => a + b, 0)).toBe(gdalCount("town IN ('龙山镇', '花街镇')"));
    });
  }
});
