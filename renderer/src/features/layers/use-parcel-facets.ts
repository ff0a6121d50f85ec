import { useEffect, useState } from 'react';
import type { ParcelFacets } from '../../../../shared/api/parcel-facets.js';
import { onContractEvent } from '../../api/events.js';
import type { ApiClient } from '../../api/planner-bridge.js';

const RELOAD_DELAY_MS = 300;

/**
 * The parcels grouped by the panel's filter and styling values (parcelFacets): filter chips and
 * legend counts come from it. Reloaded when parcels change (an edit, an import) and when `refresh` changes.
 */
export function useParcelFacets(api: ApiClient, refresh: number, report: (err: unknown) => void): ParcelFacets | null {
  const [facets, setFacets] = useState<ParcelFacets | null>(null);
  const [changed, setChanged] = useState(0);

  useEffect(() => {
    let timer: number | undefined;
    const off = onContractEvent(api, 'dataChanged', ({ layers }) => {
      if (!layers.includes('parcels') || timer !== undefined) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        setChanged((n) => n + 1);
      }, RELOAD_DELAY_MS);
    });
    return () => {
      window.clearTimeout(timer);
      off();
    };
  }, [api]);

  useEffect(() => {
    let live = true;
    api.parcelFacets({}).then(
      (f) => live && setFacets(f),
      (err: unknown) => live && report(err),
    );
    return () => {
      live = false;
    };
  }, [api, refresh, changed, report]);

  return facets;
}
