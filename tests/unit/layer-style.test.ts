import { createExpression, latest, validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from '../../shared/api/geojson.js';
import { LAYER_IDS, type LayerId } from '../../shared/api/layers.js';
import { PARCEL_STYLES } from '../../shared/api/map-panel.js';
import type { ParcelFacetRow } from '../../shared/api/parcel-facets.js';
import { DEFAULT_SETTINGS } from '../../shared/domain/vocabulary.js';
import { buildLegend, type LegendInput, type LegendRow } from '../../renderer/src/features/legend/legend-model.js';
import { blockLabelField, blockLabelTexts } from '../../renderer/src/map/layer-style/block-labels.js';
import type { ClassedStyle } from '../../renderer/src/map/layer-style/classes.js';
import { hatchColorOf, hatchImage, hatchImageId } from '../../renderer/src/map/layer-style/hatch.js';
import { fillColor, hatchPattern, lineDash, lineWidth } from '../../renderer/src/map/layer-style/layer-paint.js';
import { PLATFORM_LEVELS, TRANSPORT_MODES, renewalPhases, transportStages } from '../../renderer/src/map/layer-style/layer-styles.js';
import { parcelStyle } from '../../renderer/src/map/layer-style/parcel-styles.js';
import { buildStyle } from '../../renderer/src/map/style.js';

/**
 * The legend and the map's paint come from one definition (layer-style/); these tests read the
 * paint expressions back with maplibre's own expression engine (the style spec package the map
 * uses) and check that every legend row is exactly one of the expression's cases, and back.
 */

/** A feature as maplibre's evaluator takes it. */
const feature = (properties: Record<string, unknown>, id?: number) => ({ type: 1 as const, id, properties, geometry: [] });

type PropertySpec = Parameters<typeof createExpression>[2];
function evaluator(expression: unknown, group: 'paint_fill' | 'paint_line' | 'layout_symbol', property: string) {
  const spec = (latest as unknown as Record<string, Record<string, PropertySpec>>)[group]?.[property];
  const parsed = createExpression(expression, `layers[0].${group.split('_')[0]}.${property}`, spec);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  return (props: Record<string, unknown>, id?: number): unknown =>
    parsed.value.evaluate({ zoom: 14 }, feature(props, id) as never);
}

/** A colour as maplibre returns it (Color, premultiplied) back to #rrggbb. */
function hex(value: unknown): string {
  const c = value as { r: number; g: number; b: number; a: number };
  const to = (v: number) => Math.round((v / (c.a || 1)) * 255).toString(16).padStart(2, '0');
  return `#${to(c.r)}${to(c.g)}${to(c.b)}`;
}

/** The (label → output) cases of a top-level `match`, and its fallback. */
function matchCases(expression: unknown): { cases: Map<string, unknown>; fallback: unknown } {
  const e = expression as unknown[];
  if (!Array.isArray(e) || e[0] !== 'match') return { cases: new Map(), fallback: e };
  const cases = new Map<string, unknown>();
  for (let i = 2; i < e.length - 1; i += 2) {
    const labels = Array.isArray(e[i]) ? (e[i] as string[]) : [e[i] as string];
    for (const l of labels) cases.set(String(l), e[i + 1]);
  }
  return { cases, fallback: e[e.length - 1] };
}

const FACETS: ParcelFacetRow[] = [
  row({ status: '已完成', method: '拆除重建', completedYear: 2023, perMu: 'D', count: 5 }),
  row({ status: '已完成', method: '改造提升', completedYear: 2022, perMu: 'C', count: 3 }),
  row({ status: '整治中', method: '腾退收储', completedYear: null, perMu: 'B', count: 4 }),
  row({ status: '未启动', method: null, completedYear: null, perMu: 'A', count: 7 }),
  row({ status: null, method: '自定方式', completedYear: null, perMu: null, count: 2 }),
];

function row(r: Partial<ParcelFacetRow> & { count: number }): ParcelFacetRow {
  return { status: null, town: '西城街道', method: null, block: null, completedYear: null, perMu: null, areaM2: r.count * 1000, ...r };
}

const CTX = { statuses: DEFAULT_SETTINGS.statuses, methods: DEFAULT_SETTINGS.methods, facets: FACETS };
const ALL_VISIBLE = new Set<LayerId>(LAYER_IDS);

function legendInput(over: Partial<LegendInput> = {}): LegendInput {
  return {
    visible: ALL_VISIBLE,
    parcelStyleId: 'status',
    parcelStyle: parcelStyle('status', CTX),
    parcelFilter: {},
    facets: FACETS,
    renewalPhases: renewalPhases([]),
    transportStages: transportStages(DEFAULT_SETTINGS.stages),
    data: {},
    locale: 'zh-CN',
    ...over,
  };
}

function legendRows(input: LegendInput, layer: LayerId, part?: string): LegendRow[] {
  return buildLegend(input, LAYER_IDS).find((s) => s.layer === layer && s.part === part)?.rows ?? [];
}

/** Every value of every class paints the class's colour; an unknown value paints the fallback's. */
function expectPaintFollowsClasses(style: ClassedStyle, paint: (props: Record<string, unknown>) => unknown, out: (c: ClassedStyle['fallback']) => unknown): void {
  for (const c of style.classes) for (const v of c.values) expect(paint({ [style.property]: v }), `${style.id} ${v}`).toEqual(out(c));
  expect(paint({ [style.property]: 'no such value' })).toEqual(out(style.fallback));
  expect(paint({})).toEqual(out(style.fallback));
}

describe('parcel styles: the legend lists exactly the paint expression’s cases', () => {
  for (const id of PARCEL_STYLES) {
    it(`by ${id}`, () => {
      const style = parcelStyle(id, CTX);
      const expression = fillColor(style);
      const paint = evaluator(expression, 'paint_fill', 'fill-color');
      const { cases, fallback } = matchCases(expression);
      const input = legendInput({ parcelStyleId: id, parcelStyle: style });
      const rows = legendRows(input, 'parcels').filter((r) => !r.fallback);

      // Legend rows ↔ match cases, one to one, same colours.
      const legendByValue = new Map(rows.map((r) => [r.value, r.symbol.color]));
      const caseKeys = new Map<string, unknown>();
      for (const c of style.classes) caseKeys.set(c.key, cases.get(c.values[0] as string));
      expect(new Map([...caseKeys].map(([k, v]) => [k, v as string]))).toEqual(legendByValue);
      expect(fallback).toBe(style.fallback.color);
      expect(cases.size).toBe(style.classes.reduce((n, c) => n + c.values.length, 0));

      // And maplibre, evaluating the expression, paints each class's values in its legend colour.
      for (const r of rows) {
        const c = style.classes.find((k) => k.key === r.value);
        for (const v of c?.values ?? []) {
          const props = id === 'year' ? { completed_on: `${v}-06-30` } : { [style.property]: v };
          expect(hex(paint(props)), `${id} ${v}`).toBe(r.symbol.color);
        }
      }
    });
  }

  it('counts the parcels of each class, the unlisted ones in a fallback row, and only the filtered ones', () => {
    const rows = legendRows(legendInput(), 'parcels');
    expect(rows.map((r) => [r.value, r.count])).toEqual([
      ['未启动', 7],
      ['整治中', 4],
      ['已完成', 8],
      ['已验收', 0],
      ['', 2],
    ]);
    expect(rows.at(-1)?.fallback).toBe(true);
    const filtered = legendRows(legendInput({ parcelFilter: { status: ['已完成'] } }), 'parcels');
    expect(filtered.map((r) => r.count)).toEqual([0, 0, 8, 0]);
  });

  it('by method lists the vocabulary in order, then methods met only in the data; blank is the fallback', () => {
    const style = parcelStyle('method', CTX);
    expect(style.classes.map((c) => c.key)).toEqual([...DEFAULT_SETTINGS.methods.map((m) => m.value), '自定方式']);
    const rows = legendRows(legendInput({ parcelStyleId: 'method', parcelStyle: style }), 'parcels');
    expect(rows.find((r) => r.value === '拆除重建')?.count).toBe(5);
    expect(rows.find((r) => r.fallback)?.count).toBe(7);
    expect(new Set(style.classes.map((c) => c.color)).size).toBe(style.classes.length);
  });

  it('by year: one class per completion year in the data, oldest lightest; not completed is the fallback', () => {
    const style = parcelStyle('year', CTX);
    expect(style.classes.map((c) => c.labelZh)).toEqual(['2022 年', '2023 年']);
    const paint = evaluator(fillColor(style), 'paint_fill', 'fill-color');
    expect(hex(paint({ completed_on: '2023-11-02' }))).toBe(style.classes[1]?.color);
    expect(hex(paint({ completed_on: null }))).toBe(style.fallback.color);
    const rows = legendRows(legendInput({ parcelStyleId: 'year', parcelStyle: style }), 'parcels');
    expect(rows.map((r) => r.count)).toEqual([3, 5, 13]);
  });

  it('English labels come from the vocabulary', () => {
    const rows = legendRows(legendInput({ locale: 'en' }), 'parcels');
    expect(rows.map((r) => r.label)).toEqual(['Not started', 'In progress', 'Completed', 'Accepted', 'Other or no status']);
  });
});

describe('other layers: legend rows and paint from the same classes', () => {
  const transport: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', id: 1, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] }, properties: { mode: '高铁', stage: '前期' } },
      { type: 'Feature', id: 2, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] }, properties: { mode: '道路', stage: '建成通车' } },
      { type: 'Feature', id: 3, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] }, properties: { mode: '索道', stage: '在建' } },
    ],
  };

  it('transport by mode: grouped values share a colour; the legend lists the modes present', () => {
    const paint = evaluator(fillColor(TRANSPORT_MODES), 'paint_line', 'line-color');
    expectPaintFollowsClasses(TRANSPORT_MODES, (p) => hex(paint(p)), (c) => c.color);
    const rows = legendRows(legendInput({ data: { transport } }), 'transport', 'mode');
    expect(rows.map((r) => [r.value, r.count, r.symbol.color])).toEqual([
      ['rail', 1, '#5d4037'],
      ['road', 1, '#546e7a'],
      ['', 1, TRANSPORT_MODES.fallback.color],
    ]);
  });

  it('transport by stage: solid when open, dashed before; the legend draws the same dashes', () => {
    const stages = transportStages(DEFAULT_SETTINGS.stages);
    const paint = evaluator(lineDash(stages), 'paint_line', 'line-dasharray');
    expectPaintFollowsClasses(stages, paint, (c) => [...(c.dash ?? [1, 0])]);
    expect(paint({ stage: '建成通车' })).toEqual([1, 0]);
    expect(paint({ stage: '前期' })).not.toEqual(paint({ stage: '在建' }));
    const rows = legendRows(legendInput({ data: { transport } }), 'transport', 'stage');
    for (const r of rows) {
      const c = stages.classes.find((k) => k.key === r.value) ?? stages.fallback;
      expect(r.symbol.kind === 'line' && r.symbol.dash).toEqual(c.dash ?? undefined);
    }
    expect(rows.map((r) => r.value)).toEqual(['前期', '在建', '建成通车']);
  });

  it('platforms by level: colour and width per level', () => {
    const color = evaluator(fillColor(PLATFORM_LEVELS), 'paint_line', 'line-color');
    const width = evaluator(lineWidth(PLATFORM_LEVELS), 'paint_line', 'line-width');
    expectPaintFollowsClasses(PLATFORM_LEVELS, (p) => hex(color(p)), (c) => c.color);
    expectPaintFollowsClasses(PLATFORM_LEVELS, width, (c) => c.width);
    expect(width({ level: '国家级' })).toBeGreaterThan(width({ level: '市级' }) as number);
  });

  it('renewal zones by phase: each phase’s hatch image carries its legend colour', () => {
    const phases = renewalPhases(['在建', '前期', '自定阶段']);
    expect(phases.classes.map((c) => c.key)).toEqual(['前期', '在建', '自定阶段']);
    const pattern = evaluator(hatchPattern(phases), 'paint_fill', 'fill-pattern');
    const zones: FeatureCollection = {
      type: 'FeatureCollection',
      features: ['在建', '前期', '自定阶段', ''].map((phase, i) => ({
        type: 'Feature' as const,
        id: i + 1,
        geometry: { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
        properties: { phase },
      })),
    };
    const rows = legendRows(legendInput({ renewalPhases: phases, data: { renewal_zones: zones } }), 'renewal_zones');
    for (const r of rows) {
      expect(r.symbol.kind).toBe('hatch');
      const c = phases.classes.find((k) => k.key === r.value) ?? phases.fallback;
      const image = (pattern({ phase: c.values[0] ?? '' }) as { name?: string }).name ?? pattern({ phase: c.values[0] ?? '' });
      expect(hatchColorOf(String(image))).toBe(r.symbol.color);
    }
    expect(rows.map((r) => r.count)).toEqual([1, 1, 1, 1]);
  });

  it('hides the sections of hidden layers', () => {
    const visible = new Set<LayerId>(['parcels']);
    expect(buildLegend(legendInput({ visible }), LAYER_IDS).map((s) => s.layer)).toEqual(['parcels']);
  });
});

describe('hatch images', () => {
  it('name ↔ colour round trip, and no other image is taken for a hatch', () => {
    expect(hatchColorOf(hatchImageId('#E53935'))).toBe('#e53935');
    expect(hatchColorOf('marker-15')).toBeNull();
  });
  it('are diagonal stripes over a faint tint that tile without a seam', () => {
    const img = hatchImage('#e53935', 2);
    expect(img.width).toBe(24);
    const at = (x: number, y: number) => img.data[((y % img.height) * img.width + (x % img.width)) * 4 + 3];
    const alphas = new Set<number>();
    for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) alphas.add(at(x, y) as number);
    expect([...alphas].sort((a, b) => a - b)).toEqual([41, 255]);
    // A stripe continues across the tile edge: (x + y) is constant along it.
    for (let x = 0; x < img.width * 2; x++) expect(at(x, img.width * 2 - x)).toBe(255);
    expect(img.data[0]).toBe(0xe5);
  });
});

describe('key block labels', () => {
  const blocks: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', id: 4, geometry: { type: 'Point', coordinates: [0, 0] }, properties: { code: 'ZD01', name: '老长城区块', target_mu: 440 } },
      { type: 'Feature', id: 9, geometry: { type: 'Point', coordinates: [0, 0] }, properties: { code: 'ZD02', name: '九里山区块', target_mu: 330 } },
    ],
  };
  const tally = {
    year: 2023,
    by: 'block' as const,
    rows: [{ key: 'ZD01', label: '老长城区块', count: 3, areaM2: 82345.6, areaMu: 123.5184 }],
    total: { count: 3, areaM2: 82345.6, areaMu: 123.5184 },
  };

  it('read "name / remediated / target 亩" from the tally and the block, by feature id', () => {
    const field = blockLabelField(blockLabelTexts(blocks, tally, 'zh-CN'));
    const text = evaluator(field, 'layout_symbol', 'text-field');
    const read = (id: number, name: string) =>
      (text({ name }, id) as { sections: { text: string }[] }).sections.map((s) => s.text).join('');
    expect(read(4, '老长城区块')).toBe('老长城区块\n123.5 / 440 亩');
    expect(read(9, '九里山区块')).toBe('九里山区块\n0 / 330 亩');
    expect(read(77, '别的')).toBe('别的\n');
  });

  it('without a tally the label is the name alone', () => {
    const text = evaluator(blockLabelField(blockLabelTexts(blocks, null, 'zh-CN')), 'layout_symbol', 'text-field');
    expect((text({ name: '老长城区块' }, 4) as { sections: { text: string }[] }).sections.map((s) => s.text).join('')).toBe('老长城区块');
  });
});

describe('the built style', () => {
  it('validates against the style spec with every derived paint in it', () => {
    const style = buildStyle(DEFAULT_SETTINGS.statuses);
    const errors = validateStyleMin(style as never).map((e) => e.message);
    expect(errors).toEqual([]);
    const parcels = style.layers.find((l) => l.id === 'parcels-fill');
    for (const id of PARCEL_STYLES) {
      const withStyle = {
        ...style,
        layers: style.layers.map((l) => (l === parcels ? { ...l, paint: { ...l.paint, 'fill-color': fillColor(parcelStyle(id, CTX)) } } : l)),
      };
      expect(validateStyleMin(withStyle as never).map((e) => e.message), id).toEqual([]);
    }
  });
});
