import { expect, test } from '@playwright/test';
import { startBrowserMode, type RunningApp } from './browser-mode.js';
import { api, openPage, pageXY, type MapWindow } from './page-helpers.js';

/**
 * DESIGN §5: the parcels reach the map as vector tiles cut by the core — the page never asks for
 * the parcel layer as GeoJSON — and a parcel drawn from a tile still selects, by click, the card
 * of the right parcel.
 */
let app: RunningApp;

test.beforeAll(async () => {
  app = await startBrowserMode();
});
test.afterAll(async () => {
  await app?.stop();
});

test('parcels come as the core’s vector tiles, and a click on one opens its card', async ({ page }) => {
  const geojsonLayers: string[] = [];
  const tileRequests: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname === '/api/layerFeatures') geojsonLayers.push(String((req.postDataJSON() as { layer?: string } | null)?.layer));
    if (url.pathname.startsWith('/tiles/parcels/')) tileRequests.push(url.pathname);
  });
  await openPage(page, app.url);

  expect(geojsonLayers.length).toBeGreaterThan(0);
  expect(geojsonLayers).not.toContain('parcels');
  expect(tileRequests.length).toBeGreaterThan(0);
  // The map knows the project's parcel count (what its tiles hold) and draws parcels.
  const count = Number(await page.getByTestId('parcel-count').getAttribute('data-count'));
  expect(await page.evaluate(() => (window as MapWindow).__plannerMap?.featureCounts().parcels)).toBe(count);
  expect(await page.evaluate(() => (window as MapWindow).__plannerMap?.renderedFeatureCount('parcels'))).toBeGreaterThan(100);

  // A large parcel: fly to it by search, close its card, then click its centroid on the map.
  const hits = await api<Array<{ fid: number; code: string | null }>>(page, app, 'searchParcels', { q: 'YK2023', limit: 200 });
  const cards = await Promise.all(
    hits
      .slice(0, 40)
      .map((h) => api<{ fid: number; code: string; area: { computedM2: number }; location: { centroid: [number, number] } }>(page, app, 'traceParcel', { fid: h.fid })),
  );
  const target = cards.sort((a, b) => b.area.computedM2 - a.area.computedM2)[0];
  if (!target) throw new Error('no parcel found by search');
  await page.keyboard.press('Control+f');
  await page.keyboard.type(target.code);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('parcel-card')).toHaveAttribute('data-fid', String(target.fid));
  await page.getByTestId('inspector-close').click();
  await expect(page.getByTestId('parcel-card')).toHaveCount(0);
  await page.waitForFunction(() => (window as MapWindow).__plannerMap?.isIdle() === true);

  expect(await page.evaluate((c) => (window as MapWindow).__plannerMap?.featurePropertiesAt('parcels', c)?.['code'], target.location.centroid)).toBe(target.code);
  const [x, y] = await pageXY(page, target.location.centroid);
  await page.mouse.click(x, y);
  await expect(page.getByTestId('parcel-card')).toHaveAttribute('data-fid', String(target.fid));
  expect(await page.evaluate((fid) => (window as MapWindow).__plannerMap?.featureSelected('parcels', fid), target.fid)).toBe(true);
});
