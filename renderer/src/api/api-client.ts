import { createElectronClient } from './electron-client.js';
import { createHttpClient } from './http-client.js';
import type { ApiClient } from './planner-bridge.js';
import { takeToken } from './token.js';

/**
 * The renderer's only way to the backend (DESIGN §2): the Electron preload's `window.planner` when
 * present, otherwise browser mode over HTTP + SSE on the page's own origin.
 */
export function createApiClient(): ApiClient {
  if (window.planner) return createElectronClient(window.planner);
  return createHttpClient(takeToken(window.location, window.history, window.sessionStorage));
}
