import { FILTER_KEYS, type FilterKey, type LayerFilter } from '../../../../shared/api/layer-filter.js';
import type { ParcelFacetRow } from '../../../../shared/api/parcel-facets.js';
import type { Locale, Settings } from '../../../../shared/api/settings.js';
import { TOWNS } from '../../../../shared/domain/vocabulary.js';
import { facetRowMatches } from '../../map/layer-style/parcel-filter.js';
import type { FilterValue } from './panel-state.js';

export interface FilterOption {
  value: FilterValue;
  label: string;
  /** Parcels with this value among those passing the other keys' filters (faceted count). */
  count: number;
  selected: boolean;
}

export interface FilterGroup {
  key: FilterKey;
  options: FilterOption[];
}

export interface FilterOptionContext {
  settings: Pick<Settings, 'statuses' | 'methods'> | null;
  /** Key block code → name. */
  blockNames: ReadonlyMap<string, string>;
  locale: Locale;
}

/** Labels of a blank value per key (null in a LayerFilter). */
const BLANK: Record<FilterKey, { zh: string; en: string }> = {
  status: { zh: '未填状态', en: 'No status' },
  town: { zh: '未填镇街', en: 'No town' },
  method: { zh: '未填方式', en: 'No method' },
  block: { zh: '不在重点区块', en: 'Outside key blocks' },
  completedYear: { zh: '未完成', en: 'Not completed' },
};

/**
 * The values each filter offers: the vocabulary's (statuses, methods, the 14 towns) in their
 * order, then any other value met in the data, then blank — each with its faceted count. Values
 * of the vocabulary that no parcel has are left out, unless selected.
 */
export function filterGroups(rows: readonly ParcelFacetRow[], filter: LayerFilter, ctx: FilterOptionContext): FilterGroup[] {
  return FILTER_KEYS.map((key) => {
    const others: LayerFilter = { ...filter };
    delete others[key];
    const counts = new Map<FilterValue, number>();
    const present = new Set<FilterValue>();
    for (const row of rows) {
      present.add(row[key]);
      if (!facetRowMatches(row, others)) continue;
      counts.set(row[key], (counts.get(row[key]) ?? 0) + row.count);
    }
    const selected = new Set<FilterValue>((filter[key] ?? []) as FilterValue[]);
    const values = orderedValues(key, present, selected, ctx);
    const options = values.map((value) => ({
      value,
      label: optionLabel(key, value, ctx),
      count: counts.get(value) ?? 0,
      selected: selected.has(value),
    }));
    return { key, options };
  });
}

function orderedValues(key: FilterKey, present: ReadonlySet<FilterValue>, selected: ReadonlySet<FilterValue>, ctx: FilterOptionContext): FilterValue[] {
  const known: readonly FilterValue[] =
    key === 'status'
      ? (ctx.settings?.statuses.map((s) => s.value) ?? [])
      : key === 'method'
        ? (ctx.settings?.methods.map((m) => m.value) ?? [])
        : key === 'town'
          ? TOWNS
          : [];
  const wanted = (v: FilterValue): boolean => present.has(v) || selected.has(v);
  const rest = [...new Set([...present, ...selected])].filter((v) => v !== null && !known.includes(v));
  rest.sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? b - a : String(a).localeCompare(String(b), 'zh-CN')));
  const values = [...known.filter(wanted), ...rest];
  if (wanted(null)) values.push(null);
  return values;
}

function optionLabel(key: FilterKey, value: FilterValue, ctx: FilterOptionContext): string {
  const en = ctx.locale === 'en';
  if (value === null) return en ? BLANK[key].en : BLANK[key].zh;
  if (key === 'completedYear') return en ? String(value) : `${value} 年`;
  if (key === 'block') {
    const name = ctx.blockNames.get(String(value));
    return name ? `${name}` : String(value);
  }
  if (en && key === 'status') return ctx.settings?.statuses.find((s) => s.value === value)?.labelEn ?? String(value);
  if (en && key === 'method') return ctx.settings?.methods.find((m) => m.value === value)?.labelEn ?? String(value);
  return String(value);
}

/** Parcels passing the filter, and all parcels. */
export function filteredCount(rows: readonly ParcelFacetRow[], filter: LayerFilter): { matched: number; total: number } {
  let matched = 0;
  let total = 0;
  for (const row of rows) {
    total += row.count;
    if (facetRowMatches(row, filter)) matched += row.count;
  }
  return { matched, total };
}
