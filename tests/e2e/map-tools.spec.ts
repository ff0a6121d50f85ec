import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import type { PlannerMapTestHandle, PlannerMapToolsTestHandle } from '../../renderer/src/map/test-handle.js';
import type { Geometry } from '../../shared/api/geojson.js';
import { planimeterAreasM2 } from '../helpers/oracle.js';
import { spatialiteQuery } from '../helpers/spatialite-oracle.js';
import { startBrowserMode, type RunningApp } from './browser-mode.js';
import { api, openPage, pageXY, settledXY } from './page-helpers.js';

type MapWindow = Window & { __plannerMap?: PlannerMapTestHandle; __plannerMapTools?: PlannerMapToolsTestHandle };
type LonLat = [number, number];

/**
 * Issue 5 item 3 as a planner uses it, in Chromium on the sample project: measure an area and a
 * distance by clicking the map (figures against GeographicLib's Planimeter and GeodSolve on the
 * very vertices the tool used), box and lasso selection (against SpatiaLite on the project file),
 * the coordinate readout (against GDAL's gdaltransform), hover, a key block's card and its parcels
 * highlighted, the north arrow and the scale bar.
 */
let app: RunningApp;
let projectFile: string;

test.beforeAll(async () => {
  app = await startBrowserMode();
});
test.afterAll(async () => {
  await app?.stop();
});

async function openApp(page: Page): Promise<void> {
  await openPage(page, app.url);
  await page.waitForFunction(() => (window as MapWindow).__plannerMap?.isIdle() === true && (window as MapWindow).__plannerMapTools !== undefined);
  projectFile ??= (await api<{ path: string }>(page, app, 'projectInfo')).path;
}

async function mapBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.getByTestId('map').boundingBox();
  if (!box) throw new Error('no map on the page');
  return box;
}

/** Screen position of a point inside the map, as fractions of its width and height. */
async function at(page: Page, fx: number, fy: number): Promise<[number, number]> {
  const box = await mapBox(page);
  return [box.x + box.width * fx, box.y + box.height * fy];
}

const tools = <T,>(page: Page, fn: (h: PlannerMapToolsTestHandle) => T): Promise<T> =>
  page.evaluate((src) => {
    const h = (window as MapWindow).__plannerMapTools;
    if (!h) throw new Error('no map tools handle');
    return (new Function('h', `return (${src})(h)`) as (h: PlannerMapToolsTestHandle) => T)(h);
  }, fn.toString());

const ringWkt = (ring: readonly LonLat[]): string => `POLYGON((${[...ring, ring[0] as LonLat].map((p) => `${p[0]} ${p[1]}`).join(',')}))`;

/** SpatiaLite's answer on the project file: parcels intersecting the ring. */
function spatialiteIntersecting(ring: readonly LonLat[]): number[] {
  const [row] = spatialiteQuery<{ fids: string | null }>(
    [[`SELECT group_concat(fid) AS fids FROM (SELECT fid FROM parcels WHERE geom IS NOT NULL AND ST_Intersects(GeomFromGPB(geom), GeomFromText(?, 4490)) = 1 ORDER BY fid)`, [ringWkt(ring)]]],
    projectFile,
  );
  return row?.fids ? row.fids.split(',').map(Number) : [];
}

/** Shift+drag a selection box from `a` to `b` (page pixels); the ring the tool selected with, once the core answered. */
async function shiftDrag(page: Page, a: readonly [number, number], b: readonly [number, number]): Promise<LonLat[]> {
  await page.keyboard.down('Shift');
  await page.mouse.move(a[0], a[1]);
  await page.mouse.down();
  await page.mouse.move((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, { steps: 4 });
  await page.mouse.move(b[0], b[1], { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await page.waitForFunction(() => (window as MapWindow).__plannerMapTools?.lastSelectedFids() !== null);
  const ring = await tools(page, (h) => h.lastSelectionRing());
  if (!ring) throw new Error('no selection recorded');
  return ring as LonLat[];
}

const number = (text: string | null): number => Number((text ?? '').replace(/[^\d.-]/g, ''));

test('measures an area by clicking: m² and 亩 equal the Planimeter on the same vertices; Esc cancels', async ({ page }) => {
  await openApp(page);
  // An irregular pentagon over 永康's centre, a few km across.
  const target: LonLat[] = [[120.0, 28.88], [120.06, 28.878], [120.072, 28.915], [120.035, 28.94], [119.992, 28.918]];
  await page.getByTestId('map-tool-area').click();
  expect(await tools(page, (h) => h.mode())).toBe('area');
  const cornerBefore = await tools(page, (h) => h.lngLatOf([0, 0]));
  for (const [i, v] of target.entries()) {
    const [x, y] = await pageXY(page, v);
    if (i < target.length - 1) await page.mouse.click(x, y);
    else await page.mouse.dblclick(x, y);
  }
  const panel = page.getByTestId('measure-panel');
  await expect(panel).toHaveAttribute('data-finished', 'true');
  await expect(panel).toHaveAttribute('data-vertices', String(target.length));
  const used = await tools(page, (h) => h.measureVertices());
  expect(used).toHaveLength(target.length);
  // The tool used the points under the clicks (within a pixel or two at this zoom).
  used.forEach((v, i) => {
    expect(Math.abs(v[0] - (target[i]?.[0] ?? NaN))).toBeLessThan(2e-3);
    expect(Math.abs(v[1] - (target[i]?.[1] ?? NaN))).toBeLessThan(2e-3);
  });
  const [oracleM2] = planimeterAreasM2([{ type: 'Polygon', coordinates: [[...used, used[0] as LonLat]] }]);
  if (oracleM2 === undefined) throw new Error('no Planimeter result');
  expect(oracleM2).toBeGreaterThan(1e7);
  const shownM2 = number(await page.getByTestId('measure-area-m2').textContent());
  expect(Math.abs(shownM2 - oracleM2)).toBeLessThanOrEqual(0.01);
  expect(Math.abs(Number(await panel.getAttribute('data-area-m2')) - oracleM2)).toBeLessThan(0.01);
  expect(await page.getByTestId('measure-area-mu').textContent()).toContain(((oracleM2 * 15) / 10000).toFixed(2));
  // The double-click finished the sketch and did not zoom the map.
  expect(await tools(page, (h) => h.lngLatOf([0, 0]))).toEqual(cornerBefore);

  // Esc drops the sketch, a second Esc leaves the tool.
  await page.keyboard.press('Escape');
  await expect(panel).toHaveAttribute('data-vertices', '0');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('map-tools')).toHaveAttribute('data-mode', 'pan');
  await expect(panel).toHaveCount(0);
});

test('measures a distance: the geodesic length equals GeodSolve on the same vertices', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('map-tool-distance').click();
  const points = [await at(page, 0.35, 0.4), await at(page, 0.55, 0.45), await at(page, 0.6, 0.65)];
  for (const [i, [x, y]] of points.entries()) {
    if (i < points.length - 1) await page.mouse.click(x, y);
    else await page.mouse.dblclick(x, y);
  }
  const panel = page.getByTestId('measure-panel');
  await expect(panel).toHaveAttribute('data-finished', 'true');
  const used = await tools(page, (h) => h.measureVertices());
  expect(used).toHaveLength(3);
  const input = used.slice(1).map((q, k) => `${used[k]?.[1]} ${used[k]?.[0]} ${q[1]} ${q[0]}`).join('\n');
  const out = execFileSync('GeodSolve', ['-i', '-e', '6378137', '1/298.257222101', '-p', '9'], { input: `${input}\n`, encoding: 'utf8' });
  const oracle = out.trim().split('\n').reduce((s, line) => s + Number(line.trim().split(/\s+/)[2]), 0);
  expect(Math.abs(Number(await panel.getAttribute('data-length-m')) - oracle)).toBeLessThan(1e-6);
  const shown = (await page.getByTestId('measure-length').textContent()) ?? '';
  expect(shown).toBe(oracle < 1000 ? `${oracle.toFixed(2)} m` : `${(oracle / 1000).toFixed(3)} km`);
  // A measuring click is not a selection.
  await expect(page.getByTestId('bulk-card')).toHaveCount(0);
  await expect(page.getByTestId('parcel-card')).toHaveCount(0);
});

test('Shift+drag selects exactly the parcels SpatiaLite finds in the box', async ({ page }) => {
  await openApp(page);
  const [x0, y0] = await at(page, 0.42, 0.38);
  const ring = await shiftDrag(page, [x0, y0], await at(page, 0.6, 0.58));
  const fids = await tools(page, (h) => h.lastSelectedFids());
  if (!fids) throw new Error('no selection recorded');
  const expected = spatialiteIntersecting(ring);
  expect(expected.length).toBeGreaterThan(5);
  expect(fids).toEqual(expected);
  await expect(page.getByTestId('bulk-card')).toHaveAttribute('data-count', String(expected.length));
  // The map did not pan while the box was drawn: the box's corners are where the drag began and ended.
  const box = await mapBox(page);
  const start = await page.evaluate((c) => (window as MapWindow).__plannerMap?.pixelOf(c) ?? [NaN, NaN], ring[0] as LonLat);
  expect(Math.abs((start[0] ?? NaN) + box.x - x0)).toBeLessThan(1.5);
  expect(Math.abs((start[1] ?? NaN) + box.y - y0)).toBeLessThan(1.5);
  // Esc clears the selection.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('bulk-card')).toHaveCount(0);
});

test('a box over most of the city lists only the first 200 parcels, with the count and area of all of them', async ({ page }) => {
  await openApp(page);
  const ring = await shiftDrag(page, await at(page, 0.15, 0.2), await at(page, 0.85, 0.85));
  const expected = spatialiteIntersecting(ring);
  expect(expected.length).toBeGreaterThan(400);
  const card = page.getByTestId('bulk-card');
  await expect(card).toHaveAttribute('data-count', String(expected.length));
  // Totals of every selected parcel: the area against the Planimeter on their outlines.
  const total = card.getByTestId('bulk-total');
  await expect(total).toHaveAttribute('data-count', String(expected.length));
  const parcels = await api<{ features: { id: number; geometry: Geometry }[] }>(page, app, 'layerFeatures', { layer: 'parcels' });
  const chosen = new Set(expected);
  const oracleM2 = planimeterAreasM2(parcels.features.filter((f) => chosen.has(f.id)).map((f) => f.geometry)).reduce((s, a) => s + a, 0);
  const areaM2 = Number(await total.getAttribute('data-area-m2'));
  expect(Math.abs(areaM2 - oracleM2)).toBeLessThan(0.01);
  await expect(total).toContainText(((oracleM2 * 15) / 10000).toFixed(2));
  await expect(total).toContainText(new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(areaM2));
  // Only the first 200 are listed, and the card says so.
  await expect(card.getByTestId('bulk-row')).toHaveCount(200);
  await expect(card.getByTestId('bulk-capped')).toHaveText(`仅显示前 200 宗,共 ${new Intl.NumberFormat('zh-CN').format(expected.length)} 宗`);
  await page.keyboard.press('Escape');
  await expect(card).toHaveCount(0);
});

test('the lasso selects exactly the parcels SpatiaLite finds in the drawn outline', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('map-tool-lasso').click();
  const centre = await at(page, 0.5, 0.5);
  const box = await mapBox(page);
  const r = Math.min(box.width, box.height) * 0.12;
  await page.mouse.move(centre[0] + r, centre[1]);
  await page.mouse.down();
  for (let k = 1; k <= 36; k++) {
    const a = (2 * Math.PI * k) / 36;
    // A wobbly, concave outline, as a hand draws it.
    const rr = r * (k % 6 < 3 ? 1 : 0.6);
    await page.mouse.move(centre[0] + rr * Math.cos(a), centre[1] + rr * Math.sin(a));
  }
  await page.mouse.up();
  await page.waitForFunction(() => (window as MapWindow).__plannerMapTools?.lastSelectedFids() !== null);
  const ring = await tools(page, (h) => h.lastSelectionRing());
  const fids = await tools(page, (h) => h.lastSelectedFids());
  if (!ring || !fids) throw new Error('no selection recorded');
  expect(ring.length).toBeGreaterThan(10);
  const expected = spatialiteIntersecting(ring);
  expect(expected.length).toBeGreaterThan(2);
  expect(fids).toEqual(expected);
  await expect(page.getByTestId(expected.length > 1 ? 'bulk-card' : 'parcel-card')).toHaveCount(1);
});

test('the coordinate readout of a known point equals gdaltransform EPSG:4490 → EPSG:4549 to 0.01 m', async ({ page }) => {
  await openApp(page);
  const known: LonLat = [120.03, 28.9];
  const [x, y] = await pageXY(page, known);
  await page.mouse.move(x, y);
  const readout = page.getByTestId('coordinate-readout');
  await expect(readout).toHaveAttribute('data-lon', /\d/);
  const lon = Number(await readout.getAttribute('data-lon'));
  const lat = Number(await readout.getAttribute('data-lat'));
  // The pointer is on the known point to within a pixel.
  const px = await tools(page, (h) => [h.lngLatOf([0, 0]), h.lngLatOf([1, 1])]);
  const degPerPx = Math.abs((px[1]?.[0] ?? 0) - (px[0]?.[0] ?? 0));
  expect(Math.abs(lon - known[0])).toBeLessThanOrEqual(degPerPx * 1.5);
  expect(Math.abs(lat - known[1])).toBeLessThanOrEqual(degPerPx * 1.5);
  const [gdalE, gdalN] = execFileSync('gdaltransform', ['-s_srs', 'EPSG:4490', '-t_srs', 'EPSG:4549', '-output_xy'], { input: `${lon} ${lat}\n`, encoding: 'utf8' })
    .trim()
    .split(/\s+/)
    .map(Number);
  const easting = Number(await readout.getAttribute('data-easting'));
  const northing = Number(await readout.getAttribute('data-northing'));
  expect(Math.abs(easting - (gdalE ?? NaN))).toBeLessThan(0.01);
  expect(Math.abs(northing - (gdalN ?? NaN))).toBeLessThan(0.01);
  await expect(page.getByTestId('coords-lonlat')).toHaveText(`${lon.toFixed(6)}, ${lat.toFixed(6)}`);
  const gkText = (await page.getByTestId('coords-gk').textContent()) ?? '';
  expect(gkText).toContain(northing.toFixed(2));
  expect(gkText).toContain(easting.toFixed(2));
});

test('hover outlines the parcel under the pointer', async ({ page }) => {
  await openApp(page);
  const parcels = await api<{ features: { id: number; properties: Record<string, unknown> }[] }>(page, app, 'layerFeatures', { layer: 'parcels' });
  const big = [...parcels.features].sort((a, b) => Number(b.properties['area_m2']) - Number(a.properties['area_m2']))[0];
  if (!big) throw new Error('no parcels');
  const card = await api<{ location: { centroid: LonLat } }>(page, app, 'traceParcel', { fid: big.id });
  // Fly there through search (its code, Enter), then point at it.
  await page.keyboard.press('Control+f');
  await page.keyboard.type(String(big.properties['code']));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('parcel-card')).toHaveAttribute('data-fid', String(big.id));
  const [x, y] = await settledXY(page, card.location.centroid);
  await page.mouse.move(x - 3, y);
  await page.mouse.move(x, y);
  await page.waitForFunction((fid) => (window as MapWindow).__plannerMapTools?.hoveredParcel() === fid, big.id);
  const [ox, oy] = await at(page, 0.02, 0.98);
  await page.mouse.move(ox, oy);
  await page.mouse.move(x, 2);
  await page.waitForFunction(() => (window as MapWindow).__plannerMapTools?.hoveredParcel() === null);
});

test('a click on a key block opens its card with its parcels; highlight them, open one, come back', async ({ page }) => {
  await openApp(page);
  const blocks = await api<{ features: { id: number; geometry: { type: string; coordinates: number[][][][] }; properties: Record<string, unknown> }[] }>(page, app, 'layerFeatures', { layer: 'key_blocks' });
  const card = page.getByTestId('block-card');
  let code = '';
  // Click on a block's outline (a vertex of its ring) until one of them opens its card.
  outer: for (const b of blocks.features) {
    const ring = b.geometry.coordinates[0]?.[0] ?? [];
    for (const v of ring.slice(0, 4)) {
      const [x, y] = await pageXY(page, [v[0] as number, v[1] as number]);
      await page.mouse.click(x, y);
      if ((await card.count()) > 0 && (await card.getAttribute('data-code')) === b.properties['code']) {
        code = String(b.properties['code']);
        break outer;
      }
    }
  }
  expect(code).not.toBe('');
  const [row] = spatialiteQuery<{ n: number }>([['SELECT count(*) AS n FROM parcels WHERE block_code = ?', [code]]], projectFile);
  const n = row?.n ?? -1;
  expect(n).toBeGreaterThan(0);
  const figures = card.getByTestId('feature-parcels');
  await expect(figures).toHaveAttribute('data-count', String(n));
  await expect(card.getByTestId('block-parcel')).toHaveCount(n);
  await expect(card.getByTestId('feature-target')).toBeVisible();

  // Its parcels highlighted on the map, and the highlight cleared again.
  await card.getByTestId('feature-highlight').click();
  await expect(page.getByTestId('map-highlight')).toHaveAttribute('data-count', String(n));
  await page.waitForFunction((count) => (window as MapWindow).__plannerMap?.highlightedCount() === count, n);
  await card.getByTestId('feature-highlight').click();
  await expect(page.getByTestId('map-highlight')).toHaveCount(0);

  // From the block to one parcel and back.
  const first = card.getByTestId('block-parcel').first();
  const fid = await first.getAttribute('data-fid');
  await first.click();
  const parcelCard = page.getByTestId('parcel-card');
  await expect(parcelCard).toHaveAttribute('data-fid', fid ?? '');
  await parcelCard.getByTestId('parcel-block-link').click();
  await expect(page.getByTestId('block-card')).toHaveAttribute('data-code', code);
});

test('a click on a platform or a transport line opens its card from the core', async ({ page }) => {
  await openApp(page);
  type Fc = { features: { id: number; geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> }[] };
  /** Candidate click points of a feature: a point, segment midpoints of a line, vertices of a polygon's outline. */
  const spots = (g: Fc['features'][number]['geometry']): LonLat[] => {
    if (g.type === 'Point') return [g.coordinates as LonLat];
    if (g.type === 'MultiLineString' || g.type === 'LineString') {
      const lines = (g.type === 'LineString' ? [g.coordinates] : g.coordinates) as LonLat[][];
      return lines.flatMap((l) => l.slice(1).map((q, k) => [((l[k]?.[0] ?? 0) + q[0]) / 2, ((l[k]?.[1] ?? 0) + q[1]) / 2] as LonLat)).slice(0, 6);
    }
    const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as LonLat[][][];
    return (polys[0]?.[0] ?? []).slice(0, 6);
  };
  const card = page.getByTestId('feature-card');
  for (const layer of ['platforms', 'transport'] as const) {
    const fc = await api<Fc>(page, app, 'layerFeatures', { layer });
    let opened: Fc['features'][number] | null = null;
    outer: for (const f of fc.features) {
      for (const v of spots(f.geometry)) {
        const [x, y] = await pageXY(page, v);
        await page.mouse.click(x, y);
        if ((await card.count()) > 0 && (await card.getAttribute('data-layer')) === layer && (await card.getAttribute('data-fid')) === String(f.id)) {
          opened = f;
          break outer;
        }
      }
    }
    if (!opened) throw new Error(`no ${layer} feature opened its card`);
    await expect(card.getByTestId('feature-card-title')).toContainText(String(opened.properties['name']));
    if (layer === 'platforms') await expect(card.getByTestId('feature-parcels')).toHaveAttribute('data-count', /^\d+$/);
    if (layer === 'transport') await expect(card.getByTestId('feature-length')).toHaveAttribute('data-m', /^\d/);
    await page.keyboard.press('Escape');
    await expect(card).toHaveCount(0);
  }
});

test('a north arrow turns with the map and a scale bar is drawn', async ({ page }) => {
  await openApp(page);
  const arrow = page.getByTestId('north-arrow');
  await expect(arrow).toBeVisible();
  await expect(arrow).toHaveAttribute('data-bearing', '0');
  await tools(page, (h) => h.setBearing(30));
  await expect(arrow).toHaveAttribute('data-bearing', '30');
  await arrow.click();
  await expect(arrow).toHaveAttribute('data-bearing', '0');
  await expect(page.locator('.maplibregl-ctrl-scale')).toHaveText(/\d+\s*(m|km)/);
});

test('a click exactly on a major project’s point opens that project’s card, also where a neighbour’s circle is drawn over it', async ({ page }) => {
  await openApp(page);
  type Fc = { features: { id: number; geometry: { type: string; coordinates: LonLat }; properties: Record<string, unknown> }[] };
  const fc = await api<Fc>(page, app, 'layerFeatures', { layer: 'projects' });
  const box = await mapBox(page);
  const onMap: { f: Fc['features'][number]; xy: [number, number] }[] = [];
  for (const f of fc.features) {
    const xy = await pageXY(page, f.geometry.coordinates);
    // Only points drawn on the open map (not under a panel, a control or outside the view).
    const onCanvas = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.classList.contains('maplibregl-canvas') === true, xy);
    if (onCanvas && xy[0] > box.x && xy[0] < box.x + box.width && xy[1] > box.y && xy[1] < box.y + box.height) onMap.push({ f, xy });
  }
  expect(onMap.length).toBeGreaterThan(8);
  // The sample puts several projects in one platform: some centres lie under a neighbour's circle
  // (radius 5–13 px by investment, plus its stroke), which is the case that picked the neighbour.
  const close = onMap.filter((a) => onMap.some((b) => b !== a && Math.hypot(a.xy[0] - b.xy[0], a.xy[1] - b.xy[1]) < 8));
  expect(close.length).toBeGreaterThan(1);
  const card = page.getByTestId('feature-card');
  for (const { f, xy } of onMap) {
    await page.mouse.click(xy[0], xy[1]);
    // Wait for the core's card: the point picks this project, not another feature or a neighbour.
    await expect(card, `project ${String(f.properties['code'])}`).toHaveAttribute('data-fid', String(f.id));
    await expect(card).toHaveAttribute('data-layer', 'projects');
    await expect(card.getByTestId('feature-card-title')).toContainText(String(f.properties['name']));
    await expect(card).toContainText(String(f.properties['investment_yi']));
    await page.keyboard.press('Escape');
    await expect(card).toHaveCount(0);
  }
});
