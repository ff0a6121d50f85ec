import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../shared/api/contract.js';
import { latToTileY, lonToTileX } from '../../shared/geo/tile-coords.js';
import type { Core } from '../../electron/core/core.js';
import type { Project } from '../../electron/core/project/project.js';
import type { WebServer } from '../../electron/web/server.js';
import { serveFixtureProject } from '../helpers/served-fixture.js';
import { makeTempDir } from '../helpers/tmp.js';

/** Browser mode's tile route: `GET /tiles/<layer>/<z>/<x>/<y>.pbf`, token required, bad coordinates 400. */
let project: Project;
let core: Core;
let server: WebServer;
let base: string;
let stop: () => Promise<void>;

const Z = 14;
const X = Math.floor(lonToTileX(120.031, Z));
const Y = Math.floor(latToTileY(28.901, Z));
const PATH = `/tiles/parcels/${Z}/${X}/${Y}.pbf`;

beforeAll(async () => {
  const dir = makeTempDir('tile-route');
  ({ project, core, server, base, stop } = await serveFixtureProject(dir, { staticDir: `${dir}/no-renderer`, routes: (c) => ({ tiles: c.tiles }) }));
});
afterAll(() => stop?.());

const get = (path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> => fetch(`${base}${path}`, { method, headers });
const withToken = (path: string): string => `${path}?token=${encodeURIComponent(server.token)}`;

describe('the tile route', () => {
  it('refuses a request without the token, or with a wrong one', async () => {
    expect((await get(PATH)).status).toBe(401);
    expect((await get(`${PATH}?token=not-the-token`)).status).toBe(401);
    expect((await get(PATH, { [TOKEN_HEADER]: 'nope' })).status).toBe(401);
  });

  it('serves the tile with the token in the query or the header: MVT, ETag, no-cache', async () => {
    const res = await get(withToken(PATH));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-protobuf');
    expect(res.headers.get('cache-control')).toContain('no-cache');
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const layer = new VectorTile(new PbfReader(bytes)).layers['parcels'];
    const codes = Array.from({ length: layer?.length ?? 0 }, (_, i) => layer?.feature(i).properties['code']);
    expect(codes).toContain('YK-0001');

    const viaHeader = await get(PATH, { [TOKEN_HEADER]: server.token });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.headers.get('etag')).toBe(etag);
    // The browser revalidates: an unchanged tile is 304 without a body.
    const again = await get(withToken(PATH), { 'If-None-Match': etag ?? '' });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    expect((await get(withToken(PATH), {}, 'HEAD')).status).toBe(200);
  });

  it('answers 204 for an empty tile', async () => {
    const res = await get(withToken('/tiles/parcels/12/0/0.pbf'));
    expect(res.status).toBe(204);
  });

  it.each([
    `/tiles/parcels/17/0/0.pbf`,
    `/tiles/parcels/${Z}/${2 ** Z}/0.pbf`,
    `/tiles/parcels/${Z}/${X}/-1.pbf`,
    `/tiles/parcels/${Z}/${X}/${Y}.png`,
    `/tiles/parcels/${Z}/${X}/${Y}`,
    '/tiles/parcels/a/b/c.pbf',
    '/tiles/parcels/99999999999/0/0.pbf',
    '/tiles/nope/1/0/0.pbf',
    '/tiles/',
    '/tiles/parcels/%2e%2e/0/0.pbf',
  ])('answers 400 to %s, and keeps serving', async (path) => {
    const res = await get(withToken(path));
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/tile/i);
    expect((await get(withToken(PATH))).status).toBe(200);
  });

  it('answers 405 to other methods', async () => {
    const res = await get(withToken(PATH), {}, 'POST');
    expect(res.status).toBe(405);
  });

  it('an edit changes the tile the route serves (and its ETag)', async () => {
    const before = await get(withToken(PATH));
    const etag = before.headers.get('etag');
    const fid = project.db.prepare("SELECT fid FROM parcels WHERE code = 'YK-0001'").pluck().get() as number;
    await core.applyEdits({ edits: [{ fid, field: 'method', value: '改造提升' }], actor: 'tester' });
    const after = await get(withToken(PATH), { 'If-None-Match': etag ?? '' });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  });
});
