import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportReport, ImportRequest, LedgerReport } from '../../../../shared/api/import.js';
import { PlannerError } from '../../../../shared/api/errors.js';
import { toPlannerError } from '../../api/errors.js';
import { onContractEvent } from '../../api/events.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { TaskEvents } from '../../api/task-events.js';

export interface ImportProgress {
  phase: string;
  done: number;
  total: number;
}

export type ImportTaskStatus = 'idle' | 'starting' | 'running' | 'done' | 'failed';

export interface ImportTaskState {
  status: ImportTaskStatus;
  taskId: string | null;
  progress: ImportProgress | null;
  /** A map layer's report, or a ledger's (`'kind' in report`). */
  report: ImportReport | LedgerReport | null;
  error: PlannerError | null;
  /** Cancel was asked for and the backend has not finished yet. */
  cancelling: boolean;
}

export interface ImportTask extends ImportTaskState {
  start(request: ImportRequest): void;
  cancel(): void;
  reset(): void;
}

const IDLE: ImportTaskState = { status: 'idle', taskId: null, progress: null, report: null, error: null, cancelling: false };

type Finished = { ok: boolean; report?: ImportReport | LedgerReport | undefined; error?: PlannerError | undefined };

/**
 * One import running in the backend: importStart → progress events → importFinished. Events that
 * overtake the importStart answer are held until its id arrives (TaskEvents).
 */
export function useImportTask(api: ApiClient, onImported: (report: ImportReport | LedgerReport) => void): ImportTask {
  const [state, setState] = useState<ImportTaskState>(IDLE);
  const [events] = useState(() => new TaskEvents<ImportProgress, Finished>());
  const onImportedRef = useRef(onImported);
  useEffect(() => {
    onImportedRef.current = onImported;
  }, [onImported]);

  const finish = useCallback((finished: Finished) => {
    if (finished.ok && finished.report) {
      const report = finished.report;
      setState((s) => ({ ...s, status: 'done', report, cancelling: false }));
      onImportedRef.current(report);
    } else {
      const error = finished.error ?? new PlannerError('internal', 'The import failed.', '导入失败。');
      setState((s) => ({ ...s, status: 'failed', error, cancelling: false }));
    }
  }, []);

  useEffect(() => {
    const offProgress = onContractEvent(api, 'progress', ({ taskId, phase, done, total }) => {
      const progress = { phase, done, total };
      if (events.progress(taskId, progress)) setState((s) => (s.status === 'running' ? { ...s, progress } : s));
    });
    const offFinished = onContractEvent(api, 'importFinished', ({ taskId, ok, report, error }) => {
      const finished: Finished = { ok, report, error: error ? PlannerError.fromPayload(error) : undefined };
      if (events.finished(taskId, finished)) finish(finished);
    });
    return () => {
      offProgress();
      offFinished();
    };
  }, [api, events, finish]);

  const start = useCallback(
    (request: ImportRequest) => {
      events.starting();
      setState({ ...IDLE, status: 'starting' });
      api.importStart(request).then(
        ({ taskId }) => {
          const held = events.started(taskId);
          setState((s) => ({ ...s, status: 'running', taskId, progress: held?.progress ?? s.progress }));
          if (held?.finished) finish(held.finished);
        },
        (err: unknown) => {
          events.startFailed();
          setState((s) => ({ ...s, status: 'failed', error: toPlannerError(err) }));
        },
      );
    },
    [api, events, finish],
  );

  const cancel = useCallback(() => {
    const taskId = events.taskId;
    if (!taskId) return;
    setState((s) => ({ ...s, cancelling: true }));
    // The outcome arrives as importFinished (error 'cancelled'), or the import had already finished.
    api.importCancel({ taskId }).catch((err: unknown) => setState((s) => ({ ...s, cancelling: false, error: toPlannerError(err) })));
  }, [api, events]);

  const reset = useCallback(() => {
    events.reset();
    setState(IDLE);
  }, [events]);

  return { ...state, start, cancel, reset };
}
