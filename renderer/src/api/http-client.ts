import {
  EVENT_NAMES,
  SSE_ROUTE,
  TOKEN_HEADER,
  events,
  httpRoute,
  type EventListener,
  type EventName,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../../shared/api/contract.js';
import { PlannerError } from '../../../shared/api/errors.js';
import { UPLOAD_ROUTE, UploadResult } from '../../../shared/api/import.js';
import { BRIEFING_FILE_ROUTE } from '../../../shared/api/briefing.js';
import { buildApi } from './build-api.js';
import { errorFromHttpBody } from './errors.js';
import type { ApiClient } from './planner-bridge.js';

/** The contract over browser mode's HTTP bridge: `POST /api/<method>` and Server-Sent Events. */
export function createHttpClient(token: string | null): ApiClient {
  const call = async <K extends MethodName>(name: K, input: MethodInput<K>): Promise<MethodOutput<K>> => {
    let response: Response;
    try {
      response = await fetch(httpRoute(name), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token ?? '' },
        body: JSON.stringify(input ?? {}),
      });
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      throw new PlannerError('network', `Cannot reach the planner service: ${text}`, `无法连接到服务:${text}`, { method: name });
    }
    const body = await readJson(response);
    if (!response.ok) throw errorFromHttpBody(body, name, response.status);
    // The server validated the output against the contract before sending it.
    return body as MethodOutput<K>;
  };

  const upload = async (uploadId: string, file: File): Promise<UploadResult> => {
    const url = `${UPLOAD_ROUTE}?uploadId=${encodeURIComponent(uploadId)}&name=${encodeURIComponent(file.name)}`;
    let response: Response;
    try {
      // The raw bytes as the body: no multipart, no base64, one file per request.
      response = await fetch(url, { method: 'PUT', headers: { [TOKEN_HEADER]: token ?? '' }, body: file });
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      throw new PlannerError('network', `Cannot upload ${file.name}: ${text}`, `无法上传 ${file.name}:${text}`, { file: file.name });
    }
    const body = await readJson(response);
    if (!response.ok) throw errorFromHttpBody(body, 'upload', response.status);
    const parsed = UploadResult.safeParse(body);
    if (!parsed.success) {
      throw new PlannerError('http_error', `Unexpected answer to the upload of ${file.name}`, `上传 ${file.name} 时收到无法识别的应答`, { file: file.name });
    }
    return parsed.data;
  };

  /** Finished briefings come as bytes on their own route (the contract carries JSON only). */
  const briefingFile = async (fileId: string, mime: string): Promise<Blob> => {
    let response: Response;
    try {
      response = await fetch(`${BRIEFING_FILE_ROUTE}?fileId=${encodeURIComponent(fileId)}`, { headers: { [TOKEN_HEADER]: token ?? '' } });
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      throw new PlannerError('network', `Cannot fetch the briefing: ${text}`, `无法取回简报文件:${text}`, { fileId });
    }
    if (!response.ok) throw errorFromHttpBody(await readJson(response), 'briefingFile', response.status);
    const blob = await response.blob();
    return blob.type ? blob : new Blob([blob], { type: mime });
  };

  const listeners = new Set<EventListener>();
  let source: EventSource | null = null;
  const open = (): void => {
    if (source) return;
    const url = `${SSE_ROUTE}?token=${encodeURIComponent(token ?? '')}`;
    const es = new EventSource(url);
    for (const name of EVENT_NAMES) {
      es.addEventListener(name, (event: MessageEvent<string>) => dispatch(name, event.data, listeners));
    }
    source = es;
  };

  return {
    ...buildApi(call),
    transport: 'http',
    resourceUrl: (path: string) => `${window.location.origin}${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token ?? '')}`,
    upload,
    briefingFile,
    onEvent(listener: EventListener) {
      listeners.add(listener);
      open();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function dispatch(name: EventName, data: string, listeners: ReadonlySet<EventListener>): void {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    console.warn(`planner: ignoring event ${name} with malformed JSON`);
    return;
  }
  const parsed = events[name].safeParse(value);
  if (!parsed.success) {
    console.warn(`planner: ignoring event ${name} that does not match the contract`, parsed.error.issues);
    return;
  }
  for (const listener of listeners) listener(name, parsed.data);
}
