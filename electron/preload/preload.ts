import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { ErrorPayload, IPC_EVENT_CHANNEL, IPC_UPLOAD_CHANNEL, METHOD_NAMES, ipcChannel } from '../../shared/api/index.js';
import type { Api, EventName, EventPayload, MethodName, UploadResult } from '../../shared/api/index.js';
import { IPC_PICK_BASEMAP_CHANNEL } from '../../shared/api/basemap.js';
import { IPC_BRIEFING_FILE_CHANNEL } from '../../shared/api/briefing.js';

/**
 * Exposes the contract — and nothing else — as `window.planner`: one function per METHOD_NAMES
 * entry (derived, never listed by hand) plus `onEvent`. No raw ipcRenderer crosses the bridge.
 *
 * Errors: the main process answers with an envelope (electron/main/ipc.ts). contextBridge copies
 * only an Error's message, so a failure is thrown as `new Error('PlannerError ' + JSON(payload))`;
 * the renderer rebuilds a PlannerError from the JSON after the first '{'.
 */
type Envelope = { ok: true; value: unknown } | { ok: false; error: unknown };
type EventMessage = { name: EventName; payload: EventPayload<EventName> };
type PlannerEventListener = <K extends EventName>(name: K, payload: EventPayload<K>) => void;
type PlannerBridge = Api & {
  onEvent(listener: PlannerEventListener): () => void;
  upload(uploadId: string, name: string, bytes: ArrayBuffer): Promise<UploadResult>;
  /** The system file dialog for a basemap file (.mbtiles/.pmtiles): its path, or null when cancelled. */
  pickBasemapFile(): Promise<string | null>;
  /** A finished briefing's bytes by the file id of its briefingFinished event. */
  briefingFile(fileId: string): Promise<Uint8Array>;
};

const BRIDGE_ERROR_PREFIX = 'PlannerError ';

function bridgeError(error: unknown): Error {
  const parsed = ErrorPayload.safeParse(error);
  const payload: ErrorPayload = parsed.success
    ? parsed.data
    : { code: 'internal', message: 'Malformed reply from the main process', messageZh: '主进程返回了无法识别的结果' };
  return new Error(BRIDGE_ERROR_PREFIX + JSON.stringify(payload));
}

async function invoke(name: MethodName, input: unknown): Promise<unknown> {
  const reply = (await ipcRenderer.invoke(ipcChannel(name), input ?? {})) as Envelope;
  if (reply && reply.ok === true) return reply.value;
  throw bridgeError(reply && reply.ok === false ? reply.error : undefined);
}

const methods = Object.fromEntries(
  METHOD_NAMES.map((name) => [name, (input: unknown) => invoke(name, input)] as const),
) as unknown as Api;

const bridge: PlannerBridge = {
  ...methods,
  async upload(uploadId: string, name: string, bytes: ArrayBuffer): Promise<UploadResult> {
    const reply = (await ipcRenderer.invoke(IPC_UPLOAD_CHANNEL, uploadId, name, bytes)) as Envelope;
    if (reply && reply.ok === true) return reply.value as UploadResult;
    throw bridgeError(reply && reply.ok === false ? reply.error : undefined);
  },
  async pickBasemapFile(): Promise<string | null> {
    const reply = (await ipcRenderer.invoke(IPC_PICK_BASEMAP_CHANNEL)) as Envelope;
    if (reply && reply.ok === true) return typeof reply.value === 'string' ? reply.value : null;
    throw bridgeError(reply && reply.ok === false ? reply.error : undefined);
  },
  async briefingFile(fileId: string): Promise<Uint8Array> {
    const reply = (await ipcRenderer.invoke(IPC_BRIEFING_FILE_CHANNEL, fileId)) as Envelope;
    if (reply && reply.ok === true && reply.value instanceof Uint8Array) return reply.value;
    throw bridgeError(reply && reply.ok === false ? reply.error : undefined);
  },
  onEvent(listener: PlannerEventListener): () => void {
    const handler = (_event: IpcRendererEvent, msg: EventMessage): void => listener(msg.name, msg.payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('planner', bridge);
