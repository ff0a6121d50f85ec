import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { METHOD_NAMES, SSE_ROUTE, TOKEN_HEADER, httpRoute } from '../../shared/api/contract.js';
import type { Api, EventListener, EventName, EventPayload, MethodName } from '../../shared/api/contract.js';
import { PlannerError, toErrorPayload } from '../../shared/api/errors.js';
import { MAX_UPLOAD_BYTES, UPLOAD_ROUTE, type UploadResult } from '../../shared/api/import.js';
import { BRIEFING_FILE_ROUTE } from '../../shared/api/briefing.js';
import { sendFile, type DownloadFile } from './download.js';
import type { ErrorPayload } from '../../shared/api/errors.js';
import { checkEvent, dispatch } from './dispatch.js';
import { errorBody, statusForError } from './http-errors.js';
import { SECURITY_HEADERS, securityHeaders } from './security-headers.js';
import { basemapTileReply, isBasemapTilePath } from '../core/basemap/tile-route.js';
import type { BasemapService } from '../core/basemap/basemap-service.js';
import { isVectorTilePath, vectorTileReply } from '../core/tiles/tile-route.js';
import type { TileService } from '../core/tiles/tile-service.js';
import { SseHub } from './sse.js';
import { resolveStatic } from './static-files.js';

/**
 * Browser mode (DESIGN §6): the built renderer and the contract over HTTP on 127.0.0.1 only.
 * `POST /api/<method>` needs the per-start token in the TOKEN_HEADER header; events stream over
 * SSE (EventSource cannot set headers, so that route takes `?token=`). Host and Origin headers
 * naming anything but this server are refused, which defeats DNS rebinding and cross-site calls.
 */
export interface WebServerOptions {
  api: Api;
  staticDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to a fresh random token per start. */
  token?: string;
  maxBodyBytes?: number;
  keepAliveMs?: number;
  /** Check results against the output schemas (default: unless NODE_ENV=production). */
  validateOutput?: boolean;
  /** The binary side channel for file bytes (`PUT UPLOAD_ROUTE?uploadId=…&name=…`). */
  upload?: (uploadId: string, name: string, bytes: Uint8Array) => UploadResult;
  /** Finished briefing files (`GET BRIEFING_FILE_ROUTE?fileId=…`, token in the header). */
  briefingFile?: (fileId: string) => DownloadFile | null;
  /** The basemap file's tiles (`GET BASEMAP_TILE_ROUTE/<rev>/<z>/<x>/<y>?token=…`) and a network basemap's origins for the CSP. */
  basemaps?: Pick<BasemapService, 'tile' | 'networkOrigins'>;
  /** The layers' vector tiles (`GET /tiles/<layer>/<z>/<x>/<y>.pbf`, token in the header or `?token=`). */
  tiles?: Pick<TileService, 'tile'>;
}

export interface WebServer {
  /** The URL to open, token included, e.g. http://127.0.0.1:47823/?token=… */
  url: string;
  port: number;
  token: string;
  emit: EventListener;
  close(): Promise<void>;
}

export const LOOPBACK_HOST = '127.0.0.1';
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

const ROUTES: ReadonlyMap<string, MethodName> = new Map(METHOD_NAMES.map((name) => [httpRoute(name), name]));

const err = (code: string, message: string, messageZh: string, details?: Record<string, unknown>): ErrorPayload =>
  new PlannerError(code, message, messageZh, details).toPayload();

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? newToken();
  const tokenBuf = Buffer.from(token, 'utf8');
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const hub = new SseHub(opts.keepAliveMs ?? 15_000);
  const staticDir = path.resolve(opts.staticDir);
  let port = 0;

  const tokenMatches = (given: string | undefined | null): boolean => {
    if (!given) return false;
    const buf = Buffer.from(given, 'utf8');
    return buf.length === tokenBuf.length && timingSafeEqual(buf, tokenBuf);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('[web] request failed:', e);
      if (!res.headersSent) sendError(res, toErrorPayload(e));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, port)) {
      sendError(res, err('forbidden_host', 'Host header not allowed', '不允许的 Host 请求头', { host: req.headers.host ?? null }));
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !originAllowed(origin, port)) {
      sendError(res, err('forbidden_origin', 'Origin not allowed', '不允许的来源(Origin)', { origin }));
      return;
    }
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const pathname = q < 0 ? raw : raw.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));

    if (pathname === SSE_ROUTE) {
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
      if (!tokenMatches(query.get('token') ?? headerValue(req, TOKEN_HEADER))) return unauthorized(res);
      hub.attach(res, SECURITY_HEADERS);
      return;
    }
    if (opts.tiles && isVectorTilePath(pathname)) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD');
      if (!tokenMatches(query.get('token') ?? headerValue(req, TOKEN_HEADER))) return unauthorized(res);
      const reply = await vectorTileReply(opts.tiles, pathname, headerValue(req, 'if-none-match'));
      res.writeHead(reply.status, { ...SECURITY_HEADERS, ...reply.headers });
      res.end(req.method === 'HEAD' ? undefined : reply.body ?? undefined);
      return;
    }
    if (opts.basemaps && isBasemapTilePath(pathname)) {
      // Tiles are fetched by maplibre, which cannot set headers: the token comes in the query, as for SSE.
      if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD');
      if (!tokenMatches(query.get('token') ?? headerValue(req, TOKEN_HEADER))) return unauthorized(res);
      const reply = await basemapTileReply(opts.basemaps, pathname);
      res.writeHead(reply.status, { ...SECURITY_HEADERS, ...reply.headers });
      res.end(req.method === 'HEAD' ? undefined : reply.body ?? undefined);
      return;
    }
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      await handleApi(req, res, pathname);
      return;
    }
    serveStatic(req, res, pathname);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (!tokenMatches(headerValue(req, TOKEN_HEADER))) return unauthorized(res);
    if (pathname === UPLOAD_ROUTE && opts.upload) return handleUpload(req, res, opts.upload);
    if (pathname === BRIEFING_FILE_ROUTE && opts.briefingFile) {
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
      const file = opts.briefingFile(new URLSearchParams((req.url ?? '').split('?')[1] ?? '').get('fileId') ?? '');
      if (!file) return sendError(res, err('not_found', 'The briefing file has expired; export it again.', '简报文件已过期,请重新导出。'));
      return sendFile(res, file, SECURITY_HEADERS);
    }
    const name = ROUTES.get(pathname);
    if (!name) {
      const method = pathname.replace(/^\/api\/?/, '');
      sendError(res, err('unknown_method', `Unknown method: ${method}`, `未知方法:${method}`, { method }));
      return;
    }
    if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
    const body = await readBody(req, maxBody);
    if (body === 'too_large') {
      res.setHeader('Connection', 'close');
      sendError(res, err('payload_too_large', `Request body over ${maxBody} bytes`, `请求体超过 ${maxBody} 字节`, { limit: maxBody }));
      res.once('finish', () => req.destroy());
      return;
    }
    let input: unknown = {};
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        sendError(res, err('invalid_json', `Request body is not JSON: ${why}`, `请求体不是有效的 JSON:${why}`, { method: name }));
        return;
      }
    }
    try {
      const result = await dispatch(opts.api, name, input, opts.validateOutput === undefined ? {} : { validateOutput: opts.validateOutput });
      sendJson(res, 200, JSON.stringify(result ?? null));
    } catch (e) {
      const payload = toErrorPayload(e);
      if (payload.code === 'internal' || payload.code === 'invalid_output') console.error(`[web] ${name} failed:`, e);
      sendError(res, payload);
    }
  }

  async function handleUpload(req: IncomingMessage, res: ServerResponse, upload: NonNullable<WebServerOptions['upload']>): Promise<void> {
    if (req.method !== 'PUT') return methodNotAllowed(res, 'PUT');
    const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
    const body = await readBody(req, MAX_UPLOAD_BYTES);
    if (body === 'too_large') {
      res.setHeader('Connection', 'close');
      sendError(res, err('payload_too_large', 'File over 1 GiB', '文件超过 1 GiB', { limit: MAX_UPLOAD_BYTES }));
      res.once('finish', () => req.destroy());
      return;
    }
    try {
      sendJson(res, 200, JSON.stringify(upload(query.get('uploadId') ?? '', query.get('name') ?? '', body)));
    } catch (e) {
      sendError(res, toErrorPayload(e));
    }
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD');
    if (!existsSync(path.join(staticDir, 'index.html'))) {
      res.writeHead(503, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('The renderer is not built: run `npm run build`, then reload.\n界面尚未构建:请先运行 `npm run build`,然后刷新。\n');
      return;
    }
    const found = resolveStatic(staticDir, pathname);
    if (found.kind === 'forbidden') {
      sendError(res, err('forbidden_path', 'Path not allowed', '不允许的路径'));
      return;
    }
    if (found.kind === 'not_found') {
      sendError(res, err('not_found', `Not found: ${pathname}`, `未找到:${pathname}`));
      return;
    }
    const immutable = pathname.startsWith('/assets/');
    res.writeHead(200, {
      // The page's CSP names the network basemap the user chose, if any (the renderer reloads after choosing one).
      ...securityHeaders(opts.basemaps?.networkOrigins() ?? []),
      'Content-Type': found.contentType,
      'Content-Length': String(found.size),
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(found.file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  function unauthorized(res: ServerResponse): void {
    sendError(res, err('unauthorized', 'Missing or wrong token', '缺少访问令牌或令牌错误'));
  }

  function methodNotAllowed(res: ServerResponse, allow: string): void {
    res.setHeader('Allow', allow);
    sendError(res, err('method_not_allowed', `Use ${allow}`, `请使用 ${allow} 请求`));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  const emit = <K extends EventName>(name: K, payload: EventPayload<K>): void => {
    hub.broadcast(name, checkEvent(name, payload));
  };

  return {
    url: `http://${LOOPBACK_HOST}:${port}/?token=${encodeURIComponent(token)}`,
    port,
    token,
    emit,
    close: () =>
      new Promise<void>((resolve, reject) => {
        hub.close();
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  return h === `${LOOPBACK_HOST}:${port}` || h === `localhost:${port}`;
}

function originAllowed(origin: string, port: number): boolean {
  const o = origin.toLowerCase();
  return o === `http://${LOOPBACK_HOST}:${port}` || o === `http://localhost:${port}`;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve('too_large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve('too_large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function sendError(res: ServerResponse, payload: ErrorPayload): void {
  sendJson(res, statusForError(payload.code), errorBody(payload));
}
