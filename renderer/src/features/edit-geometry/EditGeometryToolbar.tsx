import { useTranslation } from 'react-i18next';
import { EDIT_MODES, type EditMode } from '../../map/tools/edit/geometry-edit-tools.js';
import type { GeometryEditingModel } from './use-geometry-editing.js';

const ICONS: Record<EditMode, string> = {
  draw: 'M3 16 L5 5 L15 3 L17 13 Z M3 16 L5 5 M15 3 L17 13',
  vertices: 'M4 15 L6 5 L15 4 L16 14 Z M14 2 h4 v4 h-4 Z',
  split: 'M3 15 L5 4 L16 4 L17 15 Z M11 1 L9 19',
  merge: 'M2 6 h7 v9 h-7 Z M11 6 h7 v9 h-7 Z M8 10.5 h4',
};

/** 绘制地块 · 编辑节点 · 分割 · 合并: buttons over the map; the ones needing a selection say so. */
export function EditGeometryToolbar({ editing }: { editing: GeometryEditingModel }) {
  const { t } = useTranslation();
  return (
    <div className="edit-geometry-buttons" role="toolbar" aria-label={t('editGeometry.label')} data-testid="edit-geometry-tools" data-mode={editing.mode ?? ''}>
      {EDIT_MODES.map((mode) => {
        const available = editing.available(mode);
        const needs = mode === 'merge' ? t('editGeometry.needsTwo') : t('editGeometry.needsOne');
        return (
          <button
            key={mode}
            type="button"
            className={mode === editing.mode ? 'edit-geometry-button active' : 'edit-geometry-button'}
            data-testid={`edit-tool-${mode}`}
            aria-pressed={mode === editing.mode}
            title={available ? t(`editGeometry.titles.${mode}`) : needs}
            disabled={!editing.ready || (!available && mode !== editing.mode)}
            onClick={() => editing.toggle(mode)}
          >
            <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
              <path d={ICONS[mode]} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" strokeLinecap="round" />
            </svg>
            <span>{t(`editGeometry.${mode}`)}</span>
          </button>
        );
      })}
    </div>
  );
}
