import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../../shared/api/settings.js';
import { en } from './en.js';
import { zhCN, type Messages } from './zh-CN.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

/** Chinese first; English is the switch in the toolbar, remembered in the project's settings. */
export function createI18n(locale: Locale = 'zh-CN'): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: locale,
    fallbackLng: 'zh-CN',
    supportedLngs: ['zh-CN', 'en'],
    interpolation: { escapeValue: false }, // React escapes already
    initAsync: false, // resources are bundled: be ready before the first render
    returnNull: false,
  });
  const syncDocument = (lng: string): void => {
    document.documentElement.lang = lng;
    document.title = instance.t('app.title');
  };
  syncDocument(instance.language);
  instance.on('languageChanged', syncDocument);
  return instance;
}

/** The app's locale as the contract names it. */
export function currentLocale(instance: i18n): Locale {
  return instance.language === 'en' ? 'en' : 'zh-CN';
}
