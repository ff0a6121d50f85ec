import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, Settings } from '../../../../shared/api/settings.js';
import { useApi } from '../../api/api-context.js';
import { currentLocale } from '../../i18n/i18n.js';

export interface LocaleSwitch {
  locale: Locale;
  toggle: () => void;
}

/** 中/EN: switches the interface at once and remembers the choice in the project's settings. */
export function useLocaleSwitch(onSettings: (settings: Settings) => void, report: (err: unknown) => void): LocaleSwitch {
  const api = useApi();
  const { i18n } = useTranslation();
  const locale = currentLocale(i18n);
  const toggle = useCallback(() => {
    const next: Locale = locale === 'zh-CN' ? 'en' : 'zh-CN';
    void i18n.changeLanguage(next);
    api.updateSettings({ locale: next }).then(onSettings, report);
  }, [api, i18n, locale, onSettings, report]);
  return { locale, toggle };
}
