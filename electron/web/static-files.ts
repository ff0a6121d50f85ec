import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Static files of the built renderer, shared by browser mode (HTTP) and the Electron `app://`
 * protocol. Kept free of `electron` so it runs under plain Node.
 */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pbf': 'application/x-protobuf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticResolution =
  | { kind: 'file'; file: string; contentType: string; size: number }
  | { kind: 'not_found' }
  | { kind: 'forbidden' };

/**
 * Maps a URL path to a file under `root`. Paths that escape `root` (after decoding `%2e%2e`,
 * backslashes, NUL) are refused. A path without an extension that names no file falls back to
 * index.html, so client-side routes reload correctly; a missing asset stays a 404.
 */
export function resolveStatic(root: string, urlPath: string): StaticResolution {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'forbidden' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'forbidden' };
  const rootAbs = path.resolve(root);
  const rel = decoded.replace(/^\/+/, '');
  const candidate = path.resolve(rootAbs, rel);
  if (candidate !== rootAbs && !candidate.startsWith(rootAbs + path.sep)) return { kind: 'forbidden' };

  const asFile = fileAt(candidate);
  if (asFile) return asFile;
  const index = fileAt(path.join(candidate, 'index.html'));
  if (index && (candidate === rootAbs || isDir(candidate))) return index;
  if (path.extname(candidate) === '') {
    const fallback = fileAt(path.join(rootAbs, 'index.html'));
    if (fallback) return fallback;
  }
  return { kind: 'not_found' };
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function fileAt(p: string): StaticResolution | null {
  if (!existsSync(p)) return null;
  try {
    const st = statSync(p);
    if (!st.isFile()) return null;
    return { kind: 'file', file: p, contentType: contentTypeFor(p), size: st.size };
  } catch {
    return null;
  }
}
