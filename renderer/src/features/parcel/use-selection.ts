import { useCallback, useMemo, useState } from 'react';
import type { MapSelection, SelectGesture } from '../../map/map-controller.js';
import { EMPTY_SELECTION, nextSelection, withParcels, withoutParcel, type SelectionState } from './selection-state.js';

export interface SelectionModel {
  /** The feature whose card the inspector shows (the last one clicked). */
  primary: MapSelection | null;
  /** Parcels selected together with Shift+click, the primary one included; ≥ 2 means a bulk edit. */
  parcels: readonly number[];
  /** The other selected parcels, for the map's highlight. */
  multi: readonly MapSelection[];
  select(selection: MapSelection | null, gesture?: SelectGesture): void;
  /** Opens a parcel's card, as a click on it would. */
  selectParcel(fid: number): void;
  /** Drops one parcel from a multi-selection. */
  deselectParcel(fid: number): void;
  /** A box or lasso selection: these parcels (added to the selected ones when additive). */
  selectParcels(fids: readonly number[], additive: boolean): void;
  clear(): void;
}

export function useSelection(): SelectionModel {
  const [state, setState] = useState<SelectionState>(EMPTY_SELECTION);
  const select = useCallback((selection: MapSelection | null, gesture?: SelectGesture) => {
    setState((s) => nextSelection(s, selection, gesture?.additive ?? false));
  }, []);
  const selectParcel = useCallback((fid: number) => setState({ primary: { layer: 'parcels', id: fid }, parcels: [fid] }), []);
  const deselectParcel = useCallback((fid: number) => setState((s) => withoutParcel(s, fid)), []);
  const selectParcels = useCallback((fids: readonly number[], additive: boolean) => setState((s) => withParcels(s, fids, additive)), []);
  const clear = useCallback(() => setState(EMPTY_SELECTION), []);
  const multi = useMemo(
    () => (state.parcels.length > 1 ? state.parcels.map((id) => ({ layer: 'parcels' as const, id })) : []),
    [state.parcels],
  );
  return { primary: state.primary, parcels: state.parcels, multi, select, selectParcel, deselectParcel, selectParcels, clear };
}
