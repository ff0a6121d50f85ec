/**
 * A stand-in for the `electron` module (the real one cannot load under Node: it downloads its
 * binary on first require), faithful where the bridge depends on it:
 * - ipcRenderer.invoke → the ipcMain handler, arguments and result structured-cloned as Electron's
 *   IPC serializes them, the sender frame being our app:// page;
 * - contextBridge.exposeInMainWorld copies the API; a rejected call reaches the page as a new Error
 *   carrying only the original message, as contextBridge does;
 * - webContents.send → ipcRenderer.on listeners, payload cloned.
 * Only electron/main/ipc.ts and electron/preload/preload.ts run against it.
 */
type MainHandler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown;
type RendererListener = (event: unknown, ...args: unknown[]) => void;

const handlers = new Map<string, MainHandler>();
const rendererListeners = new Map<string, Set<RendererListener>>();
export const mainWorld: Record<string, unknown> = {};
export const senderFrame = { url: 'app://renderer/index.html' };

export const ipcMain = {
  handle(channel: string, handler: MainHandler): void {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    handlers.delete(channel);
  },
};

export const ipcRenderer = {
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered`);
    return structuredClone(await handler({ senderFrame: { ...senderFrame } }, ...structuredClone(args)));
  },
  on(channel: string, listener: RendererListener): void {
    const set = rendererListeners.get(channel) ?? new Set<RendererListener>();
    set.add(listener);
    rendererListeners.set(channel, set);
  },
  removeListener(channel: string, listener: RendererListener): void {
    rendererListeners.get(channel)?.delete(listener);
  },
};

function acrossBridge(value: unknown): unknown {
  if (typeof value !== 'function') return value;
  const fn = value as (...args: unknown[]) => unknown;
  return async (...args: unknown[]) => {
    try {
      return await fn(...args);
    } catch (e) {
      throw new Error(e instanceof Error ? e.message : String(e));
    }
  };
}

export const contextBridge = {
  exposeInMainWorld(key: string, api: Record<string, unknown>): void {
    mainWorld[key] = Object.fromEntries(Object.entries(api).map(([k, v]) => [k, k === 'onEvent' ? v : acrossBridge(v)]));
  },
};

const webContents = {
  send(channel: string, ...args: unknown[]): void {
    for (const l of rendererListeners.get(channel) ?? []) l({}, ...structuredClone(args));
  },
};

/** Imported by electron/main/app-protocol.ts; the contract tests never serve pages. */
export const protocol = {
  registerSchemesAsPrivileged(): void {},
  handle(): void {},
};

export class BrowserWindow {
  static getAllWindows(): { isDestroyed(): boolean; webContents: typeof webContents }[] {
    return [{ isDestroyed: () => false, webContents }];
  }
}
