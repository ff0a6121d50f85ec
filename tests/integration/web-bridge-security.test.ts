import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SSE_ROUTE, TOKEN_HEADER, httpRoute } from '../../shared/api/contract.js';
import type { EventListener } from '../../shared/api/contract.js';
import { ErrorPayload, PlannerError } from '../../shared/api/errors.js';
import { createCore } from '../../electron/core/core.js';
import type { Project } from '../../electron/core/project/project.js';
import { startWebServer } from '../../electron/web/server.js';
import type { WebServer } from '../../electron/web/server.js';
import { rawRequest } from '../contract/clients.js';
import type { RawResponse } from '../contract/clients.js';
import { createFixtureProject } from '../contract/fixture-project.js';
import { makeTempDir } from '../helpers/tmp.js';

/** The "Done when": the web bridge refuses no token, wrong token, foreign Host/Origin, bad payloads. */
let dir: string;
let project: Project;
let server: WebServer;
let port: number;

beforeAll(async () => {
  dir = makeTempDir('web-security');
  project = createFixtureProject(dir);
  // Wired as cli-web.ts does: the core's events go out over SSE.
  let forward: EventListener | null = null;
  const core = createCore(project, (name, payload) => forward?.(name, payload));
  server = await startWebServer({ api: core, staticDir: `${dir}/no-renderer`, port: 0 });
  forward = server.emit;
  port = server.port;
});
afterAll(async () => {
  await server.close();
  project.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const host = (): string => `127.0.0.1:${port}`;
const post = (path: string, headers: Record<string, string>, body = '{}'): Promise<RawResponse> =>
  rawRequest(port, { method: 'POST', path, headers: { Host: host(), 'Content-Type': 'application/json', ...headers }, body });

function errorOf(res: RawResponse): ErrorPayload {
  const body = res.json() as { error?: unknown };
  return ErrorPayload.parse(body.error);
}

describe('token', () => {
  it('announces a URL with a long random token on 127.0.0.1', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/);
    expect(server.url).toContain(`:${port}/`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers a call that carries the token', async () => {
    const res = await post(httpRoute('projectInfo'), { [TOKEN_HEADER]: server.token });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect((res.json() as { counts: { parcels: number } }).counts.parcels).toBe(3);
  });

  it('refuses a call without a token (401)', async () => {
    const res = await post(httpRoute('projectInfo'), {});
    expect(res.status).toBe(401);
    expect(errorOf(res).code).toBe('unauthorized');
  });

  it('refuses a call with a wrong token (401)', async () => {
    // Change the last character (to one it is not: a random token ends in 'x' one time in 64).
    const wrong = `${server.token.slice(0, -1)}${server.token.endsWith('x') ? 'y' : 'x'}`;
    const res = await post(httpRoute('projectInfo'), { [TOKEN_HEADER]: wrong });
    expect(res.status).toBe(401);
    expect(errorOf(res).code).toBe('unauthorized');
    const short = await post(httpRoute('projectInfo'), { [TOKEN_HEADER]: 'x' });
    expect(short.status).toBe(401);
  });

  it('does not accept the token in the query string for API calls', async () => {
    const res = await post(`${httpRoute('projectInfo')}?token=${server.token}`, {});
    expect(res.status).toBe(401);
  });

  it('generates a different token per start', async () => {
    const other = await startWebServer({ api: createCore(project), staticDir: dir, port: 0 });
    try {
      expect(other.token).not.toBe(server.token);
    } finally {
      await other.close();
    }
  });
});

describe('Host and Origin', () => {
  it('refuses a foreign Host header (403), even with the right token', async () => {
    for (const foreign of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `127.0.0.1.nip.io:${port}`]) {
      const res = await post(httpRoute('projectInfo'), { Host: foreign, [TOKEN_HEADER]: server.token });
      expect(res.status, foreign).toBe(403);
      expect(errorOf(res).code).toBe('forbidden_host');
    }
    const page = await rawRequest(port, { path: '/', headers: { Host: 'rebind.example' } });
    expect(page.status).toBe(403);
  });

  it('accepts localhost:<port> as Host', async () => {
    const res = await post(httpRoute('listLayers'), { Host: `localhost:${port}`, [TOKEN_HEADER]: server.token });
    expect(res.status).toBe(200);
  });

  it('refuses a foreign Origin (403), even with the right token', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`, 'null']) {
      const res = await post(httpRoute('projectInfo'), { Origin: origin, [TOKEN_HEADER]: server.token });
      expect(res.status, origin).toBe(403);
      expect(errorOf(res).code).toBe('forbidden_origin');
    }
  });

  it('accepts its own Origin', async () => {
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const res = await post(httpRoute('projectInfo'), { Origin: origin, [TOKEN_HEADER]: server.token });
      expect(res.status, origin).toBe(200);
    }
  });
});

describe('payloads', () => {
  it('refuses a payload that fails its schema (400), naming the field', async () => {
    const res = await post(httpRoute('layerFeatures'), { [TOKEN_HEADER]: server.token }, JSON.stringify({ layer: 'roads' }));
    expect(res.status).toBe(400);
    const e = errorOf(res);
    expect(e.code).toBe('invalid_input');
    expect(e.message).toContain('layer');
    expect(e.details?.['fields']).toEqual([expect.objectContaining({ path: 'layer' })]);
    expect(PlannerError.fromPayload(e).messageZh).toContain('layerFeatures');
  });

  it('refuses unknown keys and a bbox of the wrong shape', async () => {
    const extra = await post(httpRoute('projectInfo'), { [TOKEN_HEADER]: server.token }, JSON.stringify({ sql: 'DROP TABLE parcels' }));
    expect(extra.status).toBe(400);
    const bbox = await post(httpRoute('layerFeatures'), { [TOKEN_HEADER]: server.token }, JSON.stringify({ layer: 'parcels', bbox: [1, 2] }));
    expect(bbox.status).toBe(400);
    expect(JSON.stringify(errorOf(bbox).details)).toContain('bbox');
  });

  it('refuses a body that is not JSON (400)', async () => {
    const res = await post(httpRoute('projectInfo'), { [TOKEN_HEADER]: server.token }, '{not json');
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('invalid_json');
  });

  it('answers an unknown method with 404 unknown_method', async () => {
    const res = await post('/api/dropEverything', { [TOKEN_HEADER]: server.token });
    expect(res.status).toBe(404);
    expect(errorOf(res)).toMatchObject({ code: 'unknown_method', details: { method: 'dropEverything' } });
  });

  it('allows only POST on a method route (405)', async () => {
    const res = await rawRequest(port, { path: httpRoute('projectInfo'), headers: { Host: host(), [TOKEN_HEADER]: server.token } });
    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe('POST');
  });

  it('refuses a body over the size limit (413)', async () => {
    const small = await startWebServer({ api: createCore(project), staticDir: dir, port: 0, maxBodyBytes: 1024 });
    try {
      const body = JSON.stringify({ layer: 'parcels', pad: 'x'.repeat(4096) });
      const res = await rawRequest(small.port, {
        method: 'POST',
        path: httpRoute('layerFeatures'),
        headers: { Host: `127.0.0.1:${small.port}`, [TOKEN_HEADER]: small.token, 'Content-Type': 'application/json' },
        body,
      });
      expect(res.status).toBe(413);
      expect(errorOf(res).code).toBe('payload_too_large');
    } finally {
      await small.close();
    }
  });

  it('sends security headers with API responses', async () => {
    const res = await post(httpRoute('getSettings'), { [TOKEN_HEADER]: server.token });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });
});

describe('network exposure', () => {
  it('listens on 127.0.0.1 only', async () => {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .filter((a): a is os.NetworkInterfaceInfo => !!a && !a.internal)
      .map((a) => a.address);
    for (const address of ['::1', ...external]) {
      const reachable = await new Promise<boolean>((resolve) => {
        const s = net.connect({ host: address, port, timeout: 2000 });
        s.once('connect', () => {
          s.destroy();
          resolve(true);
        });
        s.once('error', () => resolve(false));
        s.once('timeout', () => {
          s.destroy();
          resolve(false);
        });
      });
      expect(reachable, address).toBe(false);
    }
  });
});

describe('server-sent events', () => {
  /** Opens the SSE stream and resolves with the text received once `until` matches it. */
  function listen(path: string, until: RegExp, onOpen: () => void): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path, headers: { Host: host() }, agent: false }, (res) => {
        let text = '';
        if (res.statusCode !== 200) {
          res.resume();
          resolve({ status: res.statusCode ?? 0, text });
          return;
        }
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const first = text === '';
          text += chunk;
          if (first) onOpen();
          if (until.test(text)) {
            req.destroy();
            resolve({ status: 200, text });
          }
        });
      });
      req.on('error', (e) => (e.message.includes('aborted') || e.message.includes('socket hang up') ? undefined : reject(e)));
    });
  }

  it('refuses a stream without the token (401)', async () => {
    const res = await listen(SSE_ROUTE, /never/, () => undefined);
    expect(res.status).toBe(401);
  });

  it('delivers an emitted event', async () => {
    const res = await listen(`${SSE_ROUTE}?token=${encodeURIComponent(server.token)}`, /event: progress\ndata: .*\n\n/, () =>
      server.emit('progress', { taskId: 't1', phase: 'import', done: 3, total: 10 }),
    );
    const match = /event: progress\ndata: (.*)\n\n/.exec(res.text);
    expect(JSON.parse(match?.[1] ?? 'null')).toEqual({ taskId: 't1', phase: 'import', done: 3, total: 10 });
  });

  it("delivers the core's own dataChanged event after an update over HTTP", async () => {
    const res = await listen(`${SSE_ROUTE}?token=${encodeURIComponent(server.token)}`, /event: dataChanged\ndata: .*\n\n/, () => {
      void post(httpRoute('updateSettings'), { [TOKEN_HEADER]: server.token }, JSON.stringify({ goalColors: 'traffic' }));
    });
    expect(res.text).toMatch(/event: dataChanged\ndata: \{"layers":\[.*\]\}\n\n/);
  });

  it('refuses to emit a payload that fails its event schema', () => {
    expect(() => server.emit('progress', { taskId: 't1', phase: 'x', done: -1, total: 1 })).toThrow(/done/);
  });
});
