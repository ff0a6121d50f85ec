import { useEffect, useMemo, useRef } from 'react';
import type { ImportReport, ImportRequest, LedgerReport } from '../../../../shared/api/import.js';
import { PlannerError } from '../../../../shared/api/errors.js';
import { onContractEvent } from '../../api/events.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { useBackendTask, type BackendTaskControls, type BackendTaskKind, type BackendTaskState, type BackendTaskStatus } from '../../api/use-backend-task.js';

export interface ImportProgress {
  phase: string;
  done: number;
  total: number;
}

export type ImportTaskStatus = BackendTaskStatus;

export interface ImportTaskState extends BackendTaskState {
  progress: ImportProgress | null;
  /** A map layer's report, or a ledger's (`'kind' in report`). */
  report: ImportReport | LedgerReport | null;
}

export type ImportTask = ImportTaskState & BackendTaskControls<ImportRequest>;

const IDLE: ImportTaskState = { status: 'idle', taskId: null, progress: null, report: null, error: null, cancelling: false };

type Finished = { ok: boolean; report?: ImportReport | LedgerReport | undefined; error?: PlannerError | undefined };

/**
 * One import running in the backend: importStart → progress events → importFinished. Events that
 * overtake the importStart answer are held until its id arrives (useBackendTask).
 */
export function useImportTask(api: ApiClient, onImported: (report: ImportReport | LedgerReport) => void): ImportTask {
  const onImportedRef = useRef(onImported);
  useEffect(() => {
    onImportedRef.current = onImported;
  }, [onImported]);

  const kind = useMemo<BackendTaskKind<ImportTaskState, ImportRequest, { taskId: string }, ImportProgress, Finished>>(
    () => ({
      idle: IDLE,
      start: (request) => api.importStart(request),
      cancel: (taskId) => api.importCancel({ taskId }),
      listen: (on) => {
        const offProgress = onContractEvent(api, 'progress', ({ taskId, phase, done, total }) => on.progress(taskId, { phase, done, total }));
        const offFinished = onContractEvent(api, 'importFinished', ({ taskId, ok, report, error }) =>
          on.finished(taskId, { ok, report, error: error ? PlannerError.fromPayload(error) : undefined }),
        );
        return () => {
          offProgress();
          offFinished();
        };
      },
      progress: (s, progress) => ({ ...s, progress }),
      finish: (finished, setState) => {
        if (finished.ok && finished.report) {
          const report = finished.report;
          setState((s) => ({ ...s, status: 'done', report, cancelling: false }));
          onImportedRef.current(report);
        } else {
          const error = finished.error ?? new PlannerError('internal', 'The import failed.', '导入失败。');
          setState((s) => ({ ...s, status: 'failed', error, cancelling: false }));
        }
      },
    }),
    [api],
  );
  return useBackendTask(kind);
}
