import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import type { WebServer } from '../../electron/web/server.js';
import { BASEMAP_TILE_ROUTE, IPC_PICK_BASEMAP_CHANNEL } from '../../shared/api/basemap.js';
import { TOKEN_HEADER } from '../../shared/api/contract.js';
import { makeBasemapFixtures, tileOf, type BasemapFixtures } from '../helpers/basemap-fixtures.js';
import { mbtilesTiles } from '../helpers/pmtiles-writer.js';
import { serveFixtureProject } from '../helpers/served-fixture.js';
import { makeTempDir } from '../helpers/tmp.js';

/**
 * Basemap tiles over both transports: browser mode's HTTP route (loopback, token in the query)
 * and Electron's app:// protocol handler; the page's CSP naming a chosen network basemap; the
 * Electron file dialog's IPC method. The `electron` module cannot load under Node: a stand-in
 * records what main registers (protocol handler, ipcMain handler) and answers the dialog.
 */
const electron = vi.hoisted(() => ({
  protocolHandler: null as ((request: { url: string }) => Promise<Response>) | null,
  ipc: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  dialogAnswer: { canceled: false, filePaths: [] as string[] },
}));
vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: () => undefined,
    handle: (_scheme: string, handler: (request: { url: string }) => Promise<Response>) => {
      electron.protocolHandler = handler;
    },
  },
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => electron.ipc.set(channel, handler),
    removeHandler: (channel: string) => electron.ipc.delete(channel),
  },
  BrowserWindow: { fromWebContents: () => null },
  dialog: { showOpenDialog: async () => electron.dialogAnswer },
}));

let dir: string;
let fx: BasemapFixtures;
let core: Core;
let server: WebServer;
let base: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  dir = makeTempDir('basemap-routes');
  fx = makeBasemapFixtures(path.join(dir, 'fx'));
  const staticDir = path.join(dir, 'renderer');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  ({ core, server, base, stop } = await serveFixtureProject(dir, { projectName: '底图路由', staticDir, routes: (c) => ({ basemaps: c.basemaps }) }));
});
afterAll(() => stop?.());

const tileUrl = (rev: string, z: number, x: number, y: number, token: string | null = server.token): string =>
  `${base}${BASEMAP_TILE_ROUTE}/${rev}/${z}/${x}/${y}${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;

describe('browser mode: GET /api/basemap/tiles/<revision>/<z>/<x>/<y>?token=', () => {
  it('serves the raster MBTiles tiles byte for byte with the image type, and only with the token', async () => {
    const state = await core.setBasemap({ kind: 'file', path: fx.rasterMbtiles });
    const rev = state.file?.revision ?? '';
    const stored = mbtilesTiles(fx.rasterMbtiles).tiles;
    const z = state.file?.maxzoom ?? 0;
    const { x, y } = tileOf(120.03, 28.9, z);
    const expected = stored.find((t) => t.z === z && t.x === x && t.y === y);
    if (!expected) throw new Error('fixture lacks the tile over 永康');

    const res = await fetch(tileUrl(rev, z, x, y));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from(expected.data));

    expect((await fetch(tileUrl(rev, z, x, y, null))).status).toBe(401);
    expect((await fetch(tileUrl(rev, z, x, y, 'wrong-token'))).status).toBe(401);
    // The header works too (scripts), as for every API route.
    expect((await fetch(tileUrl(rev, z, x, y, null), { headers: { [TOKEN_HEADER]: server.token } })).status).toBe(200);
  });

  it('a tile the file lacks is 204, an address outside the zoom level is 400, another revision is 404', async () => {
    const rev = (await core.basemapInfo({})).file?.revision ?? '';
    expect((await fetch(tileUrl(rev, 10, 0, 0))).status).toBe(204);
    expect((await fetch(tileUrl(rev, 3, 8, 0))).status).toBe(400);
    expect((await fetch(tileUrl('0123456789abcdef', 10, 853, 421))).status).toBe(404);
    expect((await fetch(`${base}${BASEMAP_TILE_ROUTE}/${rev}/10/853?token=${server.token}`)).status).toBe(400);
  });

  it('a foreign Host header is refused before anything is read', async () => {
    const rev = (await core.basemapInfo({})).file?.revision ?? '';
    const res = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ request }) => {
        const req = request(tileUrl(rev, 10, 853, 421), { headers: { host: 'evil.example:80' } }, (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      }, reject);
    });
    expect(res).toBe(403);
  });

  it('serves vector tiles inflated as application/x-protobuf', async () => {
    const state = await core.setBasemap({ kind: 'file', path: fx.vectorMbtiles });
    const rev = state.file?.revision ?? '';
    const { x, y } = tileOf(120.03, 28.9, 12);
    const res = await fetch(tileUrl(rev, 12, x, y));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-protobuf');
    expect(res.headers.get('content-encoding')).toBeNull();
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(20);
    expect([bytes[0], bytes[1]]).not.toEqual([0x1f, 0x8b]);
  });

  it("the page's CSP allows only 'self' offline, and exactly the chosen network basemap's hosts", async () => {
    await core.setBasemap({ kind: 'none' });
    const csp = async (): Promise<string> => (await fetch(`${base}/`)).headers.get('content-security-policy') ?? '';
    expect(await csp()).toContain("connect-src 'self';");
    expect(await csp()).not.toContain('http');

    await core.setBasemap({
      kind: 'xyz',
      url: 'https://t{s}.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}',
      subdomains: '012',
      key: 'k',
    });
    const policy = await csp();
    const hosts = 'https://t0.tianditu.gov.cn https://t1.tianditu.gov.cn https://t2.tianditu.gov.cn';
    expect(policy).toContain(`connect-src 'self' ${hosts};`);
    expect(policy).toContain(`img-src 'self' data: blob: ${hosts};`);
    expect(policy).not.toContain('t3.tianditu');
    await core.setBasemap({ kind: 'none' });
    expect(await csp()).not.toContain('tianditu');
  });
});

describe('Electron: app://renderer/api/basemap/tiles/… and the file dialog', () => {
  it('the app:// handler serves the same tiles (PMTiles here) and the renderer files with the CSP', async () => {
    const { handleAppProtocol } = await import('../../electron/main/app-protocol.js');
    const rendererDir = path.join(dir, 'renderer');
    handleAppProtocol(rendererDir, { basemaps: core.basemaps });
    const handler = electron.protocolHandler;
    if (!handler) throw new Error('no protocol handler registered');

    const state = await core.setBasemap({ kind: 'file', path: fx.rasterPmtiles });
    const rev = state.file?.revision ?? '';
    const z = state.file?.maxzoom ?? 0;
    const { x, y } = tileOf(120.03, 28.9, z);
    const expected = mbtilesTiles(fx.rasterMbtiles).tiles.find((t) => t.z === z && t.x === x && t.y === y);
    const res = await handler({ url: `app://renderer${BASEMAP_TILE_ROUTE}/${rev}/${z}/${x}/${y}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from(expected?.data ?? []));
    expect((await handler({ url: `app://renderer${BASEMAP_TILE_ROUTE}/${rev}/${z}/0/0` })).status).toBe(204);
    expect((await handler({ url: `app://elsewhere${BASEMAP_TILE_ROUTE}/${rev}/${z}/${x}/${y}` })).status).toBe(404);

    await core.setBasemap({ kind: 'xyz', url: 'https://tiles.example.test/{z}/{x}/{y}.png' });
    const page = await handler({ url: 'app://renderer/index.html' });
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self' https://tiles.example.test;");
    await core.setBasemap({ kind: 'none' });
  });

  it('pickBasemapFile answers only our page, takes no arguments, and returns a basemap path or null', async () => {
    const { registerBasemapDialog } = await import('../../electron/main/basemap-dialog.js');
    const { isAppUrl } = await import('../../electron/main/app-protocol.js');
    const unregister = registerBasemapDialog(isAppUrl);
    const pick = electron.ipc.get(IPC_PICK_BASEMAP_CHANNEL);
    if (!pick) throw new Error('no IPC handler');
    const ours = { senderFrame: { url: 'app://renderer/index.html' }, sender: {} };

    electron.dialogAnswer = { canceled: false, filePaths: [fx.vectorMbtiles] };
    expect(await pick(ours)).toEqual({ ok: true, value: fx.vectorMbtiles });

    electron.dialogAnswer = { canceled: true, filePaths: [] };
    expect(await pick(ours)).toEqual({ ok: true, value: null });

    electron.dialogAnswer = { canceled: false, filePaths: [path.join(fx.dir, 'magenta.tif')] };
    expect(await pick(ours)).toMatchObject({ ok: false, error: { code: 'basemap_file_invalid' } });

    expect(await pick({ senderFrame: { url: 'https://evil.example/' }, sender: {} })).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(await pick(ours, '/etc/passwd')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    unregister();
    expect(electron.ipc.has(IPC_PICK_BASEMAP_CHANNEL)).toBe(false);
  });
});
