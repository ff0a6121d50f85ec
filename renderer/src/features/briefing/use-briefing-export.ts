import { useCallback, useEffect, useState } from 'react';
import type { BriefingFileInfo, BriefingFinished, BriefingRequest } from '../../../../shared/api/briefing.js';
import { PlannerError } from '../../../../shared/api/errors.js';
import { toPlannerError } from '../../api/errors.js';
import { onContractEvent } from '../../api/events.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { TaskEvents } from '../../api/task-events.js';
import { saveBlob } from '../dashboard/download.js';

export type BriefingTaskStatus = 'idle' | 'starting' | 'running' | 'done' | 'failed';

export interface BriefingTaskState {
  status: BriefingTaskStatus;
  taskId: string | null;
  /** The file name the backend gives the result (永康市-简报-2023-08-01.pdf). */
  fileName: string | null;
  phase: string | null;
  done: number;
  total: number;
  file: BriefingFileInfo | null;
  error: PlannerError | null;
  cancelling: boolean;
}

export interface BriefingExport extends BriefingTaskState {
  start(request: BriefingRequest): void;
  cancel(): void;
  reset(): void;
}

const IDLE: BriefingTaskState = { status: 'idle', taskId: null, fileName: null, phase: null, done: 0, total: 0, file: null, error: null, cancelling: false };

/**
 * One briefing export: briefingStart → progress events (maps drawn, then printing) →
 * briefingFinished → the file is fetched (a binary route / IPC) and saved. As with imports,
 * events that overtake the briefingStart answer are held until its id arrives (TaskEvents). Cancel asks the backend to stop the render.
 */
export function useBriefingExport(api: ApiClient): BriefingExport {
  const [state, setState] = useState<BriefingTaskState>(IDLE);
  const [events] = useState(() => new TaskEvents<{ phase: string; done: number; total: number }, BriefingFinished>());

  const finish = useCallback(
    (f: BriefingFinished) => {
      if (!f.ok || !f.file) {
        const error = f.error ? PlannerError.fromPayload(f.error) : new PlannerError('internal', 'The briefing failed.', '生成简报失败。');
        setState((s) => ({ ...s, status: 'failed', error, cancelling: false }));
        return;
      }
      const file = f.file;
      api.briefingFile(file.fileId, file.mime).then(
        (blob) => {
          saveBlob(blob, file.fileName);
          setState((s) => ({ ...s, status: 'done', file, cancelling: false }));
        },
        (err: unknown) => setState((s) => ({ ...s, status: 'failed', error: toPlannerError(err), cancelling: false })),
      );
    },
    [api],
  );

  useEffect(() => {
    const offProgress = onContractEvent(api, 'progress', ({ taskId, phase, done, total }) => {
      if (!phase.startsWith('briefing')) return;
      if (events.progress(taskId, { phase, done, total })) setState((s) => (s.status === 'running' ? { ...s, phase, done, total } : s));
    });
    const offFinished = onContractEvent(api, 'briefingFinished', (f) => {
      if (events.finished(f.taskId, f)) finish(f);
    });
    return () => {
      offProgress();
      offFinished();
    };
  }, [api, events, finish]);

  const start = useCallback(
    (request: BriefingRequest) => {
      events.starting();
      setState({ ...IDLE, status: 'starting' });
      api.briefingStart(request).then(
        ({ taskId, fileName }) => {
          const held = events.started(taskId);
          setState((s) => ({ ...s, status: 'running', taskId, fileName, ...(held?.progress ?? {}) }));
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
    api.briefingCancel({ taskId }).catch((err: unknown) => setState((s) => ({ ...s, cancelling: false, error: toPlannerError(err) })));
  }, [api, events]);

  const reset = useCallback(() => {
    events.reset();
    setState(IDLE);
  }, [events]);

  return { ...state, start, cancel, reset };
}
