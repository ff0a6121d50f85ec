import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { SECURITY_HEADERS } from '../web/security-headers.js';
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

export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const found = resolveStatic(rendererDir, url.pathname);
    if (found.kind !== 'file') return new Response(found.kind === 'forbidden' ? 'Forbidden' : 'Not found', { status: found.kind === 'forbidden' ? 403 : 404 });
    const body = await readFile(found.file);
    return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': found.contentType } });
  });
}
