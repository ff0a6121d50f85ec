import { randomBytes, randomUUID } from 'node:crypto';
import { BRIEFING_MIME, type BriefingFileInfo, type BriefingFormat } from '../../../shared/api/briefing.js';
import type { EventListener } from '../../../shared/api/contract.js';
import { PlannerError, toErrorPayload } from '../../../shared/api/errors.js';
import { cancelledError, type BriefingRenderer, type RenderJob } from './renderer.js';

/** A finished briefing as the file route serves it. */
export interface BriefingFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
}

interface Stored extends BriefingFile {
  at: number;
}

/** Finished files are kept this long, and at most this many, for the renderer to fetch. */
const KEEP_MS = 30 * 60_000;
const KEEP_FILES = 6;

/**
 * Briefing tasks: render (in Chromium, off this thread), report progress, keep the file for the
 * renderer to fetch through the file route, announce `briefingFinished`; cancel aborts the render.
 */
export class BriefingTasks {
  private readonly running = new Map<string, AbortController>();
  private readonly files = new Map<string, Stored>();

  constructor(
    private readonly renderer: BriefingRenderer | null,
    private readonly emit: EventListener,
  ) {}

  start(job: RenderJob, fileName: string, format: BriefingFormat): string {
    if (!this.renderer) {
      throw new PlannerError('briefing_unavailable', 'Briefings cannot be printed here (no renderer configured).', '当前运行方式无法生成简报(未配置打印组件)。');
    }
    const renderer = this.renderer;
    const taskId = randomUUID();
    const controller = new AbortController();
    this.running.set(taskId, controller);
    const onProgress = (phase: string, done: number, total: number): void => this.emit('progress', { taskId, phase, done, total });
    // Started on the next turn, so the caller has the task id before the first progress event.
    setImmediate(() => {
      renderer
        .render(job, { signal: controller.signal, onProgress })
        .then((rendered) => {
          if (controller.signal.aborted) throw cancelledError();
          const file: BriefingFileInfo = { fileId: this.store(fileName, BRIEFING_MIME[format], rendered.bytes), fileName, mime: BRIEFING_MIME[format], bytes: rendered.bytes.byteLength, pages: rendered.pages };
          this.emit('briefingFinished', { taskId, ok: true, file });
        })
        .catch((err: unknown) => this.emit('briefingFinished', { taskId, ok: false, error: toErrorPayload(controller.signal.aborted ? cancelledError() : err) }))
        .finally(() => this.running.delete(taskId));
    });
    return taskId;
  }

  /** Sees every event the core sends: a data change makes kept pages stale. */
  observe(name: string): void {
    if (name === 'dataChanged') this.renderer?.invalidate?.();
  }

  cancel(taskId: string): boolean {
    const controller = this.running.get(taskId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  /** A finished file by id, or null once it has expired. */
  file(fileId: string): BriefingFile | null {
    this.expire(Date.now());
    const f = this.files.get(fileId);
    return f ? { fileName: f.fileName, mime: f.mime, bytes: f.bytes } : null;
  }

  async dispose(): Promise<void> {
    for (const c of this.running.values()) c.abort();
    this.files.clear();
    await this.renderer?.dispose();
  }

  private store(fileName: string, mime: string, bytes: Uint8Array): string {
    const now = Date.now();
    this.expire(now);
    const fileId = randomBytes(18).toString('base64url');
    this.files.set(fileId, { fileName, mime, bytes, at: now });
    while (this.files.size > KEEP_FILES) {
      const oldest = this.files.keys().next().value;
      if (oldest === undefined) break;
      this.files.delete(oldest);
    }
    return fileId;
  }

  private expire(now: number): void {
    for (const [id, f] of this.files) if (now - f.at > KEEP_MS) this.files.delete(id);
  }
}
