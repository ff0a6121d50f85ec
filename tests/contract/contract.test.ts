import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ProjectInfo, ipcChannel } from '../../shared/api/contract.js';
import type { Api, EventName } from '../../shared/api/contract.js';
import { PlannerError } from '../../shared/api/errors.js';
import { LAYER_IDS, LAYER_LABELS } from '../../shared/api/layers.js';
import { DEFAULT_SETTINGS } from '../../shared/domain/vocabulary.js';
import { createCore } from '../../electron/core/core.js';
import type { Project } from '../../electron/core/project/project.js';
import { startWebServer } from '../../electron/web/server.js';
import { makeTempDir } from '../helpers/tmp.js';
import { inProcessClient, ipcClient, sseSubscribe, webClient } from './clients.js';
import type { PlannerBridge } from './clients.js';
import * as fakeElectron from './fake-electron.js';
import { PARCEL_CODES, createFixtureProject } from './fixture-project.js';

// The real `electron` module cannot load under Node; ipc.ts and preload.ts run against a faithful fake.
vi.mock('electron', () => import('./fake-electron.js'));

/**
 * DESIGN §2: the same assertions against the core in process, through the web bridge and through
 * the Electron IPC bridge (ipcMain handlers + preload's window.planner). Each transport gets its
 * own project file, so settings written by one do not leak into another.
 */
type Listener = (name: EventName | string, payload: unknown) => void;

interface Transport {
  api: Api;
  /** Listens to backend events as the renderer would; resolves once listening. */
  subscribe(listener: Listener): Promise<() => void>;
  close(): Promise<void>;
}

type TransportFactory = (project: Project, dir: string) => Promise<Transport>;

const transports: [string, TransportFactory][] = [
  [
    'core in process',
    async (project) => {
      const listeners = new Set<Listener>();
      const core = createCore(project, (name, payload) => listeners.forEach((l) => l(name, payload)));
      return {
        api: inProcessClient(core),
        subscribe: async (l) => (listeners.add(l), () => listeners.delete(l)),
        close: async () => undefined,
      };
    },
  ],
  [
    'web bridge (HTTP + token + SSE)',
    async (project, dir) => {
      let forward: Listener = () => undefined;
      const core = createCore(project, (name, payload) => forward(name, payload));
      const server = await startWebServer({ api: core, staticDir: `${dir}/no-renderer`, port: 0 });
      forward = server.emit as Listener;
      return {
        api: webClient(`http://127.0.0.1:${server.port}`, server.token),
        subscribe: (l) => sseSubscribe(server.port, server.token, l),
        close: () => server.close(),
      };
    },
  ],
  [
    'Electron IPC (ipcMain + preload)',
    async (project) => {
      const { createIpcEmitter, registerIpc } = await import('../../electron/main/ipc.js');
      const { isAppUrl } = await import('../../electron/main/app-protocol.js');
      const unregister = registerIpc(createCore(project, createIpcEmitter()), isAppUrl);
      await import('../../electron/preload/preload.js');
      const bridge = fakeElectron.mainWorld['planner'] as PlannerBridge;
      return {
        api: ipcClient(bridge),
        subscribe: async (l) => bridge.onEvent(l),
        close: async () => unregister(),
      };
    },
  ],
];

async function rejection(p: Promise<unknown>): Promise<PlannerError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PlannerError);
  return e as PlannerError;
}

describe.each(transports)('contract over %s', (_label, makeTransport) => {
  let dir: string;
  let project: Project;
  let transport: Transport;
  let api: Api;

  beforeAll(async () => {
    dir = makeTempDir('contract');
    project = createFixtureProject(dir);
    transport = await makeTransport(project, dir);
    api = transport.api;
  });
  afterAll(async () => {
    await transport.close();
    project.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('projectInfo describes the project and counts every layer', async () => {
    const info = await api.projectInfo({});
    expect(ProjectInfo.safeParse(info).success).toBe(true);
    expect(info.name).toBe('契约测试项目');
    expect(info.isSample).toBe(false);
    expect(info.crs).toBe('EPSG:4490');
    expect(info.path).toBe(project.path);
    expect(info.schemaVersion).toBeGreaterThanOrEqual(1);
    expect(info.counts).toEqual({ parcels: 3, key_blocks: 1, renewal_zones: 0, platforms: 0, transport: 1, projects: 0 });
    // The extent may come from the R-tree, whose float32 bounds are rounded outwards (~1e-5° at 120°E).
    const [minLon, minLat, maxLon, maxLat] = info.bbox ?? [NaN, NaN, NaN, NaN];
    expect(minLon).toBeCloseTo(120.0, 4);
    expect(minLat).toBeCloseTo(28.89, 4);
    expect(maxLon).toBeCloseTo(120.201, 4);
    expect(maxLat).toBeCloseTo(28.951, 4);
    expect(minLon).toBeLessThanOrEqual(120.0);
    expect(minLat).toBeLessThanOrEqual(28.89);
    expect(maxLon).toBeGreaterThanOrEqual(120.201);
    expect(maxLat).toBeGreaterThanOrEqual(28.951);
  });

  it('listLayers returns every layer in contract order with labels and counts', async () => {
    const layers = await api.listLayers({});
    expect(layers.map((l) => l.id)).toEqual([...LAYER_IDS]);
    const parcels = layers.find((l) => l.id === 'parcels');
    expect(parcels).toMatchObject({ labelZh: LAYER_LABELS.parcels.zh, labelEn: LAYER_LABELS.parcels.en, featureCount: 3 });
    expect(parcels?.geometryKind).toBe('MULTIPOLYGON');
    expect(layers.find((l) => l.id === 'platforms')).toMatchObject({ featureCount: 0, bbox: null });
    expect(layers.find((l) => l.id === 'transport')?.geometryKind).toBe('MULTILINESTRING');
  });

  it('layerFeatures returns the inserted features with their properties and computed areas', async () => {
    const fc = await api.layerFeatures({ layer: 'parcels' });
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f) => f.properties['code']).sort()).toEqual([...PARCEL_CODES]);
    const first = fc.features.find((f) => f.properties['code'] === 'YK-0001');
    expect(first?.properties).toMatchObject({ owner: '永康市测试五金有限公司', town: '东城街道', status: '已完成', method: '拆除重建', completed_on: '2023-06-30' });
    expect(Number.isInteger(first?.id)).toBe(true);
    // ~0.002° × 0.002° at 28.9°N: about 195 m × 222 m.
    expect(first?.properties['area_m2']).toBeGreaterThan(40_000);
    expect(first?.properties['area_m2']).toBeLessThan(45_000);
    expect(['Polygon', 'MultiPolygon']).toContain(first?.geometry.type);
  });

  it('layerFeatures filters by bbox', async () => {
    const fc = await api.layerFeatures({ layer: 'parcels', bbox: [120.0, 28.85, 120.1, 28.93] });
    expect(fc.features.map((f) => f.properties['code']).sort()).toEqual(['YK-0001', 'YK-0002']);
    const road = await api.layerFeatures({ layer: 'transport' });
    expect(road.features).toHaveLength(1);
    expect(road.features[0]?.properties).toMatchObject({ name: '金塔路', stage: '在建' });
  });

  it('getSettings returns the defaults of a new project', async () => {
    expect(await api.getSettings({})).toEqual(DEFAULT_SETTINGS);
  });

  it('updateSettings round-trips a patch', async () => {
    const next = await api.updateSettings({ locale: 'en', goalColors: 'quannianhong' });
    expect(next).toEqual({ ...DEFAULT_SETTINGS, locale: 'en', goalColors: 'quannianhong' });
    expect(await api.getSettings({})).toEqual(next);
  });

  it('updateSettings refuses a bad patch with invalid_input naming the field, and writes nothing', async () => {
    const before = await api.getSettings({});
    const e = await rejection(api.updateSettings({ locale: 'fr' } as never));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toContain('locale');
    expect(e.messageZh).toContain('locale');
    expect(e.details?.['fields']).toEqual([expect.objectContaining({ path: 'locale' })]);
    expect(await api.getSettings({})).toEqual(before);
  });

  it('setBasemap refuses a missing file with its Chinese message naming the file, intact across the bridge', async () => {
    const missing = `${dir}/不存在的底图.mbtiles`;
    const e = await rejection(api.setBasemap({ kind: 'file', path: missing }));
    expect(e.code).toBe('basemap_file_not_found');
    expect(e.messageZh).toBe(`找不到底图文件:${missing}`);
    expect(e.details?.['path']).toBe(missing);
    expect(await api.basemapInfo({})).toEqual({ basemap: { kind: 'none' }, file: null, network: null, error: null });
  });

  it('updateSettings announces dataChanged to the listening renderer', async () => {
    const received: [string, unknown][] = [];
    const stop = await transport.subscribe((name, payload) => received.push([name, payload]));
    try {
      await api.updateSettings({ goalColors: 'traffic' });
      await vi.waitFor(() => expect(received.map(([n]) => n)).toContain('dataChanged'));
      const payload = received.find(([n]) => n === 'dataChanged')?.[1] as { layers: unknown[] };
      expect(Array.isArray(payload.layers)).toBe(true);
    } finally {
      stop();
    }
  });

  it('parcelsInPolygon selects the parcels a box meets; featureCard describes a line and refuses an unknown fid', async () => {
    const near = await api.parcelsInPolygon({ ring: [[120.029, 28.899], [120.0355, 28.899], [120.0355, 28.9055], [120.029, 28.9055]] });
    const fids = (await api.layerFeatures({ layer: 'parcels' })).features.filter((f) => f.properties['code'] !== 'YK-0003').map((f) => f.id);
    expect(near.fids).toEqual(fids.sort((a, b) => a - b));
    const road = (await api.layerFeatures({ layer: 'transport' })).features[0];
    const card = await api.featureCard({ layer: 'transport', fid: road?.id ?? -1 });
    expect(card).toMatchObject({ layer: 'transport', code: 'R1', name: '金塔路', parcels: null, areaM2: null });
    expect(card.lengthM).toBeGreaterThan(5000);
    const e = await rejection(api.featureCard({ layer: 'key_blocks', fid: 424242 }));
    expect(e.code).toBe('feature_not_found');
    expect(e.messageZh).toContain('没有要素');
  });

  it('attributeRows pages the sorted parcels and locates one; a foreign sort column is refused, naming the field', async () => {
    const all = await api.attributeRows({ layer: 'parcels', sort: { column: 'code', dir: 'desc' } });
    expect(all.total).toBe(PARCEL_CODES.length);
    expect(all.rows.map((r) => r.values[0])).toEqual([...PARCEL_CODES].reverse());
    const page = await api.attributeRows({ layer: 'parcels', sort: { column: 'code', dir: 'desc' }, offset: 1, limit: 1, locate: all.rows[2]?.fid ?? -1 });
    expect(page).toMatchObject({ total: 3, offset: 1, rowIndex: 2 });
    expect(page.rows.map((r) => r.fid)).toEqual([all.rows[1]?.fid]);
    const e = await rejection(api.attributeRows({ layer: 'transport', sort: { column: 'owner', dir: 'asc' } }));
    expect(e.code).toBe('invalid_input');
    expect(e.details?.['fields']).toEqual([expect.objectContaining({ path: 'sort.column' })]);
  });

  it('layerFeatures refuses an unknown layer, naming the field', async () => {
    const e = await rejection(api.layerFeatures({ layer: 'roads' } as never));
    expect(e.code).toBe('invalid_input');
    expect(e.details?.['fields']).toEqual([expect.objectContaining({ path: 'layer' })]);
  });
});

describe('Electron IPC bridge specifics', () => {
  let dir: string;
  let project: Project;
  let transport: Transport;
  beforeAll(async () => {
    dir = makeTempDir('ipc');
    project = createFixtureProject(dir);
    const ipc = transports.find(([label]) => label.startsWith('Electron IPC'));
    if (!ipc) throw new Error('no IPC transport');
    transport = await ipc[1](project, dir);
  });
  afterAll(async () => {
    await transport.close();
    project.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exposes exactly the contract methods, onEvent and the upload side channel as window.planner', () => {
    const bridge = fakeElectron.mainWorld['planner'] as Record<string, unknown> | undefined;
    expect(bridge).toBeDefined();
    expect(Object.keys(bridge ?? {}).sort()).toEqual([...Object.keys(inProcessClient({} as Api)), 'onEvent', 'upload', 'pickBasemapFile', 'briefingFile'].sort());
  });

  it('refuses calls from a frame that is not the app', async () => {
    const original = fakeElectron.senderFrame.url;
    fakeElectron.senderFrame.url = 'https://evil.example/';
    try {
      const reply = (await fakeElectron.ipcRenderer.invoke(ipcChannel('getSettings'), {})) as { ok: boolean; error?: { code: string } };
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    } finally {
      fakeElectron.senderFrame.url = original;
    }
  });
});
