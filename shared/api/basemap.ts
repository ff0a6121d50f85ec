import { z } from 'zod';
import { ErrorPayload } from './errors.js';
import { BBox } from './geojson.js';

/**
 * Basemaps (DESIGN §5, issue 5 item 6). Offline by default (`none`: a plain background under the
 * project's layers). A network source (XYZ template or WMTS KVP, e.g. 天地图 with the user's key)
 * is only ever used when the user chose it; a local MBTiles/PMTiles file is read by the core and
 * served over the tile route (browser mode) or the app:// protocol (Electron). The choice is a
 * project setting (`Settings.basemap`).
 */

const Opacity = z.number().min(0).max(1).default(1);
const MaxZoom = z.number().int().min(1).max(24).default(18);
/** 天地图 keys are 32 hex digits; other services use similar tokens. No URL syntax allowed. */
const Key = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9._~-]*$/, 'a key of letters, digits, . _ ~ -')
  .default('');
/** Subdomains for `{s}`: "01234567" (one character each) or "a,b,c". */
const Subdomains = z
  .string()
  .max(80)
  .regex(/^[A-Za-z0-9,-]*$/, 'subdomains as 01234567 or a,b,c')
  .default('');
const Attribution = z.string().max(300).default('');

/** Placeholders a tile URL may hold; WMTS RESTful names are accepted as synonyms of z/y/x. */
const TILE_PLACEHOLDER = /\{(z|x|y|s|key|TileMatrix|TileRow|TileCol)\}/g;

/**
 * An http(s) URL's parts, without the WHATWG URL class (shared/ has no DOM or Node types): the
 * host is letters, digits, dots and hyphens or an IPv6 literal; no user name or password.
 */
const HTTP_URL = /^(https?):\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?(?:[/?#]\S*)?$/i;

export function httpOrigin(url: string): string | null {
  const m = HTTP_URL.exec(url);
  if (!m) return null;
  const scheme = (m[1] as string).toLowerCase();
  const host = (m[2] as string).toLowerCase();
  const port = m[3] && !((scheme === 'https' && m[3] === '443') || (scheme === 'http' && m[3] === '80')) ? `:${Number(m[3])}` : '';
  return `${scheme}://${host}${port}`;
}

/** `{TileMatrix}/{TileRow}/{TileCol}` (WMTS RESTful) → `{z}/{y}/{x}`. */
export function normalizeTemplate(template: string): string {
  return template.replaceAll('{TileMatrix}', '{z}').replaceAll('{TileRow}', '{y}').replaceAll('{TileCol}', '{x}');
}

/** Why a tile URL template is unusable, or null when it is fine (http/https, {z} {x} {y}). */
export function templateProblem(template: string): { en: string; zh: string } | null {
  const t = normalizeTemplate(template.trim());
  for (const p of ['{z}', '{x}', '{y}']) {
    if (!t.includes(p)) return { en: `the URL needs ${p} (or the WMTS TileMatrix/TileRow/TileCol)`, zh: `地址中缺少 ${p}(或 WMTS 的 TileMatrix/TileRow/TileCol)` };
  }
  const plain = t.replace(TILE_PLACEHOLDER, '0');
  if (!/^https?:\/\//i.test(plain)) return { en: 'only http(s) URLs', zh: '只支持 http 或 https 地址' };
  if (/^https?:\/\/[^/?#]*@/i.test(plain)) return { en: 'no user name or password in the URL', zh: '地址中不能包含用户名或密码' };
  if (!httpOrigin(plain)) return { en: 'not a valid URL', zh: '不是有效的网址' };
  return null;
}

const TileTemplate = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .superRefine((t, ctx) => {
    const problem = templateProblem(t);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.en });
  });

/** An http(s) endpoint without placeholders other than `{s}` (a WMTS KVP service URL). */
const Endpoint = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .superRefine((t, ctx) => {
    if (!httpOrigin(t.replaceAll('{s}', '0'))) ctx.addIssue({ code: 'custom', message: 'an http(s) URL' });
  });
const WmtsName = z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, _ . : -');

export const NoBasemap = z.object({ kind: z.literal('none') });

/** An XYZ tile URL template, e.g. `https://t{s}.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk={key}`. */
export const XyzBasemap = z.object({
  kind: z.literal('xyz'),
  url: TileTemplate,
  /** A second layer drawn over the first, e.g. 天地图's label layer cva_w / cia_w. */
  overlayUrl: TileTemplate.nullable().default(null),
  subdomains: Subdomains,
  key: Key,
  attribution: Attribution,
  maxzoom: MaxZoom,
  tileSize: z.union([z.literal(256), z.literal(512)]).default(256),
  opacity: Opacity,
});

/** A WMTS service in KVP form (GetTile with TileMatrix/TileRow/TileCol), in Web Mercator. */
export const WmtsBasemap = z.object({
  kind: z.literal('wmts'),
  url: Endpoint,
  layer: WmtsName,
  style: WmtsName.default('default'),
  tileMatrixSet: WmtsName,
  format: z.string().trim().min(1).max(60).regex(/^[A-Za-z0-9/+.-]+$/).default('image/png'),
  /** Prefixed to the zoom level as the TileMatrix identifier, e.g. "EPSG:3857:" (天地图: none). */
  tileMatrixPrefix: z.string().max(60).regex(/^[A-Za-z0-9_.:-]*$/).default(''),
  /** A second layer of the same kind of service drawn over the first (天地图 cia/cva labels). */
  overlay: z.object({ url: Endpoint, layer: WmtsName }).nullable().default(null),
  subdomains: Subdomains,
  key: Key,
  attribution: Attribution,
  maxzoom: MaxZoom,
  opacity: Opacity,
});

/** A local MBTiles (raster png/jpg/webp or vector pbf) or PMTiles v3 file, read by the core. */
export const FileBasemap = z.object({
  kind: z.literal('file'),
  path: z.string().trim().min(1).max(4096),
  opacity: Opacity,
});

export const Basemap = z.discriminatedUnion('kind', [NoBasemap, XyzBasemap, WmtsBasemap, FileBasemap]);
export type Basemap = z.infer<typeof Basemap>;
export type BasemapInput = z.input<typeof Basemap>;
export type XyzBasemap = z.infer<typeof XyzBasemap>;
export type XyzBasemapInput = z.input<typeof XyzBasemap>;
export type WmtsBasemap = z.infer<typeof WmtsBasemap>;
export type FileBasemap = z.infer<typeof FileBasemap>;

export const BASEMAP_FILE_EXTENSIONS = ['mbtiles', 'pmtiles'] as const;

export const TileFormat = z.enum(['png', 'jpg', 'webp', 'avif', 'pbf']);
export type TileFormat = z.infer<typeof TileFormat>;

export const VectorLayerInfo = z.object({
  id: z.string(),
  /** From the file's tile statistics; null = unknown (all three kinds are drawn, filtered by type). */
  geometry: z.enum(['polygon', 'line', 'point']).nullable(),
  minzoom: z.number().nullable(),
  maxzoom: z.number().nullable(),
});
export type VectorLayerInfo = z.infer<typeof VectorLayerInfo>;

/** What the core read from a local basemap file. */
export const BasemapFileInfo = z.object({
  path: z.string(),
  container: z.enum(['mbtiles', 'pmtiles']),
  format: TileFormat,
  type: z.enum(['raster', 'vector']),
  name: z.string(),
  attribution: z.string(),
  minzoom: z.number().int(),
  maxzoom: z.number().int(),
  bounds: BBox.nullable(),
  /** [lon, lat, zoom] */
  center: z.tuple([z.number(), z.number(), z.number()]).nullable(),
  tileSize: z.number().int(),
  vectorLayers: z.array(VectorLayerInfo),
  /** Changes when another file is chosen or the file changes on disk; part of the tile URL. */
  revision: z.string().regex(/^[a-z0-9]{6,40}$/),
});
export type BasemapFileInfo = z.infer<typeof BasemapFileInfo>;

/** Tile URL templates of a network basemap, subdomains expanded and the key filled in. */
export const NetworkTiles = z.object({
  base: z.array(z.string()).min(1),
  overlay: z.array(z.string()).nullable(),
  tileSize: z.number().int(),
  maxzoom: z.number().int(),
  attribution: z.string(),
  /** The origins the renderer will contact (added to the Content-Security-Policy). */
  origins: z.array(z.string()),
});
export type NetworkTiles = z.infer<typeof NetworkTiles>;

/** The basemap as the map should draw it; `error` says why a stored file cannot be used now. */
export const BasemapState = z.object({
  basemap: Basemap,
  file: BasemapFileInfo.nullable(),
  network: NetworkTiles.nullable(),
  error: ErrorPayload.nullable(),
});
export type BasemapState = z.infer<typeof BasemapState>;

/** Tile bytes of the current basemap file: `GET BASEMAP_TILE_ROUTE/<revision>/<z>/<x>/<y>` (browser mode: `?token=`). */
export const BASEMAP_TILE_ROUTE = '/api/basemap/tiles';
export const basemapTilePath = (revision: string): string => `${BASEMAP_TILE_ROUTE}/${revision}/{z}/{x}/{y}`;
/** Electron only: the main process shows a file dialog and answers with the chosen path (or null). */
export const IPC_PICK_BASEMAP_CHANNEL = 'planner:pickBasemapFile';

function subdomainList(subdomains: string): string[] {
  if (!subdomains) return [];
  return subdomains.includes(',') ? subdomains.split(',').filter((s) => s.length > 0) : [...subdomains];
}

function fillKey(template: string, key: string): string {
  if (template.includes('{key}')) return template.replaceAll('{key}', encodeURIComponent(key));
  if (!key) return template;
  // 天地图's convention when the template does not say where the key goes.
  return `${template}${template.includes('?') ? '&' : '?'}tk=${encodeURIComponent(key)}`;
}

function expand(template: string, subdomains: string, key: string): string[] {
  const t = fillKey(normalizeTemplate(template.trim()), key);
  if (!t.includes('{s}')) return [t];
  const subs = subdomainList(subdomains);
  return (subs.length > 0 ? subs : ['']).map((s) => t.replaceAll('{s}', s));
}

function wmtsTemplate(endpoint: string, layer: string, b: WmtsBasemap): string {
  const params = [
    'SERVICE=WMTS',
    'REQUEST=GetTile',
    'VERSION=1.0.0',
    `LAYER=${encodeURIComponent(layer)}`,
    `STYLE=${encodeURIComponent(b.style)}`,
    `TILEMATRIXSET=${encodeURIComponent(b.tileMatrixSet)}`,
    `FORMAT=${encodeURIComponent(b.format)}`,
    `TILEMATRIX=${encodeURIComponent(b.tileMatrixPrefix)}{z}`,
    'TILEROW={y}',
    'TILECOL={x}',
  ].join('&');
  const base = endpoint.trim();
  return `${base}${base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?'}${params}`;
}

function originsOf(urls: readonly string[]): string[] {
  const out = new Set<string>();
  for (const u of urls) {
    const origin = httpOrigin(u.replace(TILE_PLACEHOLDER, '0'));
    if (origin) out.add(origin);
  }
  return [...out];
}

/** The tile URLs of a network basemap (null for `none` and local files). */
export function networkTiles(b: Basemap): NetworkTiles | null {
  if (b.kind === 'none' || b.kind === 'file') return null;
  let base: string[];
  let overlay: string[] | null;
  if (b.kind === 'xyz') {
    base = expand(b.url, b.subdomains, b.key);
    overlay = b.overlayUrl ? expand(b.overlayUrl, b.subdomains, b.key) : null;
  } else {
    base = expand(wmtsTemplate(b.url, b.layer, b), b.subdomains, b.key);
    overlay = b.overlay ? expand(wmtsTemplate(b.overlay.url, b.overlay.layer, b), b.subdomains, b.key) : null;
  }
  return {
    base,
    overlay,
    tileSize: b.kind === 'xyz' ? b.tileSize : 256,
    maxzoom: b.maxzoom,
    attribution: b.attribution,
    origins: originsOf([...base, ...(overlay ?? [])]),
  };
}

/** Origins a basemap makes the renderer contact; [] unless the user chose a network basemap. */
export function networkOrigins(b: Basemap): string[] {
  return networkTiles(b)?.origins ?? [];
}
