import type { LayerId } from '../../../../shared/api/layers.js';

/** A selected feature (the map's MapSelection, restated so this stays free of the map code). */
export interface Picked {
  layer: LayerId;
  id: number;
}

export interface SelectionState {
  primary: Picked | null;
  parcels: readonly number[];
}

export const EMPTY_SELECTION: SelectionState = { primary: null, parcels: [] };

/** A plain click replaces the selection; Shift+click on a parcel adds it (or drops it again). */
export function nextSelection(state: SelectionState, selection: Picked | null, additive: boolean): SelectionState {
  if (!selection) return additive ? state : EMPTY_SELECTION;
  if (!additive || selection.layer !== 'parcels') {
    return { primary: selection, parcels: selection.layer === 'parcels' ? [selection.id] : [] };
  }
  const base = state.primary?.layer === 'parcels' || state.parcels.length > 1 ? state.parcels : [];
  if (!base.includes(selection.id)) return { primary: selection, parcels: [...base, selection.id] };
  return withoutParcel(state, selection.id);
}

export function withoutParcel(state: SelectionState, fid: number): SelectionState {
  const parcels = state.parcels.filter((id) => id !== fid);
  const last = parcels[parcels.length - 1];
  const keepPrimary = state.primary && !(state.primary.layer === 'parcels' && state.primary.id === fid);
  const primary = keepPrimary ? state.primary : last === undefined ? null : { layer: 'parcels' as const, id: last };
  return { primary, parcels };
}

/**
 * A box or lasso selection: exactly these parcels, or these added to the selected parcels when
 * `additive`. The last one becomes the primary (its card shows when it is the only one).
 */
export function withParcels(state: SelectionState, fids: readonly number[], additive: boolean): SelectionState {
  if (fids.length === 0) return additive ? state : EMPTY_SELECTION;
  const base = additive && (state.primary?.layer === 'parcels' || state.parcels.length > 1) ? state.parcels : [];
  const parcels = [...new Set([...base, ...fids])];
  const last = parcels[parcels.length - 1] as number;
  return { primary: { layer: 'parcels', id: last }, parcels };
}

/**
 * A short key naming a list of fids (its length, ends and an FNV-1a hash of the ids in order): a query
 * keyed by the selection must not build a string of 50,000 numbers on every render.
 */
export function selectionKey(fids: readonly number[]): string {
  let h = 0x811c9dc5;
  for (const fid of fids) {
    // Each fid's four bytes, low first (fids are positive 32-bit integers in a GeoPackage of this size).
    for (let k = 0; k < 4; k++) {
      h ^= (fid >>> (8 * k)) & 0xff;
      h = Math.imul(h, 0x01000193);
    }
  }
  return `${fids.length}:${fids[0] ?? ''}:${fids[fids.length - 1] ?? ''}:${(h >>> 0).toString(16)}`;
}
