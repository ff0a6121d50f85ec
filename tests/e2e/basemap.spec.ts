import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { MAGENTA, makeBasemapFixtures, type BasemapFixtures } from '../helpers/basemap-fixtures.js';
import { startBrowserMode, type RunningApp } from './browser-mode.js';
import { api, openPage, waitIdleMark, watchExternal } from './page-helpers.js';
import { countHues } from './pixels.js';

/**
 * Basemaps in the browser (issue 5 item 6): a raster MBTiles made by gdal_translate (a solid
 * magenta GeoTIFF over 永康) chosen by its path renders under the project's layers — its colour
 * is in the map's pixels — with no request leaving the machine, and is remembered after a
 * reload; a missing file is refused naming it; a network XYZ source persists and is requested
 * only from the host the user configured (the requests are blocked here, never sent).
 */
let app: RunningApp;
let fx: BasemapFixtures;
let tmp: string;

const XYZ_HOST = 'https://tiles.example.test';
const XYZ_TEMPLATE = `${XYZ_HOST}/osm/{z}/{x}/{y}.png`;

test.beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'landplanner-e2e-basemap-'));
  fx = makeBasemapFixtures(tmp);
  app = await startBrowserMode();
});
test.afterAll(async () => {
  await app?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function openPanel(page: Page): Promise<void> {
  const panel = page.getByTestId('basemap-panel');
  if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
}

const magenta = async (page: Page): Promise<number> =>
  (await countHues(page, '[data-testid="map"]', { magenta: MAGENTA }, 8)).byTarget['magenta'] ?? 0;

test('a raster MBTiles made by gdal_translate renders from its local path, nothing leaves the machine, and it is remembered', async ({ page }) => {
  const external = watchExternal(page);
  await openPage(page, app.url);
  await expect(page.getByTestId('basemap-current')).toContainText('离线');
  const before = await magenta(page);
  expect(before).toBeLessThan(2_000);

  await openPanel(page);
  await page.getByTestId('basemap-mode-file').check();
  await page.getByTestId('basemap-path').fill(fx.rasterMbtiles);
  await page.getByTestId('basemap-apply-file').click();
  await expect(page.getByTestId('basemap-current')).toContainText('品红底图.mbtiles');
  await expect(page.getByTestId('basemap-file-detail')).toContainText('MBTiles');
  await expect.poll(() => magenta(page), { timeout: 60_000 }).toBeGreaterThan(100_000);
  // The project's layers stay on top of the (opaque) basemap: the key blocks' outlines are still drawn.
  const keyBlocks = (await countHues(page, '[data-testid="map"]', { keyBlocks: '#a3177a' }, 6)).byTarget['keyBlocks'] ?? 0;
  expect(keyBlocks).toBeGreaterThan(300);
  await test.info().attach('map over the magenta MBTiles', { body: await page.getByTestId('map').screenshot(), contentType: 'image/png' });

  await page.reload();
  await waitIdleMark(page, 90_000);
  await expect(page.getByTestId('basemap-current')).toContainText('品红底图.mbtiles');
  await expect.poll(() => magenta(page), { timeout: 60_000 }).toBeGreaterThan(100_000);
  expect(external).toEqual([]);
});

test('the layer panel’s basemap row is its one opacity control: it fades the basemap and is remembered', async ({ page }) => {
  await openPage(page, app.url);
  await expect.poll(() => magenta(page), { timeout: 60_000 }).toBeGreaterThan(100_000);
  const full = await magenta(page);
  await openPanel(page);
  // One slider for the basemap, in its layer row; the basemap panel has none of its own.
  const slider = page.locator('[data-testid="layer-opacity"][data-layer="basemap"]');
  await expect(slider).toHaveCount(1);
  await expect(page.getByTestId('basemap-panel').locator('input[type="range"]')).toHaveCount(0);
  await expect(slider).toHaveValue('100');
  await slider.fill('0');
  await expect.poll(() => magenta(page), { timeout: 30_000 }).toBeLessThan(full * 0.05);
  await expect.poll(async () => (await api<{ basemap: { opacity: number } }>(page, app, 'getSettings')).basemap.opacity).toBe(0);

  await page.reload();
  await waitIdleMark(page, 90_000);
  await expect(slider).toHaveValue('0');
  expect(await magenta(page)).toBeLessThan(full * 0.05);
  await slider.fill('100');
  await expect.poll(() => magenta(page), { timeout: 30_000 }).toBeGreaterThan(full * 0.9);
  await expect.poll(async () => (await api<{ basemap: { opacity: number } }>(page, app, 'getSettings')).basemap.opacity).toBe(1);
});

test('a missing file is refused with a Chinese message naming it, and the basemap does not change', async ({ page }) => {
  await openPage(page, app.url);
  await openPanel(page);
  const missing = path.join(tmp, '没有这个文件.mbtiles');
  await page.getByTestId('basemap-mode-file').check();
  await page.getByTestId('basemap-path').fill(missing);
  await page.getByTestId('basemap-apply-file').click();
  await expect(page.getByTestId('basemap-error')).toContainText(`找不到底图文件:${missing}`);
  await expect(page.getByTestId('basemap-current')).toContainText('品红底图.mbtiles');
  expect(await magenta(page)).toBeGreaterThan(100_000);
});

test('an XYZ basemap persists after reload and is requested only from the configured host (blocked here)', async ({ page }) => {
  const external = watchExternal(page);
  const blocked: string[] = [];
  await page.route(`${XYZ_HOST}/**`, (route) => {
    blocked.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  await openPage(page, app.url);
  await openPanel(page);
  await page.getByTestId('basemap-mode-network').check();
  await page.getByTestId('basemap-preset').selectOption('custom-xyz');
  await page.getByTestId('basemap-url').fill(XYZ_TEMPLATE);
  await expect(page.getByText('当前地图范围会发送给该服务器')).toBeVisible();
  await page.getByTestId('basemap-apply-network').click();

  // The page reloads so its Content-Security-Policy allows the new host, then asks it for tiles.
  await expect(page.getByTestId('basemap-current')).toContainText('tiles.example.test', { timeout: 60_000 });
  await expect.poll(() => blocked.length, { timeout: 60_000 }).toBeGreaterThan(0);
  expect(blocked.every((u) => /^https:\/\/tiles\.example\.test\/osm\/\d+\/\d+\/\d+\.png$/.test(u))).toBe(true);

  blocked.length = 0;
  await page.reload();
  await waitIdleMark(page, 90_000);
  await expect(page.getByTestId('basemap-current')).toContainText('tiles.example.test');
  await openPanel(page);
  await expect(page.getByTestId('basemap-url')).toHaveValue(XYZ_TEMPLATE);
  await expect.poll(() => blocked.length, { timeout: 60_000 }).toBeGreaterThan(0);
  expect(external.every((u) => u.startsWith(`${XYZ_HOST}/`))).toBe(true);

  // Back to offline: no further request to the host.
  await page.getByTestId('basemap-mode-none').check();
  await expect(page.getByTestId('basemap-current')).toContainText('离线');
  await page.waitForSelector('body[data-map-idle="true"]', { state: 'attached' });
  const settled = blocked.length;
  await page.mouse.move(700, 450);
  await page.mouse.wheel(0, -400);
  await page.waitForSelector('body[data-map-idle="true"]', { state: 'attached' });
  expect(blocked.length).toBe(settled);
});
