import http from 'node:http';
import { METHOD_NAMES, SSE_ROUTE, TOKEN_HEADER, httpRoute } from '../../shared/api/contract.js';
import type { Api, EventName, MethodName } from '../../shared/api/contract.js';
import { ErrorPayload, PlannerError } from '../../shared/api/errors.js';
import { dispatch } from '../../electron/web/dispatch.js';

/**
 * Ways to reach the core, for the contract tests:
 * - in process: the core called exactly as the Electron IPC bridge calls it (electron/main/ipc.ts
 *   goes through the same `dispatch`: input parsed with the contract, output checked);
 * - over the web bridge: a tiny fetch client derived from METHOD_NAMES + httpRoute + the token;
 * - over Electron IPC: `window.planner` as the preload exposes it.
 * All throw PlannerError rebuilt from the ErrorPayload, as the renderer's clients do.
 */
export function inProcessClient(core: Api): Api {
  return derive((name, input) => dispatch(core, name, input, { validateOutput: true }));
}

export function webClient(baseUrl: string, token: string): Api {
  return derive(async (name, input) => {
    const res = await fetch(new URL(httpRoute(name), baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(input ?? {}),
    });
    const body = (await res.json()) as unknown;
    if (!res.ok) {
      const parsed = ErrorPayload.safeParse((body as { error?: unknown }).error);
      if (!parsed.success) throw new Error(`HTTP ${res.status} without an ErrorPayload: ${JSON.stringify(body)}`);
      throw PlannerError.fromPayload(parsed.data);
    }
    return body;
  });
}

/** What the preload exposes as `window.planner` (see electron/preload/preload.ts). */
export type PlannerBridge = Record<MethodName, (input: unknown) => Promise<unknown>> & {
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
};

/**
 * The renderer side of the IPC bridge: only an Error's message crosses contextBridge, so the
 * preload puts the ErrorPayload as JSON in it; rebuild the PlannerError from the first '{'.
 */
export function ipcClient(bridge: PlannerBridge): Api {
  return derive(async (name, input) => {
    try {
      return await bridge[name](input);
    } catch (e) {
      const payload = decodeBridgeError(e instanceof Error ? e.message : String(e));
      throw payload ? PlannerError.fromPayload(payload) : e;
    }
  });
}

function decodeBridgeError(message: string): ErrorPayload | null {
  const start = message.indexOf('{');
  if (start < 0) return null;
  try {
    const parsed = ErrorPayload.safeParse(JSON.parse(message.slice(start)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function derive(call: (name: MethodName, input: unknown) => Promise<unknown>): Api {
  return Object.fromEntries(METHOD_NAMES.map((name) => [name, (input: unknown) => call(name, input)])) as unknown as Api;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json(): unknown;
}

/**
 * A request with full control over headers (fetch may not set Host), for the refusal tests.
 */
export function rawRequest(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) as unknown });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** Subscribes to the web bridge's SSE stream (Node 20 has no EventSource). Resolves once connected. */
export function sseSubscribe(port: number, token: string, listener: (name: string, payload: unknown) => void): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: `${SSE_ROUTE}?token=${encodeURIComponent(token)}`, agent: false },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`SSE refused: HTTP ${res.statusCode}`));
          res.resume();
          return;
        }
        res.setEncoding('utf8');
        let buffer = '';
        let connected = false;
        res.on('data', (chunk: string) => {
          buffer += chunk;
          if (!connected) {
            connected = true;
            resolve(() => req.destroy());
          }
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const name = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (name && data !== undefined) listener(name, JSON.parse(data) as unknown);
          }
        });
      },
    );
    req.on('error', (e) => {
      if (!req.destroyed) reject(e);
    });
  });
}
