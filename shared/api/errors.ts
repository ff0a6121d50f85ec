import { z } from 'zod';

/**
 * A typed error that crosses both bridges intact: a stable `code`, a message in English and in
 * Chinese (the UI shows `messageZh` by default), and details such as the file or feature index.
 */
export const ErrorPayload = z.object({
  code: z.string().min(1),
  message: z.string(),
  messageZh: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayload>;

export class PlannerError extends Error {
  readonly code: string;
  readonly messageZh: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, messageZh: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'PlannerError';
    this.code = code;
    this.messageZh = messageZh;
    this.details = details;
  }

  toPayload(): ErrorPayload {
    return {
      code: this.code,
      message: this.message,
      messageZh: this.messageZh,
      ...(this.details ? { details: this.details } : {}),
    };
  }

  static fromPayload(p: ErrorPayload): PlannerError {
    return new PlannerError(p.code, p.message, p.messageZh, p.details);
  }
}

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

/** Anything thrown that is not a PlannerError becomes an `internal` error with the original text. */
export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof PlannerError) return err.toPayload();
  const text = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Internal error: ${text}`, messageZh: `内部错误:${text}` };
}
