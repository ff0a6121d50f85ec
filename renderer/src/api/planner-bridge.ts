import type { Api, EventListener } from '../../../shared/api/contract.js';
import type { UploadResult } from '../../../shared/api/import.js';

/** Stops a subscription. */
export type Unsubscribe = () => void;

/**
 * What the Electron preload exposes as `window.planner`: every contract method, plus the event
 * stream. Derived from `Api`, so a method added to the contract appears here by itself.
 */
export type PlannerBridge = Api & {
  onEvent(listener: EventListener): Unsubscribe | void;
  /** Binary side channel for import files (IPC_UPLOAD_CHANNEL): one file's bytes per call. */
  upload(uploadId: string, name: string, bytes: ArrayBuffer): Promise<UploadResult>;
};

/** What the renderer holds, whichever bridge is underneath. */
export type ApiClient = Api & {
  onEvent(listener: EventListener): Unsubscribe;
  /** Sends one file of an import group; files sharing `uploadId` form one source (a shapefile's parts). */
  upload(uploadId: string, file: File): Promise<UploadResult>;
  readonly transport: 'electron' | 'http';
};
