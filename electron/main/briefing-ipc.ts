import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { FileId, IPC_BRIEFING_FILE_CHANNEL } from '../../shared/api/briefing.js';
import { PlannerError } from '../../shared/api/errors.js';
import type { BriefingFile } from '../core/briefing/tasks.js';
import type { IpcEnvelope } from './ipc.js';

/**
 * The binary side channel for finished briefings (the IPC twin of browser mode's
 * BRIEFING_FILE_ROUTE): the renderer asks for a file id from a briefingFinished event and gets
 * the bytes (structured clone), which it saves through a download.
 */
export function registerBriefingFile(file: (fileId: string) => BriefingFile | null, isTrustedFrame: (url: string) => boolean): () => void {
  ipcMain.handle(IPC_BRIEFING_FILE_CHANNEL, async (event: IpcMainInvokeEvent, fileId: unknown): Promise<IpcEnvelope> => {
    if (!isTrustedFrame(event.senderFrame?.url ?? '')) {
      return { ok: false, error: new PlannerError('forbidden_sender', 'IPC from an untrusted frame', '拒绝来自不受信任页面的调用').toPayload() };
    }
    const id = FileId.safeParse(fileId);
    const found = id.success ? file(id.data) : null;
    if (!found) return { ok: false, error: new PlannerError('not_found', 'The briefing file has expired; export it again.', '简报文件已过期,请重新导出。').toPayload() };
    return { ok: true, value: found.bytes };
  });
  return () => ipcMain.removeHandler(IPC_BRIEFING_FILE_CHANNEL);
}
