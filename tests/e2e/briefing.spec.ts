import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { GoalsReport } from '../../shared/api/goals.js';
import { GOAL_STATUS_LABELS } from '../../shared/domain/goal-colors.js';
import { formatGoalValue, formatPercent } from '../../renderer/src/features/dashboard/format.js';
import { landplanner } from '../helpers/cli.js';
import { pdfInfo, pdfText } from '../helpers/pdf.js';
import { startBrowserMode, type RunningApp } from './browser-mode.js';
import { openPage } from './page-helpers.js';

/**
 * 简报 in the app (issue 6): opened from the toolbar, the preview draws its map, 导出 PDF prints
 * the page through the server's Chromium and the browser downloads it; poppler reads the goal
 * figures back and they equal `landplanner goals` on the app's own working copy. The atlas shows
 * its progress and can be cancelled; presentation mode turns with PageDown and ends with Esc.
 */
let app: RunningApp;

test.beforeAll(async () => {
  app = await startBrowserMode();
});
test.afterAll(async () => {
  await app?.stop();
});

async function openBriefing(page: Page, asOf: string): Promise<void> {
  await openPage(page, app.url);
  await page.getByTestId('briefing-button').click();
  await expect(page.getByTestId('briefing-view')).toBeVisible();
  await expect(page.getByTestId('briefing-asof')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('briefing-asof').fill(asOf);
  await expect(page.getByTestId('briefing-asof')).toHaveValue(asOf);
  await expect(page.getByTestId('briefing-sheet-asof')).toContainText(asOf);
}

test('the briefing from the toolbar: preview, 导出 PDF, and the PDF’s figures equal `landplanner goals`', async ({ page }) => {
  test.setTimeout(240_000);
  await openBriefing(page, '2023-08-01');
  // The preview draws the same page, map included.
  await expect(page.getByTestId('briefing-document')).toHaveAttribute('data-ready', 'true', { timeout: 90_000 });
  await expect(page.getByTestId('briefing-sample')).toBeVisible();
  fs.mkdirSync(path.join('test-results', 'e2e'), { recursive: true });
  await page.screenshot({ path: path.join('test-results', 'e2e', 'briefing-view.png') });

  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.getByTestId('briefing-export-pdf').click()]);
  expect(download.suggestedFilename()).toBe('永康市-简报-2023-08-01.pdf');
  await expect(page.getByTestId('briefing-task')).toHaveAttribute('data-status', 'done');
  const file = path.join('test-results', 'e2e', 'briefing-永康市.pdf');
  await download.saveAs(file);
  expect(pdfInfo(file)['Pages']).toBe('1');

  const cli = landplanner(['goals', '--project', app.sampleCopy, '--year', '2023', '--as-of', '2023-08-01']);
  expect(cli.status, cli.stdout + cli.stderr).toBe(0);
  const report = cli.json as unknown as GoalsReport;
  const words = pdfText(file, { raw: true }).replace(/\s+/g, '');
  for (const g of report.goals) {
    const tile = `${g.label}${GOAL_STATUS_LABELS[g.status].zh}${formatGoalValue(g.achieved, g.unit, 'zh-CN')}/${formatGoalValue(g.target, g.unit, 'zh-CN')}${g.unit}${formatPercent(g.progress)}`;
    expect(words, g.key).toContain(tile.replace(/\s+/g, ''));
  }
  expect(words).toContain('永康市土地整治工作简报');
  expect(words).toContain('截至2023-08-01');
});

test('the atlas reports its progress and can be cancelled; a block briefing is named after the block', async ({ page }) => {
  test.setTimeout(240_000);
  await openBriefing(page, '2023-08-01');
  await page.getByTestId('briefing-export-atlas').click();
  const task = page.getByTestId('briefing-task');
  await expect(task).toHaveAttribute('data-status', 'running');
  await expect(task).toHaveAttribute('data-total', '19', { timeout: 60_000 });
  await page.getByTestId('briefing-cancel').click();
  await expect(task).toHaveAttribute('data-status', 'failed', { timeout: 60_000 });
  await expect(task).toHaveAttribute('data-code', 'cancelled');

  await page.getByTestId('briefing-extent').selectOption('block:ZD01');
  await expect(page.getByTestId('briefing-title')).toContainText('老长城区块');
  const downloaded = page.waitForEvent('download', { timeout: 180_000 });
  await page.getByTestId('briefing-export-png').click();
  await expect(task).toHaveAttribute('data-status', /done|failed/, { timeout: 180_000 });
  expect(await task.getAttribute('data-status'), (await task.textContent()) ?? '').toBe('done');
  expect((await downloaded).suggestedFilename()).toBe('老长城区块-简报-2023-08-01.png');
});

test('presentation mode: the city, then each key block; PageDown turns, Esc ends', async ({ page }) => {
  await openBriefing(page, '2023-08-01');
  await page.getByTestId('briefing-present').click();
  const show = page.getByTestId('presentation');
  await expect(show).toBeVisible();
  await expect(page.getByTestId('slide-count')).toHaveText('1 / 19');
  await expect(page.getByTestId('slide-title')).toContainText('永康市');
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('slide-count')).toHaveText('2 / 19');
  await expect(show).toHaveAttribute('data-key', 'block:ZD01');
  await expect(page.getByTestId('slide-title')).toContainText('老长城区块');
  await expect(show.locator('[data-testid="briefing-map"]')).toHaveAttribute('data-drawn', 'true', { timeout: 90_000 });
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('slide-count')).toHaveText('1 / 19');
  await page.keyboard.press('Escape');
  await expect(show).toBeHidden();
  await expect(page.getByTestId('briefing-view')).toBeVisible();
});
