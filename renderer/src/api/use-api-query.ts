import { useEffect, useRef, useState } from 'react';
import type { LayerId } from '../../../shared/api/layers.js';
import { onContractEvent } from './events.js';
import type { ApiClient } from './planner-bridge.js';

/** What to ask: `key` names the request (a new key asks again), `run` makes the contract call. */
export interface ApiRequest<T> {
  key: string;
  run: () => Promise<T>;
}

export interface ApiQueryOptions {
  /** Reports a failed call (the error banner). */
  report: (err: unknown) => void;
  /** Which `dataChanged` events make the answer stale and ask again (by the layers they name); none by default. */
  refreshOn?: (layers: readonly LayerId[]) => boolean;
  /** Ask again this long after the first such event, once for the burst (a costly answer); at once by default. */
  refreshDelayMs?: number;
}

export interface ApiQuery<T> {
  /** The latest answer; kept while a newer request runs, null when there is nothing to ask. */
  data: T | null;
  loading: boolean;
}

/**
 * The answer to one contract call, kept current: asked again whenever the request's key changes or
 * a `dataChanged` event that `refreshOn` accepts arrives. An answer that comes back after a newer
 * request was made (or after unmount) is dropped, so an older answer never overwrites a newer one.
 * `request` null: nothing to ask (data null, not loading).
 */
export function useApiQuery<T>(api: ApiClient, request: ApiRequest<T> | null, { report, refreshOn, refreshDelayMs = 0 }: ApiQueryOptions): ApiQuery<T> {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(false);
  const [changed, setChanged] = useState(0);
  // The newest closures, read when a fetch starts or an event arrives (they change every render; the key says when to ask).
  const latest = useRef({ request, refreshOn, refreshDelayMs });
  useEffect(() => {
    latest.current = { request, refreshOn, refreshDelayMs };
  });

  useEffect(() => {
    let timer: number | undefined;
    const off = onContractEvent(api, 'dataChanged', ({ layers }) => {
      if (!latest.current.refreshOn?.(layers)) return;
      const delay = latest.current.refreshDelayMs;
      if (delay <= 0) {
        setChanged((n) => n + 1);
        return;
      }
      if (timer !== undefined) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        setChanged((n) => n + 1);
      }, delay);
    });
    return () => {
      window.clearTimeout(timer);
      off();
    };
  }, [api]);

  const key = request?.key ?? null;
  useEffect(() => {
    const run = latest.current.request?.run;
    if (key === null || !run) {
      setData(null);
      setLoading(false);
      return undefined;
    }
    let live = true;
    setLoading(true);
    run().then(
      (d) => {
        if (!live) return;
        setData(d);
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
  }, [api, key, changed, report]);

  return { data, loading };
}
