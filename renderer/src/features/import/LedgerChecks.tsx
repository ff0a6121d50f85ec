import { useTranslation } from 'react-i18next';
import type { LedgerPreview } from '../../../../shared/api/import.js';
import { currentLocale } from '../../i18n/i18n.js';
import { ImportWarningList } from './ImportWarningList.js';
import { LedgerProblemList } from './LedgerProblemList.js';
import { ledgerProblems } from './ledger-view.js';
import { OnInvalidChoice } from './OnInvalidChoice.js';
import type { OnInvalid } from './use-import-wizard.js';

export interface LedgerChecksProps {
  preview: LedgerPreview;
  onInvalid: OnInvalid | null;
  disabled: boolean;
  onChoose: (choice: OnInvalid) => void;
}

/** A ledger row cannot be repaired: the import is rejected whole, or the rows with problems are left out. */
const CHOICES = ['reject', 'skip'] as const;
const SHOWN = 100;

/**
 * Every row the import would not take — its row number, code and reasons (unreadable dates or
 * numbers, missing values, duplicates, parcel codes not in the parcels layer) — and the user's
 * decision about them. Nothing is left out silently: the list is the whole set (first 100 shown, with the count).
 */
export function LedgerChecks({ preview, onInvalid, disabled, onChoose }: LedgerChecksProps) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n);
  const problems = ledgerProblems(preview, locale, t('importer.ledger.unknownReason'));
  const unknown = problems.filter((p) => p.unknownCode).length;
  const invalid = problems.length - problems.filter((p) => p.unknownCode && p.reasons.length === 1).length;
  const { warnings } = preview;
  return (
    <section className="import-section">
      <h3 className="section-title">{t('importer.ledger.check')}</h3>
      {problems.length === 0 ? (
        <p className="ok-text">{preview.parcelCodesChecked ? t('importer.ledger.allValid') : t('importer.ledger.allRowsValid')}</p>
      ) : (
        <>
          <p className="section-note" data-testid="ledger-problem-summary" data-invalid={invalid} data-unknown={unknown}>
            {invalid > 0 && t('importer.ledger.invalidRows', { count: invalid })}
            {invalid > 0 && unknown > 0 && (locale === 'en' ? '; ' : ';')}
            {unknown > 0 && t('importer.ledger.unknownCodes', { count: unknown })}
          </p>
          <LedgerProblemList problems={problems} shown={SHOWN} testId="import-invalid-list" />
          <OnInvalidChoice
            choices={CHOICES}
            value={onInvalid}
            disabled={disabled}
            legend={t('importer.ledger.onInvalid')}
            label={(c) => t(`importer.ledger.onInvalidOptions.${c}`)}
            onChoose={onChoose}
          />
        </>
      )}
      <ImportWarningList warnings={warnings} english={locale === 'en'} />
    </section>
  );
}
