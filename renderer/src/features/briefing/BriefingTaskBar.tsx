import { useTranslation } from 'react-i18next';
import { BRIEFING_PHASES } from '../../../../shared/api/briefing.js';
import type { BriefingExport } from './use-briefing-export.js';

/** The running export: progress (maps drawn, then the file written) with cancel; then the result or the error. */
export function BriefingTaskBar({ task }: { task: BriefingExport }) {
  const { t, i18n } = useTranslation();
  if (task.status === 'idle') return null;
  if (task.status === 'failed') {
    const cancelled = task.error?.code === 'cancelled';
    return (
      <div className="briefing-task failed" data-testid="briefing-task" data-status="failed" data-code={task.error?.code ?? ''}>
        <span>{cancelled ? t('briefing.controls.cancelled') : i18n.language === 'en' ? task.error?.message : task.error?.messageZh}</span>
        <button type="button" className="briefing-button" onClick={task.reset}>
          {t('errors.dismiss')}
        </button>
      </div>
    );
  }
  if (task.status === 'done') {
    return (
      <div className="briefing-task" data-testid="briefing-task" data-status="done" data-file={task.file?.fileName ?? ''} data-pages={task.file?.pages ?? 0}>
        <span>{t('briefing.controls.finished', { file: task.file?.fileName ?? '' })}</span>
        <button type="button" className="briefing-button" onClick={task.reset}>
          {t('errors.dismiss')}
        </button>
      </div>
    );
  }
  const printing = task.phase === BRIEFING_PHASES.print;
  const label =
    task.status === 'starting' || task.total === 0
      ? t('briefing.controls.starting')
      : printing
        ? t('briefing.controls.printing')
        : t('briefing.controls.mapsProgress', { done: task.done, total: task.total });
  return (
    <div className="briefing-task" data-testid="briefing-task" data-status="running" data-done={task.done} data-total={task.total}>
      <span>{task.fileName}</span>
      <progress data-testid="briefing-progress" max={printing || task.total === 0 ? 1 : task.total} value={printing ? task.done : task.total === 0 ? undefined : task.done} />
      <span>{label}</span>
      <button type="button" className="briefing-button" data-testid="briefing-cancel" disabled={task.cancelling || task.taskId === null} onClick={task.cancel}>
        {t('briefing.controls.cancel')}
      </button>
    </div>
  );
}
