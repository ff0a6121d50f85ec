import type { EventName, EventPayload } from '../../../shared/api/contract.js';
import type { ApiClient, Unsubscribe } from './planner-bridge.js';

/** Listens to one event of the contract, with its payload typed. */
export function onContractEvent<K extends EventName>(
  api: ApiClient,
  name: K,
  handler: (payload: EventPayload<K>) => void,
): Unsubscribe {
  return api.onEvent((received, payload) => {
    // `received === name` is the narrowing TypeScript cannot carry over to the generic payload.
    if ((received as EventName) === name) handler(payload as unknown as EventPayload<K>);
  });
}
