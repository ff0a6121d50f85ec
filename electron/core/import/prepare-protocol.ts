import type { MessagePort } from 'node:worker_threads';
import type { ErrorPayload } from '../../../shared/api/errors.js';
import type { AssignerRows } from '../spatial/assigner.js';
import type { PrepareSettings } from './prepare.js';
import type { PackedChunk } from './prepare-chunk.js';
import type { ReaderWarning } from './readers/types.js';
import type { ShapefileParts } from './readers/zip.js';

/**
 * What a prepare worker starts with (workerData): only its channel, so it can be started (and
 * load its code) before the import is planned; the job comes in the first request ('init').
 */
export interface PoolWorkerData {
  /** the worker bumps slot 0 and notifies after each reply, so the writer can block on it */
  signal: SharedArrayBuffer;
  port: MessagePort;
}

/** The job of a prepare worker. */
export interface PoolJob {
  /** the shapefile's parts, SharedArrayBuffer-backed (not copied into the worker) */
  parts: ShapefileParts;
  encoding: string | null;
  settings: PrepareSettings;
  /**
   * the project's blocks and zones, for the parcel assigner (null for other layers): read by the
   * writer, so workers never open the project while it holds the import's transaction
   */
  regions: AssignerRows | null;
  /** the writer's GBK pair table for a GBK/GB18030 file (readers/encoding.ts), so workers need not build it */
  gbkPairs: Uint16Array | null;
}

export type PoolRequest = ({ type: 'init' } & PoolJob) | { type: 'chunk'; k: number; start: number; end: number } | { type: 'finish' };

/** Prepared features of records [start, end), packed flat (prepare-chunk.ts). */
export type PoolChunk = PackedChunk;

export type PoolReply =
  | PoolChunk
  | { type: 'finished'; warnings: ReaderWarning[]; extent: [number, number, number, number] }
  | { type: 'error'; error: ErrorPayload };
