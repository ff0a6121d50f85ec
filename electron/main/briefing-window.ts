import { BrowserWindow, screen } from 'electron';
import { BRIEFING_PHASES, BRIEFING_RUN_PARAM, paperViewportPx, pngHeightFor } from '../../shared/api/briefing.js';
import { PlannerError } from '../../shared/api/errors.js';
import { READ_PAGE_STATE, cancelledError, pageTimeoutMs, waitForPage, type BriefingRenderer, type PageState, type RenderControl, type RenderJob, type RenderedFile } from '../core/briefing/renderer.js';

/**
 * Electron prints briefings itself: the renderer's briefing route (app://renderer/index.html?view=…)
 * in a hidden window with the same preload (so the page reads the project over IPC like the main
 * window), then `webContents.printToPDF` — Chromium's own print engine, a vector PDF with real text
 * — or `capturePage` for a PNG. No system Chromium is needed here; browser mode and the CLI use
 * electron/core/briefing/chromium-renderer.ts for the same page.
 */
export class ElectronBriefingRenderer implements BriefingRenderer {
  private queue: Promise<unknown> = Promise.resolve();
  private runs = 0;

  constructor(
    private readonly preload: string,
    private readonly indexUrl: string,
  ) {}

  render(job: RenderJob, ctl: RenderControl): Promise<RenderedFile> {
    const run = this.queue.then(() => this.renderNow(job, ctl));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async dispose(): Promise<void> {
    await this.queue;
  }

  private async renderNow(job: RenderJob, ctl: RenderControl): Promise<RenderedFile> {
    if (ctl.signal.aborted) throw cancelledError();
    const sheet = paperViewportPx(job.paper);
    // A PNG is captured at the requested width: the page is zoomed so that its sheet fills it.
    const screenScale = screen.getPrimaryDisplay().scaleFactor || 1;
    const zoom = job.format === 'png' ? job.widthPx / (sheet.width * screenScale) : 1;
    const win = new BrowserWindow({
      show: false,
      useContentSize: true,
      width: Math.ceil(sheet.width * zoom),
      height: Math.ceil(sheet.height * zoom),
      webPreferences: {
        preload: this.preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
        // A hidden window must keep animating: maplibre draws in requestAnimationFrame.
        backgroundThrottling: false,
      },
    });
    const abort = (): void => {
      if (!win.isDestroyed()) win.destroy();
    };
    ctl.signal.addEventListener('abort', abort, { once: true });
    try {
      const run = `e${++this.runs}`;
      await win.loadURL(`${this.indexUrl}?${job.query}&${BRIEFING_RUN_PARAM}=${run}`);
      if (zoom !== 1) win.webContents.setZoomFactor(zoom);
      const read = (): Promise<PageState> => win.webContents.executeJavaScript(READ_PAGE_STATE) as Promise<PageState>;
      const state = await waitForPage(read, ctl, BRIEFING_PHASES.maps, pageTimeoutMs(job.expectedPages), run);
      ctl.onProgress(BRIEFING_PHASES.print, 0, 1);
      let bytes: Uint8Array;
      if (job.format === 'pdf') {
        bytes = await win.webContents.printToPDF({
          pageSize: job.paper,
          landscape: true,
          printBackground: true,
          // The page's @page rule gives the exact sheet; no margins (the layout has its own).
          preferCSSPageSize: true,
          margins: { top: 0, right: 0, bottom: 0, left: 0 },
        });
      } else {
        const image = await win.webContents.capturePage();
        if (image.isEmpty()) {
          throw new PlannerError('briefing_capture_failed', 'The briefing window could not be captured as an image; export a PDF instead.', '无法截取简报窗口的图像,请改为导出 PDF。');
        }
        const size = image.getSize();
        const height = pngHeightFor(job.paper, job.widthPx);
        bytes = size.width === job.widthPx && size.height === height ? image.toPNG() : image.resize({ width: job.widthPx, height, quality: 'best' }).toPNG();
      }
      ctl.onProgress(BRIEFING_PHASES.print, 1, 1);
      return { bytes, pages: job.format === 'pdf' ? Math.max(1, state.pages) : 1 };
    } catch (err) {
      if (ctl.signal.aborted) throw cancelledError();
      throw err;
    } finally {
      ctl.signal.removeEventListener('abort', abort);
      if (!win.isDestroyed()) win.destroy();
    }
  }
}
