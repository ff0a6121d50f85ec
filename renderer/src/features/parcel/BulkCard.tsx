import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Edit, EditResult } from '../../../../shared/api/edit.js';
import type { PlannerError } from '../../../../shared/api/errors.js';
import type { FeatureCollection } from '../../../../shared/api/geojson.js';
import type { Settings } from '../../../../shared/api/settings.js';
import { m2ToMu } from '../../../../shared/domain/units.js';
import { toPlannerError } from '../../api/errors.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { formatMu } from '../../i18n/format.js';
import { text } from './card-format.js';
import { StatusChip } from './StatusChip.js';

export interface BulkCardProps {
  fids: readonly number[];
  /** The parcels when the page holds them; otherwise (tiles) their rows come from the core through `api`. */
  parcels: FeatureCollection | undefined;
  api: ApiClient;
  settings: Settings;
  apply: (edits: Edit[]) => Promise<EditResult>;
  onRemove: (fid: number) => void;
}

/** Several parcels (Shift+click): one status change for all of them, written as one undoable batch. */
const PARCELS_CHANGED = (layers: readonly string[]): boolean => layers.includes('parcels');
/** The rows only label the list; a failed lookup leaves the fids shown as #fid. */
const IGNORE = (): void => undefined;

export function BulkCard({ fids, parcels, api, settings, apply, onRemove }: BulkCardProps) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const [status, setStatus] = useState(settings.statuses[0]?.value ?? '');
  const [date, setDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ saved: number } | { error: PlannerError } | null>(null);
  const fetched = useApiQuery(
    api,
    parcels ? null : { key: fids.join(','), run: () => api.parcelRows({ fids: [...fids], limit: fids.length }) },
    { report: IGNORE, refreshOn: PARCELS_CHANGED },
  ).data;
  const rows = useMemo(() => {
    const byId = new Map<number, { properties: Record<string, unknown> }>((parcels?.features ?? []).map((f) => [f.id, f] as const));
    for (const r of fetched?.rows ?? []) byId.set(r.fid, { properties: { code: r.code, status: r.status, area_m2: r.areaM2 } });
    return fids.map((fid) => ({ fid, feature: byId.get(fid) }));
  }, [fids, parcels, fetched]);
  const totalM2 = rows.reduce((s, r) => s + (typeof r.feature?.properties['area_m2'] === 'number' ? r.feature.properties['area_m2'] : 0), 0);
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
        <div className="card-subtitle">{t('bulk.area', { mu: formatMu(m2ToMu(totalM2)) })}</div>
      </header>
      <ul className="block-parcels bulk-list">
        {rows.map(({ fid, feature }) => (
          <li key={fid} className="bulk-row">
            <span className="mono block-parcel-code">{text(feature?.properties['code']) ?? `#${fid}`}</span>
            <StatusChip status={text(feature?.properties['status'])} statuses={settings.statuses} english={english} />
            <button type="button" className="icon-button" onClick={() => onRemove(fid)} title={t('bulk.remove')} aria-label={t('bulk.remove')}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="card-section edit-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="edit-row">
          <span className="edit-label">{t('edit.status')}</span>
          <select data-testid="bulk-status" value={status} onChange={(e) => (setStatus(e.target.value), setOutcome(null))}>
            {settings.statuses.map((s) => (
              <option key={s.value} value={s.value}>
                {english ? s.labelEn : s.value}
              </option>
            ))}
          </select>
        </label>
        <label className="edit-row">
          <span className={done ? 'edit-label edit-required' : 'edit-label'}>{t('edit.completedOn')}</span>
          <input type="date" data-testid="bulk-completed-on" value={date} onChange={(e) => (setDate(e.target.value), setOutcome(null))} />
        </label>
        {outcome && 'error' in outcome && (
          <div className="edit-error" role="alert" data-testid="edit-error" data-code={outcome.error.code}>
            <b>{t('edit.failed')}:</b>
            {english ? outcome.error.message : outcome.error.messageZh}
          </div>
        )}
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
