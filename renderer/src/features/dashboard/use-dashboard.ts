import { useCallback, useEffect, useRef, useState } from 'react';
import type { Dashboard, ExportFormat } from '../../../../shared/api/dashboard.js';
import type { GoalColorScheme } from '../../../../shared/domain/goal-colors.js';
import { localIsoDate } from '../../../../shared/domain/goals.js';
import { onContractEvent } from '../../api/events.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { downloadBase64 } from './download.js';

export interface DashboardHandle {
  data: Dashboard | null;
  loading: boolean;
  exporting: ExportFormat | null;
  setYear(year: number): void;
  setAsOf(asOf: string): void;
  setScheme(scheme: GoalColorScheme): void;
  exportFile(format: ExportFormat): void;
}

/** Today clamped into the year (1 January before it, 31 December after it). */
export function clampIntoYear(year: number, today: string): string {
  const y = String(year).padStart(4, '0');
  return today < `${y}-01-01` ? `${y}-01-01` : today > `${y}-12-31` ? `${y}-12-31` : today;
}

type Request = { year: number; asOf: string } | null;

/**
 * The dashboard's data from the core (one `dashboard` call: goals, trend, blocks, transfers). It
 * loads only while the dashboard is shown and refetches on every dataChanged — one indexed query
 * set in the core, so an edit elsewhere shows within the 200 ms budget.
 */
export function useDashboard(api: ApiClient, active: boolean, report: (err: unknown) => void): DashboardHandle {
  // null = let the core choose (the latest year with data, today clamped into it).
  const [request, setRequest] = useState<Request>(null);
  const [data, setData] = useState<Dashboard | null>(null);
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState<ExportFormat | null>(null);
  const wanted = useRef({ request, active });
  const generation = useRef(0);

  /** Fetches the report for the wanted year and date; a newer fetch wins over one that answers late. */
  const load = useCallback(() => {
    const gen = ++generation.current;
    setLoading(true);
    api.dashboard(wanted.current.request ?? {}).then(
      (d) => {
        if (gen !== generation.current) return;
        setData(d);
        setLoading(false);
      },
      (err: unknown) => {
        if (gen !== generation.current) return;
        setLoading(false);
        report(err);
      },
    );
  }, [api, report]);

  useEffect(() => {
    wanted.current = { request, active };
    if (active) load();
  }, [active, request, load]);

  // Straight from the event, not through a render: the request leaves at once (the 200 ms budget).
  useEffect(() => onContractEvent(api, 'dataChanged', () => wanted.current.active && load()), [api, load]);

  const year = data?.goals.year;
  const setYear = useCallback((y: number) => setRequest({ year: y, asOf: clampIntoYear(y, localIsoDate(new Date())) }), []);
  const setAsOf = useCallback(
    (asOf: string) => {
      if (year !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(asOf)) setRequest({ year, asOf });
    },
    [year],
  );
  const setScheme = useCallback(
    (scheme: GoalColorScheme) => {
      // The core announces dataChanged, which refetches the report with the new colours.
      api.updateSettings({ goalColors: scheme }).catch(report);
    },
    [api, report],
  );
  const asOf = data?.goals.asOf;
  const exportFile = useCallback(
    (format: ExportFormat) => {
      if (year === undefined || asOf === undefined) return;
      setExporting(format);
      api
        .exportDashboard({ year, asOf, format })
        .then((file) => downloadBase64(file.fileName, file.mime, file.base64))
        .catch(report)
        .finally(() => setExporting(null));
    },
    [api, year, asOf, report],
  );
  return { data, loading, exporting, setYear, setAsOf, setScheme, exportFile };
}
