import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BRIEFING_PHASES, BRIEFING_RUN_PARAM, PAPER_MM, paperViewportPx } from '../../../shared/api/briefing.js';
import { PlannerError } from '../../../shared/api/errors.js';
import { HEADLESS_CHROMIUM_FLAGS } from './chromium-flags.js';
import { findChromium } from './chromium-path.js';
import { READ_PAGE_STATE, cancelledError, pageTimeoutMs, waitForPage, type BriefingRenderer, type PageState, type RenderControl, type RenderJob, type RenderedFile } from './renderer.js';

/**
 * Browser mode and the CLI print briefings through the system Chromium, driven by playwright-core.
 *
 * Why not in the user's own browser tab: a web page cannot make a PDF of itself — `window.print()`
 * opens the print dialog, and a PDF drawn in JavaScript would be pictures of text. Chromium's
 * printing (`page.pdf`, the same engine as Electron's `webContents.printToPDF`) gives a vector PDF
 * with real, searchable text and the map image at print resolution. So the backend opens the
 * renderer's briefing route, served by the same browser-mode server, in a headless Chromium, waits
 * until the page says every map image is in, and prints it.
 *
 * WebGL in headless Chromium needs SwiftShader (software GL), hence the flags. The browser is
 * started on first use and kept for `keepAliveMs` so the next briefing does not pay the start-up.
 */
export const CHROMIUM_FLAGS = [
  ...HEADLESS_CHROMIUM_FLAGS,
  '--hide-scrollbars',
  '--font-render-hinting=none',
  // Page rasterization on the CPU (Skia) is cheaper than through SwiftShader; WebGL still uses it.
  '--disable-gpu-rasterization',
];

export interface PageBase {
  /** e.g. http://127.0.0.1:47823 */
  origin: string;
  token: string;
}

export interface ChromiumRendererOptions {
  /** The executable (setting or --chromium); otherwise $LANDPLANNER_CHROMIUM and the usual places. */
  executablePath?: string | null;
  env?: NodeJS.ProcessEnv;
  /** How long an idle browser is kept for the next briefing (default 60 s; 0 closes it after each). */
  keepAliveMs?: number;
  base?: PageBase;
}

/** A page with the print route loaded, kept for the next briefing of the same sheet size. */
interface WarmPage {
  key: string;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

export class ChromiumBriefingRenderer implements BriefingRenderer {
  private base: PageBase | null;
  private browser: Promise<Browser> | null = null;
  private warm: WarmPage | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly keepAliveMs: number;
  private runs = 0;

  constructor(private readonly options: ChromiumRendererOptions = {}) {
    this.base = options.base ?? null;
    this.keepAliveMs = options.keepAliveMs ?? 60_000;
  }

  /** Where the briefing route is served (browser mode knows it once it listens). */
  setPageBase(base: PageBase): void {
    this.base = base;
    void this.dropWarm();
  }

  /** The executable that will be used; throws `chromium_not_found` (Chinese and English) if none. */
  executable(): string {
    return findChromium(this.options.executablePath, this.options.env ?? process.env);
  }

  /** One briefing at a time: Chromium printing shares two cores with everything else. */
  render(job: RenderJob, ctl: RenderControl): Promise<RenderedFile> {
    const run = this.queue.then(() => this.renderNow(job, ctl));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The project changed: the warm page's data and cached tiles are stale, so it is not used again. */
  invalidate(): void {
    void this.dropWarm();
  }

  async dispose(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    await this.dropWarm();
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close().catch(() => undefined);
  }

  private async renderNow(job: RenderJob, ctl: RenderControl): Promise<RenderedFile> {
    if (ctl.signal.aborted) throw cancelledError();
    const base = this.base;
    if (!base) throw new PlannerError('briefing_unavailable', 'The briefing page is not served yet.', '简报页面尚未就绪。');
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const run = `r${++this.runs}`;
    const warm = await this.pageFor(job);
    // Cancel closes the page's context: whatever the page was doing stops, and it is not kept.
    const abort = (): void => void this.dropWarm();
    ctl.signal.addEventListener('abort', abort, { once: true });
    try {
      await this.show(warm, base, job, run);
      return await this.print(warm, job, ctl, run);
    } catch (err) {
      await this.dropWarm();
      if (ctl.signal.aborted) throw cancelledError();
      throw err;
    } finally {
      ctl.signal.removeEventListener('abort', abort);
      this.scheduleClose();
    }
  }

  /** The warm page when it has this sheet size, else a fresh one (the old one is closed). */
  private async pageFor(job: RenderJob): Promise<WarmPage> {
    const viewport = paperViewportPx(job.paper);
    // A PNG is the print window scaled to the requested width (exactly widthPx wide); the PDF is vector (scale 1).
    const scale = job.format === 'png' ? job.widthPx / viewport.width : 1;
    const key = `${job.paper}|${scale}`;
    if (this.warm?.key === key && !this.warm.page.isClosed()) return this.warm;
    await this.dropWarm();
    const browser = await this.launch();
    const context = await browser.newContext({ viewport, deviceScaleFactor: scale, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    this.warm = { key, context, page, errors };
    return this.warm;
  }

  /** Asks a loaded print page to draw the next briefing in place; otherwise loads the route. */
  private async show(warm: WarmPage, base: PageBase, job: RenderJob, run: string): Promise<void> {
    warm.errors.length = 0;
    const shown = warm.page.url().startsWith(base.origin)
      ? await warm.page.evaluate(([query, id]) => (globalThis as { __briefingShow?: (q: string, r: string) => boolean }).__briefingShow?.(query, id) ?? false, [job.query, run] as const).catch(() => false)
      : false;
    if (shown) return;
    const url = `${base.origin}/?${job.query}&${BRIEFING_RUN_PARAM}=${run}&token=${encodeURIComponent(base.token)}`;
    await warm.page.goto(url, { waitUntil: 'domcontentloaded' });
  }

  private async print(warm: WarmPage, job: RenderJob, ctl: RenderControl, run: string): Promise<RenderedFile> {
    const { page, errors } = warm;
    let state: PageState;
    try {
      state = await waitForPage(() => page.evaluate(READ_PAGE_STATE) as Promise<PageState>, ctl, BRIEFING_PHASES.maps, pageTimeoutMs(job.expectedPages), run);
    } catch (err) {
      // A script error in the page explains a timeout better than the timeout does.
      if (err instanceof PlannerError && err.code === 'briefing_timeout' && errors.length > 0) {
        throw new PlannerError(err.code, `${err.message} Page error: ${errors[0]}`, `${err.messageZh}页面错误:${errors[0]}`, { ...err.details, pageErrors: [...errors] });
      }
      throw err;
    }
    ctl.onProgress(BRIEFING_PHASES.print, 0, 1);
    const mm = PAPER_MM[job.paper];
    let bytes: Uint8Array;
    if (job.format === 'pdf') {
      bytes = await page.pdf({
        width: `${mm.width}mm`,
        height: `${mm.height}mm`,
        printBackground: true,
        preferCSSPageSize: true,
        margin: { top: '0', right: '0', bottom: '0', left: '0' },
      });
    } else {
      // The whole print window: widthPx × pngHeightFor(paper, widthPx) device pixels.
      bytes = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, ...paperViewportPx(job.paper) }, scale: 'device' });
    }
    ctl.onProgress(BRIEFING_PHASES.print, 1, 1);
    return { bytes, pages: job.format === 'pdf' ? Math.max(1, state.pages) : 1 };
  }

  private async dropWarm(): Promise<void> {
    const warm = this.warm;
    this.warm = null;
    if (warm) await warm.context.close().catch(() => undefined);
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const executablePath = this.executable();
      // playwright-core is loaded when a briefing is first rendered: ~0.6 s every CLI call would otherwise pay.
      const launching = import('playwright-core')
        .then(({ chromium }) => chromium.launch({ executablePath, args: CHROMIUM_FLAGS, headless: true, timeout: 60_000 }))
        .catch((err: unknown) => {
          this.browser = null;
          const text = err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err);
          throw new PlannerError('chromium_failed', `Chromium (${executablePath}) did not start: ${text}`, `Chromium(${executablePath})无法启动:${text}`, { executablePath });
        });
      this.browser = launching;
      void launching.then(
        (b) =>
          b.on('disconnected', () => {
            if (this.browser === launching) this.browser = null;
            this.warm = null;
          }),
        () => undefined,
      );
    }
    return this.browser;
  }

  private scheduleClose(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.keepAliveMs <= 0) {
      void this.dispose();
      return;
    }
    this.idleTimer = setTimeout(() => void this.dispose(), this.keepAliveMs);
    this.idleTimer.unref();
  }
}
