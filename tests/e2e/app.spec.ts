import { expect, test, type Page } from '@playwright/test';
import { startBrowserMode, type RunningApp } from './browser-mode.js';
import { openPage, waitIdleMark, watchExternal } from './page-helpers.js';
import { countHues, statusColor as color } from './pixels.js';

/**
 * The foundation, as a new user meets it: browser mode opens on the sample project of 永康, the
 * key blocks and the parcels are drawn in their status colours, the legend and layer toggles
 * work, Chinese first with an English switch — and nothing leaves the machine.
 */
let app: RunningApp;
const external: string[] = [];

const KEY_BLOCK_MAGENTA = '#a3177a';

test.beforeAll(async () => {
  app = await startBrowserMode();
});
test.afterAll(async () => {
  await app?.stop();
});

async function openApp(page: Page): Promise<void> {
  watchExternal(page, external);
  await openPage(page, app.url);
}

test('opens on the sample project with parcels and key blocks drawn, legend and 示例数据 mark', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('app-title')).toContainText('土地与项目一张图');
  await expect(page.getByTestId('sample-mark')).toContainText('示例数据');
  await expect(page.getByTestId('parcel-count')).toHaveAttribute('data-count', /^\d{4,}$/);

  const legend = page.getByTestId('legend-item');
  await expect(legend.filter({ hasText: '已完成' })).toHaveCount(1);
  await expect(legend.filter({ hasText: '整治中' })).toHaveCount(1);
  await expect(legend.filter({ hasText: '未启动' })).toHaveCount(1);

  const counts = await countHues(page, '[data-testid="map"]', {
    done: color('已完成'),
    inProgress: color('整治中'),
    keyBlocks: KEY_BLOCK_MAGENTA,
  });
  expect(counts.byTarget['done']).toBeGreaterThan(300);
  expect(counts.byTarget['inProgress']).toBeGreaterThan(100);
  expect(counts.byTarget['keyBlocks']).toBeGreaterThan(300);
  expect(external).toEqual([]);
});

test('the parcels toggle removes their colours from the map and brings them back', async ({ page }) => {
  await openApp(page);
  const targets = { done: color('已完成') };
  const before = (await countHues(page, '[data-testid="map"]', targets)).byTarget['done'] ?? 0;
  expect(before).toBeGreaterThan(300);

  await page.locator('[data-testid="layer-toggle"][data-layer="parcels"]').uncheck();
  await waitIdleMark(page);
  const hidden = (await countHues(page, '[data-testid="map"]', targets)).byTarget['done'] ?? 0;
  expect(hidden).toBeLessThan(before * 0.05);

  await page.locator('[data-testid="layer-toggle"][data-layer="parcels"]').check();
  await waitIdleMark(page);
  const shown = (await countHues(page, '[data-testid="map"]', targets)).byTarget['done'] ?? 0;
  expect(shown).toBeGreaterThan(before * 0.9);
});

test('switches to English and remembers it', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('locale-switch').click();
  await expect(page.getByTestId('legend-item').filter({ hasText: 'Completed' })).toHaveCount(1);
  await expect(page.getByTestId('sample-mark')).toContainText('Sample data');
  await page.reload();
  await waitIdleMark(page);
  await expect(page.getByTestId('legend-item').filter({ hasText: 'Completed' })).toHaveCount(1);
  await page.getByTestId('locale-switch').click();
  await expect(page.getByTestId('legend-item').filter({ hasText: '已完成' })).toHaveCount(1);
});

test('without the token the page shows a Chinese error and gets no data', async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto(app.origin + '/');
  await expect(page.getByTestId('error-item')).toHaveAttribute('data-code', 'unauthorized');
  await expect(page.getByTestId('error-banner')).toContainText('令牌');
  await page.close();
});
