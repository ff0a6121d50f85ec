import { useMemo } from 'react';
import type { BriefingFileInfo, BriefingFinished, BriefingRequest } from '../../../../shared/api/briefing.js';
import { PlannerError } from '../../../../shared/api/errors.js';
import { toPlannerError } from '../../api/errors.js';
import { onContractEvent } from '../../api/events.js';
import type { ApiClient } from '../../api/planner-bridge.js';
import { useBackendTask, type BackendTaskControls, type BackendTaskKind, type BackendTaskState, type BackendTaskStatus } from '../../api/use-backend-task.js';
import { saveBlob } from '../dashboard/download.js';

export type BriefingTaskStatus = BackendTaskStatus;

export interface BriefingTaskState extends BackendTaskState {
  /** The file name the backend gives the result (永康市-简报-2023-08-01.pdf). */
  fileName: string | null;
  phase: string | null;
  done: number;
  total: number;
  file: BriefingFileInfo | null;
}

export type BriefingExport = BriefingTaskState & BackendTaskControls<BriefingRequest>;

type BriefingProgress = { phase: string; done: number; total: number };

const IDLE: BriefingTaskState = { status: 'idle', taskId: null, fileName: null, phase: null, done: 0, total: 0, file: null, error: null, cancelling: false };

/**
 * One briefing export: briefingStart → progress events (maps drawn, then printing) →
 * briefingFinished → the file is fetched (a binary route / IPC) and saved. As with imports,
 * events that overtake the briefingStart answer are held until its id arrives (useBackendTask). Cancel asks the backend to stop the render.
 */
export function useBriefingExport(api: ApiClient): BriefingExport {
  const kind = useMemo<BackendTaskKind<BriefingTaskState, BriefingRequest, { taskId: string; fileName: string }, BriefingProgress, BriefingFinished>>(
    () => ({
      idle: IDLE,
      start: (request) => api.briefingStart(request),
      cancel: (taskId) => api.briefingCancel({ taskId }),
      listen: (on) => {
        const offProgress = onContractEvent(api, 'progress', ({ taskId, phase, done, total }) => {
          if (phase.startsWith('briefing')) on.progress(taskId, { phase, done, total });
        });
        const offFinished = onContractEvent(api, 'briefingFinished', (f) => on.finished(f.taskId, f));
        return () => {
          offProgress();
          offFinished();
        };
      },
      running: (s, { fileName }) => ({ ...s, fileName }),
      progress: (s, { phase, done, total }) => ({ ...s, phase, done, total }),
      finish: (f, setState) => {
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
    }),
    [api],
  );
  return useBackendTask(kind);
}
