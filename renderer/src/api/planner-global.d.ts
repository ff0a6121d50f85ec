import type { PlannerBridge } from './planner-bridge.js';
import type { PlannerMapTestHandle } from '../map/test-handle.js';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge); absent in browser mode. */
    planner?: PlannerBridge;
    /** Read-only map state for end-to-end tests (src/map/test-handle.ts). */
    __plannerMap?: PlannerMapTestHandle;
  }
}

export {};
