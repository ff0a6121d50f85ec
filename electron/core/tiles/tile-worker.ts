import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { cutTile } from './tile-cut.js';
import type { TileJob, TileReply, TileWorkerData } from './tile-pool.js';
import { TileReader } from './tile-reader.js';

/**
 * A tile worker (tile-pool.ts): its own read-only connection to the project (WAL: it reads what
 * the app has committed, while the app writes), cutting the tiles it is sent one at a time. The
 * bytes go back as a transferred buffer.
 */
const { projectPath } = workerData as TileWorkerData;
const db = new Database(projectPath, { readonly: true, fileMustExist: true });
const reader = new TileReader(db);
const port = parentPort;
if (!port) throw new Error('tile-worker runs only as a worker thread');

port.on('message', (job: TileJob) => {
  let reply: TileReply;
  try {
    const tile = cutTile(reader, job.layer, { z: job.z, x: job.x, y: job.y });
    reply = { id: job.id, bytes: tile.bytes, etag: tile.etag };
    port.postMessage(reply, [tile.bytes.buffer]);
  } catch (e) {
    reply = { id: job.id, error: e instanceof Error ? e.message : String(e) };
    port.postMessage(reply);
  }
});
