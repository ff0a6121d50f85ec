import type { ParcelFacets } from '../../../../shared/api/parcel-facets.js';
import type { LayerId } from '../../../../shared/api/layers.js';
import { onContractEvent } from '../../api/events.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { useApiQuery } from '../../api/use-api-query.js';

const RELOAD_DELAY_MS = 300;
const PARCELS_CHANGED = (layers: readonly LayerId[]): boolean => layers.includes('parcels');
/** Asks made this close together share one answer (the layer panel and the tally ask in different renders, ~50 ms apart). */
const SHARE_MS = 1000;
interface Shared {
  at: number;
  answer: Promise<ParcelFacets> | null;
}
const shared = new WeakMap<ApiClient, Shared>();

/**
 * parcelFacets, one request for the asks made within SHARE_MS of each other and of no parcel change:
 * at 100,000 parcels the answer holds the core ~0.6 s, and the panel and the tally ask for it at
 * the same moment (on opening, after an edit). A change of the parcels forgets the shared answer,
 * so an ask after it always gets its own request.
 */
function sharedFacets(api: ApiClient): Promise<ParcelFacets> {
  let entry = shared.get(api);
  if (!entry) {
    const created: Shared = { at: 0, answer: null };
    onContractEvent(api, 'dataChanged', ({ layers }) => {
      if (PARCELS_CHANGED(layers)) created.answer = null;
    });
    shared.set(api, (entry = created));
  }
  const now = performance.now();
  if (entry.answer && now - entry.at < SHARE_MS) return entry.answer;
  const answer = api.parcelFacets({});
  entry.at = now;
  entry.answer = answer;
  // A failed answer is not shared with a later ask.
  answer.catch(() => {
    if (entry.answer === answer) entry.answer = null;
  });
  return answer;
}

/**
 * The parcels grouped by the panel's filter and styling values (parcelFacets): filter chips and
 * legend counts come from it. Reloaded when parcels change (an edit, an import: once per burst) and when `refresh` changes.
 */
export function useParcelFacets(api: ApiClient, refresh: number, report: (err: unknown) => void): ParcelFacets | null {
  return useApiQuery(api, { key: String(refresh), run: () => sharedFacets(api) }, { report, refreshOn: PARCELS_CHANGED, refreshDelayMs: RELOAD_DELAY_MS }).data;
}
