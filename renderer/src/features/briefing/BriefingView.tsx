import './briefing.css';
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { paperCssPx, type BriefingExtent, type BriefingPageParams, type PaperSize } from '../../../../shared/api/briefing.js';
import { localIsoDate } from '../../../../shared/domain/goals.js';
import { useApi } from '../../api/api-context.js';
import { clampIntoYear } from '../dashboard/use-dashboard.js';
import { PresentationView } from '../presentation/PresentationView.js';
import { BriefingControls } from './BriefingControls.js';
import { BriefingDocument } from './BriefingDocument.js';
import { BriefingTaskBar } from './BriefingTaskBar.js';
import { useBriefingData, type FiguresRequest } from './use-briefing-data.js';
import { useBriefingExport } from './use-briefing-export.js';

export interface BriefingViewProps {
  /** Shown; hidden it keeps its choices but loads nothing. */
  active: boolean;
  onBack: () => void;
  report: (err: unknown) => void;
}

/** Scales the sheets to the preview's width (never above 1:1). */
function usePreviewZoom(paper: PaperSize): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState(1);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const sheet = paperCssPx(paper).width;
    const fit = (): void => setZoom(Math.min(1, Math.max(0.2, (el.clientWidth - 40) / sheet)));
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, [paper]);
  return [ref, zoom];
}

/**
 * 简报: the briefing page of the chosen extent as it will print (a scaled preview), with its
 * choices — city, key block or renewal zone; year and as-of date; paper; bureau; notes — and the
 * exports: the page as PDF or PNG, the atlas of every key block as one PDF, and presentation mode.
 */
export function BriefingView({ active, onBack, report }: BriefingViewProps) {
  const api = useApi();
  const { t } = useTranslation();
  const [request, setRequest] = useState<FiguresRequest>({});
  const [extent, setExtent] = useState<BriefingExtent>({ kind: 'city' });
  const [paper, setPaper] = useState<PaperSize>('A4');
  const [notes, setNotes] = useState('');
  const [presenting, setPresenting] = useState(false);
  const { data, error } = useBriefingData(api, request, true, active, extent.kind === 'zone' ? extent.code : null);
  const task = useBriefingExport(api);
  const [previewRef, zoom] = usePreviewZoom(paper);

  useEffect(() => {
    if (error) report(error);
  }, [error, report]);

  const year = data?.dashboard.goals.year;
  const asOf = data?.dashboard.goals.asOf;
  const params = useMemo<BriefingPageParams | null>(
    () => (year !== undefined && asOf !== undefined ? { kind: 'page', extent, year, asOf, paper, notes } : null),
    [extent, year, asOf, paper, notes],
  );

  const onYear = useCallback((y: number) => setRequest({ year: y, asOf: clampIntoYear(y, localIsoDate(new Date())) }), []);
  const onAsOf = useCallback(
    (d: string) => {
      if (year !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(d)) setRequest({ year, asOf: d });
    },
    [year],
  );
  const onBureau = useCallback(
    (bureau: string) => {
      if (!data) return;
      api.updateSettings({ briefing: { ...data.settings.briefing, bureau: bureau.trim() } }).catch(report);
    },
    [api, data, report],
  );
  const onExport = useCallback(
    (kind: 'page' | 'atlas', format: 'pdf' | 'png') => {
      if (!params) return;
      task.start({ ...params, kind, format, notes });
    },
    [params, task, notes],
  );

  if (!active) return null;
  const busy = task.status === 'starting' || task.status === 'running';
  return (
    <div className="briefing-view" data-testid="briefing-view">
      {data && params ? (
        <BriefingControls
          data={data}
          choice={{ extent, year: params.year, asOf: params.asOf, paper, notes }}
          busy={busy}
          onExtent={setExtent}
          onYear={onYear}
          onAsOf={onAsOf}
          onPaper={setPaper}
          onNotes={setNotes}
          onBureau={onBureau}
          onExport={onExport}
          onPresent={() => setPresenting(true)}
          onBack={onBack}
        />
      ) : (
        <div className="briefing-controls">
          <span className="muted">{t('briefing.loading')}</span>
          <div className="briefing-actions">
            <button type="button" className="briefing-button" data-testid="briefing-back" onClick={onBack}>
              {t('briefing.controls.back')}
            </button>
          </div>
        </div>
      )}
      <BriefingTaskBar task={task} />
      <div className="briefing-preview" ref={previewRef}>
        {data && params && (
          <div style={{ zoom }}>
            <BriefingDocument params={params} data={data} />
          </div>
        )}
      </div>
      {presenting && data && <PresentationView data={data} onExit={() => setPresenting(false)} />}
    </div>
  );
}
