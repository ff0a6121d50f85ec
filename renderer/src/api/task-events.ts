/** What arrived for a task before its id was known. */
export interface HeldEvents<P, F> {
  progress?: P;
  finished?: F;
}

/**
 * The events of one backend task (an import, a briefing) that is started by a call answering with
 * its task id. Events can overtake that answer (SSE and the HTTP reply are separate connections),
 * so while a start is pending, events of a task not yet known are held until its id arrives.
 */
export class TaskEvents<P, F> {
  private id: string | null = null;
  private pending = false;
  private readonly early = new Map<string, HeldEvents<P, F>>();

  /** The current task's id, once its start call answered. */
  get taskId(): string | null {
    return this.id;
  }

  /** A start call went out: from now on, events of unknown tasks are held. */
  starting(): void {
    this.id = null;
    this.early.clear();
    this.pending = true;
  }

  /** The start call answered: the task is current; returns what was held for it (the rest is dropped). */
  started(taskId: string): HeldEvents<P, F> | undefined {
    this.pending = false;
    this.id = taskId;
    const held = this.early.get(taskId);
    this.early.clear();
    return held;
  }

  /** The start call failed: nothing more is held. */
  startFailed(): void {
    this.pending = false;
  }

  reset(): void {
    this.id = null;
    this.pending = false;
    this.early.clear();
  }

  /** True when it is the current task's progress (apply it now); otherwise held if a start is pending. */
  progress(taskId: string, progress: P): boolean {
    return this.route(taskId, { progress });
  }

  /** True when the current task finished (handle it now); otherwise held if a start is pending. */
  finished(taskId: string, finished: F): boolean {
    return this.route(taskId, { finished });
  }

  private route(taskId: string, event: HeldEvents<P, F>): boolean {
    if (taskId === this.id) return true;
    if (this.pending) this.early.set(taskId, { ...this.early.get(taskId), ...event });
    return false;
  }
}
