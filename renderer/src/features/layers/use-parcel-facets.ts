import type { ParcelFacets } from '../../../../shared/api/parcel-facets.js';
import type { LayerId } from '../../../../shared/api/layers.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { useApiQuery } from '../../api/use-api-query.js';

const RELOAD_DELAY_MS = 300;
const PARCELS_CHANGED = (layers: readonly LayerId[]): boolean => layers.includes('parcels');
/** Asks made this close together share one answer (the layer panel and the tally both want the facets at once). */
const SHARE_MS = 50;
const recent = new WeakMap<ApiClient, { at: number; answer: Promise<ParcelFacets> }>();

/**
 * parcelFacets, one request for the asks made within SHARE_MS of each other: at 100,000 parcels the
 * answer takes the core a while, and the panel and the tally ask for it in the same moment (on
 * opening, after an edit). A later ask (after a change) always gets its own request.
 */
function sharedFacets(api: ApiClient): Promise<ParcelFacets> {
  const now = performance.now();
  const last = recent.get(api);
  if (last && now - last.at < SHARE_MS) return last.answer;
  const answer = api.parcelFacets({});
  recent.set(api, { at: now, answer });
  return answer;
}

/**
 * The parcels grouped by the panel's filter and styling values (parcelFacets): filter chips and
 * legend counts come from it. Reloaded when parcels change (an edit, an import: once per burst) and when `refresh` changes.
 */
export function useParcelFacets(api: ApiClient, refresh: number, report: (err: unknown) => void): ParcelFacets | null {
  return useApiQuery(api, { key: String(refresh), run: () => sharedFacets(api) }, { report, refreshOn: PARCELS_CHANGED, refreshDelayMs: RELOAD_DELAY_MS }).data;
}
