import { useEffect, useMemo, useState } from 'react';
import type { FeatureCollection } from '../../../../shared/api/geojson.js';
import type { TallyResult } from '../../../../shared/api/import.js';
import { onContractEvent } from '../../api/events.js';
import type { ApiClient } from '../../api/planner-bridge.js';

export interface Tally {
  year: number;
  years: number[];
  setYear: (year: number) => void;
  result: TallyResult | null;
  loading: boolean;
}

const FALLBACK_YEAR = 2023;

/** Years that have a completion date in the loaded parcels, newest first. */
export function completionYears(parcels: FeatureCollection | undefined): number[] {
  const years = new Set<number>();
  for (const f of parcels?.features ?? []) {
    const d = f.properties['completed_on'];
    const y = typeof d === 'string' ? Number(d.slice(0, 4)) : NaN;
    if (Number.isInteger(y) && y >= 1900 && y <= 2100) years.add(y);
  }
  return [...years].sort((a, b) => b - a);
}

/**
 * 年度整治面积 by block for one year, from the core's tally (the same numbers as the CLI). The year
 * defaults to the latest completion in the data; it refreshes on dataChanged and when `refresh` changes.
 */
export function useTally(api: ApiClient, parcels: FeatureCollection | undefined, refresh: number, report: (err: unknown) => void): Tally {
  const dataYears = useMemo(() => completionYears(parcels), [parcels]);
  const [chosen, setYear] = useState<number | null>(null);
  const year = chosen ?? dataYears[0] ?? FALLBACK_YEAR;
  const years = useMemo(() => [...new Set([...dataYears, year])].sort((a, b) => b - a), [dataYears, year]);
  const [result, setResult] = useState<TallyResult | null>(null);
  const [loading, setLoading] = useState(false);
  const [changed, setChanged] = useState(0);

  useEffect(() => onContractEvent(api, 'dataChanged', () => setChanged((n) => n + 1)), [api]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    api.tally({ year, by: 'block' }).then(
      (r) => {
        if (!live) return;
        setResult(r);
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
  }, [api, year, refresh, changed, report]);

  return { year, years, setYear, result, loading };
}
