import { useTranslation } from 'react-i18next';
import type { PlannerError } from '../../../../shared/api/errors.js';

export interface ErrorBannerProps {
  errors: readonly PlannerError[];
  onDismiss: (index: number) => void;
}

/** API errors, in Chinese first (messageZh), English when the interface is English. */
export function ErrorBanner({ errors, onDismiss }: ErrorBannerProps) {
  const { t, i18n } = useTranslation();
  if (errors.length === 0) return null;
  const english = i18n.language === 'en';
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      {errors.map((error, index) => (
        <div className="error-item" data-testid="error-item" data-code={error.code} key={`${error.code}:${error.message}`}>
          <span className="error-icon" aria-hidden="true">!</span>
          <span className="error-title">{t('errors.title')}</span>
          <span className="error-message">{english ? error.message : error.messageZh}</span>
          <button type="button" className="error-dismiss" onClick={() => onDismiss(index)} aria-label={t('errors.dismiss')}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
