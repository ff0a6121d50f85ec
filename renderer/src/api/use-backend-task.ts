import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import type { PlannerError } from '../../../shared/api/errors.js';
import { toPlannerError } from './errors.js';
import { TaskEvents } from './task-events.js';

export type BackendTaskStatus = 'idle' | 'starting' | 'running' | 'done' | 'failed';

/** What every backend task's state has; a kind of task adds its progress and outcome. */
export interface BackendTaskState {
  status: BackendTaskStatus;
  taskId: string | null;
  error: PlannerError | null;
  /** Cancel was asked for and the backend has not finished yet. */
  cancelling: boolean;
}

export interface BackendTaskControls<Req> {
  start(request: Req): void;
  cancel(): void;
  reset(): void;
}

/** The events of one kind of task, each with the task id it belongs to. */
export interface BackendTaskListeners<P, F> {
  progress(taskId: string, progress: P): void;
  finished(taskId: string, finished: F): void;
}

/**
 * One kind of backend task (an import, a briefing): its contract calls and events, and how they
 * change its state. Give a stable object (useMemo on the api): a new one subscribes again.
 */
export interface BackendTaskKind<S extends BackendTaskState, Req, Started extends { taskId: string }, P, F> {
  idle: S;
  /** The start call, answering with the task's id. */
  start(request: Req): Promise<Started>;
  /** Asks the backend to stop; the outcome arrives as the finished event (or it had finished already). */
  cancel(taskId: string): Promise<unknown>;
  /** Subscribes to the backend's progress and finished events of this kind; returns the unsubscribe. */
  listen(on: BackendTaskListeners<P, F>): () => void;
  /** What the start call's answer adds to the running state besides the task id (none by default). */
  running?(s: S, started: Started): S;
  /** The state with a progress event of the current task applied. */
  progress(s: S, progress: P): S;
  /** The current task finished: its outcome into the state (perhaps after fetching a file). */
  finish(finished: F, setState: Dispatch<SetStateAction<S>>): void;
}

/**
 * One task running in the backend: start → progress events → finished event, cancel and reset.
 * Events that overtake the start call's answer are held until its id arrives (TaskEvents).
 */
export function useBackendTask<S extends BackendTaskState, Req, Started extends { taskId: string }, P, F>(
  kind: BackendTaskKind<S, Req, Started, P, F>,
): S & BackendTaskControls<Req> {
  const [state, setState] = useState<S>(kind.idle);
  const [events] = useState(() => new TaskEvents<P, F>());

  const finish = useCallback((f: F) => kind.finish(f, setState), [kind]);

  useEffect(
    () =>
      kind.listen({
        progress: (taskId, progress) => {
          if (events.progress(taskId, progress)) setState((s) => (s.status === 'running' ? kind.progress(s, progress) : s));
        },
        finished: (taskId, f) => {
          if (events.finished(taskId, f)) finish(f);
        },
      }),
    [kind, events, finish],
  );

  const start = useCallback(
    (request: Req) => {
      events.starting();
      setState({ ...kind.idle, status: 'starting' });
      kind.start(request).then(
        (started) => {
          const held = events.started(started.taskId);
          setState((s) => {
            const running: S = { ...s, status: 'running', taskId: started.taskId };
            const answered = kind.running ? kind.running(running, started) : running;
            return held?.progress ? kind.progress(answered, held.progress) : answered;
          });
          if (held?.finished) finish(held.finished);
        },
        (err: unknown) => {
          events.startFailed();
          setState((s) => ({ ...s, status: 'failed', error: toPlannerError(err) }));
        },
      );
    },
    [kind, events, finish],
  );

  const cancel = useCallback(() => {
    const taskId = events.taskId;
    if (!taskId) return;
    setState((s) => ({ ...s, cancelling: true }));
    kind.cancel(taskId).catch((err: unknown) => setState((s) => ({ ...s, cancelling: false, error: toPlannerError(err) })));
  }, [kind, events]);

  const reset = useCallback(() => {
    events.reset();
    setState(kind.idle);
  }, [kind, events]);

  return { ...state, start, cancel, reset };
}
