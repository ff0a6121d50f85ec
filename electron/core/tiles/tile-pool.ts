import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LayerId } from '../../../shared/api/layers.js';
import { workerEntry } from '../import/worker-entry.js';
import type { EncodedTile } from './tile-cache.js';

export interface TileWorkerData {
  projectPath: string;
}
export interface TileJob {
  id: number;
  layer: LayerId;
  z: number;
  x: number;
  y: number;
}
export type TileReply = { id: number; bytes: Uint8Array<ArrayBuffer>; etag: string } | { id: number; error: string };

interface Pending {
  job: TileJob;
  resolve: (tile: EncodedTile) => void;
  reject: (err: Error) => void;
  /** A tile the page waits for goes before the ones cut ahead of time. */
  urgent: boolean;
}

interface Member {
  worker: Worker;
  busy: Pending | null;
}

/**
 * Workers: LANDPLANNER_TILE_WORKERS (0 = cut in the calling thread), else one per core, at least 2
 * and at most 4. The first view of 100,000 parcels is two tiles of ~50,000 parcels each: cut side
 * by side even on two cores, the page waits least (map bench: 8 s to idle with 2 workers, 10 s with 1).
 */
export function tileWorkerCount(): number {
  const env = process.env['LANDPLANNER_TILE_WORKERS'];
  const n = env !== undefined && env !== '' ? Number(env) : Math.min(Math.max(os.availableParallelism(), 2), 4);
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 0;
}

/**
 * A tile of 50,000 parcels allocates some 100 MB of short-lived objects (GeoJSON, geojson-vt's
 * copies, vt-pbf's points): a large young generation collects them cheaply instead of promoting them.
 */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 96 };

const HERE = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));

/**
 * Tile workers (tile-worker.ts), started on the first job and unref'd (they never keep the process
 * alive): a tile of 50,000 parcels takes a second or more to cut, and in the calling thread it
 * would hold up every other request of the app. One job per worker at a time; urgent jobs (a
 * tile the map asked for) before prefetched ones. A worker that fails takes its job down with an
 * error; the caller cuts in-process from then on.
 */
export class TilePool {
  private readonly members: Member[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private broken: Error | null = null;

  constructor(
    private readonly projectPath: string,
    private readonly size: number,
  ) {}

  get failed(): Error | null {
    return this.broken;
  }

  cut(layer: LayerId, z: number, x: number, y: number, urgent: boolean): Promise<EncodedTile> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise<EncodedTile>((resolve, reject) => {
      const pending: Pending = { job: { id: this.nextId++, layer, z, x, y }, resolve, reject, urgent };
      if (urgent) {
        const firstLazy = this.queue.findIndex((p) => !p.urgent);
        this.queue.splice(firstLazy < 0 ? this.queue.length : firstLazy, 0, pending);
      } else this.queue.push(pending);
      this.start();
      this.pump();
    });
  }

  /** Makes a queued prefetch urgent (the page now waits for that tile). */
  hurry(layer: LayerId, z: number, x: number, y: number): void {
    const i = this.queue.findIndex((p) => !p.urgent && p.job.layer === layer && p.job.z === z && p.job.x === x && p.job.y === y);
    if (i < 0) return;
    const [p] = this.queue.splice(i, 1);
    if (!p) return;
    p.urgent = true;
    const firstLazy = this.queue.findIndex((q) => !q.urgent);
    this.queue.splice(firstLazy < 0 ? this.queue.length : firstLazy, 0, p);
  }

  async dispose(): Promise<void> {
    const err = new Error('The tile workers were stopped');
    for (const p of this.queue.splice(0)) p.reject(err);
    await Promise.all(
      this.members.splice(0).map(async (m) => {
        m.busy?.reject(err);
        await m.worker.terminate();
      }),
    );
  }

  /** Starts the workers now (the app does it at project open: a worker's start-up is not paid by the first tile). */
  start(): void {
    if (this.members.length > 0 || this.broken) return;
    const entry = workerEntry('tile-worker', HERE);
    for (let i = 0; i < this.size; i++) {
      const worker = new Worker(entry, { workerData: { projectPath: this.projectPath } satisfies TileWorkerData, resourceLimits: WORKER_HEAP });
      worker.unref();
      const member: Member = { worker, busy: null };
      worker.on('message', (reply: TileReply) => this.finish(member, reply));
      worker.on('error', (err) => this.fail(member, err));
      worker.on('exit', (code) => this.fail(member, new Error(`tile worker exited (${code})`)));
      this.members.push(member);
    }
  }

  private pump(): void {
    for (const m of this.members) {
      if (m.busy) continue;
      const next = this.queue.shift();
      if (!next) return;
      m.busy = next;
      // Referenced while it works (a pending tile keeps the process alive), not while idle.
      m.worker.ref();
      m.worker.postMessage(next.job);
    }
  }

  private finish(m: Member, reply: TileReply): void {
    const p = m.busy;
    m.busy = null;
    m.worker.unref();
    if (p && p.job.id === reply.id) {
      if ('error' in reply) p.reject(new Error(reply.error));
      else p.resolve({ bytes: reply.bytes, etag: reply.etag });
    }
    this.pump();
  }

  private fail(m: Member, err: Error): void {
    if (!this.members.includes(m)) return;
    this.broken ??= err;
    m.busy?.reject(err);
    m.busy = null;
    for (const p of this.queue.splice(0)) p.reject(err);
    void this.dispose();
  }
}
