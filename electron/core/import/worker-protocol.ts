import type { ErrorPayload } from '../../../shared/api/errors.js';
import type { ImportPreview, ImportReport, LedgerPreview, LedgerReport } from '../../../shared/api/import.js';
import type { LedgerImportOptions } from '../ledgers/plan.js';
import type { ImportOptions } from './pipeline.js';

/** A map layer's import, or a ledger's (layer transfers / factories: electron/core/ledgers). */
export type JobOptions = ImportOptions | LedgerImportOptions;

/** Messages between the import task runner (main thread) and the import worker thread. */
export interface WorkerJob {
  mode: 'check' | 'import';
  projectPath: string;
  paths: string[];
  options: JobOptions;
  /** Int32Array over a SharedArrayBuffer: [0] = 1 asks the worker to cancel (it rolls back). */
  cancel: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; preview?: ImportPreview | LedgerPreview; report?: ImportReport | LedgerReport }
  | { type: 'error'; error: ErrorPayload };
