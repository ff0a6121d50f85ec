import { BrowserWindow, ipcMain } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, METHOD_NAMES, ipcChannel } from '../../shared/api/contract.js';
import type { Api, EventListener, EventName, EventPayload } from '../../shared/api/contract.js';
import { PlannerError, toErrorPayload } from '../../shared/api/errors.js';
import type { ErrorPayload } from '../../shared/api/errors.js';
import { IPC_UPLOAD_CHANNEL, type UploadResult } from '../../shared/api/import.js';
import { checkEvent, dispatch } from '../web/dispatch.js';

/**
 * What every `ipcMain.handle` returns. Errors travel as data, not as throws: Electron turns a
 * thrown error into "Error invoking remote method …" with only its message, which would lose
 * the code, the Chinese message and the details. preload.ts unwraps this shape.
 */
export type IpcEnvelope = { ok: true; value: unknown } | { ok: false; error: ErrorPayload };

/**
 * Registers one handler per contract method, channel names derived from the contract. Input is
 * parsed with the method's schema (in `dispatch`) before the core sees it; calls from frames
 * that are not our own renderer are refused.
 */
export function registerIpc(
  api: Api,
  isTrustedFrame: (url: string) => boolean,
  upload?: (uploadId: string, name: string, bytes: Uint8Array) => UploadResult,
): () => void {
  if (upload) {
    // The binary side channel for imported files: bytes arrive as an ArrayBuffer (structured clone).
    ipcMain.handle(IPC_UPLOAD_CHANNEL, async (event: IpcMainInvokeEvent, uploadId: unknown, name: unknown, bytes: unknown): Promise<IpcEnvelope> => {
      if (!isTrustedFrame(event.senderFrame?.url ?? '')) {
        return { ok: false, error: new PlannerError('forbidden_sender', 'IPC from an untrusted frame', '拒绝来自不受信任页面的调用').toPayload() };
      }
      if (typeof uploadId !== 'string' || typeof name !== 'string' || !(bytes instanceof ArrayBuffer || bytes instanceof Uint8Array)) {
        return { ok: false, error: new PlannerError('invalid_input', 'upload(uploadId: string, name: string, bytes: ArrayBuffer)', '上传参数无效').toPayload() };
      }
      try {
        return { ok: true, value: upload(uploadId, name, bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)) };
      } catch (e) {
        return { ok: false, error: toErrorPayload(e) };
      }
    });
  }
  for (const name of METHOD_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event: IpcMainInvokeEvent, raw: unknown): Promise<IpcEnvelope> => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (!isTrustedFrame(frameUrl)) {
        const error = new PlannerError('forbidden_sender', `IPC from an untrusted frame: ${frameUrl}`, `拒绝来自不受信任页面的调用:${frameUrl}`);
        return { ok: false, error: error.toPayload() };
      }
      try {
        return { ok: true, value: await dispatch(api, name, raw ?? {}) };
      } catch (e) {
        const error = toErrorPayload(e);
        if (error.code === 'internal' || error.code === 'invalid_output') console.error(`[ipc] ${name} failed:`, e);
        return { ok: false, error };
      }
    });
  }
  return () => {
    for (const name of METHOD_NAMES) ipcMain.removeHandler(ipcChannel(name));
    if (upload) ipcMain.removeHandler(IPC_UPLOAD_CHANNEL);
  };
}

/** Events from the core, checked against their schema, sent to every open window. */
export function createIpcEmitter(): EventListener {
  return <K extends EventName>(name: K, payload: EventPayload<K>): void => {
    const checked = checkEvent(name, payload);
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, { name, payload: checked });
    }
  };
}
