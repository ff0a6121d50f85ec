import { events, methods } from '../../shared/api/contract.js';
import type { Api, EventName, EventPayload, MethodName } from '../../shared/api/contract.js';
import { PlannerError, invalidInputError } from '../../shared/api/errors.js';

/**
 * The one place both bridges (Electron IPC in electron/main, HTTP in electron/web) call the core:
 * the input is parsed with the method's schema before the core sees it, and in development/test
 * the output is checked against its schema too, so a core that drifts from the contract fails
 * loudly in tests instead of confusing the renderer.
 */
export interface DispatchOptions {
  /** Check the core's result against the output schema. Default: on unless NODE_ENV=production. */
  validateOutput?: boolean;
}

export const defaultValidateOutput = (): boolean => process.env['NODE_ENV'] !== 'production';

export async function dispatch(api: Api, name: MethodName, rawInput: unknown, opts: DispatchOptions = {}): Promise<unknown> {
  const schema = methods[name];
  const parsed = schema.input.safeParse(rawInput);
  if (!parsed.success) throw invalidInputError(name, parsed.error.issues);
  // The input has just been parsed by this method's own schema, so the call is well typed even
  // though TypeScript cannot correlate `name` with `api[name]` across the union.
  const fn = api[name] as unknown as (input: unknown) => Promise<unknown>;
  const output = await fn.call(api, parsed.data);
  if (opts.validateOutput ?? defaultValidateOutput()) {
    const checked = schema.output.safeParse(output);
    if (!checked.success) {
      const list = checked.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
      throw new PlannerError(
        'invalid_output',
        `The core returned an invalid result for ${name}: ${list}`,
        `${name} 的返回值不符合约定:${list}`,
        { method: name },
      );
    }
  }
  return output;
}

/** Validates an event payload against its schema; a bad payload is a programming error. */
export function checkEvent<K extends EventName>(name: K, payload: EventPayload<K>): EventPayload<K> {
  const schema = events[name];
  if (!schema) throw new PlannerError('unknown_event', `Unknown event: ${String(name)}`, `未知事件:${String(name)}`);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const list = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new PlannerError('invalid_event', `Invalid payload for event ${name}: ${list}`, `事件 ${name} 的数据无效:${list}`, {
      event: name,
    });
  }
  return payload;
}
