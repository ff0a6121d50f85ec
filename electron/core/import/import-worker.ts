import { parentPort, workerData } from 'node:worker_threads';
import { toErrorPayload } from '../../../shared/api/errors.js';
import { isLedgerLayerId } from '../../../shared/domain/ledger-mapping.js';
import { checkLedgerFile, importLedgerFile } from '../ledgers/index.js';
import { Project } from '../project/project.js';
import { checkImport } from './check.js';
import { planImport, runImport } from './pipeline.js';
import { prewarmPool } from './prepare-pool.js';
import { shxRecordHint } from './shapefile-source.js';
import { openImportSource } from './source.js';
import type { WorkerJob, WorkerMessage } from './worker-protocol.js';

/**
 * The import, off the main thread: its own connection to the project file, one transaction,
 * progress messages, and a shared cancel flag polled between chunks (the loop is synchronous).
 */
async function run(job: WorkerJob): Promise<WorkerMessage> {
  const flag = new Int32Array(job.cancel);
  const hooks = {
    onProgress: (done: number, total: number) => parentPort?.postMessage({ type: 'progress', done, total } satisfies WorkerMessage),
    shouldCancel: () => Atomics.load(flag, 0) === 1,
  };
  const options = job.options;
  if (isLedgerLayerId(options.layer)) {
    const ledger = { ...options, layer: options.layer };
    const project = Project.open(job.projectPath);
    try {
      const file = job.paths[0] ?? '';
      if (job.mode === 'check') return { type: 'done', preview: await checkLedgerFile(file, ledger, project, hooks) };
      return { type: 'done', report: await importLedgerFile(project, file, ledger, hooks) };
    } finally {
      project.close();
    }
  }
  const mapOptions = { ...options, layer: options.layer };
  prewarmPool(shxRecordHint(job.paths) ?? 0);
  const src = await openImportSource(job.paths, mapOptions.encoding);
  if (src.shared) prewarmPool(src.count);
  const project = Project.open(job.projectPath);
  try {
    if (job.mode === 'check') return { type: 'done', preview: checkImport(src, mapOptions, hooks, project) };
    const plan = planImport(project.db, src, mapOptions);
    return { type: 'done', report: runImport(project, src, plan, mapOptions, hooks) };
  } finally {
    project.close();
  }
}

run(workerData as WorkerJob)
  .then((msg) => parentPort?.postMessage(msg))
  .catch((err: unknown) => parentPort?.postMessage({ type: 'error', error: toErrorPayload(err) } satisfies WorkerMessage));
