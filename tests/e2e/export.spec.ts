import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { gdalEpsg, gdalRead, ogrinfoSummary } from '../helpers/gdal-read.js';
import { startBrowserMode, type RunningApp } from './browser-mode.js';

/**
 * Export from the layer panel (issue 5 item 8) in Chromium: the downloaded zip is opened by GDAL
 * (ogrinfo, ogr2ogr from /vsizip/, gdalsrsinfo) and compared with the app's own project file read
 * with plain SQL — feature count, Chinese attributes, CRS — for the whole layer (GBK, EPSG:4490),
 * a filter (UTF-8, EPSG:4549, Chinese field names) and a parcel picked by search.
 */
let app: RunningApp;
let db: Database.Database;

test.beforeAll(async () => {
  app = await startBrowserMode();
  db = new Database(app.sampleCopy, { readonly: true, fileMustExist: true });
});
test.afterAll(async () => {
  db?.close();
  await app?.stop();
});

/** The export needs the layer list, not a drawn map: wait for the parcels' export button. */
async function open(page: Page): Promise<void> {
  await page.goto(app.url);
  await expect(page.locator('[data-testid="layer-export"][data-layer="parcels"]')).toBeEnabled({ timeout: 90_000 });
}

/** Clicks 导出 in the dialog and saves the download; returns its path and suggested name. */
async function download(page: Page, name: string): Promise<{ file: string; suggested: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-submit').click()]);
  const file = path.join(app.dataDir, name);
  await dl.saveAs(file);
  return { file, suggested: dl.suggestedFilename() };
}

test('exports the parcels layer from the layer panel as a GBK shapefile zip GDAL reads', async ({ page }) => {
  await open(page);
  await page.locator('[data-testid="layer-export"][data-layer="parcels"]').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('导出图层:工业用地地块');
  await expect(page.getByTestId('export-format')).toHaveValue('shapefile');
  await expect(page.getByTestId('export-encoding')).toHaveValue('gbk');
  await expect(page.getByTestId('export-crs')).toHaveValue('EPSG:4490');
  await expect(page.getByTestId('export-crs').locator('option:checked')).toHaveText('CGCS2000 经纬度(EPSG:4490)');

  const { file, suggested } = await download(page, 'parcels.zip');
  expect(suggested).toBe('示例数据_工业用地地块_CGCS2000_GBK.zip');
  const rows = db.prepare('SELECT code, owner, address FROM parcels ORDER BY fid').all() as { code: string; owner: string; address: string }[];
  await expect(page.getByTestId('export-result')).toHaveAttribute('data-exported', String(rows.length));

  expect(ogrinfoSummary(`/vsizip/${file}`, 'parcels')).toContain(`Feature Count: ${rows.length}`);
  expect(gdalEpsg(`/vsizip/${file}/parcels.prj`)).toBe('EPSG:4490');
  const gdal = gdalRead(`/vsizip/${file}`).features;
  expect(gdal.map((f) => f.properties['code'])).toEqual(rows.map((r) => r.code));
  expect(gdal.map((f) => f.properties['owner'])).toEqual(rows.map((r) => r.owner));
  expect(gdal.map((f) => f.properties['address'])).toEqual(rows.map((r) => r.address));

  await page.getByTestId('export-close').click();
  await expect(dialog).toHaveCount(0);
});

test('exports a filter (已完成, 2023) as UTF-8 in EPSG:4549 with Chinese field names', async ({ page }) => {
  await open(page);
  await page.locator('[data-testid="layer-export"][data-layer="parcels"]').click();
  await page.getByTestId('export-scope-filter').check();
  await page.getByTestId('export-filter-status').selectOption('已完成');
  await page.getByTestId('export-filter-completedYear').selectOption('2023');
  const expected = db.prepare("SELECT code, owner FROM parcels WHERE status = '已完成' AND completed_on LIKE '2023-%' ORDER BY fid").all() as { code: string; owner: string }[];
  await expect(page.getByTestId('export-filter-count')).toContainText(String(expected.length));
  await page.getByTestId('export-encoding').selectOption('utf-8');
  await page.getByTestId('export-crs').selectOption('EPSG:4549');
  await page.getByTestId('export-field-names').selectOption('zh');

  const { file, suggested } = await download(page, 'done-2023.zip');
  expect(suggested).toBe('示例数据_工业用地地块_选定_CGCS2000_GK120E_UTF-8.zip');
  await expect(page.getByTestId('export-shortened')).toContainText('地块编 ← 地块编号');
  expect(gdalEpsg(`/vsizip/${file}/parcels.prj`)).toBe('EPSG:4549');
  const gdal = gdalRead(`/vsizip/${file}`).features;
  expect(gdal.map((f) => f.properties['地块编'])).toEqual(expected.map((r) => r.code));
  expect(gdal.map((f) => f.properties['权利人'])).toEqual(expected.map((r) => r.owner));
  expect(new Set(gdal.map((f) => f.properties['整治状']))).toEqual(new Set(['已完成']));
});

test('exports the parcel picked by search as GeoJSON', async ({ page }) => {
  const parcel = db.prepare('SELECT fid, code, owner FROM parcels ORDER BY fid LIMIT 1 OFFSET 42').get() as { fid: number; code: string; owner: string };
  await open(page);
  await page.keyboard.press('Control+f');
  await page.keyboard.type(parcel.code);
  await expect(page.getByTestId('search-hit').first()).toHaveAttribute('data-fid', String(parcel.fid));
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="layer-export"][data-layer="parcels"]').click();
  await expect(page.getByTestId('export-scope-selection')).toBeChecked();
  await page.getByTestId('export-format').selectOption('geojson');
  await expect(page.getByTestId('export-encoding')).toBeDisabled();
  const { file } = await download(page, 'one.geojson');
  const fc = JSON.parse(fs.readFileSync(file, 'utf8')) as { features: { id: number; properties: Record<string, unknown> }[] };
  expect(fc.features.map((f) => [f.id, f.properties['code'], f.properties['owner']])).toEqual([[parcel.fid, parcel.code, parcel.owner]]);
  expect(gdalRead(file).features.length).toBe(1);
});
