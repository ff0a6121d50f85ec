import { useTranslation } from 'react-i18next';
import type { StatusBarModel } from './use-status-bar.js';

export interface StatusBarProps {
  model: StatusBarModel;
  /** The project is still loading. */
  loading: boolean;
}

export function StatusBar({ model, loading }: StatusBarProps) {
  const { t, i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language);
  return (
    <footer className="status-bar" data-testid="status-bar">
      {model.isSample && (
        <span className="sample-mark" data-testid="sample-mark" title={t('statusBar.sampleTitle')}>
          {t('statusBar.sample')}
        </span>
      )}
      {model.fileName && (
        <span className="status-cell" data-testid="project-file" title={model.filePath ?? undefined}>
          <span className="status-key">{t('statusBar.project')}</span> {model.fileName}
        </span>
      )}
      {model.parcelCount !== null && (
        <span className="status-cell" data-testid="parcel-count" data-count={model.parcelCount}>
          {t('statusBar.parcels', { n: format.format(model.parcelCount) })}
        </span>
      )}
      {model.selectionLabel && (
        <span className="status-cell" data-testid="selection-info">
          {t('statusBar.selected', { label: model.selectionLabel })}
        </span>
      )}
      <span className="toolbar-spacer" />
      {loading && (
        <span className="status-cell status-busy" data-testid="busy">
          {t('app.loading')}
        </span>
      )}
    </footer>
  );
}
