import { z } from 'zod';
import { ErrorPayload, PlannerError } from '../../../shared/api/errors.js';

const ErrorEnvelope = z.object({ error: ErrorPayload });

/**
 * Turns whatever a bridge threw into a PlannerError. Errors lose their class crossing Electron's
 * contextBridge and IPC (only the message survives, prefixed "Error invoking remote method …"), so a
 * payload is also accepted as a plain object, wrapped as `{ error }`, or as JSON inside the message.
 */
export function toPlannerError(err: unknown): PlannerError {
  if (err instanceof PlannerError) return err;
  const direct = ErrorPayload.safeParse(err);
  if (direct.success) return PlannerError.fromPayload(direct.data);
  const wrapped = ErrorEnvelope.safeParse(err);
  if (wrapped.success) return PlannerError.fromPayload(wrapped.data.error);

  const text = err instanceof Error ? err.message : String(err);
  const embedded = payloadInText(text);
  if (embedded) return PlannerError.fromPayload(embedded);
  const clean = text.replace(/^Error invoking remote method '[^']*':\s*/, '').replace(/^(Planner)?Error:\s*/, '');
  return new PlannerError('internal', `Internal error: ${clean}`, `内部错误:${clean}`);
}

function payloadInText(text: string): ErrorPayload | null {
  const start = text.indexOf('{');
  if (start < 0) return null;
  try {
    const value: unknown = JSON.parse(text.slice(start));
    const direct = ErrorPayload.safeParse(value);
    if (direct.success) return direct.data;
    const wrapped = ErrorEnvelope.safeParse(value);
    return wrapped.success ? wrapped.data.error : null;
  } catch {
    return null;
  }
}

/** The HTTP bridge answers a failed call with `{ error: ErrorPayload }`. */
export function errorFromHttpBody(body: unknown, method: string, status: number): PlannerError {
  const parsed = ErrorEnvelope.safeParse(body);
  if (parsed.success) return PlannerError.fromPayload(parsed.data.error);
  return new PlannerError(
    'http_error',
    `${method} failed with HTTP ${status}`,
    `${method} 请求失败(HTTP ${status})`,
    { method, status },
  );
}
