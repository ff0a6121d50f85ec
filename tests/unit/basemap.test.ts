import { describe, expect, it } from 'vitest';
import { Basemap, networkTiles, templateProblem, type BasemapState } from '../../shared/api/basemap.js';
import { Settings } from '../../shared/api/settings.js';
import { DEFAULT_SETTINGS } from '../../shared/domain/vocabulary.js';
import { basemapStyle, isBasemapLayer } from '../../renderer/src/map/basemap-style.js';
import { basemapView, fileTileTemplate, needsReload } from '../../renderer/src/features/basemap/basemap-view.js';
import { basemapFromForm, EMPTY_NETWORK_FORM, networkFormOf } from '../../renderer/src/features/basemap/network-form.js';

const at = { origin: 'http://127.0.0.1:47823', token: 'tok/en+1' };

describe('network basemap URLs', () => {
  it('a 天地图 WMTS KVP template: eight subdomains, the key in its place', () => {
    const form = basemapFromForm({ ...EMPTY_NETWORK_FORM, preset: 'tianditu-img', key: '0123abcd' }, 1);
    if (!form.ok) throw new Error(form.en);
    const n = networkTiles(Basemap.parse(form.basemap));
    expect(n?.base).toHaveLength(8);
    expect(n?.base[3]).toBe(
      'https://t3.tianditu.gov.cn/img_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=img&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=0123abcd',
    );
    expect(n?.overlay?.[0]).toContain('/cia_w/wmts?');
    expect(n?.overlay?.[0]).toContain('LAYER=cia');
    expect(n?.origins).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => `https://t${i}.tianditu.gov.cn`));
  });

  it('without {key} the key is appended as tk=; RESTful WMTS placeholders become z/y/x', () => {
    const n = networkTiles(Basemap.parse({ kind: 'xyz', url: 'https://a.example/wmts/{TileMatrix}/{TileRow}/{TileCol}.png', key: 'k1' }));
    expect(n?.base).toEqual(['https://a.example/wmts/{z}/{y}/{x}.png?tk=k1']);
    expect(n?.overlay).toBeNull();
  });

  it('a WMTS KVP service becomes a GetTile template', () => {
    const n = networkTiles(
      Basemap.parse({ kind: 'wmts', url: 'https://wmts.example/service?map=base', layer: 'roads', tileMatrixSet: 'EPSG:3857', tileMatrixPrefix: 'EPSG:3857:' }),
    );
    expect(n?.base).toEqual([
      'https://wmts.example/service?map=base&SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=roads&STYLE=default&TILEMATRIXSET=EPSG%3A3857&FORMAT=image%2Fpng&TILEMATRIX=EPSG%3A3857%3A{z}&TILEROW={y}&TILECOL={x}',
    ]);
  });

  it('templates without a tile address, other schemes, and keys with URL syntax are refused', () => {
    expect(templateProblem('https://a.example/tile.png')?.zh).toContain('{z}');
    expect(templateProblem('file:///tiles/{z}/{x}/{y}.png')?.zh).toContain('http');
    expect(templateProblem('https://u:p@a.example/{z}/{x}/{y}.png')).not.toBeNull();
    expect(templateProblem('https://a.example/{z}/{x}/{y}.png')).toBeNull();
    expect(Basemap.safeParse({ kind: 'xyz', url: 'https://a.example/{z}/{x}/{y}.png', key: 'a&b=c' }).success).toBe(false);
  });

  it('settings stored before (none, and the old {kind, url, attribution} XYZ) still parse', () => {
    expect(Settings.safeParse(DEFAULT_SETTINGS).success).toBe(true);
    expect(Basemap.parse({ kind: 'xyz', url: 'https://a.example/{z}/{x}/{y}.png', attribution: '©' })).toMatchObject({ opacity: 1, maxzoom: 18, key: '' });
  });
});

describe('basemap style: under the project layers, muted vector defaults', () => {
  const vectorState: BasemapState = {
    basemap: { kind: 'file', path: '/d/v.pmtiles', opacity: 0.5 },
    file: {
      path: '/d/v.pmtiles',
      container: 'pmtiles',
      format: 'pbf',
      type: 'vector',
      name: 'v',
      attribution: '',
      minzoom: 9,
      maxzoom: 13,
      bounds: [119.8, 28.7, 120.2, 29.1],
      center: null,
      tileSize: 256,
      vectorLayers: [
        { id: 'key_blocks', geometry: 'polygon', minzoom: 9, maxzoom: 13 },
        { id: 'roads', geometry: 'line', minzoom: null, maxzoom: null },
        { id: 'unknown', geometry: null, minzoom: null, maxzoom: null },
      ],
      revision: 'abcdef0123',
    },
    network: null,
    error: null,
  };

  it('a file basemap is fetched from the page origin, with the token in browser mode', () => {
    expect(fileTileTemplate(at, 'abcdef0123')).toBe('http://127.0.0.1:47823/api/basemap/tiles/abcdef0123/{z}/{x}/{y}?token=tok%2Fen%2B1');
    expect(fileTileTemplate({ origin: 'app://renderer', token: null }, 'abcdef0123')).toBe('app://renderer/api/basemap/tiles/abcdef0123/{z}/{x}/{y}');
  });

  it('vector layers get fill + outline, line, or all three kinds filtered by geometry type', () => {
    const view = basemapView(vectorState, at);
    if (view?.kind !== 'vector') throw new Error('expected a vector view');
    const { sources, layers } = basemapStyle(view);
    expect(Object.keys(sources)).toEqual(['basemap']);
    expect(sources['basemap']).toMatchObject({ type: 'vector', minzoom: 9, maxzoom: 13, bounds: [119.8, 28.7, 120.2, 29.1] });
    const byLayer = (source: string) => layers.filter((l) => 'source-layer' in l && l['source-layer'] === source).map((l) => l.type);
    expect(byLayer('key_blocks').sort()).toEqual(['fill', 'line']);
    expect(byLayer('roads')).toEqual(['line']);
    expect(byLayer('unknown').sort()).toEqual(['circle', 'fill', 'line', 'line']);
    expect(layers.every((l) => isBasemapLayer(l.id))).toBe(true);
    // Fills first, points last; opacity carried into paint.
    expect(layers[0]?.type).toBe('fill');
    expect(layers[layers.length - 1]?.type).toBe('circle');
    const fill = layers.find((l) => l.type === 'fill');
    expect(fill && 'paint' in fill ? (fill.paint as Record<string, unknown>)['fill-opacity'] : null).toBeCloseTo(0.375);
  });

  it('the layer panel row hides the basemap; the slider value, while it moves, overrides the stored opacity', () => {
    expect(basemapView(vectorState, at)).toMatchObject({ visible: true, opacity: 0.5 });
    const hidden = basemapView(vectorState, at, { visible: false }, 0.8);
    expect(hidden).toMatchObject({ visible: false, opacity: 0.8 });
    const { layers } = basemapStyle(hidden);
    expect(layers.every((l) => (l.layout as { visibility?: string } | undefined)?.visibility === 'none')).toBe(true);
  });

  it('a network source is raster with its overlay; offline and an unusable file draw nothing', () => {
    const net = Basemap.parse({ kind: 'xyz', url: 'https://a.example/{z}/{x}/{y}.png', overlayUrl: 'https://a.example/labels/{z}/{x}/{y}.png' });
    const view = basemapView({ basemap: net, file: null, network: networkTiles(net), error: null }, at);
    const { sources, layers } = basemapStyle(view);
    expect(Object.keys(sources)).toEqual(['basemap', 'basemap-overlay']);
    expect(layers.map((l) => l.id)).toEqual(['basemap-raster', 'basemap-overlay-raster']);
    expect(basemapView({ basemap: { kind: 'none' }, file: null, network: null, error: null }, at)).toBeNull();
    const gone = { code: 'basemap_file_not_found', message: 'x', messageZh: 'x' };
    expect(basemapView({ ...vectorState, file: null, error: gone }, at)).toBeNull();
  });

  it('the page reloads only when a network basemap needs an origin its CSP lacks', () => {
    const net = Basemap.parse({ kind: 'xyz', url: 'https://a.example/{z}/{x}/{y}.png' });
    const state = { basemap: net, file: null, network: networkTiles(net), error: null };
    expect(needsReload([], state)).toBe(true);
    expect(needsReload(['https://a.example'], state)).toBe(false);
    expect(needsReload([], vectorState)).toBe(false);
  });

  it('the form round-trips a stored WMTS basemap and asks for the 天地图 key', () => {
    const wmts = Basemap.parse({ kind: 'wmts', url: 'https://w.example/wmts', layer: 'L', tileMatrixSet: 'GoogleMapsCompatible', key: 'kk', opacity: 0.6 });
    const result = basemapFromForm(networkFormOf(wmts), 0.6);
    expect(result.ok && Basemap.parse(result.basemap)).toEqual(wmts);
    expect(basemapFromForm({ ...EMPTY_NETWORK_FORM, preset: 'tianditu-vec', key: ' ' }, 1)).toMatchObject({ ok: false, zh: '请填写天地图密钥' });
  });
});
