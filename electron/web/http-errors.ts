import type { ErrorPayload } from '../../shared/api/errors.js';

/** HTTP status for an error code crossing the web bridge; unknown domain errors are 422. */
const STATUS_BY_CODE: Record<string, number> = {
  invalid_input: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden_host: 403,
  forbidden_origin: 403,
  forbidden_path: 403,
  not_found: 404,
  unknown_method: 404,
  method_not_allowed: 405,
  conflict: 409,
  cancelled: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  renderer_not_built: 503,
  internal: 500,
  invalid_output: 500,
  invalid_event: 500,
};

export function statusForError(code: string): number {
  const known = STATUS_BY_CODE[code];
  if (known !== undefined) return known;
  if (code.endsWith('_not_found')) return 404;
  return 422;
}

export function errorBody(payload: ErrorPayload): string {
  return JSON.stringify({ error: payload });
}
