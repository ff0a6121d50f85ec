import { PlannerError } from '../../shared/api/errors.js';

/** The PlannerError a promise rejects with; anything else (or fulfilment) fails the test. */
export async function plannerErrorOf(p: Promise<unknown>): Promise<PlannerError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PlannerError) return e;
    throw e;
  }
  throw new Error('expected a PlannerError');
}

/** The PlannerError a call throws (a refused edit); anything else thrown (or nothing) fails the test. */
export function refusal(fn: () => unknown): PlannerError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PlannerError) return err;
    throw err;
  }
  throw new Error('expected a PlannerError');
}
