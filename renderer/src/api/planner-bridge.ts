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
  /** A finished briefing's bytes (IPC_BRIEFING_FILE_CHANNEL). */
  briefingFile(fileId: string): Promise<ArrayBuffer | Uint8Array>;
  /** Electron only: the system file dialog for a basemap file (.mbtiles/.pmtiles); null when cancelled. */
  pickBasemapFile?(): Promise<string | null>;
};

/** What the renderer holds, whichever bridge is underneath. */
export type ApiClient = Api & {
  onEvent(listener: EventListener): Unsubscribe;
  /** Sends one file of an import group; files sharing `uploadId` form one source (a shapefile's parts). */
  upload(uploadId: string, file: File): Promise<UploadResult>;
  /** A finished briefing (PDF/PNG) by the file id of its briefingFinished event. */
  briefingFile(fileId: string, mime: string): Promise<Blob>;
  readonly transport: 'electron' | 'http';
  /**
   * The absolute URL of a GET route of the core that the page fetches without this client —
   * maplibre's vector tiles, basemap tiles: the page's own origin + `path`, with `?token=` in
   * browser mode (maplibre's requests carry no custom header). `path` may hold {z}/{x}/{y}.
   */
  resourceUrl(path: string): string;
};
