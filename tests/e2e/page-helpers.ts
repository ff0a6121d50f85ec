import { expect, type Page } from '@playwright/test';
import { TOKEN_HEADER } from '../../shared/api/contract.js';
import type { PlannerMapTestHandle } from '../../renderer/src/map/test-handle.js';
import type { RunningApp } from './browser-mode.js';

/**
 * What several specs do to the app's page: open it and wait for the map, call the API over
 * browser mode's HTTP bridge, pick a parcel, place a [lon, lat] on the page, drop files on the
 * window, open the dashboard at a date. The assertions here are only that a step worked (the API
 * call succeeded, the dashboard shows the date asked for); what a test checks stays in the test.
 */

/** The page's window with the map's read-only test handle (renderer/src/map/test-handle.ts). */
export type MapWindow = Window & { __plannerMap?: PlannerMapTestHandle };
type LonLat = [number, number];

/** Requests that stay on the machine: the loopback server, data: and blob: URLs. */
const LOOPBACK = /^(http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|data:|blob:)/;

/** Waits for the page's own mark that the map has drawn everything (`body[data-map-idle="true"]`). */
export async function waitIdleMark(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForSelector('body[data-map-idle="true"]', { state: 'attached', timeout });
}

/** The idle mark, then the map test handle's own isIdle() (no data, style or camera change pending). */
export async function waitMapIdle(page: Page, timeout = 60_000): Promise<void> {
  await waitIdleMark(page, timeout);
  await page.waitForFunction(() => (window as MapWindow).__plannerMap?.isIdle() === true);
}

/** Opens `url` (the app's, token included) and waits for the map's first idle mark. */
export async function openPage(page: Page, url: string, timeout = 90_000): Promise<void> {
  await page.goto(url);
  await waitIdleMark(page, timeout);
}

/** Records every request of the page that leaves the machine into `into` (returned). */
export function watchExternal(page: Page, into: string[] = []): string[] {
  page.on('request', (req) => {
    const url = req.url();
    if (!LOOPBACK.test(url)) into.push(url);
  });
  return into;
}

/** Collects the page's console errors as they come (a test expects the list empty, or filters it). */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}

/** Calls `method` over browser mode's HTTP bridge with the app's token; the call must succeed. */
export async function api<T>(page: Page, app: RunningApp, method: string, input: unknown = {}): Promise<T> {
  const res = await page.request.post(`${app.origin}/api/${method}`, { headers: { [TOKEN_HEADER]: app.token }, data: input });
  expect(res.ok(), await res.text()).toBe(true);
  return (await res.json()) as T;
}

/** A parcel as the tests pick one: its fid, its (unique) code and its key block. */
export interface Candidate {
  fid: number;
  code: string;
  block: string;
}

/**
 * The largest parcel wholly inside a key block (not straddling), with a code no other parcel has,
 * whose properties (and fid) pass `wanted`; `what` names it in the error when the sample has none.
 */
export async function findCandidate(
  page: Page,
  app: RunningApp,
  what: string,
  wanted: (properties: Record<string, unknown>, fid: number) => boolean,
): Promise<Candidate> {
  const body = await api<{ features: Array<{ id: number; properties: Record<string, unknown> }> }>(page, app, 'layerFeatures', { layer: 'parcels' });
  const codes = new Map<string, number>();
  for (const f of body.features) codes.set(String(f.properties['code']), (codes.get(String(f.properties['code'])) ?? 0) + 1);
  const best = body.features
    .filter((f) => typeof f.properties['block_code'] === 'string' && wanted(f.properties, f.id))
    .filter((f) => f.properties['straddles'] === false && codes.get(String(f.properties['code'])) === 1)
    .sort((a, b) => Number(b.properties['area_m2']) - Number(a.properties['area_m2']))[0];
  if (!best) throw new Error(`the sample has no ${what} parcel inside a key block`);
  return { fid: best.id, code: String(best.properties['code']), block: String(best.properties['block_code']) };
}

/** Page coordinates of a [lon, lat] in the current view (the map test handle's pixel plus the map's place). */
export async function pageXY(page: Page, lngLat: LonLat): Promise<[number, number]> {
  const box = await page.getByTestId('map').boundingBox();
  if (!box) throw new Error('no map on the page');
  const [x, y] = await page.evaluate((c) => (window as MapWindow).__plannerMap?.pixelOf(c) ?? [NaN, NaN], lngLat);
  return [box.x + x, box.y + y];
}

/** Page coordinates of a [lon, lat] once the view has stopped moving (after a fly-to). */
export async function settledXY(page: Page, lngLat: LonLat): Promise<[number, number]> {
  let last = await pageXY(page, lngLat);
  for (;;) {
    await page.waitForFunction(() => (window as MapWindow).__plannerMap?.isIdle() === true);
    await page.waitForTimeout(250);
    const now = await pageXY(page, lngLat);
    if (Math.abs(now[0] - last[0]) < 0.01 && Math.abs(now[1] - last[1]) < 0.01) return now;
    last = now;
  }
}

/** A real drag and drop as the browser delivers it: dragenter, dragover, drop with a DataTransfer of Files. */
export async function dropFiles(page: Page, files: { name: string; base64: string }[]): Promise<void> {
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: 'application/octet-stream' }));
    }
    const target = document.querySelector('[data-testid="map"]') ?? document.body;
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  }, files);
}

/** Sets the dashboard's as-of date and waits until it has loaded the figures for it. */
export async function setDashboardAsOf(page: Page, asOf: string): Promise<void> {
  await expect(page.getByTestId('dashboard-asof')).toBeEnabled();
  await page.getByTestId('dashboard-asof').fill(asOf);
  await expect(page.getByTestId('dashboard-asof')).toHaveValue(asOf);
  await expect(page.getByTestId('dashboard-view')).toHaveAttribute('data-loading', 'false');
  await expect(page.locator('.dash-subtitle')).toContainText(asOf);
}

/** Opens the dashboard from the toolbar, at `asOf`. */
export async function showDashboard(page: Page, asOf: string): Promise<void> {
  await page.getByTestId('dashboard-button').click();
  await expect(page.getByTestId('dashboard-view')).toBeVisible();
  await setDashboardAsOf(page, asOf);
}
