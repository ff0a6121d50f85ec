import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocaleSwitch } from './use-locale-switch.js';

export interface ToolbarProps {
  localeSwitch: LocaleSwitch;
  onImport: () => void;
  /** Undo / redo (features/parcel). */
  editTools?: ReactNode;
  /** The parcel search box (features/search). */
  search?: ReactNode;
  /** Switches between the map and other views (the dashboard, features/dashboard). */
  views?: ReactNode;
}

export function Toolbar({ localeSwitch, onImport, editTools, search, views }: ToolbarProps) {
  const { t } = useTranslation();
  const { locale, toggle } = localeSwitch;
  return (
    <header className="toolbar" data-testid="toolbar">
      <div className="toolbar-brand">
        <span className="toolbar-logo" aria-hidden="true" />
        <h1 className="toolbar-title" data-testid="app-title">
          {t('app.title')}
        </h1>
      </div>
      <div className="toolbar-divider" aria-hidden="true" />
      <button
        type="button"
        className="tool-button"
        data-testid="import-button"
        onClick={onImport}
        title={t('importer.buttonTitle')}
        aria-keyshortcuts="Control+I"
      >
        <span className="tool-icon icon-import" aria-hidden="true" />
        {t('importer.button')}
      </button>
      {views}
      {editTools}
      <div className="toolbar-spacer" />
      {search}
      <button
        type="button"
        className="locale-switch"
        data-testid="locale-switch"
        data-locale={locale}
        onClick={toggle}
        title={t('toolbar.switchLanguage')}
        aria-label={t('toolbar.switchLanguage')}
      >
        <span className={locale === 'zh-CN' ? 'locale-option active' : 'locale-option'}>中</span>
        <span className="locale-divider">/</span>
        <span className={locale === 'en' ? 'locale-option active' : 'locale-option'}>EN</span>
      </button>
    </header>
  );
}
