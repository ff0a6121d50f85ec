import { useTranslation } from 'react-i18next';
import type { FilterKey } from '../../../../shared/api/layer-filter.js';
import type { FilterGroup } from './filter-options.js';
import type { FilterValue, PanelAction } from './panel-state.js';

export interface ParcelFiltersProps {
  groups: FilterGroup[];
  /** Parcels passing the filter and all parcels; null while the counts load. */
  counts: { matched: number; total: number } | null;
  dispatch: (action: PanelAction) => void;
}

/** Chip value ↔ data attribute: blank (null) is '', a year its digits. */
const attr = (v: FilterValue): string => (v === null ? '' : String(v));

/**
 * 筛选地块: one group of chips per key (status, town, method, block, completion year); chips of one
 * key are ORed, keys ANDed. Each chip counts the parcels it would show given the other keys.
 */
export function ParcelFilters({ groups, counts, dispatch }: ParcelFiltersProps) {
  const { t, i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language);
  const active = groups.filter((g) => g.options.some((o) => o.selected)).length;
  const summary = !counts
    ? t('filters.loading')
    : active > 0
      ? t('filters.summary', { matched: format.format(counts.matched), total: format.format(counts.total) })
      : t('filters.all', { total: format.format(counts.total) });
  return (
    <section className="panel parcel-filters" data-testid="parcel-filters" data-active={active}>
      <div className="panel-head">
        <h2 className="panel-title">{t('filters.title')}</h2>
        <button type="button" className="link-button" data-testid="filter-clear" disabled={active === 0} onClick={() => dispatch({ type: 'clearFilter' })}>
          {t('filters.clear')}
        </button>
      </div>
      <p className="filter-summary" data-testid="filter-summary" data-matched={counts?.matched} data-total={counts?.total}>
        {summary}
      </p>
      {groups.map((g) => (
        <FilterGroupView key={g.key} group={g} dispatch={dispatch} format={format} />
      ))}
    </section>
  );
}

function FilterGroupView({ group, dispatch, format }: { group: FilterGroup; dispatch: (a: PanelAction) => void; format: Intl.NumberFormat }) {
  const { t } = useTranslation();
  const key: FilterKey = group.key;
  const selected = group.options.filter((o) => o.selected).length;
  if (group.options.length === 0) return null;
  return (
    <details className="filter-group" data-testid="filter-group" data-key={key} open={key === 'status' || selected > 0}>
      <summary>
        <span className="filter-group-name">{t(`filters.keys.${key}`)}</span>
        {selected > 0 && (
          <>
            <span className="filter-group-count">{selected}</span>
            <button
              type="button"
              className="link-button"
              data-testid="filter-clear-key"
              data-key={key}
              onClick={(e) => {
                e.preventDefault();
                dispatch({ type: 'clearFilter', key });
              }}
            >
              {t('filters.clearKey')}
            </button>
          </>
        )}
      </summary>
      <div className="chips" role="group" aria-label={t(`filters.keys.${key}`)}>
        {group.options.map((o) => (
          <button
            key={attr(o.value)}
            type="button"
            className={o.selected ? 'chip chip-on' : o.count === 0 ? 'chip chip-empty' : 'chip'}
            aria-pressed={o.selected}
            data-testid="filter-chip"
            data-key={key}
            data-value={attr(o.value)}
            data-count={o.count}
            title={t('filters.chipTitle', { label: o.label, count: o.count })}
            onClick={() => dispatch({ type: 'filter', key, value: o.value })}
          >
            <span className="chip-label">{o.label}</span>
            <span className="chip-count">{format.format(o.count)}</span>
          </button>
        ))}
      </div>
    </details>
  );
}
