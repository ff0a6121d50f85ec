import { useTranslation } from 'react-i18next';
import type { Editing } from './use-editing.js';

/** Toolbar ↶ ↷ (Ctrl+Z, Ctrl+Y) and the short notice of what they did. */
export function UndoRedoButtons({ editing }: { editing: Editing }) {
  const { t } = useTranslation();
  const { notice } = editing;
  return (
    <div className="undo-redo" role="group">
      <button
        type="button"
        className="tool-button tool-icon-only"
        data-testid="undo-button"
        onClick={editing.undo}
        disabled={!editing.canUndo}
        title={t('undo.undoTitle')}
        aria-label={t('undo.undo')}
        aria-keyshortcuts="Control+Z"
      >
        <span className="glyph" aria-hidden="true">↶</span>
      </button>
      <button
        type="button"
        className="tool-button tool-icon-only"
        data-testid="redo-button"
        onClick={editing.redo}
        disabled={!editing.canRedo}
        title={t('undo.redoTitle')}
        aria-label={t('undo.redo')}
        aria-keyshortcuts="Control+Y"
      >
        <span className="glyph" aria-hidden="true">↷</span>
      </button>
      {notice && (
        <span className="undo-notice" role="status" data-testid="undo-notice" data-kind={notice.kind}>
          {'count' in notice ? t(`undo.${notice.kind}`, { count: notice.count }) : t(`undo.${notice.kind}`)}
        </span>
      )}
    </div>
  );
}
