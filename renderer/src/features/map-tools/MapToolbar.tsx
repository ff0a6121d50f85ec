import { useTranslation } from 'react-i18next';
import type { ToolMode } from '../../map/tools/map-tools.js';
import type { MapToolsModel } from './use-map-tools.js';

const ICONS: Record<ToolMode, string> = {
  pan: 'M5 3 L5 17 L9 13 L12 19 L14 18 L11 12 L16 12 Z',
  lasso: 'M10 4 C4 4 2 8 3 10 C4 13 9 13 12 12 C16 11 18 8 16 6 C14 4 12 4 10 4 Z M5 12 C4 15 6 17 8 16',
  distance: 'M2 14 L18 6 M2 14 L2 11 M2 14 L5 15 M18 6 L18 9 M18 6 L15 5',
  area: 'M3 15 L6 4 L16 6 L17 14 Z',
};

const ORDER: readonly ToolMode[] = ['pan', 'lasso', 'distance', 'area'];

/** The tool buttons in the map's top-left corner; the active tool's hint beneath them. */
export function MapToolbar({ tools }: { tools: MapToolsModel }) {
  const { t } = useTranslation();
  const hint = tools.mode === 'pan' ? t('mapTools.panHint') : tools.mode === 'lasso' ? t('mapTools.lassoHint') : t('mapTools.measureHint');
  return (
    <div className="map-tools-bar" role="toolbar" aria-label={t('mapTools.label')} data-testid="map-tools" data-mode={tools.mode}>
      <div className="map-tools-buttons">
        {ORDER.map((mode) => (
          <button
            key={mode}
            type="button"
            className={mode === tools.mode ? 'map-tool-button active' : 'map-tool-button'}
            data-testid={`map-tool-${mode}`}
            aria-pressed={mode === tools.mode}
            title={t(`mapTools.${mode}`)}
            aria-label={t(`mapTools.${mode}`)}
            disabled={!tools.ready}
            onClick={() => tools.setMode(mode)}
          >
            <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
              <path d={ICONS[mode]} fill={mode === 'area' ? 'currentColor' : 'none'} fillOpacity={0.25} stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" strokeLinecap="round" />
            </svg>
          </button>
        ))}
      </div>
      <div className="map-tools-hint" data-testid="map-tools-hint">
        {tools.selecting ? t('mapTools.selecting') : hint}
      </div>
    </div>
  );
}
