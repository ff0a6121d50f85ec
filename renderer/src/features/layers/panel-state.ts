import { FILTER_KEYS, type FilterKey, type LayerFilter } from '../../../../shared/api/layer-filter.js';
import type { LayerId } from '../../../../shared/api/layers.js';
import type { MapPanelState, PanelLayerId, ParcelStyleId } from '../../../../shared/api/map-panel.js';
import { DEFAULT_ORDER, moveLayer, normalizeOrder } from '../../map/layer-style/layer-order.js';

/** Every layer shown at full opacity in the default order, parcels by status, nothing filtered. */
export const DEFAULT_PANEL_STATE: MapPanelState = {
  hidden: [],
  opacity: {},
  order: [...DEFAULT_ORDER],
  parcelStyle: 'status',
  parcelFilter: {},
};

/** A saved state made whole (missing layers back in the order). */
export function panelStateFrom(saved: MapPanelState | undefined): MapPanelState {
  if (!saved) return DEFAULT_PANEL_STATE;
  return { ...DEFAULT_PANEL_STATE, ...saved, order: normalizeOrder(saved.order) };
}

export type FilterValue = string | number | null;

export type PanelAction =
  | { type: 'load'; state: MapPanelState }
  | { type: 'toggle'; layer: PanelLayerId }
  | { type: 'opacity'; layer: PanelLayerId; value: number }
  | { type: 'move'; layer: LayerId; step: -1 | 1 }
  | { type: 'style'; style: ParcelStyleId }
  | { type: 'filter'; key: FilterKey; value: FilterValue }
  | { type: 'clearFilter'; key?: FilterKey };

export function panelReducer(state: MapPanelState, action: PanelAction): MapPanelState {
  switch (action.type) {
    case 'load':
      return panelStateFrom(action.state);
    case 'toggle': {
      const hidden = state.hidden.includes(action.layer) ? state.hidden.filter((l) => l !== action.layer) : [...state.hidden, action.layer];
      return { ...state, hidden };
    }
    case 'opacity':
      return { ...state, opacity: { ...state.opacity, [action.layer]: Math.min(1, Math.max(0, action.value)) } };
    case 'move':
      return { ...state, order: moveLayer(normalizeOrder(state.order), action.layer, action.step) };
    case 'style':
      return { ...state, parcelStyle: action.style };
    case 'filter':
      return { ...state, parcelFilter: toggleFilterValue(state.parcelFilter, action.key, action.value) };
    case 'clearFilter':
      return { ...state, parcelFilter: action.key ? withoutKey(state.parcelFilter, action.key) : {} };
  }
}

/** Adds or removes one value of a key; a key left with no value is dropped (no filter on it). */
export function toggleFilterValue(filter: LayerFilter, key: FilterKey, value: FilterValue): LayerFilter {
  const current = (filter[key] ?? []) as FilterValue[];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  if (next.length === 0) return withoutKey(filter, key);
  return { ...filter, [key]: next } as LayerFilter;
}

function withoutKey(filter: LayerFilter, key: FilterKey): LayerFilter {
  const next: LayerFilter = { ...filter };
  delete next[key];
  return next;
}

/** How many keys are filtered. */
export function activeFilterKeys(filter: LayerFilter): FilterKey[] {
  return FILTER_KEYS.filter((k) => filter[k] !== undefined);
}
