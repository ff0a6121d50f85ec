import type { AttributeColumn, AttributeSort } from '../../../../shared/api/attribute-table.js';
import type { PropertyValue } from '../../../../shared/api/geojson.js';
import type { FilterKey, LayerFilter } from '../../../../shared/api/layer-filter.js';
import { roundTo } from '../../../../shared/domain/units.js';
import type { FilterValue } from '../layers/panel-state.js';

/** A header click: a new column sorts ascending, then descending, then not at all. */
export function nextSort(current: AttributeSort | undefined, column: string): AttributeSort | undefined {
  if (current?.column !== column) return { column, dir: 'asc' };
  return current.dir === 'asc' ? { column, dir: 'desc' } : undefined;
}

/** One key of a filter set to exactly one value, or dropped (undefined: any value). */
export function setFilterKey(filter: LayerFilter, key: FilterKey, value: FilterValue | undefined): LayerFilter {
  const next: LayerFilter = { ...filter };
  if (value === undefined) delete next[key];
  else (next as Record<FilterKey, FilterValue[]>)[key] = [value];
  return next;
}

/**
 * A cell as the table shows it: numbers with the column's decimals (areas to 0.01 m², mu to two
 * decimals) in the UI language's digits grouping, blanks empty.
 */
export function formatCell(column: AttributeColumn, value: PropertyValue | undefined, numbers: Intl.NumberFormat | null): string {
  if (value === null || value === undefined || value === '') return '';
  if (column.kind === 'number' && typeof value === 'number') {
    // Rounded as the export rounds (roundTo), so the screen and the file agree to the last digit.
    const d = column.decimals ?? 2;
    const rounded = roundTo(value, d);
    return numbers ? numbers.format(rounded) : rounded.toFixed(d);
  }
  return String(value);
}

/** Number formats per decimals for a locale (grouped thousands, fixed decimals). */
export function numberFormat(locale: string, decimals: number): Intl.NumberFormat {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A column's width (CSS px) from its kind and header: codes and names narrow, addresses wide. */
export function columnWidth(column: AttributeColumn): number {
  if (column.key === 'address' || column.key === 'owner' || column.key === 'name') return 200;
  if (column.key === 'code' || column.key === 'land_use') return 130;
  if (column.kind === 'number') return 120;
  if (column.kind === 'date') return 100;
  return Math.max(90, [...column.zh].length * 14 + 32);
}
