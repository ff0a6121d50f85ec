import { useEffect, useState } from 'react';
import type { SearchHit } from '../../../../shared/api/edit.js';
import type { ApiClient } from '../../api/planner-bridge.js';

export const SEARCH_DEBOUNCE_MS = 150;
const LIMIT = 20;

export interface ParcelSearch {
  hits: SearchHit[];
  /** A request for the current text is pending. */
  searching: boolean;
  /** The text the hits answer. */
  answered: string;
}

/** searchParcels for the typed text, 150 ms after the last keystroke; older answers never overwrite newer. */
export function useParcelSearch(api: ApiClient, query: string, report: (err: unknown) => void): ParcelSearch {
  const [state, setState] = useState<ParcelSearch>({ hits: [], searching: false, answered: '' });
  const q = query.trim();
  useEffect(() => {
    if (q === '') {
      setState({ hits: [], searching: false, answered: '' });
      return undefined;
    }
    let live = true;
    setState((s) => ({ ...s, searching: true }));
    const timer = window.setTimeout(() => {
      api.searchParcels({ q, limit: LIMIT }).then(
        (hits) => live && setState({ hits, searching: false, answered: q }),
        (err: unknown) => {
          if (!live) return;
          setState((s) => ({ ...s, searching: false }));
          report(err);
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [api, q, report]);
  return state;
}
