import path from 'node:path';
import { BrowserWindow, dialog, ipcMain } from 'electron';
import type { IpcMainInvokeEvent, OpenDialogOptions } from 'electron';
import { BASEMAP_FILE_EXTENSIONS, IPC_PICK_BASEMAP_CHANNEL } from '../../shared/api/basemap.js';
import { PlannerError } from '../../shared/api/errors.js';
import type { IpcEnvelope } from './ipc.js';

const DIALOG: OpenDialogOptions = {
  title: '选择底图文件(MBTiles / PMTiles) · Choose a basemap file',
  properties: ['openFile'],
  filters: [{ name: 'MBTiles / PMTiles', extensions: [...BASEMAP_FILE_EXTENSIONS] }],
};

/**
 * `pickBasemapFile()`: the main process shows the system file dialog and answers with the chosen
 * path (null when cancelled). It takes no arguments, answers only our own page, and returns only
 * a path the user picked with one of the basemap extensions; the core then opens and checks the
 * file when the renderer calls setBasemap with it.
 */
export function registerBasemapDialog(isTrustedFrame: (url: string) => boolean): () => void {
  ipcMain.handle(IPC_PICK_BASEMAP_CHANNEL, async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<IpcEnvelope> => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isTrustedFrame(frameUrl)) {
      return { ok: false, error: new PlannerError('forbidden_sender', `IPC from an untrusted frame: ${frameUrl}`, `拒绝来自不受信任页面的调用:${frameUrl}`).toPayload() };
    }
    if (args.length > 0) {
      return { ok: false, error: new PlannerError('invalid_input', 'pickBasemapFile() takes no arguments', 'pickBasemapFile() 不接受参数').toPayload() };
    }
    const owner = BrowserWindow.fromWebContents(event.sender);
    const result = owner ? await dialog.showOpenDialog(owner, DIALOG) : await dialog.showOpenDialog(DIALOG);
    const file = result.canceled ? undefined : result.filePaths[0];
    if (!file) return { ok: true, value: null };
    const ext = path.extname(file).slice(1).toLowerCase();
    if (!(BASEMAP_FILE_EXTENSIONS as readonly string[]).includes(ext)) {
      return {
        ok: false,
        error: new PlannerError('basemap_file_invalid', `Choose a .mbtiles or .pmtiles file: ${file}`, `请选择 .mbtiles 或 .pmtiles 文件:${file}`, { path: file }).toPayload(),
      };
    }
    return { ok: true, value: file };
  });
  return () => ipcMain.removeHandler(IPC_PICK_BASEMAP_CHANNEL);
}
