import { useTranslation } from 'react-i18next';
import type { GeometryEditResult } from '../../../../shared/api/edit-geometry.js';
import type { Settings } from '../../../../shared/api/settings.js';
import { AreaFigure } from './AreaFigure.js';
import { PieceList } from './PieceList.js';
import type { GeometryEditingModel } from './use-geometry-editing.js';

/** The active tool's panel: hint, live figures, the new parcel's form, the preview of pieces, 保存 / 取消, errors. */
export function EditGeometryPanel({ editing, settings }: { editing: GeometryEditingModel; settings: Settings | null }) {
  const { t, i18n } = useTranslation();
  const { mode, error, saved } = editing;
  if (mode === null) return saved ? <SavedNotice result={saved} /> : null;
  const english = i18n.language === 'en';
  const showActions =
    (mode === 'draw' && editing.draft !== null) || (mode === 'vertices' && editing.draft !== null) || ((mode === 'split' || mode === 'merge') && editing.preview !== null);
  return (
    <section className="edit-geometry-panel" data-testid="edit-geometry-panel" data-mode={mode} data-busy={editing.busy}>
      <header className="edit-geometry-title">
        {t(`editGeometry.${mode}`)}
        <button type="button" className="icon-button" onClick={() => editing.toggle(mode)} title={t('editGeometry.close')} aria-label={t('editGeometry.close')}>
          ×
        </button>
      </header>
      <p className="edit-geometry-hint">{t(`editGeometry.hints.${mode}`)}</p>
      {mode === 'draw' && editing.draft && (
        <>
          <AreaFigure label={t('editGeometry.area')} areaM2={editing.draft.areaM2} testId="edit-draft-area" />
          <div className="edit-geometry-form">
            <label>
              {t('editGeometry.code')}
              <input data-testid="edit-new-code" value={editing.form.code} required onChange={(e) => editing.setForm({ ...editing.form, code: e.target.value })} />
            </label>
            <label>
              {t('editGeometry.owner')}
              <input data-testid="edit-new-owner" value={editing.form.owner} onChange={(e) => editing.setForm({ ...editing.form, owner: e.target.value })} />
            </label>
            <label>
              {t('editGeometry.status')}
              <select data-testid="edit-new-status" value={editing.form.status} onChange={(e) => editing.setForm({ ...editing.form, status: e.target.value })}>
                {(settings?.statuses ?? []).map((s) => (
                  <option key={s.value} value={s.value}>
                    {english ? (s.labelEn ?? s.value) : s.value}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </>
      )}
      {mode === 'vertices' && editing.draft && (
        <>
          {editing.originalM2 !== null && <AreaFigure label={t('editGeometry.before')} areaM2={editing.originalM2} testId="edit-original-area" />}
          <AreaFigure label={t('editGeometry.after')} areaM2={editing.draft.areaM2} testId="edit-draft-area" />
        </>
      )}
      {(mode === 'split' || mode === 'merge') && editing.preview && <PieceList result={editing.preview} />}
      {editing.busy && <p className="edit-geometry-busy">{t('editGeometry.working')}</p>}
      {error && (
        <p className="edit-geometry-error" role="alert" data-testid="edit-geometry-error" data-code={error.code}>
          {english ? error.message : error.messageZh}
        </p>
      )}
      {saved && mode === 'vertices' && saved.op === 'replace' && <SavedNotice result={saved} />}
      {showActions && (
        <div className="edit-geometry-actions">
          <button type="button" className="btn btn-small btn-primary" data-testid="edit-geometry-save" disabled={!editing.canSave} onClick={editing.save}>
            {t('editGeometry.save')}
          </button>
          <button type="button" className="btn btn-small" data-testid="edit-geometry-cancel" disabled={editing.busy} onClick={editing.reset}>
            {t('editGeometry.cancel')}
          </button>
        </div>
      )}
    </section>
  );
}

function SavedNotice({ result }: { result: GeometryEditResult }) {
  const { t } = useTranslation();
  const count = result.op === 'merge' ? result.parcels.length : result.parcels.filter((p) => p.action !== 'deleted').length;
  return (
    <p className="edit-geometry-saved" role="status" data-testid="edit-geometry-saved" data-op={result.op} data-batch={result.batchId ?? ''}>
      {t(`editGeometry.saved.${result.op}`, { count })} · {t('editGeometry.undoHint')}
    </p>
  );
}
