import { useEffect, useState } from 'react';
import type { ParcelCard } from '../../../../shared/api/edit.js';
import { onContractEvent } from '../../api/events.js';
import type { ApiClient } from '../../api/planner-bridge.js';

export interface ParcelCardState {
  card: ParcelCard | null;
  loading: boolean;
}

/**
 * The parcel card (traceParcel by fid), fetched again whenever parcels change (dataChanged follows
 * every edit, undo, redo and import) so the history and the fields always show what is stored.
 */
export function useParcelCard(api: ApiClient, fid: number | null, report: (err: unknown) => void): ParcelCardState {
  const [card, setCard] = useState<ParcelCard | null>(null);
  const [loading, setLoading] = useState(false);
  const [changed, setChanged] = useState(0);

  useEffect(
    () => onContractEvent(api, 'dataChanged', ({ layers }) => layers.includes('parcels') && setChanged((n) => n + 1)),
    [api],
  );

  useEffect(() => {
    if (fid === null) {
      setCard(null);
      return undefined;
    }
    let live = true;
    setLoading(true);
    api.traceParcel({ fid }).then(
      (c) => {
        if (!live) return;
        setCard(c);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setLoading(false);
        report(err);
      },
    );
    return () => {
      live = false;
    };
  }, [api, fid, changed, report]);

  // A card of another parcel is never shown while the new one loads.
  return { card: card && card.fid === fid ? card : null, loading };
}
