import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core.js';
import type { Project } from '../../electron/core/project/project.js';
import { startWebServer } from '../../electron/web/server.js';
import type { WebServer } from '../../electron/web/server.js';
import { rawRequest } from '../contract/clients.js';
import { createFixtureProject } from '../contract/fixture-project.js';
import { makeTempDir } from '../helpers/tmp.js';

/** Browser mode serves the built renderer: right content types, SPA fallback, nothing outside it. */
let dir: string;
let staticDir: string;
let project: Project;
let server: WebServer;

beforeAll(async () => {
  dir = makeTempDir('web-static');
  staticDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>土地与项目一张图</title>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'index-abc123.js'), 'console.log(1)');
  fs.writeFileSync(path.join(staticDir, 'assets', 'worker.mjs'), 'self.onmessage = () => {}');
  fs.writeFileSync(path.join(staticDir, 'assets', 'area.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  fs.writeFileSync(path.join(staticDir, 'assets', 'style.css'), 'body{}');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
  project = createFixtureProject(dir);
  server = await startWebServer({ api: createCore(project), staticDir, port: 0 });
});
afterAll(async () => {
  await server.close();
  project.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const get = (p: string, method = 'GET') => rawRequest(server.port, { method, path: p, headers: { Host: `127.0.0.1:${server.port}` } });

describe('static files of the renderer', () => {
  it('serves index.html at / (with the token in the query) with the security headers', async () => {
    const res = await get(`/?token=${server.token}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('土地与项目一张图');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const csp = res.headers['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).not.toMatch(/https?:/);
  });

  it('uses the right content types, .wasm and .mjs included', async () => {
    const cases: [string, RegExp][] = [
      ['/assets/index-abc123.js', /^text\/javascript/],
      ['/assets/worker.mjs', /^text\/javascript/],
      ['/assets/area.wasm', /^application\/wasm$/],
      ['/assets/style.css', /^text\/css/],
    ];
    for (const [p, type] of cases) {
      const res = await get(p);
      expect(res.status, p).toBe(200);
      expect(res.headers['content-type'], p).toMatch(type);
    }
  });

  it('falls back to index.html for client routes but not for missing assets', async () => {
    const route = await get('/dashboard/2023');
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>');
    const missing = await get('/assets/missing.js');
    expect(missing.status).toBe(404);
  });

  it('answers HEAD without a body', async () => {
    const res = await get('/assets/style.css', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe('6');
    expect(res.body).toBe('');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const p of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/%00', '/%E0%A4%A']) {
      const res = await get(p);
      expect([403, 404], p).toContain(res.status);
      expect(res.body, p).not.toContain('outside the renderer');
    }
  });

  it('refuses other HTTP methods on static paths (405)', async () => {
    const res = await get('/index.html', 'DELETE');
    expect(res.status).toBe(405);
  });

  it('says how to build the renderer when it is missing (503)', async () => {
    const bare = await startWebServer({ api: createCore(project), staticDir: path.join(dir, 'not-built'), port: 0 });
    try {
      const res = await rawRequest(bare.port, { path: '/', headers: { Host: `127.0.0.1:${bare.port}` } });
      expect(res.status).toBe(503);
      expect(res.body).toContain('npm run build');
    } finally {
      await bare.close();
    }
  });
});
