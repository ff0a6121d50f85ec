import { chromium } from '@playwright/test';
import { startBrowserMode } from '../e2e/browser-mode.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/chromium.js';
import type { Bench } from './harness.js';

/**
 * `npm start` (browser mode, as on a machine without the Electron runtime) → URL announced →
 * map idle with the sample project drawn in headless Chromium. No peer: QGIS is not installable
 * headless here, so the figures stand alone.
 */
export const startupBench: Bench = {
  name: 'startup',
  description: 'npm start (browser mode) → map idle, sample project',
  async run() {
    const runs: { announce: number; idle: number }[] = [];
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        const app = await startBrowserMode();
        const announced = performance.now();
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        await page.goto(app.url);
        await page.waitForSelector('body[data-map-idle="true"]', { timeout: 60_000 });
        const idle = performance.now();
        runs.push({ announce: (announced - t0) / 1000, idle: (idle - t0) / 1000 });
        await page.close();
        await app.stop();
      }
    } finally {
      await browser.close();
    }
    const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    return {
      figures: {
        start_to_url_s: median(runs.map((r) => r.announce)),
        start_to_map_idle_s: median(runs.map((r) => r.idle)),
      },
      peers: {},
      ratios: {},
      notes: ['median of 3 cold starts; includes the first-run copy of the sample project'],
    };
  },
};
