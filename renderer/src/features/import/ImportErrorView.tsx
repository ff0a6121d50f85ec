import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlannerError } from '../../../../shared/api/errors.js';
import { CrsSelect } from './CrsSelect.js';
import { EncodingSelect } from './EncodingSelect.js';
import { epsgOf } from './import-options.js';
import type { Suggestion } from './use-import-wizard.js';

export interface ImportErrorViewProps {
  title: string;
  error: PlannerError;
  suggestion?: Suggestion | null;
  /** Applies the confirmed value and previews again. */
  onConfirm?: (suggestion: Suggestion) => void;
}

/**
 * An error in Chinese (it names the file). When the core refused to guess a CRS or an encoding, its
 * proposal is preselected so the user confirms (or corrects) it and previews again.
 */
export function ImportErrorView({ title, error, suggestion, onConfirm }: ImportErrorViewProps) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const [draft, setDraft] = useState(suggestion?.value ?? '');
  return (
    <div className="import-error" role="alert" data-testid="import-error" data-code={error.code}>
      <div className="import-error-title">
        <span className="error-icon" aria-hidden="true">
          !
        </span>
        {title}
      </div>
      <p className="import-error-message" data-testid="import-error-message">
        {english ? error.message : error.messageZh}
      </p>
      {suggestion && onConfirm && (
        <div className="suggestion" data-testid="import-suggestion" data-kind={suggestion.kind} data-value={suggestion.value}>
          <span className="field-label">{suggestion.kind === 'crs' ? t('importer.suggestCrs') : t('importer.suggestEncoding')}</span>
          {suggestion.kind === 'crs' ? (
            <CrsSelect value={draft} allowAuto={false} extra={[epsgOf(suggestion.value)]} onChange={setDraft} />
          ) : (
            <EncodingSelect value={draft} allowAuto={false} onChange={setDraft} />
          )}
          <button
            type="button"
            className="btn btn-primary"
            data-testid="import-suggestion-confirm"
            disabled={draft === ''}
            onClick={() => onConfirm({ ...suggestion, value: draft })}
          >
            {t('importer.usePreview')}
          </button>
        </div>
      )}
    </div>
  );
}
