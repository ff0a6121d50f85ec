import type { MeasureState } from '../../map/tools/measure-state.js';

/**
 * The measure sketch as an external store: it changes on every pointer frame while measuring, and
 * only the measure panel subscribes (useSyncExternalStore), so the rest of the window is not
 * re-rendered per mouse move.
 */
export class MeasureStore {
  private state: MeasureState | null = null;
  private readonly listeners = new Set<() => void>();

  readonly get = (): MeasureState | null => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(state: MeasureState | null): void {
    if (state === this.state) return;
    this.state = state;
    for (const l of this.listeners) l();
  }
}
