import type { ErrorPayload } from '../../../shared/api/errors.js';
import type { ImportPreview, ImportReport } from '../../../shared/api/import.js';
import type { ImportOptions } from './pipeline.js';

/** Messages between the import task runner (main thread) and the import worker thread. */
export interface WorkerJob {
  mode: 'check' | 'import';
  projectPath: string;
  paths: string[];
  options: ImportOptions;
  /** Int32Array over a SharedArrayBuffer: [0] = 1 asks the worker to cancel (it rolls back). */
  cancel: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; preview?: ImportPreview; report?: ImportReport }
  | { type: 'error'; error: ErrorPayload };
