import { BRIEFING_DATASET, type BriefingFormat, type PaperSize } from '../../../shared/api/briefing.js';
import { PlannerError } from '../../../shared/api/errors.js';

/**
 * What prints a briefing: Electron's `webContents.printToPDF` (electron/main/briefing-window.ts) or
 * the system Chromium driven by playwright-core (chromium-renderer.ts, browser mode and the CLI).
 * Both load the renderer's briefing route, wait until the page says its map images are in, and
 * print that page — one layout for the screen, the PDF and the PNG.
 */
export interface RenderJob {
  /** The briefing route's query (`briefingQuery`), without `?` and without any token. */
  query: string;
  format: BriefingFormat;
  paper: PaperSize;
  /** PNG width in pixels (ignored for PDF). */
  widthPx: number;
  /** Pages the document will have (1, or 1 + key blocks for the atlas): sizes the time allowed. */
  expectedPages: number;
}

export interface RenderControl {
  signal: AbortSignal;
  onProgress(phase: string, done: number, total: number): void;
}

export interface RenderedFile {
  bytes: Uint8Array;
  pages: number;
}

export interface BriefingRenderer {
  render(job: RenderJob, ctl: RenderControl): Promise<RenderedFile>;
  /** The project changed: drop anything kept from earlier briefings (a warm page's data and tiles). */
  invalidate?(): void;
  dispose(): Promise<void>;
}

/** What the page reports on `document.body.dataset` (BRIEFING_DATASET). */
export interface PageState {
  run: string | null;
  ready: boolean;
  error: string | null;
  done: number;
  total: number;
  pages: number;
}

/** An expression evaluated in the page (playwright `evaluate`, Electron `executeJavaScript`). */
export const READ_PAGE_STATE = `(() => {
  const d = document.body ? document.body.dataset : {};
  return {
    run: d.${BRIEFING_DATASET.run} || null,
    ready: d.${BRIEFING_DATASET.ready} === 'true',
    error: d.${BRIEFING_DATASET.error} || null,
    done: Number(d.${BRIEFING_DATASET.done} || 0),
    total: Number(d.${BRIEFING_DATASET.total} || 0),
    pages: Number(d.${BRIEFING_DATASET.pages} || 0),
  };
})()`;

export function cancelledError(): PlannerError {
  return new PlannerError('cancelled', 'The briefing was cancelled.', '已取消生成简报。');
}

/**
 * How long the page may go without drawing another map before it counts as stuck: generous, since
 * software WebGL on a busy machine is slow and the first map also waits for the page and its data.
 * A page that keeps drawing is never cut off (the atlas has 19 maps); cancel stops it any time.
 */
export function pageTimeoutMs(expectedPages: number): number {
  return expectedPages > 1 ? 180_000 : 150_000;
}

const POLL_MS = 100;

/**
 * Polls the page until it is ready, reporting map progress; fails on the page's own error, on
 * cancel, and when `stallMs` pass without another map drawn.
 */
export async function waitForPage(read: () => Promise<PageState>, ctl: RenderControl, phase: string, stallMs: number, run: string): Promise<PageState> {
  let deadline = Date.now() + stallMs;
  let last = '';
  for (;;) {
    if (ctl.signal.aborted) throw cancelledError();
    const raw = await read();
    // Flags of another run (the page's previous briefing) mean nothing yet.
    const state: PageState = raw.run === run ? raw : { run: raw.run, ready: false, error: null, done: 0, total: 0, pages: 0 };
    if (state.error) {
      throw new PlannerError('briefing_page_failed', `The briefing page failed: ${state.error}`, `简报页面出错:${state.error}`, { error: state.error });
    }
    const key = `${state.done}/${state.total}`;
    if (state.total > 0 && key !== last) {
      last = key;
      deadline = Date.now() + stallMs;
      ctl.onProgress(phase, state.done, state.total);
    }
    if (state.ready) return state;
    if (Date.now() > deadline) {
      throw new PlannerError(
        'briefing_timeout',
        `The briefing page drew no map for ${Math.round(stallMs / 1000)} s (maps drawn: ${key}).`,
        `简报页面 ${Math.round(stallMs / 1000)} 秒内未能绘制地图(已绘制 ${key})。`,
        { done: state.done, total: state.total },
      );
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
