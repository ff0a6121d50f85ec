import { METHOD_NAMES, type Api, type MethodInput, type MethodName, type MethodOutput } from '../../../shared/api/contract.js';

/** One generic call, whatever the transport. */
export type Call = <K extends MethodName>(name: K, input: MethodInput<K>) => Promise<MethodOutput<K>>;

/**
 * Builds the `Api` object from one generic call, method names taken from the contract — so no
 * method name is ever written here by hand and a new contract method needs no change.
 */
export function buildApi(call: Call): Api {
  const entries = METHOD_NAMES.map((name) => [name, (input: MethodInput<typeof name>) => call(name, input)] as const);
  // Object.fromEntries loses the per-key types; each entry above is built for its own key.
  return Object.fromEntries(entries) as unknown as Api;
}
