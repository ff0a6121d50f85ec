import fs from 'node:fs';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { spatialiteQuery } from '../helpers/spatialite-oracle.js';
import { startBrowserMode, type RunningApp } from './browser-mode.js';
import { api, consoleErrors, settledXY, waitMapIdle, type MapWindow } from './page-helpers.js';

/**
 * Issue 5 item 4 in Chromium on the sample project: the attribute table drawer opened from the
 * toolbar, sorted by area (the first row is the largest parcel by SQL on the project file),
 * filtered by status (the count is SQL's), a row click selects the parcel (the inspector shows its
 * code, the map draws it selected), a click on the map scrolls the table to that parcel's row and
 * highlights it, and the exported CSV holds as many rows as the filter.
 */
let app: RunningApp;
let db: Database.Database;
let projectFile: string;

test.beforeAll(async () => {
  app = await startBrowserMode();
});
test.afterAll(async () => {
  db?.close();
  await app?.stop();
});

const DONE = '已完成';

async function openApp(page: Page): Promise<void> {
  await page.goto(app.url);
  await waitMapIdle(page, 90_000);
  if (!db) {
    projectFile = (await api<{ path: string }>(page, app, 'projectInfo')).path;
    db = new Database(projectFile, { readonly: true });
  }
}

const sqlOne = <T>(sql: string, ...params: unknown[]): T => db.prepare(sql).pluck().get(...params) as T;

const featureSelected = (page: Page, fid: number): Promise<boolean> =>
  page.evaluate((id) => (window as MapWindow).__plannerMap?.featureSelected('parcels', id) ?? false, fid);

test('sorts, filters, selects both ways with the map and exports the filtered rows', async ({ page }) => {
  const errors = consoleErrors(page);
  await openApp(page);

  // Open the drawer from the toolbar: every parcel, only a screenful of rows in the page.
  await page.getByTestId('attribute-table-button').click();
  const drawer = page.getByTestId('attribute-drawer');
  await expect(drawer).toBeVisible();
  const grid = page.getByTestId('attribute-grid');
  const parcels = sqlOne<number>('SELECT count(*) FROM parcels');
  await expect(grid).toHaveAttribute('data-total', String(parcels));
  const rendered = Number(await grid.getAttribute('data-rendered'));
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(100);
  expect(await page.getByTestId('attribute-row').count()).toBeLessThan(100);

  // Sort by computed area, descending (header click: ascending, then descending).
  const areaHeader = page.locator('[data-testid="attribute-header"][data-key="area_m2"]');
  await areaHeader.click();
  await expect(areaHeader).toHaveAttribute('aria-sort', 'ascending');
  await areaHeader.click();
  await expect(areaHeader).toHaveAttribute('aria-sort', 'descending');
  const largest = db.prepare("SELECT fid, code, printf('%.2f', area_m2) AS m2 FROM parcels ORDER BY area_m2 DESC, fid DESC LIMIT 1").get() as { fid: number; code: string; m2: string };
  const first = page.locator('[data-testid="attribute-row"][data-index="0"]');
  await expect(first).toHaveAttribute('data-fid', String(largest.fid));
  await expect(first.locator('[data-key="area_m2"]')).toHaveAttribute('title', largest.m2);
  await expect(first.locator('[data-key="code"]')).toHaveText(largest.code);

  // Filter by status (the same filter as the layer panel's chips).
  await page.locator('[data-testid="attribute-filter"][data-key="status"]').selectOption(DONE);
  const done = sqlOne<number>('SELECT count(*) FROM parcels WHERE status = ?', DONE);
  await expect(grid).toHaveAttribute('data-total', String(done));
  await expect(page.getByTestId('attribute-count')).toHaveAttribute('data-total', String(done));
  const statuses = await page.locator('[data-testid="attribute-row"] [data-key="status"]').allInnerTexts();
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set([DONE]));
  await expect(page.locator('[data-testid="filter-chip"][data-key="status"][data-value="已完成"]')).toHaveAttribute('aria-pressed', 'true');
  const largestDone = db.prepare('SELECT fid, code FROM parcels WHERE status = ? ORDER BY area_m2 DESC, fid DESC LIMIT 1').get(DONE) as { fid: number; code: string };
  await expect(first).toHaveAttribute('data-fid', String(largestDone.fid));

  // Table → map: a row click opens the parcel's card and the map draws it selected.
  await first.click();
  await expect(page.getByTestId('parcel-card')).toHaveAttribute('data-code', largestDone.code);
  await expect(page.getByTestId('parcel-code')).toHaveText(largestDone.code);
  await expect(first).toHaveAttribute('data-selected', 'true');
  await expect.poll(() => featureSelected(page, largestDone.fid)).toBe(true);

  // Map → table: a parcel far down the sorted list, brought into view by the search, then deselected.
  const target = db.prepare('SELECT fid, code FROM parcels WHERE status = ? ORDER BY area_m2 DESC, fid DESC LIMIT 1 OFFSET 200').get(DONE) as { fid: number; code: string };
  const [inside] = spatialiteQuery<{ x: number; y: number }>(
    [['SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_PointOnSurface(GeomFromGPB(geom)) AS p FROM project.parcels WHERE fid = ?)', [target.fid]]],
    projectFile,
  );
  if (!inside) throw new Error('no point inside the target parcel');
  await page.keyboard.press('Control+f');
  await page.keyboard.type(target.code);
  await expect(page.getByTestId('search-hit').first()).toHaveAttribute('data-fid', String(target.fid));
  await page.keyboard.press('Enter');
  // (a search pick is a selection too: the table already follows it; the card's close button then deselects)
  const targetRow = page.locator(`[data-testid="attribute-row"][data-fid="${target.fid}"]`);
  await expect(targetRow).toHaveAttribute('data-selected', 'true');
  await expect(targetRow).toHaveAttribute('data-index', '200');
  const [x, y] = await settledXY(page, [inside.x, inside.y]);
  await page.getByTestId('inspector-close').click();
  await expect(page.getByTestId('parcel-card')).toHaveCount(0);
  await expect(targetRow).toHaveAttribute('data-selected', 'false');
  await grid.evaluate((el) => (el.scrollTop = 0));
  await expect(targetRow).toHaveCount(0);

  await page.mouse.click(x, y);
  await expect(page.getByTestId('parcel-card')).toHaveAttribute('data-fid', String(target.fid));
  await expect(targetRow).toBeVisible();
  await expect(targetRow).toHaveAttribute('data-selected', 'true');
  await expect(targetRow).toHaveAttribute('data-index', '200');
  await expect(page.locator('[data-testid="attribute-row"][data-selected="true"]')).toHaveCount(1);
  await expect.poll(() => featureSelected(page, target.fid)).toBe(true);
  expect(await featureSelected(page, largestDone.fid)).toBe(false);

  // Export the filtered rows as CSV; read the file back.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('attribute-export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^工业用地地块_属性表_示例数据_\d{4}-\d{2}-\d{2}\.csv$/);
  const file = await download.path();
  const bytes = fs.readFileSync(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
  expect(lines[0]?.split(',').slice(0, 3)).toEqual(['地块编号', '权利人', '镇街']);
  expect(lines.length - 1).toBe(done);
  expect(lines[1]?.split(',')[0]).toBe(largestDone.code);

  // The drawer's height is remembered across a reload.
  const before = (await drawer.boundingBox())?.height ?? 0;
  const handle = await page.getByTestId('attribute-resize').boundingBox();
  if (!handle) throw new Error('no resize handle');
  await page.mouse.move(handle.x + 200, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + 200, handle.y + handle.height / 2 - 80, { steps: 4 });
  await page.mouse.up();
  const taller = (await drawer.boundingBox())?.height ?? 0;
  expect(taller).toBeGreaterThan(before + 60);
  await page.reload();
  await expect(page.getByTestId('attribute-drawer')).toBeVisible();
  expect(Math.abs(((await page.getByTestId('attribute-drawer').boundingBox())?.height ?? 0) - taller)).toBeLessThan(2);
  expect(errors).toEqual([]);
});
