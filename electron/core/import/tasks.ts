import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { PlannerError } from '../../../shared/api/errors.js';
import type { ImportPreview, ImportReport, LedgerPreview, LedgerReport } from '../../../shared/api/import.js';
import type { JobOptions, WorkerJob, WorkerMessage } from './worker-protocol.js';
import { workerEntry } from './worker-entry.js';

interface Running {
  cancel: Int32Array;
  worker: Worker;
}

/** Runs imports and previews in worker threads; one import at a time per project. */
export class ImportTasks {
  private readonly running = new Map<string, Running>();
  private importing: string | null = null;

  constructor(private readonly projectPath: string) {}

  /** Starts a job; resolves when it ends. `onProgress` gets (done, total). */
  run(mode: 'check', paths: string[], options: JobOptions, onProgress?: (d: number, t: number) => void, taskId?: string): Promise<ImportPreview | LedgerPreview>;
  run(mode: 'import', paths: string[], options: JobOptions, onProgress?: (d: number, t: number) => void, taskId?: string): Promise<ImportReport | LedgerReport>;
  run(mode: WorkerJob['mode'], paths: string[], options: JobOptions, onProgress?: (d: number, t: number) => void, taskId: string = randomUUID()): Promise<ImportPreview | ImportReport | LedgerPreview | LedgerReport> {
    if (mode === 'import') {
      if (this.importing) {
        throw new PlannerError('import_busy', 'Another import is running; wait for it or cancel it.', '另一个导入正在进行,请等待完成或取消。', { taskId: this.importing });
      }
      this.importing = taskId;
    }
    const cancel = new SharedArrayBuffer(4);
    const job: WorkerJob = { mode, projectPath: this.projectPath, paths, options, cancel };
    const worker = new Worker(workerEntry('import-worker'), { workerData: job });
    this.running.set(taskId, { cancel: new Int32Array(cancel), worker });
    return new Promise<ImportPreview | ImportReport | LedgerPreview | LedgerReport>((resolve, reject) => {
      let settled = false;
      const finish = (): void => {
        settled = true;
        this.running.delete(taskId);
        if (this.importing === taskId) this.importing = null;
      };
      worker.on('message', (msg: WorkerMessage) => {
        if (msg.type === 'progress') onProgress?.(msg.done, msg.total);
        else if (msg.type === 'done') {
          finish();
          resolve((msg.preview ?? msg.report) as ImportPreview | ImportReport | LedgerPreview | LedgerReport);
        } else {
          finish();
          reject(PlannerError.fromPayload(msg.error));
        }
      });
      worker.on('error', (err) => {
        if (settled) return;
        finish();
        reject(new PlannerError('import_failed', `The import stopped: ${err.message}`, `导入意外中止:${err.message}`));
      });
      worker.on('exit', (code) => {
        if (settled) return;
        finish();
        reject(new PlannerError('import_failed', `The import worker exited (${code}) before finishing; nothing was changed.`, `导入进程提前退出(${code}),项目未作修改。`));
      });
    });
  }

  /** Asks a running task to stop; it rolls back and rejects with 'cancelled'. */
  cancel(taskId: string): boolean {
    const r = this.running.get(taskId);
    if (!r) return false;
    Atomics.store(r.cancel, 0, 1);
    return true;
  }

  async dispose(): Promise<void> {
    for (const [id, r] of this.running) {
      this.cancel(id);
      await r.worker.terminate();
    }
  }
}
