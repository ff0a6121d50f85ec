import { describe, expect, it } from 'vitest';
import { TaskEvents } from '../../renderer/src/api/task-events.js';

describe('TaskEvents: events that overtake the start call’s answer', () => {
  it('holds the started task’s progress and outcome until its id arrives, and drops other tasks’', () => {
    const e = new TaskEvents<number, string>();
    e.starting();
    expect(e.progress('t1', 10)).toBe(false);
    expect(e.progress('t2', 99)).toBe(false);
    expect(e.progress('t1', 20)).toBe(false);
    expect(e.finished('t1', 'ok')).toBe(false);
    expect(e.started('t1')).toEqual({ progress: 20, finished: 'ok' });
    expect(e.taskId).toBe('t1');
    // Once started, the task's events apply at once and nothing else is held.
    expect(e.progress('t1', 30)).toBe(true);
    expect(e.progress('t2', 1)).toBe(false);
    e.starting();
    expect(e.started('t2')).toBeUndefined();
  });

  it('holds nothing when no start is pending, after a failed start, or after a reset', () => {
    const e = new TaskEvents<number, string>();
    expect(e.finished('t1', 'ok')).toBe(false);
    e.starting();
    e.startFailed();
    expect(e.progress('t1', 5)).toBe(false);
    e.starting();
    expect(e.started('t1')).toBeUndefined();
    e.reset();
    expect(e.taskId).toBeNull();
    expect(e.finished('t1', 'late')).toBe(false);
  });
});
