import type { Api, EventListener, MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract.js';
import { UploadResult } from '../../../shared/api/import.js';
import { buildApi } from './build-api.js';
import { toPlannerError } from './errors.js';
import type { ApiClient, PlannerBridge } from './planner-bridge.js';

/** The contract over the Electron preload (`window.planner`). */
export function createElectronClient(bridge: PlannerBridge): ApiClient {
  const methods: Api = bridge;
  const call = async <K extends MethodName>(name: K, input: MethodInput<K>): Promise<MethodOutput<K>> => {
    const method: Api[K] = methods[name];
    try {
      return await method(input);
    } catch (err) {
      throw toPlannerError(err);
    }
  };
  return {
    ...buildApi(call),
    transport: 'electron',
    // app://renderer/…: the main process serves these routes beside the renderer's files (app-protocol.ts).
    resourceUrl: (path: string) => `${window.location.origin}${path}`,
    async upload(uploadId: string, file: File) {
      try {
        return UploadResult.parse(await bridge.upload(uploadId, file.name, await file.arrayBuffer()));
      } catch (err) {
        throw toPlannerError(err);
      }
    },
    async briefingFile(fileId: string, mime: string) {
      try {
        const bytes = await bridge.briefingFile(fileId);
        return new Blob([bytes instanceof Uint8Array ? new Uint8Array(bytes) : bytes], { type: mime });
      } catch (err) {
        throw toPlannerError(err);
      }
    },
    onEvent(listener: EventListener) {
      const off = bridge.onEvent(listener);
      return typeof off === 'function' ? off : () => undefined;
    },
  };
}
