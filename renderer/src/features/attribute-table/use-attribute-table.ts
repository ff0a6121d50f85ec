import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AttributeSort } from '../../../../shared/api/attribute-table.js';
import type { FilterKey, LayerFilter } from '../../../../shared/api/layer-filter.js';
import type { LayerId } from '../../../../shared/api/layers.js';
import type { FilterValue, PanelAction } from '../layers/panel-state.js';
import { clampDrawerHeight, loadDrawerLayout, saveDrawerLayout, type DrawerLayout } from './drawer-layout.js';
import { nextSort, setFilterKey } from './table-query.js';
import type { AttributeQuery } from './use-attribute-pages.js';

const storage = (): Storage | null => (typeof window === 'undefined' ? null : window.localStorage);

export interface AttributeTableModel {
  layout: DrawerLayout;
  toggle(): void;
  show(): void;
  close(): void;
  /** Sets the drawer's height (CSS px, kept between the map's minimum and the drawer's). */
  resize(height: number): void;
  query: AttributeQuery;
  setLayer(layer: LayerId): void;
  /** Header click: ascending → descending → no sort. */
  sortBy(column: string): void;
  setText(text: string): void;
  /** One filter key to one value (undefined: any value). */
  setFilter(key: FilterKey, value: FilterValue | undefined): void;
  clearFilters(): void;
}

export interface AttributeTableInput {
  /** The layer panel's parcel filter: the parcels table shows what the map shows. */
  parcelFilter: LayerFilter;
  dispatch: (action: PanelAction) => void;
}

/**
 * The attribute table's state in the app shell: the drawer (open, height: remembered on this
 * computer) and the query (layer, sort, text, filter) — kept while the drawer is closed. The
 * parcels' filter is the layer panel's own (one filter for the map, the legend counts and the
 * table); the other layers keep a filter of their own here.
 */
export function useAttributeTable({ parcelFilter, dispatch }: AttributeTableInput): AttributeTableModel {
  const [layout, setLayout] = useState<DrawerLayout>(() => {
    const saved = loadDrawerLayout(storage());
    return { ...saved, height: clampDrawerHeight(saved.height, window.innerHeight) };
  });
  const [layer, setLayerState] = useState<LayerId>('parcels');
  const [sorts, setSorts] = useState<Partial<Record<LayerId, AttributeSort>>>({});
  const [text, setTextState] = useState('');
  const [localFilters, setLocalFilters] = useState<Partial<Record<LayerId, LayerFilter>>>({});

  useEffect(() => {
    const onResize = (): void => setLayout((l) => ({ ...l, height: clampDrawerHeight(l.height, window.innerHeight) }));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  // Saved as it changes (a drag writes a few small values per frame: cheap, and nothing is lost on a crash).
  useEffect(() => saveDrawerLayout(storage(), layout), [layout]);

  const toggle = useCallback(() => setLayout((l) => ({ ...l, open: !l.open })), []);
  const show = useCallback(() => setLayout((l) => ({ ...l, open: true })), []);
  const close = useCallback(() => setLayout((l) => ({ ...l, open: false })), []);
  const resize = useCallback((height: number) => setLayout((l) => ({ ...l, height: clampDrawerHeight(height, window.innerHeight) })), []);

  const filter = layer === 'parcels' ? parcelFilter : localFilters[layer];
  const sort = sorts[layer];
  const query = useMemo<AttributeQuery>(() => ({ layer, filter, text, sort }), [layer, filter, text, sort]);

  const sortBy = useCallback((column: string) => setSorts((s) => ({ ...s, [layer]: nextSort(s[layer], column) })), [layer]);
  const setFilter = useCallback(
    (key: FilterKey, value: FilterValue | undefined) => {
      if (layer === 'parcels') {
        dispatch({ type: 'clearFilter', key });
        if (value !== undefined) dispatch({ type: 'filter', key, value });
      } else {
        setLocalFilters((f) => ({ ...f, [layer]: setFilterKey(f[layer] ?? {}, key, value) }));
      }
    },
    [layer, dispatch],
  );
  const clearFilters = useCallback(() => {
    if (layer === 'parcels') dispatch({ type: 'clearFilter' });
    else setLocalFilters((f) => ({ ...f, [layer]: {} }));
    setTextState('');
  }, [layer, dispatch]);

  return { layout, toggle, show, close, resize, query, setLayer: setLayerState, sortBy, setText: setTextState, setFilter, clearFilters };
}
