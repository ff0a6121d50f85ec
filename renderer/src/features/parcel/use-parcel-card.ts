import type { ParcelCard } from '../../../../shared/api/edit.js';
import type { LayerId } from '../../../../shared/api/layers.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { useApiQuery } from '../../api/use-api-query.js';

export interface ParcelCardState {
  card: ParcelCard | null;
  loading: boolean;
}

/**
 * Parcels changed (every edit, undo, redo and map import names them), or figures beside the map
 * did ([]: a ledger import brings the card's transfers and factories; settings changes are cheap to follow).
 */
const cardChanged = (layers: readonly LayerId[]): boolean => layers.length === 0 || layers.includes('parcels');

/**
 * The parcel card (traceParcel by fid), fetched again whenever parcels or their ledgers change
 * (dataChanged), so the history, the fields and the transfers always show what is stored.
 */
export function useParcelCard(api: ApiClient, fid: number | null, report: (err: unknown) => void): ParcelCardState {
  const { data: card, loading } = useApiQuery(api, fid === null ? null : { key: String(fid), run: () => api.traceParcel({ fid }) }, { report, refreshOn: cardChanged });
  // A card of another parcel is never shown while the new one loads.
  return { card: card && card.fid === fid ? card : null, loading };
}
