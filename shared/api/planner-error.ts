/**
 * PlannerError without zod, so the import's worker threads (which only throw and send errors)
 * do not load the schema library at start-up. errors.ts re-exports it with the bridge schema.
 */

/** What an error looks like on a bridge; errors.ts holds the zod schema that checks it. */
export interface ErrorPayloadData {
  code: string;
  message: string;
  messageZh: string;
  details?: Record<string, unknown> | undefined;
}

/**
 * A typed error that crosses both bridges intact: a stable `code`, a message in English and in
 * Chinese (the UI shows `messageZh` by default), and details such as the file or feature index.
 */
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

  toPayload(): ErrorPayloadData {
    return {
      code: this.code,
      message: this.message,
      messageZh: this.messageZh,
      ...(this.details ? { details: this.details } : {}),
    };
  }

  static fromPayload(p: ErrorPayloadData): PlannerError {
    return new PlannerError(p.code, p.message, p.messageZh, p.details);
  }
}

/** Anything thrown that is not a PlannerError becomes an `internal` error with the original text. */
export function toErrorPayload(err: unknown): ErrorPayloadData {
  if (err instanceof PlannerError) return err.toPayload();
  const text = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Internal error: ${text}`, messageZh: `内部错误:${text}` };
}
