import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_SETTINGS } from '../../shared/domain/vocabulary.js';
import { METHOD_PALETTE } from '../../renderer/src/map/layer-style/parcel-styles.js';
import { startBrowserMode, type RunningApp } from './browser-mode.js';
import { api, openPage, waitIdleMark, watchExternal } from './page-helpers.js';
import { countHues, statusColor as status } from './pixels.js';

/**
 * The layer panel on the sample project in real Chromium: toggling, filtering, restyling and
 * fading change what the map draws (pixel colours counted in the map canvas), the legend follows
 * the styling and counts the filtered parcels, and the panel reopens as it was left.
 */
let app: RunningApp;
const external: string[] = [];

const DONE = status('已完成');
const IN_PROGRESS = status('整治中');
const KEY_BLOCK_MAGENTA = '#a3177a';
const DEMOLISH = METHOD_PALETTE[0] as string; // 拆除重建
const RENOVATE = METHOD_PALETTE[1] as string; // 改造提升
const MAP = '[data-testid="map"]';

// Several redraws per test, each counted from a real screenshot: slow on a shared 2-core machine.
test.describe.configure({ timeout: 240_000 });

test.beforeAll(async () => {
  app = await startBrowserMode();
});
test.afterAll(async () => {
  await app?.stop();
});

/** The panel as a new project has it, so no test sees what an earlier one left (it is remembered). */
const FRESH_PANEL = { hidden: [], opacity: {}, order: [], parcelStyle: 'status', parcelFilter: {} };

async function openApp(page: Page): Promise<void> {
  await api(page, app, 'updateSettings', { mapPanel: FRESH_PANEL });
  watchExternal(page, external);
  await openPage(page, app.url, 150_000);
  await expect(page.getByTestId('filter-summary')).toHaveAttribute('data-total', /^\d{4,}$/);
}

async function hues(page: Page, targets: Record<string, string>): Promise<Record<string, number>> {
  return (await countHues(page, MAP, targets)).byTarget;
}

/** Polls the map's pixels until `check` holds (the map redraws a moment after the panel changes). */
async function expectPixels(page: Page, targets: Record<string, string>, check: (n: Record<string, number>) => boolean): Promise<Record<string, number>> {
  let last: Record<string, number> = {};
  await expect
    .poll(async () => {
      last = await hues(page, targets);
      return check(last);
    }, { timeout: 60_000 })
    .toBe(true);
  return last;
}

test('toggling the key blocks removes their outlines from the map and brings them back', async ({ page }) => {
  await openApp(page);
  const before = (await hues(page, { blocks: KEY_BLOCK_MAGENTA }))['blocks'] ?? 0;
  expect(before).toBeGreaterThan(300);
  await page.locator('[data-testid="layer-toggle"][data-layer="key_blocks"]').uncheck();
  await expectPixels(page, { blocks: KEY_BLOCK_MAGENTA }, (n) => (n['blocks'] ?? 0) < before * 0.05);
  await expect(page.locator('[data-testid="legend-section"][data-layer="key_blocks"]')).toHaveCount(0);
  await page.locator('[data-testid="layer-toggle"][data-layer="key_blocks"]').check();
  await expectPixels(page, { blocks: KEY_BLOCK_MAGENTA }, (n) => (n['blocks'] ?? 0) > before * 0.9);
  await expect(page.locator('[data-testid="legend-section"][data-layer="key_blocks"]')).toHaveCount(1);
});

test('filtering parcels by status changes what is drawn and what the legend counts', async ({ page }) => {
  await openApp(page);
  const targets = { done: DONE, inProgress: IN_PROGRESS };
  const before = await hues(page, targets);
  expect(before['done']).toBeGreaterThan(300);
  expect(before['inProgress']).toBeGreaterThan(100);
  const legendCount = (value: string) => page.locator(`[data-testid="legend-item"][data-value="${value}"]`);
  const inProgressCount = Number(await legendCount('整治中').getAttribute('data-count'));
  expect(Number(await legendCount('已完成').getAttribute('data-count'))).toBeGreaterThan(0);

  await page.locator('[data-testid="filter-chip"][data-key="status"][data-value="整治中"]').click();
  const filtered = await expectPixels(page, targets, (n) => (n['done'] ?? 0) < (before['done'] ?? 0) * 0.05);
  expect(filtered['inProgress']).toBeGreaterThan((before['inProgress'] ?? 0) * 0.8);
  await expect(legendCount('已完成')).toHaveAttribute('data-count', '0');
  await expect(legendCount('整治中')).toHaveAttribute('data-count', String(inProgressCount));
  await expect(page.getByTestId('filter-summary')).toHaveAttribute('data-matched', String(inProgressCount));
  await expect(page.locator('[data-testid="layer-count"][data-layer="parcels"]')).toContainText(`${inProgressCount} /`);

  // A second key narrows further: only 整治中 parcels in one town.
  const town = page.locator('[data-testid="filter-group"][data-key="town"]');
  await town.locator('summary').click();
  const chip = town.locator('[data-testid="filter-chip"][data-value="龙山镇"]');
  const inTown = Number(await chip.getAttribute('data-count'));
  expect(inTown).toBeGreaterThan(0);
  expect(inTown).toBeLessThan(inProgressCount);
  await chip.click();
  await expect(page.getByTestId('filter-summary')).toHaveAttribute('data-matched', String(inTown));
  await expectPixels(page, targets, (n) => (n['inProgress'] ?? 0) < (filtered['inProgress'] ?? 0) * 0.9);

  await page.getByTestId('filter-clear').click();
  await expectPixels(page, targets, (n) => (n['done'] ?? 0) > (before['done'] ?? 0) * 0.9);
  expect(external).toEqual([]);
});

test('styling parcels by method changes their colours and the legend entries', async ({ page }) => {
  await openApp(page);
  const targets = { done: DONE, demolish: DEMOLISH, renovate: RENOVATE };
  const before = await hues(page, targets);
  await expect(page.locator('[data-testid="legend-item"][data-value="已完成"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="legend-item"][data-value="拆除重建"]')).toHaveCount(0);

  await page.getByTestId('parcel-style').selectOption('method');
  const after = await expectPixels(page, targets, (n) => (n['done'] ?? 0) < (before['done'] ?? 0) * 0.1);
  expect(after['demolish']).toBeGreaterThan((before['demolish'] ?? 0) + 300);
  expect(after['renovate']).toBeGreaterThan((before['renovate'] ?? 0) + 300);

  const items = page.getByTestId('legend-item');
  await expect(items).toHaveCount(DEFAULT_SETTINGS.methods.length);
  await expect(items.first()).toHaveAttribute('data-value', '拆除重建');
  await expect(items.first()).toHaveAttribute('data-color', DEMOLISH);
  await expect(page.locator('[data-testid="legend-item"][data-value="已完成"]')).toHaveCount(0);
  await expect(page.getByTestId('legend-item-other')).toContainText('未填整治方式');
  await expect(page.getByTestId('legend')).toContainText('按整治方式');
});

test('the opacity slider fades the parcels out and back', async ({ page }) => {
  await openApp(page);
  const targets = { done: DONE };
  const before = (await hues(page, targets))['done'] ?? 0;
  expect(before).toBeGreaterThan(300);
  const slider = page.locator('[data-testid="layer-opacity"][data-layer="parcels"]');
  await slider.fill('0');
  await expectPixels(page, targets, (n) => (n['done'] ?? 0) < before * 0.05);
  await slider.fill('100');
  await expectPixels(page, targets, (n) => (n['done'] ?? 0) > before * 0.9);
});

test('the panel reopens as it was left: styling, filter, order, hidden layers', async ({ page }) => {
  await openApp(page);
  const saved = () => page.waitForResponse((r) => r.url().includes('/api/updateSettings') && r.ok());
  await page.getByTestId('parcel-style').selectOption('perMu');
  await page.locator('[data-testid="filter-chip"][data-key="status"][data-value="已完成"]').click();
  await page.locator('[data-testid="layer-up"][data-layer="parcels"]').click();
  await page.locator('[data-testid="layer-toggle"][data-layer="transport"]').uncheck();
  const order = await page.locator('[data-testid="layer-panel"] [data-testid="layer-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-layer')));
  expect(order.indexOf('parcels')).toBeLessThan(order.indexOf('platforms'));
  await saved();

  await page.reload();
  await waitIdleMark(page, 150_000);
  await expect(page.getByTestId('parcel-style')).toHaveValue('perMu');
  await expect(page.locator('[data-testid="filter-chip"][data-key="status"][data-value="已完成"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('[data-testid="layer-toggle"][data-layer="transport"]')).not.toBeChecked();
  await expect(page.locator('[data-testid="legend-item"]').first()).toHaveAttribute('data-value', 'A');
  const reopened = await page.locator('[data-testid="layer-panel"] [data-testid="layer-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-layer')));
  expect(reopened).toEqual(order);
  await page.screenshot({ path: 'test-results/e2e/layers-reopened.png' });
});
