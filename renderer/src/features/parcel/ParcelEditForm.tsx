import { useTranslation } from 'react-i18next';
import type { Edit, EditResult, ParcelCard } from '../../../../shared/api/edit.js';
import type { Settings } from '../../../../shared/api/settings.js';
import { useParcelForm } from './use-parcel-form.js';

export interface ParcelEditFormProps {
  card: ParcelCard;
  settings: Settings;
  apply: (edits: Edit[]) => Promise<EditResult>;
}

/** Status, method, completion date and owner, saved as one edit batch through the one edit path. */
export function ParcelEditForm({ card, settings, apply }: ParcelEditFormProps) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const form = useParcelForm(card, apply);
  const { values, set, outcome } = form;
  const doneChosen = settings.statuses.some((s) => s.value === values.status && s.done);
  const knownStatus = settings.statuses.some((s) => s.value === values.status);
  const knownMethod = values.method === '' || settings.methods.some((m) => m.value === values.method);
  return (
    <form
      className="card-section edit-form"
      data-testid="parcel-edit"
      onSubmit={(e) => {
        e.preventDefault();
        void form.save();
      }}
    >
      <h3 className="card-section-title">{t('edit.title')}</h3>
      <label className="edit-row">
        <span className="edit-label">{t('edit.status')}</span>
        <select data-testid="edit-status" value={values.status} onChange={(e) => set('status', e.target.value)}>
          {!knownStatus && <option value={values.status}>{values.status || '—'}</option>}
          {settings.statuses.map((s) => (
            <option key={s.value} value={s.value}>
              {english ? s.labelEn : s.value}
            </option>
          ))}
        </select>
      </label>
      <label className="edit-row">
        <span className="edit-label">{t('edit.method')}</span>
        <select data-testid="edit-method" value={values.method} onChange={(e) => set('method', e.target.value)}>
          <option value="">{t('edit.noMethod')}</option>
          {!knownMethod && <option value={values.method}>{values.method}</option>}
          {settings.methods.map((m) => (
            <option key={m.value} value={m.value}>
              {english ? m.labelEn : m.value}
            </option>
          ))}
        </select>
      </label>
      <label className="edit-row">
        <span className={doneChosen ? 'edit-label edit-required' : 'edit-label'}>{t('edit.completedOn')}</span>
        <input
          type="date"
          data-testid="edit-completed-on"
          value={values.completedOn}
          min="1900-01-01"
          max="2100-12-31"
          title={doneChosen ? t('edit.completedRequired') : undefined}
          onChange={(e) => set('completedOn', e.target.value)}
        />
      </label>
      <label className="edit-row">
        <span className="edit-label">{t('edit.owner')}</span>
        <input type="text" data-testid="edit-owner" value={values.owner} onChange={(e) => set('owner', e.target.value)} />
      </label>
      {outcome?.kind === 'error' && (
        <div className="edit-error" role="alert" data-testid="edit-error" data-code={outcome.error.code}>
          <b>{t('edit.failed')}:</b>
          {english ? outcome.error.message : outcome.error.messageZh}
        </div>
      )}
      {outcome?.kind === 'saved' && (
        <div className="edit-ok" role="status" data-testid="edit-saved">
          {t('edit.saved', { count: outcome.count })}
        </div>
      )}
      {outcome?.kind === 'unchanged' && <div className="edit-ok muted">{t('edit.unchanged')}</div>}
      <div className="edit-actions">
        <button type="button" className="btn btn-small" disabled={!form.dirty || form.saving} onClick={form.reset}>
          {t('edit.reset')}
        </button>
        <button type="submit" className="btn btn-small btn-primary" data-testid="edit-save" disabled={form.saving}>
          {form.saving ? t('edit.saving') : t('edit.save')}
        </button>
      </div>
    </form>
  );
}
