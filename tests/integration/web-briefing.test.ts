import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIEFING_FILE_ROUTE, type BriefingFinished } from '../../shared/api/briefing.js';
import { TOKEN_HEADER, type EventListener } from '../../shared/api/contract.js';
import { ChromiumBriefingRenderer } from '../../electron/core/briefing/chromium-renderer.js';
import { createCore, type Core } from '../../electron/core/core.js';
import { Project } from '../../electron/core/project/project.js';
import { samplePath } from '../../electron/core/sample.js';
import { startWebServer, type WebServer } from '../../electron/web/server.js';
import { webClient } from '../contract/clients.js';
import { pdfText } from '../helpers/pdf.js';
import { makeTempDir } from '../helpers/tmp.js';

/**
 * Briefings as browser mode makes them: briefingStart over HTTP, progress and briefingFinished
 * events, the file fetched from the binary route (token required). Browser mode keeps its Chromium
 * page for the next briefing; after an edit the next briefing must show the new figures, not the
 * page's old data or cached tiles.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = makeTempDir('web-briefing');
const AS_OF = '2023-08-01';
let core: Core;
let server: WebServer;
let project: Project;
const finished = new Map<string, BriefingFinished>();
const progress: { taskId: string; phase: string; done: number; total: number }[] = [];

beforeAll(async () => {
  const file = path.join(dir, 'sample.gpkg');
  fs.copyFileSync(samplePath(), file);
  project = Project.open(file);
  const renderer = new ChromiumBriefingRenderer();
  let forward: EventListener = () => {};
  core = createCore(
    project,
    (name, payload) => {
      if (name === 'briefingFinished') finished.set((payload as BriefingFinished).taskId, payload as BriefingFinished);
      if (name === 'progress') progress.push(payload as (typeof progress)[number]);
      forward(name, payload);
    },
    { briefing: renderer },
  );
  server = await startWebServer({ api: core, staticDir: path.join(ROOT, 'dist', 'renderer'), port: 0, briefingFile: core.briefingFile, tiles: core.tiles, basemaps: core.basemaps });
  forward = server.emit;
  renderer.setPageBase({ origin: new URL(server.url).origin, token: server.token });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await core?.dispose();
  project?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const origin = (): string => new URL(server.url).origin;

async function waitFinished(taskId: string): Promise<BriefingFinished> {
  for (;;) {
    const f = finished.get(taskId);
    if (f) return f;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function fetchFile(fileId: string, token: string | null): Promise<Response> {
  return fetch(`${origin()}${BRIEFING_FILE_ROUTE}?fileId=${encodeURIComponent(fileId)}`, { headers: token ? { [TOKEN_HEADER]: token } : {} });
}

async function briefingPdf(extent: { kind: 'city' } | { kind: 'block'; code: string }): Promise<string> {
  const api = webClient(origin(), server.token);
  const { taskId, fileName } = await api.briefingStart({ year: 2023, asOf: AS_OF, extent });
  const f = await waitFinished(taskId);
  expect(f.ok, JSON.stringify(f.error)).toBe(true);
  expect(f.file?.fileName).toBe(fileName);
  const res = await fetchFile(f.file?.fileId ?? '', server.token);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(fileName)}`);
  const out = path.join(dir, fileName);
  fs.writeFileSync(out, Buffer.from(await res.arrayBuffer()));
  expect(fs.readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return out;
}

/** The ZD01 row of the block table as printed: remediated mu is its fourth field. */
function zd01Mu(file: string): string | undefined {
  return pdfText(file, { raw: true })
    .split('\n')
    .find((l) => l.startsWith('ZD01 '))
    ?.split(' ')[3];
}

describe('briefings over the browser-mode bridge', () => {
  it('prints the city, reports progress, and serves the file only with the token', async () => {
    const file = await briefingPdf({ kind: 'city' });
    expect(pdfText(file, { raw: true })).toContain('永康市土地整治工作简报');
    expect(progress.some((p) => p.phase === 'briefing-maps' && p.done === 1 && p.total === 1)).toBe(true);
    expect(progress.some((p) => p.phase === 'briefing-print')).toBe(true);
    const fileId = [...finished.values()][0]?.file?.fileId ?? '';
    expect((await fetchFile(fileId, null)).status).toBe(401);
    expect((await fetchFile(fileId, 'wrong-token-wrong-token-wrong-tok')).status).toBe(401);
    expect((await fetchFile('no-such-file-id', server.token)).status).toBe(404);
  }, 240_000);

  it('refuses an unknown block at once, before printing', async () => {
    const api = webClient(origin(), server.token);
    await expect(api.briefingStart({ year: 2023, asOf: AS_OF, extent: { kind: 'block', code: 'ZD99' } })).rejects.toMatchObject({ code: 'unknown_block' });
  });

  it('draws the next briefing in the kept page, and after an edit shows the new figures', async () => {
    const before = await briefingPdf({ kind: 'block', code: 'ZD01' });
    expect(pdfText(before, { raw: true })).toContain('老长城区块土地整治工作简报');
    const dash = await core.dashboard({ year: 2023, asOf: AS_OF });
    expect(zd01Mu(before)).toBe(dash.blocks.find((b) => b.code === 'ZD01')?.remediatedMu.toFixed(2));

    // One not-started parcel of ZD01 completed in July: the block's remediated mu grows by its area.
    const db = new Database(project.path, { readonly: true });
    const parcel = db.prepare("SELECT code FROM parcels WHERE block_code = 'ZD01' AND status = '未启动' ORDER BY fid LIMIT 1").get() as { code: string };
    db.close();
    const api = webClient(origin(), server.token);
    await api.applyEdits({ edits: [{ code: parcel.code, field: 'status', value: '已完成' }, { code: parcel.code, field: 'completed_on', value: '2023-07-15' }] });
    const after = await briefingPdf({ kind: 'block', code: 'ZD01' });
    const dash2 = await core.dashboard({ year: 2023, asOf: AS_OF });
    const mu2 = dash2.blocks.find((b) => b.code === 'ZD01')?.remediatedMu ?? NaN;
    expect(mu2).toBeGreaterThan(dash.blocks.find((b) => b.code === 'ZD01')?.remediatedMu ?? Infinity);
    expect(zd01Mu(after)).toBe(mu2.toFixed(2));
  }, 300_000);
});
