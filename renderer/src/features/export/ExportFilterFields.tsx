import { useTranslation } from 'react-i18next';
import type { FilterKey, LayerFilter } from '../../../../shared/api/layer-filter.js';
import type { FilterOptions } from './use-export-layer.js';

export interface ExportFilterFieldsProps {
  keys: readonly FilterKey[];
  options: FilterOptions;
  filter: LayerFilter;
  count: number | null;
  onChange: (key: FilterKey, value: string | number | null | undefined) => void;
}

/** Value ↔ <option value>: '' = any (key not set), BLANK = blank (null; filter values are never ''), else the value. */
const BLANK = '__blank__';
const ANY = '';
/** Several values (from the layer panel's filter): kept as they are until another choice is made. */
const MULTI = '__multi__';

/** One select per filter key (status, town, method, block, completion year): 全部, a value, or (未填). */
export function ExportFilterFields({ keys, options, filter, count, onChange }: ExportFilterFieldsProps) {
  const { t } = useTranslation();
  return (
    <div className="export-filter" data-testid="export-filter">
      {keys.map((key) => {
        const list = (filter[key] ?? []) as readonly (string | number | null)[];
        const current = list[0];
        const value = list.length > 1 ? MULTI : current === undefined ? ANY : current === null ? BLANK : String(current);
        const values = options[key] ?? [];
        const show = (v: string | number | null) => (v === null ? t('exporter.empty') : String(v));
        return (
          <label key={key} className="export-filter-field">
            <span>{t(`exporter.filterKeys.${key}`)}</span>
            <select
              data-testid={`export-filter-${key}`}
              value={value}
              onChange={(e) => {
                const v = e.target.value;
                if (v !== MULTI) onChange(key, v === ANY ? undefined : v === BLANK ? null : key === 'completedYear' ? Number(v) : v);
              }}
            >
              <option value={ANY}>{t('exporter.any')}</option>
              {list.length > 1 && <option value={MULTI}>{list.map(show).join(' / ')}</option>}
              {values.map((v) => (
                <option key={v === null ? BLANK : String(v)} value={v === null ? BLANK : String(v)}>
                  {show(v)}
                </option>
              ))}
            </select>
          </label>
        );
      })}
      {count !== null && (
        <span className={count === 0 ? 'export-filter-count none' : 'export-filter-count'} data-testid="export-filter-count">
          {count === 0 ? t('exporter.nothing') : t('exporter.filterCount', { count })}
        </span>
      )}
    </div>
  );
}
