import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FILTER_COLUMNS, FILTER_KEYS, type FilterKey, type LayerFilter } from '../../../../shared/api/layer-filter.js';
import type { LayerId } from '../../../../shared/api/layers.js';
import type { FilterGroup } from '../layers/filter-options.js';
import type { FilterValue } from '../layers/panel-state.js';

export interface AttributeFilterBarProps {
  layer: LayerId;
  filter: LayerFilter | undefined;
  /** The layer panel's filter choices (values met in the parcels, labels, faceted counts). */
  groups: readonly FilterGroup[];
  text: string;
  onText(text: string): void;
  onFilter(key: FilterKey, value: FilterValue | undefined): void;
  onClear(): void;
}

/** <option> values: '' = any, BLANK = no value (null), SEVERAL = more than one chosen in the layer panel. */
const ANY = '';
const BLANK = '\u0000blank';
const SEVERAL = '\u0000several';
const encode = (v: FilterValue): string => (v === null ? BLANK : String(v));

/** Typing settles for this long before the core is asked. */
const TEXT_DELAY_MS = 300;

/**
 * The table's filters: a text contained in any text column, and one list per filter key the layer
 * has a column for (status, town, method, key block, completion year — the layer panel's keys and
 * values). A key set in the layer panel to several values shows "n selected".
 */
export function AttributeFilterBar({ layer, filter, groups, text, onText, onFilter, onClear }: AttributeFilterBarProps) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState(text);
  useEffect(() => setDraft(text), [text]);
  useEffect(() => {
    if (draft === text) return undefined;
    const timer = setTimeout(() => onText(draft), TEXT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, text, onText]);

  const keys = FILTER_KEYS.filter((k) => FILTER_COLUMNS[k][layer] !== undefined);
  const format = new Intl.NumberFormat(i18n.language);
  const active = keys.some((k) => filter?.[k] !== undefined) || text !== '';
  return (
    <div className="at-filters" data-testid="attribute-filters">
      <input
        type="search"
        className="at-search"
        data-testid="attribute-search"
        value={draft}
        placeholder={t('attributeTable.searchPlaceholder')}
        aria-label={t('attributeTable.search')}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && onText(draft)}
      />
      {keys.map((key) => {
        const group = groups.find((g) => g.key === key);
        const chosen = (filter?.[key] ?? []) as FilterValue[];
        const value = chosen.length === 0 ? ANY : chosen.length === 1 ? encode(chosen[0] ?? null) : SEVERAL;
        const options = group?.options ?? [];
        return (
          <label key={key} className="at-filter">
            <span className="at-filter-name">{t(`filters.keys.${key}`)}</span>
            <select
              data-testid="attribute-filter"
              data-key={key}
              value={value}
              onChange={(e) => {
                const v = e.target.value;
                if (v === SEVERAL) return;
                const picked = v === ANY ? undefined : v === BLANK ? null : key === 'completedYear' ? Number(v) : v;
                onFilter(key, picked);
              }}
            >
              <option value={ANY}>{t('attributeTable.any')}</option>
              {chosen.length > 1 && (
                <option value={SEVERAL} disabled>
                  {t('attributeTable.several', { count: chosen.length })}
                </option>
              )}
              {options.map((o) => (
                <option key={encode(o.value)} value={encode(o.value)}>
                  {layer === 'parcels' ? (i18n.language === 'en' ? `${o.label} (${format.format(o.count)})` : `${o.label}(${format.format(o.count)})`) : o.label}
                </option>
              ))}
            </select>
          </label>
        );
      })}
      <button type="button" className="link-button" data-testid="attribute-clear" disabled={!active} onClick={onClear}>
        {t('attributeTable.clearFilters')}
      </button>
      {layer === 'parcels' && (
        <span className="at-linked" title={t('attributeTable.linkedFilter')} aria-label={t('attributeTable.linkedFilter')} data-testid="attribute-linked">
          ⇆
        </span>
      )}
    </div>
  );
}
