import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { FeatureCollection, Geometry } from '../../shared/api/geojson.js';
import { m2ToMu } from '../../shared/domain/units.js';
import { ensureFixtures, FIXTURES, fixturePath } from '../fixtures/fixtures.js';
import { PARCELS } from '../fixtures/source-data.js';
import { planimeterAreasM2 } from '../helpers/oracle.js';
import { startBrowserMode, type RunningApp } from './browser-mode.js';
import { dropFiles, openPage, waitIdleMark } from './page-helpers.js';

/**
 * The import wizard as a land officer meets it (issue 3, "Done when"): a GBK shapefile with no
 * .cpg — only the DBF's LDID byte says GBK — dropped onto the window; the wizard shows the detected
 * encoding and CRS with their evidence, imports with the invalid features skipped, and the map and
 * the 年度整治面积 tally change by exactly what was imported.
 */
let app: RunningApp;
let fixtures: string;

/** The renderer's read-only test handle (renderer/src/map/test-handle.ts). */
type MapWindow = { __plannerMap?: { featureCounts(): Record<string, number> } };

test.beforeAll(async () => {
  fixtures = await ensureFixtures();
  app = await startBrowserMode();
});
test.afterAll(async () => {
  await app?.stop();
});

/** Every file of a fixture's shapefile (parcels.shp and its siblings). */
function shapefileParts(fixture: string): { name: string; base64: string }[] {
  const dir = path.dirname(fixturePath(fixtures, fixture));
  return fs
    .readdirSync(dir)
    .filter((n) => n.startsWith('parcels.'))
    .sort()
    .map((name) => ({ name, base64: fs.readFileSync(path.join(dir, name)).toString('base64') }));
}

async function tallyTotalMu(page: Page): Promise<number> {
  const total = page.getByTestId('tally-total-mu');
  await expect(total).toHaveText(/^\d+\.\d{2}$/);
  return Number(await total.getAttribute('data-mu'));
}

/**
 * What the import should add to the 2023 tally, worked out without our code: the fixture's source
 * rows tell which parcels are 已完成 in 2023 (the bow-tie and the null geometry cannot be imported);
 * GDAL reprojects the shapefile to CGCS2000 lon/lat and GeographicLib's Planimeter measures them.
 */
function expectedIncreaseMu(fixture: string): { mu: number; parcels: number } {
  const codes = new Set(
    PARCELS.filter((p) => p.ZT === '已完成' && p.WCRQ?.startsWith('2023') && p.geometry && !p.note.includes('bow-tie')).map((p) => p.DKBH),
  );
  const json = execFileSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', fixturePath(fixtures, fixture), '-t_srs', 'EPSG:4490', '-lco', 'COORDINATE_PRECISION=12'], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const fc = JSON.parse(json) as FeatureCollection;
  const geometries = fc.features.filter((f) => codes.has(String(f.properties['DKBH']))).map((f) => f.geometry as Geometry);
  expect(geometries).toHaveLength(codes.size);
  const m2 = planimeterAreasM2(geometries).reduce((a, b) => a + b, 0);
  return { mu: m2ToMu(m2), parcels: codes.size };
}

test('drops a GBK shapefile without .cpg, sees encoding and CRS, imports, and the map and tally update', async ({ page }) => {
  await openPage(page, app.url);
  const tallyBefore = await tallyTotalMu(page);
  const countBefore = Number(await page.getByTestId('tally-total-count').textContent().then((s) => (s ?? '').replace(/\D/g, '')));
  const parcelsBefore = await page.evaluate(() => (window as unknown as MapWindow).__plannerMap?.featureCounts().parcels ?? -1);
  expect(parcelsBefore).toBeGreaterThan(1000);

  const parts = shapefileParts(FIXTURES.ldidOnly);
  expect(parts.map((p) => p.name)).toEqual(['parcels.dbf', 'parcels.prj', 'parcels.shp', 'parcels.shx']);
  await dropFiles(page, parts);

  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('import-encoding')).toHaveText('gbk');
  await expect(page.getByTestId('import-encoding-source')).toContainText('LDID 0x4D');
  await expect(page.getByTestId('import-encoding-source')).toContainText('DBF 语言驱动字节');
  await expect(page.getByTestId('import-crs')).toHaveText('EPSG:4549');
  await expect(page.getByTestId('import-layer-select')).toHaveValue('parcels');

  // Decoded Chinese in the sample, recognised pinyin fields in the mapping.
  await expect(page.getByTestId('import-sample-row')).toHaveCount(5);
  await expect(page.getByTestId('import-sample-row').first()).toContainText('张三');
  await expect(page.getByTestId('import-sample-row').first()).toContainText('已完成');
  await expect(page.locator('[data-testid="import-mapping-row"][data-source="QLR"]')).toHaveAttribute('data-target', 'owner');
  await expect(page.locator('[data-testid="import-mapping-row"][data-source="DKBH"]')).toHaveAttribute('data-target', 'code');

  // The bow-tie and the null geometry are reported; the import waits for a decision about them.
  await expect(page.getByTestId('import-invalid-count')).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('import-invalid-list')).toContainText('YK-0004');
  await expect(page.getByTestId('import-area-mu')).toHaveText(/^\d+\.\d{2}$/);
  await expect(page.getByTestId('import-start')).toBeDisabled();
  await page.getByTestId('import-on-invalid-skip').check();
  await expect(page.getByTestId('import-start')).toBeEnabled();
  await expect(page.getByTestId('import-start')).toContainText('8');
  await page.getByTestId('import-start').click();

  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('import-report-imported')).toHaveAttribute('data-count', '8');
  await expect(report).toContainText('GBK');
  await expect(report).toContainText('EPSG:4549');

  // The map has the new parcels, and the tally grew by exactly the 2023 completions imported.
  await expect.poll(() => page.evaluate(() => (window as unknown as MapWindow).__plannerMap?.featureCounts().parcels ?? -1)).toBe(parcelsBefore + 8);
  const expected = expectedIncreaseMu(FIXTURES.ldidOnly);
  await expect.poll(() => tallyTotalMu(page).then((mu) => mu - tallyBefore)).toBeCloseTo(expected.mu, 4);
  await expect(page.getByTestId('tally-total-count')).toHaveText(String(countBefore + expected.parcels));

  await page.getByTestId('import-close').click();
  await expect(dialog).toHaveCount(0);
  await waitIdleMark(page);
  await expect.poll(() => page.evaluate(() => (window as unknown as MapWindow).__plannerMap?.featureCounts().parcels ?? -1)).toBe(parcelsBefore + 8);
});

test('an unknown .prj is never guessed: the wizard proposes EPSG:4549 and previews once it is confirmed', async ({ page }) => {
  await openPage(page, app.url);
  await page.keyboard.press('Control+i');
  await expect(page.getByTestId('import-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);

  await page.getByTestId('import-button').click();
  const dir = path.dirname(fixturePath(fixtures, FIXTURES.unknownPrj));
  const files = fs.readdirSync(dir).filter((n) => n.startsWith('parcels.')).map((n) => path.join(dir, n));
  await page.getByTestId('import-file-input').setInputFiles(files);

  const error = page.getByTestId('import-error');
  await expect(error).toHaveAttribute('data-code', 'unknown_crs');
  await expect(error).toContainText('parcels.prj');
  await expect(error).toContainText('坐标系');
  const suggestion = page.getByTestId('import-suggestion');
  await expect(suggestion).toHaveAttribute('data-value', 'EPSG:4549');
  await expect(suggestion.getByTestId('import-crs-select')).toHaveValue('EPSG:4549');
  await expect(page.getByTestId('import-start')).toBeDisabled();

  await suggestion.getByTestId('import-crs-select').selectOption('EPSG:4549');
  await page.getByTestId('import-suggestion-confirm').click();
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  await expect(page.getByTestId('import-crs')).toHaveText('EPSG:4549');
  await expect(page.getByTestId('import-encoding')).toHaveText('gbk');
  await expect(page.getByTestId('import-sample-row').first()).toContainText('张三');

  // Backing out leaves the project as it was.
  const parcels = await page.evaluate(() => (window as unknown as MapWindow).__plannerMap?.featureCounts().parcels ?? -1);
  await page.getByTestId('import-dialog').getByRole('button', { name: '取消' }).click();
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as MapWindow).__plannerMap?.featureCounts().parcels ?? -1)).toBe(parcels);
});
