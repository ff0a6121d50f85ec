import { useMemo, useState } from 'react';
import type { ParcelFacets } from '../../../../shared/api/parcel-facets.js';
import type { TallyResult } from '../../../../shared/api/import.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { useParcelFacets } from '../layers/use-parcel-facets.js';

export interface Tally {
  year: number;
  years: number[];
  setYear: (year: number) => void;
  result: TallyResult | null;
  loading: boolean;
}

const FALLBACK_YEAR = 2023;
const EVERY_CHANGE = (): boolean => true;

/** Years that have a completion date among the parcels (the core's facets: the renderer holds no parcels), newest first. */
export function completionYears(facets: ParcelFacets | null): number[] {
  const years = new Set<number>();
  for (const r of facets?.rows ?? []) {
    const y = r.completedYear;
    if (y !== null && y >= 1900 && y <= 2100) years.add(y);
  }
  return [...years].sort((a, b) => b - a);
}

/**
 * 年度整治面积 by block for one year, from the core's tally (the same numbers as the CLI). The year
 * defaults to the latest completion in the data; it refreshes on dataChanged and when `refresh` changes.
 */
export function useTally(api: ApiClient, refresh: number, report: (err: unknown) => void): Tally {
  const facets = useParcelFacets(api, refresh, report);
  const dataYears = useMemo(() => completionYears(facets), [facets]);
  const [chosen, setYear] = useState<number | null>(null);
  const year = chosen ?? dataYears[0] ?? FALLBACK_YEAR;
  const years = useMemo(() => [...new Set([...dataYears, year])].sort((a, b) => b - a), [dataYears, year]);
  const { data: result, loading } = useApiQuery<TallyResult>(api, { key: `${year}:${refresh}`, run: () => api.tally({ year, by: 'block' }) }, { report, refreshOn: EVERY_CHANGE });
  return { year, years, setYear, result, loading };
}
