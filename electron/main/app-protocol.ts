import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import type { BasemapService } from '../core/basemap/basemap-service.js';
import { basemapTileReply, isBasemapTilePath } from '../core/basemap/tile-route.js';
import { isVectorTilePath, vectorTileReply } from '../core/tiles/tile-route.js';
import type { TileService } from '../core/tiles/tile-service.js';
import { SECURITY_HEADERS, securityHeaders } from '../web/security-headers.js';
import { resolveStatic } from '../web/static-files.js';

/**
 * The renderer is served from `app://renderer/…` rather than file://: a real, secure origin for
 * fetch, workers and CSP, and no access to the rest of the disk. The scheme must be registered as
 * privileged before `app.ready`; the handler after.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Routes served beside the renderer's files on app://renderer/. */
export interface AppRoutes {
  /** Basemap tiles at app://renderer/api/basemap/tiles/… (the same path as browser mode's, no token: only our page loads app://). */
  basemaps?: Pick<BasemapService, 'tile' | 'networkOrigins'>;
  /** The layers' vector tiles at app://renderer/tiles/<layer>/<z>/<x>/<y>.pbf (the browser-mode path; no token: only our page loads app://). */
  tiles?: Pick<TileService, 'tile'>;
}

export function handleAppProtocol(rendererDir: string, routes: AppRoutes = {}): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    if (routes.tiles && isVectorTilePath(url.pathname)) {
      const reply = await vectorTileReply(routes.tiles, url.pathname, request.headers.get('if-none-match'));
      return new Response(reply.body, { status: reply.status, headers: { ...SECURITY_HEADERS, ...reply.headers } });
    }
    if (routes.basemaps && isBasemapTilePath(url.pathname)) {
      const reply = await basemapTileReply(routes.basemaps, url.pathname);
      // A copy: Response wants an ArrayBuffer-backed view; the readers return views of Node buffers.
      return new Response(reply.body && new Uint8Array(reply.body), { status: reply.status, headers: { ...SECURITY_HEADERS, ...reply.headers } });
    }
    const found = resolveStatic(rendererDir, url.pathname);
    if (found.kind !== 'file') return new Response(found.kind === 'forbidden' ? 'Forbidden' : 'Not found', { status: found.kind === 'forbidden' ? 403 : 404 });
    const body = await readFile(found.file);
    // The page's CSP names the network basemap the user chose, if any (the renderer reloads after choosing one).
    const headers = { ...securityHeaders(routes.basemaps?.networkOrigins() ?? []), 'Content-Type': found.contentType };
    return new Response(body, { status: 200, headers });
  });
}
