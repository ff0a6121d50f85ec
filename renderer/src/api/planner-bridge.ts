import type { Api, EventListener } from '../../../shared/api/contract.js';

/** Stops a subscription. */
export type Unsubscribe = () => void;

/**
 * What the Electron preload exposes as `window.planner`: every contract method, plus the event
 * stream. Derived from `Api`, so a method added to the contract appears here by itself.
 */
export type PlannerBridge = Api & {
  onEvent(listener: EventListener): Unsubscribe | void;
};

/** What the renderer holds, whichever bridge is underneath. */
export type ApiClient = Api & {
  onEvent(listener: EventListener): Unsubscribe;
  readonly transport: 'electron' | 'http';
};
