import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Edit, EditResult } from '../../../../shared/api/edit.js';
import type { PlannerError } from '../../../../shared/api/errors.js';
import { SELECTION_LIST_LIMIT, type SelectionRow } from '../../../../shared/api/selection.js';
import type { Settings } from '../../../../shared/api/settings.js';
import { toPlannerError } from '../../api/errors.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { formatCount, formatM2, formatMu } from '../../i18n/format.js';
import { ChoiceOptions, EditError, EditRow } from './EditFields.js';
import { selectionKey } from './selection-state.js';
import { StatusChip } from './StatusChip.js';

export interface BulkCardProps {
  fids: readonly number[];
  api: ApiClient;
  settings: Settings;
  apply: (edits: Edit[]) => Promise<EditResult>;
  onRemove: (fid: number) => void;
}

const PARCELS_CHANGED = (layers: readonly string[]): boolean => layers.includes('parcels');
/** The rows only label the list; a failed lookup leaves the fids shown as #fid. */
const IGNORE = (): void => undefined;

/**
 * Several parcels (Shift+click, a box, a lasso): one status change for all of them, written as one
 * undoable batch. The count and area of all of them come from the core (selectionSummary); only
 * the first SELECTION_LIST_LIMIT are listed, so a box over tens of thousands stays light.
 */
export function BulkCard({ fids, api, settings, apply, onRemove }: BulkCardProps) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const [status, setStatus] = useState(settings.statuses[0]?.value ?? '');
  const [date, setDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ saved: number } | { error: PlannerError } | null>(null);
  const key = useMemo(() => selectionKey(fids), [fids]);
  const answer = useApiQuery(
    api,
    { key, run: () => api.selectionSummary({ fids: [...fids], limit: SELECTION_LIST_LIMIT }).then((s) => ({ key, s })) },
    { report: IGNORE, refreshOn: PARCELS_CHANGED },
  ).data;
  // The previous selection's figures are not shown while this one's are asked for.
  const summary = answer?.key === key ? answer.s : null;
  const rows = useMemo(() => {
    const byId = new Map<number, SelectionRow>((summary?.rows ?? []).map((r) => [r.fid, r] as const));
    return fids.slice(0, SELECTION_LIST_LIMIT).map((fid) => ({ fid, row: byId.get(fid) }));
  }, [fids, summary]);
  const done = settings.statuses.some((s) => s.value === status && s.done);

  const submit = async (): Promise<void> => {
    const edits: Edit[] = fids.flatMap((fid) => [
      { table: 'parcels' as const, fid, field: 'status', value: status },
      ...(date ? [{ table: 'parcels' as const, fid, field: 'completed_on', value: date }] : []),
    ]);
    setBusy(true);
    try {
      const result = await apply(edits);
      setOutcome({ saved: result.changed.length });
    } catch (err) {
      setOutcome({ error: toPlannerError(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="card" data-testid="bulk-card" data-count={fids.length}>
      <header className="card-head">
        <div className="card-kicker">{t('inspector.parcel')}</div>
        <h2 className="card-title">{t('bulk.title', { count: fids.length })}</h2>
        {summary && (
          <div className="card-subtitle num" data-testid="bulk-total" data-count={summary.count} data-area-m2={summary.areaM2} data-area-mu={summary.areaMu}>
            {t('bulk.area', { m2: formatM2(summary.areaM2, i18n.language), mu: formatMu(summary.areaMu) })}
          </div>
        )}
      </header>
      <ul className="block-parcels bulk-list" data-testid="bulk-list">
        {rows.map(({ fid, row }) => (
          <li key={fid} className="bulk-row" data-testid="bulk-row" data-fid={fid}>
            <span className="mono block-parcel-code">{row?.code ?? `#${fid}`}</span>
            <StatusChip status={row?.status ?? null} statuses={settings.statuses} english={english} />
            <button type="button" className="icon-button" onClick={() => onRemove(fid)} title={t('bulk.remove')} aria-label={t('bulk.remove')}>
              ×
            </button>
          </li>
        ))}
      </ul>
      {fids.length > rows.length && (
        <p className="card-note bulk-capped" data-testid="bulk-capped" data-shown={rows.length}>
          {t('bulk.capped', { shown: formatCount(rows.length, i18n.language), count: formatCount(fids.length, i18n.language) })}
        </p>
      )}
      <form
        className="card-section edit-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <EditRow label={t('edit.status')}>
          <select data-testid="bulk-status" value={status} onChange={(e) => (setStatus(e.target.value), setOutcome(null))}>
            <ChoiceOptions choices={settings.statuses} english={english} />
          </select>
        </EditRow>
        <EditRow label={t('edit.completedOn')} required={done}>
          <input type="date" data-testid="bulk-completed-on" value={date} onChange={(e) => (setDate(e.target.value), setOutcome(null))} />
        </EditRow>
        {outcome && 'error' in outcome && <EditError error={outcome.error} english={english} />}
        {outcome && 'saved' in outcome && <div className="edit-ok">{t('edit.saved', { count: outcome.saved })}</div>}
        <p className="card-note">{t('bulk.hint')}</p>
        <div className="edit-actions">
          <button type="submit" className="btn btn-small btn-primary" data-testid="bulk-apply" disabled={busy}>
            {busy ? t('edit.saving') : t('bulk.apply', { count: fids.length })}
          </button>
        </div>
      </form>
    </article>
  );
}
