import { createExpression, latest } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import type { LayerId } from '../../shared/api/layers.js';
import { MapPanelState } from '../../shared/api/map-panel.js';
import type { ParcelFacetRow } from '../../shared/api/parcel-facets.js';
import { Settings } from '../../shared/api/settings.js';
import { DEFAULT_SETTINGS } from '../../shared/domain/vocabulary.js';
import { filterGroups, filteredCount } from '../../renderer/src/features/layers/filter-options.js';
import { DEFAULT_PANEL_STATE, panelReducer, panelStateFrom, toggleFilterValue } from '../../renderer/src/features/layers/panel-state.js';
import { scaleOpacity } from '../../renderer/src/map/layer-style/layer-opacity.js';
import { DEFAULT_ORDER, moveLayer, normalizeOrder, planLayerMoves } from '../../renderer/src/map/layer-style/layer-order.js';

/** maplibre's Map#moveLayer on a plain list of ids. */
function simulate(order: readonly string[], moves: ReadonlyArray<[string, string | undefined]>): string[] {
  const next = [...order];
  for (const [id, before] of moves) {
    next.splice(next.indexOf(id), 1);
    next.splice(before === undefined ? next.length : next.indexOf(before), 0, id);
  }
  return next;
}

describe('drawing order', () => {
  const style = [
    'background', 'basemap-raster', 'renewal_zones-fill', 'parcels-fill', 'parcels-outline', 'renewal_zones-outline',
    'platforms-outline', 'key_blocks-outline', 'transport-line', 'projects-circle', 'renewal_zones-label', 'key_blocks-label', 'parcels-highlight',
  ];
  const groups = (order: readonly LayerId[]) => [
    ['basemap-raster'],
    ...[...order].reverse().map((l) => style.filter((id) => id.startsWith(`${l}-`) && !id.endsWith('-label') && id !== 'parcels-highlight')),
  ];

  it('stacks each layer’s geometry in the panel’s order, over the basemap, under the labels', () => {
    const order: LayerId[] = ['parcels', 'projects', 'transport', 'key_blocks', 'platforms', 'renewal_zones'];
    const result = simulate(style, planLayerMoves(style, groups(order)));
    expect(result.slice(0, 2)).toEqual(['background', 'basemap-raster']);
    expect(result.indexOf('renewal_zones-outline')).toBeLessThan(result.indexOf('platforms-outline'));
    expect(result.indexOf('projects-circle')).toBeLessThan(result.indexOf('parcels-fill'));
    // Labels and the highlight overlay keep their places on top.
    expect(result.slice(-3)).toEqual(['renewal_zones-label', 'key_blocks-label', 'parcels-highlight']);
    expect(result).toHaveLength(style.length);
    // Applied again, nothing moves.
    expect(planLayerMoves(result, groups(order).map((g) => g.filter((id) => result.includes(id))))).toEqual([]);
  });

  it('keeps the basemap lowest even when it was added on top', () => {
    const late = [...style.filter((id) => id !== 'basemap-raster'), 'basemap-raster'];
    const result = simulate(late, planLayerMoves(late, groups(DEFAULT_ORDER)));
    expect(result.indexOf('basemap-raster')).toBe(1);
  });

  it('moves one place at a time and never past the ends; a saved order is made whole', () => {
    expect(moveLayer(DEFAULT_ORDER, 'parcels', -1)).toEqual(['projects', 'transport', 'key_blocks', 'parcels', 'platforms', 'renewal_zones']);
    expect(moveLayer(DEFAULT_ORDER, 'projects', -1)).toEqual([...DEFAULT_ORDER]);
    expect(moveLayer(DEFAULT_ORDER, 'renewal_zones', 1)).toEqual([...DEFAULT_ORDER]);
    // Repeats dropped; a missing layer goes back right after its default predecessor.
    expect(normalizeOrder(['parcels', 'parcels', 'projects'])).toEqual(['parcels', 'renewal_zones', 'projects', 'transport', 'key_blocks', 'platforms']);
    expect(normalizeOrder(undefined)).toEqual([...DEFAULT_ORDER]);
  });
});

describe('opacity', () => {
  const spec = (latest as unknown as Record<string, Record<string, unknown>>)['paint_line']?.['line-opacity'];
  const evaluate = (value: unknown, zoom: number): number => {
    const parsed = createExpression(value, 'layers[0].paint.line-opacity', spec as never);
    if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
    return parsed.value.evaluate({ zoom }, { type: 1, properties: {} } as never) as number;
  };

  it('scales a constant, the default and each stop of a zoom curve (which must stay outermost)', () => {
    expect(scaleOpacity(0.82, 0.5)).toBe(0.41);
    expect(scaleOpacity(undefined, 0.3)).toBe(0.3);
    const curve = ['interpolate', ['linear'], ['zoom'], 11, 0.25, 14, 0.9];
    const half = scaleOpacity(curve, 0.5);
    expect(evaluate(half, 11)).toBeCloseTo(0.125, 6);
    expect(evaluate(half, 14)).toBeCloseTo(0.45, 6);
    expect(evaluate(half, 12.5)).toBeCloseTo(evaluate(curve, 12.5) / 2, 6);
    const step = scaleOpacity(['step', ['zoom'], 0, 10, 1], 0.5);
    expect([evaluate(step, 9), evaluate(step, 12)]).toEqual([0, 0.5]);
  });

  it('multiplies a data expression as a whole, and leaves it alone at full opacity', () => {
    const selected = ['case', ['boolean', ['feature-state', 'selected'], false], 1, 0.6];
    expect(scaleOpacity(selected, 1)).toBe(selected);
    expect(evaluate(scaleOpacity(selected, 0.5), 12)).toBeCloseTo(0.3, 6);
  });
});

describe('panel state', () => {
  it('toggles, fades, moves, restyles and filters; clearing a key drops it', () => {
    let s = panelReducer(DEFAULT_PANEL_STATE, { type: 'toggle', layer: 'transport' });
    expect(s.hidden).toEqual(['transport']);
    s = panelReducer(s, { type: 'toggle', layer: 'transport' });
    expect(s.hidden).toEqual([]);
    s = panelReducer(s, { type: 'opacity', layer: 'parcels', value: 1.4 });
    expect(s.opacity.parcels).toBe(1);
    s = panelReducer(s, { type: 'move', layer: 'parcels', step: -1 });
    expect(s.order.indexOf('parcels')).toBe(DEFAULT_ORDER.indexOf('parcels') - 1);
    s = panelReducer(s, { type: 'style', style: 'method' });
    s = panelReducer(s, { type: 'filter', key: 'status', value: '已完成' });
    s = panelReducer(s, { type: 'filter', key: 'completedYear', value: null });
    expect(s.parcelFilter).toEqual({ status: ['已完成'], completedYear: [null] });
    s = panelReducer(s, { type: 'filter', key: 'status', value: '已完成' });
    expect(s.parcelFilter).toEqual({ completedYear: [null] });
    s = panelReducer(s, { type: 'clearFilter' });
    expect(s.parcelFilter).toEqual({});
    expect(s.parcelStyle).toBe('method');
  });

  it('ORs values of a key', () => {
    expect(toggleFilterValue({ town: ['西城街道'] }, 'town', '龙山镇')).toEqual({ town: ['西城街道', '龙山镇'] });
  });

  it('survives a stale stored value field by field, and never costs the project its other settings', () => {
    const parsed = MapPanelState.parse({ hidden: ['parcels', 'nonsense'], opacity: { parcels: 0.4 }, order: 'x', parcelStyle: 'colour', parcelFilter: { status: [] } });
    expect(parsed).toEqual({ hidden: [], opacity: { parcels: 0.4 }, order: [], parcelStyle: 'status', parcelFilter: {} });
    const settings = Settings.parse({ ...DEFAULT_SETTINGS, mapPanel: 42 });
    expect(settings.statuses).toEqual(DEFAULT_SETTINGS.statuses);
    expect(settings.mapPanel).toBeUndefined();
    expect(panelStateFrom(parsed).order).toEqual([...DEFAULT_ORDER]);
  });
});

describe('filter chips', () => {
  const row = (r: Partial<ParcelFacetRow> & { count: number }): ParcelFacetRow => ({
    status: '未启动', town: '西城街道', method: null, block: null, completedYear: null, perMu: null, areaM2: 0, ...r,
  });
  const rows = [
    row({ status: '已完成', town: '西城街道', block: 'ZD01', completedYear: 2023, count: 4 }),
    row({ status: '已完成', town: '龙山镇', block: 'ZD02', completedYear: 2022, count: 2 }),
    row({ status: '整治中', town: '龙山镇', block: 'ZD02', count: 5 }),
    row({ status: '未启动', town: '某新镇', count: 1 }),
  ];
  const ctx = { settings: DEFAULT_SETTINGS, blockNames: new Map([['ZD01', '老长城区块']]), locale: 'zh-CN' as const };

  it('list vocabulary values present in order, then the data’s own, then blank; count given the other keys', () => {
    const groups = filterGroups(rows, { town: ['龙山镇'] }, ctx);
    const status = groups.find((g) => g.key === 'status')?.options ?? [];
    expect(status.map((o) => [o.value, o.count])).toEqual([
      ['未启动', 0],
      ['整治中', 5],
      ['已完成', 2],
    ]);
    const towns = groups.find((g) => g.key === 'town')?.options ?? [];
    expect(towns.map((o) => [o.value, o.count, o.selected])).toEqual([
      ['西城街道', 4, false],
      ['龙山镇', 7, true],
      ['某新镇', 1, false],
    ]);
    const blocks = groups.find((g) => g.key === 'block')?.options ?? [];
    expect(blocks.map((o) => o.label)).toEqual(['老长城区块', 'ZD02', '不在重点区块']);
    const years = groups.find((g) => g.key === 'completedYear')?.options ?? [];
    expect(years.map((o) => o.value)).toEqual([2023, 2022, null]);
    expect(filteredCount(rows, { town: ['龙山镇'], status: ['已完成', '整治中'] })).toEqual({ matched: 7, total: 12 });
  });
});
