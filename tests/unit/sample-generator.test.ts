import fs from 'node:fs';
import path from 'node:path';
import { booleanDisjoint, booleanIntersects, booleanPointInPolygon, centroid, kinks } from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Geometry, PropertyValue } from '../../shared/api/geojson.js';
import { LAYER_IDS } from '../../shared/api/layers.js';
import { ellipsoidalAreaM2 } from '../../shared/domain/area.js';
import { GOALS_2023 } from '../../shared/domain/goals-2023.js';
import { m2ToMu } from '../../shared/domain/units.js';
import { DEFAULT_SETTINGS, TOWNS } from '../../shared/domain/vocabulary.js';
import { LAYER_DEFS } from '../../electron/core/project/schema.js';
import type { FeatureInput } from '../../electron/core/project/types.js';
import { CITY_EXTENT, generateSample, PLATFORM_NAMES, RENEWAL_ZONE_NAMES, TRANSPORT_NAMES, type SampleData } from '../../gis-data/generator/index.js';
import { summarizeSample } from '../../gis-data/generator/summary.js';

type Ring = number[][];
type Polygon = Ring[];

function polygonsOf(g: Geometry): Polygon[] {
  if (g.type === 'MultiPolygon') return g.coordinates;
  if (g.type === 'Polygon') return [g.coordinates];
  throw new Error(`not a polygon: ${g.type}`);
}

type MultiPolygon = Extract<Geometry, { type: 'MultiPolygon' }>;

function asMultiPolygon(g: Geometry): MultiPolygon {
  if (g.type !== 'MultiPolygon') throw new Error(`expected a MultiPolygon, got ${g.type}`);
  return g;
}

function allPositions(g: Geometry): number[][] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.flat();
    case 'MultiPolygon':
      return g.coordinates.flat(2);
  }
}

function bboxOf(g: Geometry): [number, number, number, number] {
  const pts = allPositions(g);
  const xs = pts.map((p) => p[0]!);
  const ys = pts.map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Closed ring of ≥ 4 positions whose edges do not cross (turf kinks). */
function ringProblems(ring: Ring): string | null {
  if (ring.length < 4) return 'fewer than 4 positions';
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) return 'not closed';
  if (kinks({ type: 'Polygon', coordinates: [ring] }).features.length > 0) return 'self-intersects';
  return null;
}

function polygonProblems(poly: Polygon): string | null {
  for (const ring of poly) {
    const p = ringProblems(ring);
    if (p) return p;
  }
  const shell: Geometry = { type: 'Polygon', coordinates: [poly[0]!] };
  for (const hole of poly.slice(1)) {
    if (!hole.every((pt) => booleanPointInPolygon(pt, shell, { ignoreBoundary: true }))) return 'hole outside its shell';
  }
  return null;
}

const props = (f: FeatureInput): Record<string, PropertyValue> => f.properties;
const str = (v: PropertyValue | undefined): string => (typeof v === 'string' ? v : '');

let sample: SampleData;
beforeAll(() => {
  sample = generateSample();
});

describe('sample generator: determinism', () => {
  it('gives identical output for the same seed and count', () => {
    const a = generateSample({ seed: 7, parcelCount: 300 });
    const b = generateSample({ seed: 7, parcelCount: 300 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('gives different output for a different seed', () => {
    const a = generateSample({ seed: 7, parcelCount: 300 });
    const b = generateSample({ seed: 8, parcelCount: 300 });
    expect(JSON.stringify(a.layers.parcels)).not.toBe(JSON.stringify(b.layers.parcels));
    expect(JSON.stringify(a.layers.key_blocks)).not.toBe(JSON.stringify(b.layers.key_blocks));
  });

  it('keeps the blocks, zones and lines when only the parcel count changes', () => {
    const a = generateSample({ seed: 7, parcelCount: 300 });
    const b = generateSample({ seed: 7, parcelCount: 500 });
    for (const layer of ['key_blocks', 'renewal_zones', 'platforms', 'transport', 'projects'] as const) {
      expect(b.layers[layer]).toEqual(a.layers[layer]);
    }
  });

  it('makes exactly the parcel count asked for, small or large', () => {
    expect(generateSample({ parcelCount: 0 }).layers.parcels).toHaveLength(0);
    expect(generateSample({ parcelCount: 25 }).layers.parcels).toHaveLength(25);
    const big = generateSample({ parcelCount: 20_000 });
    expect(big.layers.parcels).toHaveLength(20_000);
    const mu = big.layers.parcels.map((f) => m2ToMu(ellipsoidalAreaM2(f.geometry)));
    expect(Math.min(...mu)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...mu)).toBeLessThanOrEqual(40);
  });

  it('is pure: only the writer and the command line touch Node or the database', () => {
    const dir = path.resolve(__dirname, '../../gis-data/generator');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !['write-sample.ts', 'build-sample.ts'].includes(f))) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const runtimeImports = [...text.matchAll(/^import (?!type )[^;]*?from '([^']+)'/gm)].map((m) => m[1]!);
      for (const spec of runtimeImports) expect(spec, file).toMatch(/^(\.\/|\.\.\/\.\.\/shared\/)/);
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(code, file).not.toMatch(/Math\.random|Date\.now|new Date\(\)/);
    }
  });
});

describe('sample generator: layers and names', () => {
  it('writes only known columns and leaves area_m2/length_m to the project', () => {
    for (const layer of LAYER_IDS) {
      const columns = new Set(LAYER_DEFS[layer].columns.map((c) => c.name));
      for (const f of sample.layers[layer]) {
        for (const key of Object.keys(f.properties)) expect(columns.has(key), `${layer}.${key}`).toBe(true);
        expect(f.properties['area_m2']).toBeUndefined();
        expect(f.properties['length_m']).toBeUndefined();
      }
    }
  });

  it('has 18 key blocks: 老长城区块 and 九里山区块 named, starting in 2023, the rest numbered', () => {
    const blocks = sample.layers.key_blocks.map(props);
    expect(blocks).toHaveLength(18);
    expect(blocks.map((b) => b['code'])).toEqual(Array.from({ length: 18 }, (_, i) => `ZD${String(i + 1).padStart(2, '0')}`));
    expect(blocks[0]).toMatchObject({ name: '老长城区块' });
    expect(blocks[1]).toMatchObject({ name: '九里山区块' });
    expect(str(blocks[0]!['started_on']).startsWith('2023-')).toBe(true);
    expect(str(blocks[1]!['started_on']).startsWith('2023-')).toBe(true);
    blocks.slice(2).forEach((b, i) => {
      expect(b['name']).toBe(`重点区块${String(i + 3).padStart(2, '0')}`);
      expect(str(b['started_on']) < '2023-01-01').toBe(true);
    });
    for (const b of blocks) expect(TOWNS).toContain(b['town']);
    expect(blocks.reduce((s, b) => s + (b['target_mu'] as number), 0)).toBeGreaterThan(5000);
  });

  it('draws blocks as simple 6–10-vertex polygons of 0.5–3 km² that do not overlap', () => {
    const blocks = sample.layers.key_blocks;
    for (const b of blocks) {
      const [poly] = polygonsOf(b.geometry);
      expect(polygonProblems(poly!)).toBeNull();
      expect(poly![0]!.length - 1).toBeGreaterThanOrEqual(6);
      expect(poly![0]!.length - 1).toBeLessThanOrEqual(10);
      const km2 = ellipsoidalAreaM2(b.geometry) / 1e6;
      expect(km2).toBeGreaterThanOrEqual(0.5);
      expect(km2).toBeLessThanOrEqual(3);
    }
    for (let i = 0; i < blocks.length; i++) {
      for (let j = i + 1; j < blocks.length; j++) expect(booleanDisjoint(blocks[i]!.geometry, blocks[j]!.geometry)).toBe(true);
    }
  });

  it('names every renewal zone, platform and transport project of the plan', () => {
    const zones = sample.layers.renewal_zones.map(props);
    expect(zones.map((z) => z['name'])).toEqual([...RENEWAL_ZONE_NAMES]);
    for (const name of ['南苑', '黄棠', '周塘', '老四方', '塔海桥塘头', '黄岐村', '南苑安置区', '溪心综合体', '市文化中心', '站前广场']) {
      expect(RENEWAL_ZONE_NAMES).toContain(name);
    }
    const kind = (name: string): PropertyValue | undefined => zones.find((z) => z['name'] === name)?.['kind'];
    expect(['南苑', '黄棠', '周塘'].map(kind)).toEqual(['腾空拆除', '腾空拆除', '腾空拆除']);
    expect(kind('老四方')).toBe('政策处理');
    expect(['塔海桥塘头', '黄岐村', '南苑安置区'].map(kind)).toEqual(['安置区', '安置区', '安置区']);
    expect(zones.reduce((s, z) => s + (z['investment_yi'] as number), 0)).toBeGreaterThanOrEqual(130);

    expect(sample.layers.platforms.map((f) => f.properties['name'])).toEqual([...PLATFORM_NAMES]);
    for (const name of ['国家级经济开发区', '省级现代农业装备高新区', '省万亩千亿新兴产业平台', '中国五金物流港', '国家林草装备科创园', '中兴智造园', '先进电池及储能产业园']) {
      expect(PLATFORM_NAMES).toContain(name);
    }

    const lines = sample.layers.transport;
    expect(lines.map((f) => f.properties['name'])).toEqual([...TRANSPORT_NAMES]);
    for (const f of lines) expect(f.geometry.type).toBe('MultiLineString');
    const line = (name: string): Record<string, PropertyValue> => props(lines.find((f) => f.properties['name'] === name)!);
    expect(line('杭丽高铁')).toMatchObject({ mode: '铁路', stage: '前期' });
    expect(line('金武永快速路')).toMatchObject({ mode: '快速路', stage: '前期' });
    expect(line('金武永东轨道交通')).toMatchObject({ mode: '轨道交通', stage: '前期' });
    expect(line('义龙庆高速及永康联络线')).toMatchObject({ mode: '高速', stage: '开工' });
    for (const road of ['南苑西路延伸', '金塔路', '城北东路延伸', '南四环']) expect(line(road)).toMatchObject({ mode: '道路', target_stage: '建成通车' });
    for (const name of ['永康东站海铁联运', '中国五金物流港', '第六港区永康片区']) expect(TRANSPORT_NAMES).toContain(name);
  });

  it('lands 8+ manufacturing projects of ≥ 10 亿元 in 2023, one ≥ 50 and one ≥ 100', () => {
    const big = sample.layers.projects.map(props).filter((p) => (p['investment_yi'] as number) >= 10 && str(p['landed_on']).startsWith('2023-'));
    expect(big.length).toBeGreaterThanOrEqual(8);
    expect(big.some((p) => (p['investment_yi'] as number) >= 50)).toBe(true);
    expect(big.some((p) => (p['investment_yi'] as number) >= 100)).toBe(true);
  });

  it('keeps every coordinate of every layer inside the city extent', () => {
    for (const layer of LAYER_IDS) {
      for (const f of sample.layers[layer]) {
        const [x0, y0, x1, y1] = bboxOf(f.geometry);
        expect(x0 >= CITY_EXTENT.minLon && x1 <= CITY_EXTENT.maxLon && y0 >= CITY_EXTENT.minLat && y1 <= CITY_EXTENT.maxLat, `${layer} ${String(f.properties['code'])}`).toBe(true);
      }
    }
  });
});

describe('sample generator: parcels', () => {
  it('makes 3000 valid parcels of 2–40 亩 with unique codes', () => {
    const parcels = sample.layers.parcels;
    expect(parcels).toHaveLength(3000);
    const problems = parcels.flatMap((f) => polygonsOf(f.geometry).map((p) => polygonProblems(p)).filter((p) => p !== null).map((p) => `${String(f.properties['code'])}: ${p}`));
    expect(problems).toEqual([]);
    const mu = parcels.map((f) => m2ToMu(ellipsoidalAreaM2(f.geometry)));
    expect(Math.min(...mu)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...mu)).toBeLessThanOrEqual(40);
    const codes = parcels.map((f) => str(f.properties['code']));
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^YK2023-\d{5}$/);
    expect(parcels.filter((f) => polygonsOf(f.geometry)[0]!.length > 1).length).toBeGreaterThanOrEqual(4);
  });

  it('never lets two parcels overlap', () => {
    const items = sample.layers.parcels.map((f) => ({ f, b: bboxOf(f.geometry) })).sort((a, b) => a.b[0] - b.b[0]);
    let pairs = 0;
    for (let i = 0; i < items.length; i++) {
      const a = items[i]!;
      for (let j = i + 1; j < items.length && items[j]!.b[0] <= a.b[2]; j++) {
        const b = items[j]!;
        if (b.b[1] > a.b[3] || b.b[3] < a.b[1]) continue;
        pairs++;
        expect(booleanIntersects(a.f.geometry, b.f.geometry), `${String(a.f.properties['code'])} × ${String(b.f.properties['code'])}`).toBe(false);
      }
    }
    expect(pairs).toBeGreaterThan(0);
  });

  it('puts parcels with a block_code inside that block, and the rest (~15 %) outside every block', () => {
    const blocks = new Map(sample.layers.key_blocks.map((b) => [str(b.properties['code']), asMultiPolygon(b.geometry)]));
    let outside = 0;
    let straddling = 0;
    for (const f of sample.layers.parcels) {
      const c = centroid(f.geometry);
      const code = f.properties['block_code'];
      if (typeof code === 'string') {
        expect(booleanPointInPolygon(c, blocks.get(code)!), String(f.properties['code'])).toBe(true);
        if (f.properties['straddles'] === true) {
          straddling++;
          expect(booleanDisjoint(f.geometry, { type: 'MultiLineString', coordinates: polygonsOf(blocks.get(code)!)[0]! })).toBe(false);
        }
      } else {
        outside++;
        expect(f.properties['straddles']).toBe(false);
        for (const g of blocks.values()) expect(booleanDisjoint(f.geometry, g)).toBe(true);
      }
    }
    expect(outside / 3000).toBeGreaterThan(0.12);
    expect(outside / 3000).toBeLessThan(0.18);
    expect(straddling).toBeGreaterThan(0);
    expect(straddling / 3000).toBeLessThan(0.03);
  });

  it('plants a few data-quality cases: recorded block and stated area disagree', () => {
    const ps = sample.layers.parcels.map((f) => ({ p: props(f), areaM2: ellipsoidalAreaM2(f.geometry) }));
    const mismatch = ps.filter((x) => x.p['recorded_block'] !== x.p['block_code']).length / ps.length;
    expect(mismatch).toBeGreaterThan(0.003);
    expect(mismatch).toBeLessThan(0.02);
    const off = ps.filter((x) => Math.abs((x.p['stated_area_m2'] as number) / x.areaM2 - 1) > 0.005);
    expect(off.length / ps.length).toBeGreaterThan(0.01);
    expect(off.length / ps.length).toBeLessThan(0.035);
    for (const x of off) expect(Math.abs((x.p['stated_area_m2'] as number) / x.areaM2 - 1)).toBeLessThanOrEqual(0.031);
    for (const x of ps.filter((y) => !off.includes(y))) expect(x.p['stated_area_m2']).toBe(Math.round(x.areaM2 * 100) / 100);
  });

  it('gives zone codes to the parcels inside renewal zones', () => {
    const zones = new Map(sample.layers.renewal_zones.map((z) => [str(z.properties['code']), asMultiPolygon(z.geometry)]));
    const inZones = sample.layers.parcels.filter((f) => f.properties['zone_code'] !== null);
    expect(inZones.length).toBeGreaterThan(10);
    for (const f of inZones) expect(booleanPointInPolygon(centroid(f.geometry), zones.get(str(f.properties['zone_code']))!)).toBe(true);
  });

  it('uses the vocabulary: statuses, methods, dates, tenure, 亩均 classes', () => {
    const statuses = DEFAULT_SETTINGS.statuses.map((s) => s.value);
    const methods = DEFAULT_SETTINGS.methods.map((m) => m.value);
    const ps = sample.layers.parcels.map(props);
    for (const p of ps) {
      expect(statuses).toContain(p['status']);
      if (p['method'] !== null) expect(methods).toContain(p['method']);
      expect(TOWNS).toContain(p['town']);
      expect(['国有', '集体']).toContain(p['tenure']);
      expect(['A', 'B', 'C', 'D']).toContain(p['per_mu_class']);
      if (p['status'] === '已完成') expect(str(p['completed_on'])).toMatch(/^202[23]-\d\d-\d\d$/);
      else expect(p['completed_on']).toBeNull();
    }
    expect(new Set(ps.map((p) => p['status']))).toEqual(new Set(['未启动', '整治中', '已完成']));
    expect(new Set(ps.map((p) => p['method']).filter((m) => m !== null))).toEqual(new Set(methods));
    expect(ps.filter((p) => p['land_use'] === '0601 工业用地').length / ps.length).toBeGreaterThan(0.9);
    const targets = ps.filter((p) => p['status'] !== '未启动');
    expect(targets.filter((p) => p['per_mu_class'] === 'D').length / targets.length).toBeGreaterThan(0.45);
  });

  it('finishes nothing in 老长城区块 or 九里山区块 before they start', () => {
    const started = new Map(sample.layers.key_blocks.map((b) => [b.properties['code'], str(b.properties['started_on'])]));
    for (const p of sample.layers.parcels.map(props)) {
      if (p['completed_on'] !== null && typeof p['block_code'] === 'string') expect(str(p['completed_on']) > started.get(p['block_code'])!).toBe(true);
    }
  });
});

describe('sample generator: ledgers and totals', () => {
  it('reaches 55–65 % of each 2023 goal by 2023-08-01 and meets it by year end', () => {
    const s = summarizeSample(sample, '2023-08-01');
    expect(s.remediatedMu.asOf / 5000).toBeGreaterThan(0.55);
    expect(s.remediatedMu.asOf / 5000).toBeLessThan(0.65);
    expect(s.remediatedMu.year).toBeGreaterThanOrEqual(5000);
    expect(s.remediatedMuPreviousYears).toBeGreaterThan(0);
    expect(s.transferredMu.asOf / 1400).toBeGreaterThan(0.55);
    expect(s.transferredMu.asOf / 1400).toBeLessThan(0.65);
    expect(s.transferredMu.year).toBeGreaterThanOrEqual(1400);
    expect(s.factoryFloorM2.asOf / 1e6).toBeGreaterThan(0.55);
    expect(s.factoryFloorM2.asOf / 1e6).toBeLessThan(0.65);
    expect(s.factoryFloorM2.year).toBeGreaterThanOrEqual(1e6);
    expect(s.renewalInvestmentYi.year).toBeGreaterThanOrEqual(130);
    expect(s.specialBondsYi.year).toBeGreaterThanOrEqual(50);
    expect(s.upgradeFundYi.year).toBeCloseTo(20, 6);
    expect(s.bigProjects.year).toBeGreaterThanOrEqual(8);
  });

  it('ties transfers to real parcels: area, town and the buyer as owner', () => {
    const parcels = new Map(sample.layers.parcels.map((f) => [str(f.properties['code']), f]));
    expect(sample.transfers.length).toBeGreaterThan(80);
    expect(sample.transfers.length).toBeLessThan(160);
    expect(new Set(sample.transfers.map((t) => t.parcel_code)).size).toBe(sample.transfers.length);
    for (const t of sample.transfers) {
      const f = parcels.get(t.parcel_code)!;
      expect(f).toBeDefined();
      expect(t.contract_date.startsWith('2023-')).toBe(true);
      expect(t.area_m2).toBe(Math.round(ellipsoidalAreaM2(f.geometry) * 100) / 100);
      expect(t.town).toBe(f.properties['town']);
      expect(f.properties['owner']).toBe(t.buyer);
      if (f.properties['completed_on'] !== null) expect(t.contract_date > str(f.properties['completed_on'])).toBe(true);
    }
  });

  it('records standard factories, the goals and the dated metric entries', () => {
    const codes = new Set(sample.layers.parcels.map((f) => f.properties['code']));
    for (const f of sample.factories) {
      if (f.parcel_code !== null) expect(codes.has(f.parcel_code)).toBe(true);
      if (f.completed_on !== null) expect(f.completed_on).toMatch(/^202[23]-\d\d-\d\d$/);
      expect(TOWNS).toContain(f.town);
    }
    expect(sample.factories.some((f) => f.completed_on === null)).toBe(true);
    expect(sample.goals).toEqual(GOALS_2023.map((g) => ({ year: g.year, key: g.key, label: g.labelZh, label_en: g.labelEn, target: g.target, unit: g.unit })));
    expect(new Set(sample.metricEntries.map((e) => e.key))).toEqual(new Set(['special_bonds', 'upgrade_fund', 'urban_renewal_investment']));
    for (const e of sample.metricEntries) expect(e.entry_date.startsWith('2023-')).toBe(true);
  });
});
