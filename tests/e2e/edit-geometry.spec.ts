import { expect, test, type Page } from '@playwright/test';
import type { ParcelGeometry } from '../../shared/api/edit-geometry.js';
import type { Geometry } from '../../shared/api/geojson.js';
import type { PlannerMapTestHandle } from '../../renderer/src/map/test-handle.js';
import type { PlannerEditToolsTestHandle } from '../../renderer/src/map/tools/edit/geometry-edit-tools.js';
import { planimeterAreasM2 } from '../helpers/oracle.js';
import { startBrowserMode, type RunningApp } from './browser-mode.js';
import { api, consoleErrors, findCandidate, pageXY, waitMapIdle, type Candidate } from './page-helpers.js';

type MapWindow = Window & { __plannerMap?: PlannerMapTestHandle; __plannerEditTools?: PlannerEditToolsTestHandle };

/**
 * Geometry editing as a planner does it (issue 5 item 5): find a remediated parcel, cut it in two
 * with a line drawn across it on the map, see both pieces in the inspector and the year's tally
 * (one more parcel, the same mu), then Ctrl+Z and have the one parcel back; and drag a vertex of
 * a parcel with its area following live.
 */
let app: RunningApp;

test.beforeAll(async () => {
  app = await startBrowserMode();
});
test.afterAll(async () => {
  await app?.stop();
});

/** A parcel remediated in 2023, inside a key block, with a code no other parcel has, as large as there is. */
const remediatedParcel = (page: Page, skip: readonly number[] = []): Promise<Candidate> =>
  findCandidate(page, app, 'remediated', (p, fid) => p['status'] === '已完成' && String(p['completed_on']).startsWith('2023') && !skip.includes(fid));

function bbox(g: Geometry): [number, number, number, number] {
  let [a, b, c, d] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (v: unknown): void => {
    if (Array.isArray(v) && typeof v[0] === 'number') {
      [a, b, c, d] = [Math.min(a, v[0]), Math.min(b, v[1] as number), Math.max(c, v[0]), Math.max(d, v[1] as number)];
    } else if (Array.isArray(v)) v.forEach(walk);
  };
  walk(g.coordinates);
  return [a, b, c, d];
}

/** Ctrl+F, the code, Enter: the map flies to the parcel and its card opens. */
async function openParcel(page: Page, parcel: Candidate): Promise<void> {
  await page.keyboard.press('Control+f');
  await page.keyboard.type(parcel.code);
  await expect(page.getByTestId('search-hit').first()).toHaveAttribute('data-fid', String(parcel.fid));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('parcel-card')).toHaveAttribute('data-fid', String(parcel.fid));
  await waitMapIdle(page);
}

const tallyCount = async (page: Page): Promise<number> => Number((await page.getByTestId('tally-total-count').innerText()).replace(/[^\d]/g, ''));
const tallyMu = async (page: Page): Promise<number> => Number(await page.getByTestId('tally-total-mu').getAttribute('data-mu'));

test('splits a parcel by a line drawn across it: two pieces in the inspector and the tally, areas adding up; Ctrl+Z brings the one parcel back', async ({ page }) => {
  const logs = consoleErrors(page);
  await page.goto(app.url);
  await waitMapIdle(page);
  const parcel = await remediatedParcel(page);
  const original = await api<ParcelGeometry>(page, app, 'parcelGeometry', { fid: parcel.fid });
  const [oracleOriginal] = planimeterAreasM2([original.geometry]);
  expect(Math.abs(original.areaM2 - (oracleOriginal ?? NaN))).toBeLessThan(0.01);

  await page.getByTestId('tally-year').selectOption('2023');
  await expect(page.getByTestId('tally-summary')).toContainText('2023');
  const countBefore = await tallyCount(page);
  const muBefore = await tallyMu(page);

  await openParcel(page, parcel);
  const card = page.getByTestId('parcel-card');
  const areaMu = Number(await card.getByTestId('parcel-area').getAttribute('data-mu'));

  // 分割: click outside the parcel to the south, double-click outside it to the north.
  await page.getByTestId('edit-tool-split').click();
  await expect(page.getByTestId('edit-geometry-panel')).toHaveAttribute('data-mode', 'split');
  const [w, s, e, n] = bbox(original.geometry);
  const x = (w + e) / 2;
  const pad = (n - s) * 0.25;
  const [x0, y0] = await pageXY(page, [x, s - pad]);
  const [x1, y1] = await pageXY(page, [x, n + pad]);
  await page.mouse.click(x0, y0);
  await page.mouse.dblclick(x1, y1);
  await expect.poll(() => page.evaluate(() => (window as MapWindow).__plannerEditTools?.sketchFinished())).toBe(true);
  const drawn = await page.evaluate(() => (window as MapWindow).__plannerEditTools?.sketchVertices() ?? []);
  expect(drawn).toHaveLength(2);

  // The core's preview: two pieces whose areas add up to the parcel's; the map draws both.
  const pieces = page.getByTestId('edit-pieces');
  await expect(pieces).toHaveAttribute('data-count', '2');
  const previewAreas = (await page.getByTestId('edit-piece').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-area-m2')))));
  expect(previewAreas).toHaveLength(2);
  expect(Math.abs(previewAreas.reduce((a, b) => a + b, 0) - original.areaM2)).toBeLessThan(0.01);
  expect(await page.evaluate(() => (window as MapWindow).__plannerEditTools?.pieceCount())).toBe(2);
  const codes = await page.getByTestId('edit-piece').evaluateAll((els) => els.map((el) => el.getAttribute('data-code')));
  expect(codes).toEqual([parcel.code, `${parcel.code}-2`]);

  // 保存: both pieces selected in the inspector; the tally has one more parcel and the same mu.
  await page.getByTestId('edit-geometry-save').click();
  await expect(page.getByTestId('edit-geometry-saved')).toHaveAttribute('data-op', 'split');
  const bulk = page.getByTestId('bulk-card');
  await expect(bulk).toHaveAttribute('data-count', '2');
  await expect(bulk).toContainText(`${parcel.code}-2`);
  await expect.poll(() => tallyCount(page)).toBe(countBefore + 1);
  expect(await tallyMu(page)).toBeCloseTo(muBefore, 2);
  const stored = await api<{ rows: { fid: number; code: string; areaM2: number; blockCode: string }[] }>(page, app, 'parcelRows', { fids: [parcel.fid], limit: 1 });
  const other = await api<{ fid: number }[]>(page, app, 'searchParcels', { q: `${parcel.code}-2` });
  const pieceRows = await api<{ rows: { areaM2: number; blockCode: string }[] }>(page, app, 'parcelRows', { fids: [parcel.fid, other[0]!.fid] });
  expect(pieceRows.rows.map((r) => r.blockCode)).toEqual([parcel.block, parcel.block]);
  expect(Math.abs(pieceRows.rows.reduce((t, r) => t + r.areaM2, 0) - original.areaM2)).toBeLessThan(0.01);
  expect(stored.rows[0]?.areaM2).toBeLessThan(original.areaM2);
  const geometries = await Promise.all([parcel.fid, other[0]!.fid].map((fid) => api<ParcelGeometry>(page, app, 'parcelGeometry', { fid })));
  const oracle = planimeterAreasM2(geometries.map((g) => g.geometry));
  geometries.forEach((g, i) => expect(Math.abs(g.areaM2 - (oracle[i] ?? NaN))).toBeLessThan(0.01));

  // Ctrl+Z (focus on no text field): the one parcel is back, with its area; the tally as before.
  await page.getByTestId('inspector').locator('.card-head').click();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('undo-notice')).toHaveAttribute('data-kind', 'undone');
  await expect(page.getByTestId('parcel-card')).toHaveAttribute('data-fid', String(parcel.fid));
  await expect(page.getByTestId('parcel-card').getByTestId('parcel-area')).toHaveAttribute('data-mu', String(areaMu));
  await expect.poll(() => tallyCount(page)).toBe(countBefore);
  expect(await tallyMu(page)).toBeCloseTo(muBefore, 6);
  const restored = await api<ParcelGeometry>(page, app, 'parcelGeometry', { fid: parcel.fid });
  expect(restored.geometry).toEqual(original.geometry);
  expect(await api<unknown[]>(page, app, 'searchParcels', { q: `${parcel.code}-2` })).toEqual([]);
  expect(logs).toEqual([]);
});

test('drags a vertex of the selected parcel: the area follows live in m² and 亩, 保存 writes it, Ctrl+Z restores it', async ({ page }) => {
  await page.goto(app.url);
  await waitMapIdle(page);
  const parcel = await remediatedParcel(page);
  const original = await api<ParcelGeometry>(page, app, 'parcelGeometry', { fid: parcel.fid });
  await openParcel(page, parcel);

  await page.getByTestId('edit-tool-vertices').click();
  const panel = page.getByTestId('edit-geometry-panel');
  await expect(panel.getByTestId('edit-original-area')).toHaveAttribute('data-area-m2', String(original.areaM2));
  await waitMapIdle(page);
  // Drag the first vertex outward, away from the parcel's middle.
  const [w, s, e, n] = bbox(original.geometry);
  const ring = (original.geometry as Extract<Geometry, { type: 'MultiPolygon' }>).coordinates[0]![0]!;
  const v = ring[0] as [number, number];
  const [vx, vy] = await pageXY(page, v);
  const [cx, cy] = await pageXY(page, [(w + e) / 2, (s + n) / 2]);
  await page.mouse.move(vx, vy);
  await page.mouse.down();
  const draft = panel.getByTestId('edit-draft-area');
  const shownM2 = async (): Promise<number> => Number(await draft.getAttribute('data-area-m2'));
  await page.mouse.move(vx + (vx - cx) * 0.25, vy + (vy - cy) * 0.25, { steps: 5 });
  // Live, while the button is still down.
  await expect.poll(shownM2).toBeGreaterThan(original.areaM2);
  const live = await shownM2();
  await page.mouse.move(vx + (vx - cx) * 0.5, vy + (vy - cy) * 0.5, { steps: 5 });
  await page.mouse.up();
  await expect.poll(shownM2).toBeGreaterThan(live);
  const outline = await page.evaluate(() => (window as MapWindow).__plannerEditTools?.outline() ?? null);
  if (!outline) throw new Error('no outline');
  const [oracle] = planimeterAreasM2([outline]);
  const shown = await shownM2();
  expect(Math.abs(shown - (oracle ?? NaN))).toBeLessThan(0.01);
  await expect(draft).toContainText('亩');

  await page.getByTestId('edit-geometry-save').click();
  await expect(page.getByTestId('edit-geometry-saved')).toHaveAttribute('data-op', 'replace');
  const saved = await api<ParcelGeometry>(page, app, 'parcelGeometry', { fid: parcel.fid });
  expect(Math.abs(saved.areaM2 - shown)).toBeLessThan(0.01);
  await expect.poll(async () => Number(await page.getByTestId('parcel-card').getByTestId('parcel-area').getAttribute('data-m2'))).toBeCloseTo(shown, 1);

  await page.getByTestId('edit-tool-vertices').click();
  await page.getByTestId('inspector').locator('.card-head').click();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('undo-notice')).toHaveAttribute('data-kind', 'undone');
  await expect.poll(async () => (await api<ParcelGeometry>(page, app, 'parcelGeometry', { fid: parcel.fid })).areaM2).toBe(original.areaM2);
});

test('draws a new parcel: Esc drops the sketch, double-click finishes, the form names it, 保存 creates it; Ctrl+Z removes it', async ({ page }) => {
  await page.goto(app.url);
  await waitMapIdle(page);
  const parcel = await remediatedParcel(page);
  await openParcel(page, parcel);
  const box = await page.getByTestId('map').boundingBox();
  if (!box) throw new Error('no map');
  // A triangle in the lower left of the view (the parcel is framed in the middle).
  const at = (fx: number, fy: number): [number, number] => [box.x + box.width * fx, box.y + box.height * fy];
  await page.getByTestId('edit-tool-draw').click();
  const handle = (): Promise<[number, number][]> => page.evaluate(() => (window as MapWindow).__plannerEditTools?.sketchVertices() ?? []);
  await page.mouse.click(...at(0.1, 0.9));
  await page.mouse.click(...at(0.2, 0.9));
  expect(await handle()).toHaveLength(2);
  await page.keyboard.press('Escape');
  expect(await handle()).toHaveLength(0);
  await expect(page.getByTestId('edit-geometry-panel')).toHaveAttribute('data-mode', 'draw');

  await page.mouse.click(...at(0.08, 0.92));
  await page.mouse.click(...at(0.22, 0.92));
  await page.mouse.dblclick(...at(0.15, 0.78));
  const vertices = await handle();
  expect(vertices).toHaveLength(3);
  const [oracle] = planimeterAreasM2([{ type: 'Polygon', coordinates: [[...vertices, vertices[0]!]] }]);
  const panel = page.getByTestId('edit-geometry-panel');
  expect(Math.abs(Number(await panel.getByTestId('edit-draft-area').getAttribute('data-area-m2')) - (oracle ?? NaN))).toBeLessThan(0.01);
  await expect(panel.getByTestId('edit-geometry-save')).toBeDisabled();
  await panel.getByTestId('edit-new-code').fill('YK2023-NEW-01');
  await panel.getByTestId('edit-new-owner').fill('永康市新绘五金有限公司');
  await panel.getByTestId('edit-new-status').selectOption('整治中');
  await panel.getByTestId('edit-geometry-save').click();

  const card = page.getByTestId('parcel-card');
  await expect(card).toHaveAttribute('data-code', 'YK2023-NEW-01');
  await expect(card).toContainText('永康市新绘五金有限公司');
  await expect(card.getByTestId('status-chip')).toHaveAttribute('data-status', '整治中');
  expect(Math.abs(Number(await card.getByTestId('parcel-area').getAttribute('data-m2')) - (oracle ?? NaN))).toBeLessThan(0.01);
  await expect(card.locator('[data-testid="history-entry"][data-field="@row"]')).toHaveCount(1);

  await page.getByTestId('inspector').locator('.card-head').click();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('undo-notice')).toHaveAttribute('data-kind', 'undone');
  await expect(page.getByTestId('parcel-card')).toHaveCount(0);
  expect(await api<unknown[]>(page, app, 'searchParcels', { q: 'YK2023-NEW-01' })).toEqual([]);
});
