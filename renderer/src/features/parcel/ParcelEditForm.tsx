import { useTranslation } from 'react-i18next';
import type { Edit, EditResult, ParcelCard } from '../../../../shared/api/edit.js';
import type { Settings } from '../../../../shared/api/settings.js';
import { ChoiceOptions, EditError, EditRow } from './EditFields.js';
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
      <EditRow label={t('edit.status')}>
        <select data-testid="edit-status" value={values.status} onChange={(e) => set('status', e.target.value)}>
          {!knownStatus && <option value={values.status}>{values.status || '—'}</option>}
          <ChoiceOptions choices={settings.statuses} english={english} />
        </select>
      </EditRow>
      <EditRow label={t('edit.method')}>
        <select data-testid="edit-method" value={values.method} onChange={(e) => set('method', e.target.value)}>
          <option value="">{t('edit.noMethod')}</option>
          {!knownMethod && <option value={values.method}>{values.method}</option>}
          <ChoiceOptions choices={settings.methods} english={english} />
        </select>
      </EditRow>
      <EditRow label={t('edit.completedOn')} required={doneChosen}>
        <input
          type="date"
          data-testid="edit-completed-on"
          value={values.completedOn}
          min="1900-01-01"
          max="2100-12-31"
          title={doneChosen ? t('edit.completedRequired') : undefined}
          onChange={(e) => set('completedOn', e.target.value)}
        />
      </EditRow>
      <EditRow label={t('edit.owner')}>
        <input type="text" data-testid="edit-owner" value={values.owner} onChange={(e) => set('owner', e.target.value)} />
      </EditRow>
      {outcome?.kind === 'error' && <EditError error={outcome.error} english={english} />}
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
