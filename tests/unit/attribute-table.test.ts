import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_COLUMNS, AttributeRowsInput } from '../../shared/api/attribute-table.js';
import { clampDrawerHeight, DEFAULT_DRAWER_LAYOUT, DRAWER_STORAGE_KEY, loadDrawerLayout, MIN_DRAWER_HEIGHT, parseDrawerLayout, saveDrawerLayout } from '../../renderer/src/features/attribute-table/drawer-layout.js';
import { formatCell, nextSort, numberFormat, setFilterKey } from '../../renderer/src/features/attribute-table/table-query.js';
import { pagesOf, scrollTopFor, visibleRange } from '../../renderer/src/features/attribute-table/windowing.js';

describe('windowing', () => {
  it('renders only the rows in view plus the overscan, within the table', () => {
    expect(visibleRange(0, 260, 26, 100_000, 8)).toEqual({ first: 0, end: 18 });
    // Scrolled to row 50,000 of 100,000: 10 rows in view + 8 each side.
    expect(visibleRange(50_000 * 26, 260, 26, 100_000, 8)).toEqual({ first: 49_992, end: 50_018 });
    // At the very end (and past it: the rows just shrank) the last rows show.
    expect(visibleRange(99_990 * 26, 260, 26, 100_000, 8)).toEqual({ first: 99_982, end: 100_000 });
    expect(visibleRange(200_000 * 26, 260, 26, 100_000, 8)).toEqual({ first: 99_982, end: 100_000 });
    expect(visibleRange(0, 260, 26, 0)).toEqual({ first: 0, end: 0 });
    expect(visibleRange(5000, 260, 26, 3)).toEqual({ first: 0, end: 3 });
  });

  it('asks for the pages holding the rendered rows', () => {
    expect(pagesOf({ first: 0, end: 18 }, 100)).toEqual([0]);
    expect(pagesOf({ first: 95, end: 230 }, 100)).toEqual([0, 1, 2]);
    expect(pagesOf({ first: 200, end: 200 }, 100)).toEqual([]);
  });

  it('leaves a row in view where it is and centres one out of view', () => {
    expect(scrollTopFor(5, 0, 260, 26, 1000)).toBe(0);
    expect(scrollTopFor(500, 0, 260, 26, 1000)).toBe(500 * 26 - (260 - 26) / 2);
    // the last rows: no further than the end
    expect(scrollTopFor(999, 0, 260, 26, 1000)).toBe(1000 * 26 - 260);
    expect(scrollTopFor(0, 5000, 260, 26, 1000)).toBe(0);
  });
});

describe('drawer layout (remembered height)', () => {
  it('keeps the height between the minimum and what leaves the map room', () => {
    expect(clampDrawerHeight(20, 900)).toBe(MIN_DRAWER_HEIGHT);
    expect(clampDrawerHeight(5000, 900)).toBe(900 - 44 - 26 - 160);
    expect(clampDrawerHeight(333.4, 900)).toBe(333);
    expect(clampDrawerHeight(Number.NaN, 900)).toBe(DEFAULT_DRAWER_LAYOUT.height);
  });

  it('reads back what it saved, and falls back part by part on anything else', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    saveDrawerLayout(storage, { open: true, height: 410 });
    expect(store.has(DRAWER_STORAGE_KEY)).toBe(true);
    expect(loadDrawerLayout(storage)).toEqual({ open: true, height: 410 });
    expect(parseDrawerLayout('{"open":"yes","height":300}')).toEqual({ open: false, height: 300 });
    expect(parseDrawerLayout('not json')).toEqual(DEFAULT_DRAWER_LAYOUT);
    expect(loadDrawerLayout(null)).toEqual(DEFAULT_DRAWER_LAYOUT);
    const broken = { getItem: (): string => { throw new Error('denied'); } };
    expect(loadDrawerLayout(broken)).toEqual(DEFAULT_DRAWER_LAYOUT);
  });
});

describe('table query', () => {
  it('cycles a header: ascending, descending, none; another column starts ascending', () => {
    const asc = nextSort(undefined, 'area_m2');
    expect(asc).toEqual({ column: 'area_m2', dir: 'asc' });
    const desc = nextSort(asc, 'area_m2');
    expect(desc).toEqual({ column: 'area_m2', dir: 'desc' });
    expect(nextSort(desc, 'area_m2')).toBeUndefined();
    expect(nextSort(desc, 'code')).toEqual({ column: 'code', dir: 'asc' });
  });

  it('sets one filter key to one value or drops it', () => {
    expect(setFilterKey({ status: ['已完成', '整治中'], town: ['东城街道'] }, 'status', '未启动')).toEqual({ status: ['未启动'], town: ['东城街道'] });
    expect(setFilterKey({ status: ['已完成'] }, 'status', undefined)).toEqual({});
    expect(setFilterKey({}, 'block', null)).toEqual({ block: [null] });
  });

  it('shows areas to 0.01 m² and mu to two decimals, rounded as the export rounds', () => {
    const [m2, mu] = [ATTRIBUTE_COLUMNS.parcels.find((c) => c.key === 'area_m2'), ATTRIBUTE_COLUMNS.parcels.find((c) => c.key === 'mu')];
    if (!m2 || !mu) throw new Error('columns');
    expect(formatCell(m2, 12345.675, null)).toBe('12345.68');
    expect(formatCell(m2, 12345.675, numberFormat('zh-CN', 2))).toBe('12,345.68');
    expect(formatCell(mu, (6666.67 * 15) / 10000, null)).toBe('10.00');
    expect(formatCell(m2, null, null)).toBe('');
  });

  it('accepts only the layer’s own columns as the sort', () => {
    expect(AttributeRowsInput.safeParse({ layer: 'parcels', sort: { column: 'mu', dir: 'desc' } }).success).toBe(true);
    const bad = AttributeRowsInput.safeParse({ layer: 'platforms', sort: { column: 'owner', dir: 'asc' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['sort', 'column']);
    expect(AttributeRowsInput.safeParse({ layer: 'parcels', limit: 5000 }).success).toBe(false);
  });
});
