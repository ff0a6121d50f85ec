import fs from 'node:fs';
import path from 'node:path';
import { PlannerError } from '../../../shared/api/errors.js';

/** Environment variable naming the Chromium (or Chrome, Edge) executable that prints briefings. */
export const CHROMIUM_ENV = 'LANDPLANNER_CHROMIUM';

/** Debian's package first, then the usual names on PATH; on Windows the usual install folders. */
const DEFAULT_LOCATIONS = ['/usr/bin/chromium'];
const NAMES_ON_PATH = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function windowsLocations(env: NodeJS.ProcessEnv): string[] {
  const roots = [env['ProgramFiles'], env['ProgramFiles(x86)'], env['LOCALAPPDATA']].filter((r): r is string => Boolean(r));
  return roots.flatMap((r) => [
    path.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
    path.join(r, 'Chromium', 'Application', 'chrome.exe'),
    // Every Windows 10/11 machine has Edge, which is Chromium and prints the same PDF.
    path.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
  ]);
}

function isExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (isExecutable(file)) return file;
  }
  return null;
}

function notFound(tried: string[], given: string | null): PlannerError {
  const list = tried.join(', ');
  if (given) {
    return new PlannerError(
      'chromium_not_found',
      `Chromium not found at ${given} (given by --chromium or ${CHROMIUM_ENV}); briefings are printed through Chromium.`,
      `在 ${given} 未找到 Chromium 浏览器(由 --chromium 或 ${CHROMIUM_ENV} 指定);生成简报需要 Chromium。`,
      { tried },
    );
  }
  return new PlannerError(
    'chromium_not_found',
    `No Chromium found to print briefings (tried ${list}). Install it (Debian/Ubuntu: apt install chromium) or give its path with --chromium or ${CHROMIUM_ENV}.`,
    `未找到用于生成简报的 Chromium 浏览器(已查找 ${list})。请安装(Debian/Ubuntu:apt install chromium),或用 --chromium 参数、环境变量 ${CHROMIUM_ENV} 指定其路径。`,
    { tried },
  );
}

/**
 * The Chromium that prints briefings: `explicit` (a setting or --chromium), else $LANDPLANNER_CHROMIUM,
 * else /usr/bin/chromium, else chromium / chromium-browser / google-chrome on PATH (Chrome or Edge
 * in their usual folders on Windows). A path that was asked for and is missing is an error, never
 * silently replaced by another browser.
 */
export function findChromium(explicit: string | null | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const given = explicit || env[CHROMIUM_ENV] || null;
  if (given) {
    if (isExecutable(given)) return given;
    throw notFound([given], given);
  }
  const tried: string[] = [];
  const candidates = process.platform === 'win32' ? windowsLocations(env) : DEFAULT_LOCATIONS;
  for (const file of candidates) {
    tried.push(file);
    if (isExecutable(file)) return file;
  }
  for (const name of NAMES_ON_PATH) {
    tried.push(`${name} (PATH)`);
    const found = onPath(process.platform === 'win32' ? `${name}.exe` : name, env);
    if (found) return found;
  }
  throw notFound(tried, null);
}
