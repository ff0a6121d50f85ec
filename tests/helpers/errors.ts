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
