import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventListener, EventName, EventPayload } from '../../shared/api/contract.js';
import { TOKEN_HEADER } from '../../shared/api/contract.js';
import { UPLOAD_ROUTE } from '../../shared/api/import.js';
import { createCore, type Core } from '../../electron/core/core.js';
import { startWebServer, type WebServer } from '../../electron/web/server.js';
import { createFixtureProject } from '../contract/fixture-project.js';
import { webClient } from '../contract/clients.js';
import { ensureFixtures, FIXTURES, fixturePath } from '../fixtures/fixtures.js';
import { contentChecksum } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/tmp.js';

/**
 * The import as the app does it, through browser mode: files uploaded over the binary side
 * channel, a preview (dry run), then the import in a worker thread with progress events, and
 * the map's data and the tally updated — or, cancelled, nothing changed.
 */
const dir = makeTempDir('web-import');
let fx: string;
let core: Core;
let server: WebServer;
let projectPath: string;
const events: { name: EventName; payload: unknown }[] = [];

beforeAll(async () => {
  fx = await ensureFixtures();
  const project = createFixtureProject(dir);
  projectPath = project.path;
  let forward: EventListener = () => {};
  core = createCore(project, (name, payload) => {
    events.push({ name, payload });
    forward(name, payload);
  });
  server = await startWebServer({ api: core, staticDir: dir, upload: core.stageUpload });
  forward = server.emit;
}, 120_000);
afterAll(async () => {
  await server?.close();
  await core?.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function upload(uploadId: string, shp: string): Promise<void> {
  const base = shp.replace(/\.shp$/, '');
  for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) {
    if (!fs.existsSync(`${base}.${ext}`)) continue;
    const res = await fetch(`${server.url.split('/?')[0]}${UPLOAD_ROUTE}?uploadId=${uploadId}&name=${encodeURIComponent(`地块.${ext}`)}`, {
      method: 'PUT',
      headers: { [TOKEN_HEADER]: server.token },
      body: fs.readFileSync(`${base}.${ext}`),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  }
}

function finished(taskId: string): Promise<EventPayload<'importFinished'>> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      const e = events.find((x) => x.name === 'importFinished' && (x.payload as { taskId: string }).taskId === taskId);
      if (e) {
        clearInterval(poll);
        resolve(e.payload as EventPayload<'importFinished'>);
      }
    }, 20);
  });
}

describe('import through the web bridge', () => {
  it('previews a GBK shapefile without a .cpg, then imports it off the main thread', async () => {
    const api = webClient(server.url, server.token);
    await upload('upload-ldid-0001', fixturePath(fx, FIXTURES.ldidOnly));
    const before = contentChecksum(projectPath);
    const preview = await api.importPreview({ uploadId: 'upload-ldid-0001', layer: 'parcels', onInvalid: 'skip' });
    if ('kind' in preview) throw new Error('a map layer was previewed as a ledger');
    expect(preview.encoding).toBe('gbk');
    expect(preview.encodingSource).toBe('ldid');
    expect(preview.crs).toMatch(/^EPSG:45\d\d$/);
    expect(preview.sampleRows[0]?.['owner']).toBe('张三');
    expect(preview.invalid.map((i) => i.code)).toEqual(expect.arrayContaining(['YK-0004']));
    expect(contentChecksum(projectPath)).toBe(before); // a preview writes nothing

    const tallyBefore = await api.tally({ year: 2023, by: 'block' });
    const { taskId } = await api.importStart({ uploadId: 'upload-ldid-0001', layer: 'parcels', onInvalid: 'skip' });
    const done = await finished(taskId);
    expect(done.ok, JSON.stringify(done.error)).toBe(true);
    expect(done.report?.imported).toBe(preview.valid);
    expect(done.report?.areaM2).toBeCloseTo(preview.areaM2, 6);
    expect(events.some((e) => e.name === 'progress' && (e.payload as { taskId: string }).taskId === taskId)).toBe(true);
    expect(events.some((e) => e.name === 'dataChanged')).toBe(true);

    const parcels = await api.layerFeatures({ layer: 'parcels' });
    expect(parcels.features.map((f) => f.properties['owner'])).toContain('陈喆、王堃');
    const tallyAfter = await api.tally({ year: 2023, by: 'block' });
    expect(tallyAfter.total.count).toBeGreaterThan(tallyBefore.total.count);
  });

  it('a cancelled import changes nothing', async () => {
    const api = webClient(server.url, server.token);
    await upload('upload-cancel-01', fixturePath(fx, FIXTURES.utf8));
    const before = contentChecksum(projectPath);
    const { taskId } = await api.importStart({ uploadId: 'upload-cancel-01', layer: 'parcels', onInvalid: 'skip' });
    expect((await api.importCancel({ taskId })).cancelled).toBe(true);
    const done = await finished(taskId);
    expect(done.ok).toBe(false);
    expect(done.error?.code).toBe('cancelled');
    expect(contentChecksum(projectPath)).toBe(before);
  });

  it('refuses an upload with a name that is not a GIS file, and a bad upload id', async () => {
    const base = server.url.split('/?')[0];
    const bad = await fetch(`${base}${UPLOAD_ROUTE}?uploadId=upload-bad-0001&name=${encodeURIComponent('../../evil.sh')}`, { method: 'PUT', headers: { [TOKEN_HEADER]: server.token }, body: 'x' });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_upload');
    const noToken = await fetch(`${base}${UPLOAD_ROUTE}?uploadId=upload-bad-0001&name=a.shp`, { method: 'PUT', body: 'x' });
    expect(noToken.status).toBe(401);
    const api = webClient(server.url, server.token);
    await expect(api.importPreview({ uploadId: 'nothing-uploaded', layer: 'parcels' })).rejects.toMatchObject({ code: 'upload_not_found' });
    expect(fs.readdirSync(path.dirname(projectPath)).some((f) => f.includes('evil'))).toBe(false);
  });
});
