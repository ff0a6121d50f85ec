import type { MessagePort } from 'node:worker_threads';
import { workerData } from 'node:worker_threads';
import { toErrorPayload } from '../../../shared/api/planner-error.js';
import { ParcelAssigner } from '../spatial/assigner.js';
import { FeaturePreparer } from './prepare.js';
import { ChunkPacker } from './prepare-chunk.js';
import type { PoolJob, PoolReply, PoolRequest, PoolWorkerData } from './prepare-protocol.js';
import { adoptGbkPairs } from './readers/encoding.js';
import { shapefileSource } from './shapefile-source.js';

/**
 * One prepare worker of a large import (see prepare-pool.ts): it opens the same source file
 * itself, reads the records it is asked for, prepares them (FeaturePreparer) and sends them back
 * packed into a few flat, transferred arrays (prepare-chunk.ts). It never writes the project.
 */
const data = workerData as PoolWorkerData;
const port: MessagePort = data.port;
const signal = new Int32Array(data.signal);

function reply(msg: PoolReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(msg, transfer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

interface Job {
  src: ReturnType<typeof shapefileSource>;
  preparer: FeaturePreparer;
}

/** Set by the 'init' request, which always comes first. */
let job: Job | null = null;

function start(init: PoolJob): Job {
  if (init.gbkPairs) adoptGbkPairs(init.gbkPairs);
  const src = shapefileSource(init.parts, init.encoding);
  const assigner = init.regions ? ParcelAssigner.fromRows(init.regions) : null;
  return { src, preparer: new FeaturePreparer(init.settings, assigner) };
}

let queue: Promise<void> = Promise.resolve();

async function handle(req: PoolRequest): Promise<void> {
  if (req.type === 'init') {
    job = start(req);
    return;
  }
  if (!job) throw new Error(`prepare worker got '${req.type}' before 'init'`);
  const { src, preparer } = job;
  if (req.type === 'chunk') {
    // Each feature goes into the packed chunk as soon as it is prepared (see ChunkPacker).
    const packer = new ChunkPacker(req.k, req.end - req.start);
    for (let i = req.start; i < req.end; i++) {
      const f = src.feature(i);
      if (f) packer.add(preparer.prepare(f));
    }
    const { msg, transfer } = packer.finish();
    reply(msg, transfer);
  } else {
    const e = preparer.extent;
    reply({ type: 'finished', warnings: src.warnings(), extent: [e.minX, e.minY, e.maxX, e.maxY] });
  }
}

port.on('message', (req: PoolRequest) => {
  queue = queue.then(() => handle(req)).catch((err: unknown) => reply({ type: 'error', error: toErrorPayload(err) }));
});
