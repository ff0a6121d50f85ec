import { z } from 'zod';
import { PlannerError } from './planner-error.js';

export { PlannerError, toErrorPayload, type ErrorPayloadData } from './planner-error.js';

/**
 * The bridge schema of an error (PlannerError itself lives in planner-error.ts, free of zod, for
 * the import workers).
 */
export const ErrorPayload = z.object({
  code: z.string().min(1),
  message: z.string(),
  messageZh: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayload>;

/** Turns a zod failure on a bridge into a specific, field-naming error. */
export function invalidInputError(method: string, issues: readonly z.core.$ZodIssue[]): PlannerError {
  const fields = issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
  const list = fields.map((f) => `${f.path}: ${f.message}`).join('; ');
  return new PlannerError(
    'invalid_input',
    `Invalid input for ${method}: ${list}`,
    `${method} 的参数无效:${list}`,
    { method, fields },
  );
}
