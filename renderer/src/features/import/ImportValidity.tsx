import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../../shared/api/import.js';
import { ImportWarningList } from './ImportWarningList.js';
import { OnInvalidChoice } from './OnInvalidChoice.js';
import type { OnInvalid } from './use-import-wizard.js';

export interface ImportValidityProps {
  preview: ImportPreview;
  onInvalid: OnInvalid | null;
  disabled: boolean;
  onChoose: (choice: OnInvalid) => void;
}

const CHOICES: readonly OnInvalid[] = ['reject', 'skip', 'repair'];
const SHOWN = 50;

/** Every invalid feature with its index, code and reasons, and the user's decision about them. */
export function ImportValidity({ preview, onInvalid, disabled, onChoose }: ImportValidityProps) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const { invalid, warnings } = preview;
  return (
    <section className="import-section">
      <h3 className="section-title">{t('importer.validity')}</h3>
      {invalid.length === 0 ? (
        <p className="ok-text">{t('importer.allValid')}</p>
      ) : (
        <>
          <ul className="problem-list" data-testid="import-invalid-list">
            {invalid.slice(0, SHOWN).map((f) => (
              <li key={f.index} data-testid="import-invalid-item" data-index={f.index}>
                <span className="problem-index">{t('importer.featureNo', { index: f.index })}</span>
                {f.code && <span className="mono problem-code">{f.code}</span>}
                <span className="problem-reason">{f.issues.map((i) => (english ? i.reason : i.reasonZh)).join(english ? '; ' : ';')}</span>
              </li>
            ))}
            {invalid.length > SHOWN && <li className="muted">… +{invalid.length - SHOWN}</li>}
          </ul>
          <OnInvalidChoice
            choices={CHOICES}
            value={onInvalid}
            disabled={disabled}
            legend={t('importer.onInvalid')}
            label={(c) => t(`importer.onInvalidOptions.${c}`)}
            onChoose={onChoose}
          />
        </>
      )}
      <ImportWarningList warnings={warnings} english={english} />
    </section>
  );
}
