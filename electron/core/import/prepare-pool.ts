import os from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { PlannerError } from '../../../shared/api/errors.js';
import type { AssignerRows } from '../spatial/assigner.js';
import type { PrepareSettings, PreparedFeature } from './prepare.js';
import { unpackChunk } from './prepare-chunk.js';
import type { PoolJob, PoolReply, PoolRequest, PoolWorkerData } from './prepare-protocol.js';
import { gbkPairTable } from './readers/encoding.js';
import type { ReaderWarning } from './readers/types.js';
import type { ShapefileParts } from './readers/zip.js';
import { workerEntry } from './worker-entry.js';

/** Records per request: large enough to amortise messaging, small enough to keep memory flat. */
export const POOL_CHUNK = 1000;
/** Requests queued per worker, so no worker waits while the writer inserts. */
const DEPTH = 3;
/**
 * A worker's live data is one chunk, so a small young generation is enough: at 100k parcels 8 MB
 * was as fast as 16 or 32 MB in six interleaved runs (4.96–5.73 s vs 5.02–6.40 s) and peak RSS
 * fell from ~370 to ~348 MB (32 MB: ~400 MB).
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 };
/** A worker silent this long is taken for dead (the writer blocks synchronously, so it cannot see 'exit'). */
const STALL_MS = 120_000;

/** Worker count and size threshold: LANDPLANNER_IMPORT_WORKERS (0 = in-process), LANDPLANNER_IMPORT_POOL_MIN. */
export function poolPlan(count: number): { workers: number } | null {
  const env = process.env['LANDPLANNER_IMPORT_WORKERS'];
  const workers = env !== undefined && env !== '' ? Number(env) : Math.min(os.availableParallelism(), 4);
  const min = Number(process.env['LANDPLANNER_IMPORT_POOL_MIN'] ?? 20000);
  if (!Number.isFinite(workers) || workers < 1 || count < min) return null;
  return { workers: Math.floor(workers) };
}

interface Member {
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
}

/** Starts one prepare worker with no job yet: it loads its code and waits for 'init'. */
function spawn(): Member {
  const { port1, port2 } = new MessageChannel();
  const signal = new SharedArrayBuffer(4);
  const data: PoolWorkerData = { signal, port: port1 };
  // The file's bytes live outside the heap (shared), and a worker's live data is one chunk:
  // small heap limits keep V8 from growing each heap far beyond it (peak RSS at 100k parcels).
  const worker = new Worker(workerEntry('prepare-worker'), { workerData: data, transferList: [port1], resourceLimits: WORKER_HEAP });
  worker.unref();
  return { worker, port: port2, signal: new Int32Array(signal) };
}

/** Workers started ahead by prewarmPool, for the next PreparePool. */
let spare: Member[] = [];

/**
 * Starts the workers of a pooled import of about `count` records now, so they load their code
 * while the file is opened and the import planned (that load was on the import's critical path).
 * Does nothing below the pool's threshold or when workers are already waiting. Unused spares
 * do not keep the process alive.
 */
export function prewarmPool(count: number): void {
  const plan = poolPlan(count);
  if (!plan || spare.length > 0) return;
  spare = Array.from({ length: plan.workers }, spawn);
}

export interface PoolOptions {
  parts: ShapefileParts;
  encoding: string | null;
  settings: PrepareSettings;
  /** the blocks and zones for the parcel assigner (parcels), else null */
  regions: AssignerRows | null;
  workers: number;
  count: number;
}

/**
 * Prepares the records of a large import in worker threads while the calling thread writes
 * them, in file order, inside its one transaction. The writer stays synchronous (better-sqlite3
 * transactions are): it blocks on a shared counter (Atomics.wait) and takes replies with
 * receiveMessageOnPort. Chunk k goes to worker k mod n, and each worker answers in order.
 */
export class PreparePool {
  private readonly members: Member[];
  private readonly chunks: number;
  private submitted = 0;

  constructor(private readonly opts: PoolOptions) {
    this.chunks = Math.ceil(opts.count / POOL_CHUNK);
    const warm = spare.splice(0, opts.workers);
    this.members = [...warm, ...Array.from({ length: opts.workers - warm.length }, spawn)];
    for (const m of spare.splice(0)) void m.worker.terminate();
    const gbk = opts.encoding === 'gbk' || opts.encoding === 'gb18030' ? gbkPairTable() : null;
    const job: PoolJob = { parts: opts.parts, encoding: opts.encoding, settings: opts.settings, regions: opts.regions, gbkPairs: gbk };
    for (const m of this.members) m.port.postMessage({ type: 'init', ...job } satisfies PoolRequest);
    while (this.submitted < Math.min(this.chunks, DEPTH * this.members.length)) this.submitNext();
  }

  /** Chunk count; records [k*POOL_CHUNK, (k+1)*POOL_CHUNK) ∩ [0, count). */
  get size(): number {
    return this.chunks;
  }

  private member(k: number): Member {
    return this.members[k % this.members.length] as Member;
  }

  private submitNext(): void {
    const k = this.submitted++;
    const req: PoolRequest = { type: 'chunk', k, start: k * POOL_CHUNK, end: Math.min(this.opts.count, (k + 1) * POOL_CHUNK) };
    this.member(k).port.postMessage(req);
  }

  private receive(m: Member): PoolReply {
    const deadline = Date.now() + STALL_MS;
    for (;;) {
      const seen = Atomics.load(m.signal, 0);
      const got = receiveMessageOnPort(m.port);
      if (got) return got.message as PoolReply;
      // A worker that died (out of memory, killed) cannot tell us: its resourceLimits go empty.
      if (Object.keys(m.worker.resourceLimits ?? {}).length === 0) {
        throw new PlannerError('import_failed', 'An import worker stopped (out of memory?); nothing was changed.', '导入工作线程意外退出(内存不足?),项目未作修改。');
      }
      if (Date.now() > deadline) {
        throw new PlannerError('import_failed', 'An import worker stopped answering; nothing was changed.', '导入工作线程无响应,项目未作修改。');
      }
      Atomics.wait(m.signal, 0, seen, 1000);
    }
  }

  private expect<T extends PoolReply['type']>(m: Member, type: T): Extract<PoolReply, { type: T }> {
    const msg = this.receive(m);
    if (msg.type === 'error') throw PlannerError.fromPayload(msg.error);
    if (msg.type !== type) throw new PlannerError('import_failed', `An import worker sent ${msg.type} for ${type}.`, '导入工作线程返回了意外的消息。');
    return msg as Extract<PoolReply, { type: T }>;
  }

  /** The prepared features of chunk k (call for k = 0, 1, 2 … in order), unpacked. */
  take(k: number): PreparedFeature[] {
    const msg = this.expect(this.member(k), 'chunk');
    if (msg.k !== k) throw new PlannerError('import_failed', `An import worker answered chunk ${msg.k} for ${k}.`, '导入工作线程返回的数据顺序有误。');
    if (this.submitted < this.chunks) this.submitNext();
    return unpackChunk(msg);
  }

  /** After the last chunk: the reader warnings and lon/lat extents of every worker. */
  finish(): { warnings: ReaderWarning[][]; extents: [number, number, number, number][] } {
    const warnings: ReaderWarning[][] = [];
    const extents: [number, number, number, number][] = [];
    for (const m of this.members) m.port.postMessage({ type: 'finish' } satisfies PoolRequest);
    for (const m of this.members) {
      const msg = this.expect(m, 'finished');
      warnings.push(msg.warnings);
      extents.push(msg.extent);
    }
    return { warnings, extents };
  }

  close(): void {
    for (const m of this.members) {
      m.port.close();
      void m.worker.terminate();
    }
  }
}
