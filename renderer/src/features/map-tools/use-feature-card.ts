import type { FeatureCard } from '../../../../shared/api/feature-card.js';
import type { LayerId } from '../../../../shared/api/layers.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { useApiQuery } from '../../api/use-api-query.js';

export interface FeatureCardState {
  card: FeatureCard | null;
  loading: boolean;
}

/** Any data change can move a card's figures (a parcel's status edit, an import of parcels or blocks). */
const EVERY_CHANGE = (): boolean => true;

/**
 * A feature's card from the core (featureCard), asked again when the data changes and when the
 * year changes. Another feature's card is never shown while the new one loads.
 */
export function useFeatureCard(api: ApiClient, layer: LayerId, fid: number, year: number | undefined, report: (err: unknown) => void): FeatureCardState {
  const { data, loading } = useApiQuery(
    api,
    { key: `${layer}/${fid}/${year ?? ''}`, run: () => api.featureCard(year === undefined ? { layer, fid } : { layer, fid, year }) },
    { report, refreshOn: EVERY_CHANGE },
  );
  return { card: data && data.layer === layer && data.fid === fid ? data : null, loading };
}
