import { describe, expect, it } from 'vitest';
import type { StyleSpecification } from 'maplibre-gl';
import type { BBox } from '../../shared/api/geojson.js';
import { TILE_MAX_ZOOM } from '../../shared/api/tiles.js';
import { latToTileY, lonToTileX } from '../../shared/geo/tile-coords.js';
import { TILED_MIN_ZOOM, TileRevisions, revisedTileUrl, tileUrl, tilesTouching, withTiledLayers } from '../../renderer/src/map/tiled-source.js';

const PARCEL: BBox = [120.03, 28.9, 120.031, 28.901];
const tileOf = (lon: number, lat: number, z: number): [number, number] => [Math.floor(lonToTileX(lon, z)), Math.floor(latToTileY(lat, z))];

describe('tile revisions in tile URLs', () => {
  it('give the tiles a change touched a new URL, at every zoom, and leave the others alone', () => {
    const revisions = new Map([['parcels', new TileRevisions()]]);
    const url = (z: number, x: number, y: number): string => `http://127.0.0.1:1/tiles/parcels/${z}/${x}/${y}.pbf?token=t`;
    const [x16, y16] = tileOf(120.0305, 28.9005, 16);
    const [farX, farY] = tileOf(120.2, 28.95, 16);
    expect(revisedTileUrl(url(16, x16, y16), revisions)).toBeUndefined();

    revisions.get('parcels')?.touch([PARCEL]);
    expect(revisedTileUrl(url(16, x16, y16), revisions)).toBe(`${url(16, x16, y16)}&v=1`);
    const [x10, y10] = tileOf(120.0305, 28.9005, 10);
    expect(revisedTileUrl(url(10, x10, y10), revisions)).toBe(`${url(10, x10, y10)}&v=1`);
    expect(revisedTileUrl(url(16, farX, farY), revisions)).toBeUndefined();

    // A second change of the same parcel: a newer URL again; an import: every tile.
    revisions.get('parcels')?.touch([PARCEL]);
    expect(revisedTileUrl(url(16, x16, y16), revisions)).toBe(`${url(16, x16, y16)}&v=2`);
    revisions.get('parcels')?.touchAll();
    expect(revisedTileUrl(url(16, farX, farY), revisions)).toBe(`${url(16, farX, farY)}&v=3`);
    expect(revisedTileUrl(url(16, x16, y16), revisions)).toBe(`${url(16, x16, y16)}&v=3`);
    // Other layers' tiles and other requests are left as they are.
    expect(revisedTileUrl(url(16, x16, y16).replace('/parcels/', '/key_blocks/'), revisions)).toBeUndefined();
    expect(revisedTileUrl('http://127.0.0.1:1/assets/x.png', revisions)).toBeUndefined();
  });

  it('fill a URL template', () => {
    expect(tileUrl('http://h/tiles/parcels/{z}/{x}/{y}.pbf?token=a', { z: 3, x: 4, y: 5 })).toBe('http://h/tiles/parcels/3/4/5.pbf?token=a');
  });
});

describe('tiles touching a change', () => {
  it('are one or a few per zoom for a parcel, none for nothing, null past the limit', () => {
    const tiles = tilesTouching([PARCEL], TILED_MIN_ZOOM, TILE_MAX_ZOOM) ?? [];
    for (let z = TILED_MIN_ZOOM; z <= TILE_MAX_ZOOM; z++) {
      const atZ = tiles.filter((t) => t.z === z);
      expect(atZ.length).toBeGreaterThanOrEqual(1);
      expect(atZ.length).toBeLessThanOrEqual(4);
      const [x, y] = tileOf(120.0305, 28.9005, z);
      expect(atZ).toContainEqual({ z, x, y });
    }
    expect(tilesTouching([], TILED_MIN_ZOOM, TILE_MAX_ZOOM)).toEqual([]);
    expect(tilesTouching([[119, 28, 121, 30]], 8, 22)).toBeNull();
  });
});

describe('a style with tiled layers', () => {
  it('draws them from vector tiles with their source layer, hidden until the map shows them', () => {
    const style: StyleSpecification = {
      version: 8,
      sources: { parcels: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } }, key_blocks: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
      layers: [
        { id: 'parcels-fill', type: 'fill', source: 'parcels', paint: { 'fill-color': '#f00' } },
        { id: 'key_blocks-outline', type: 'line', source: 'key_blocks' },
      ],
    };
    const tiled = withTiledLayers(style, { parcels: 'http://h/tiles/parcels/{z}/{x}/{y}.pbf' });
    expect(tiled.sources['parcels']).toMatchObject({ type: 'vector', tiles: ['http://h/tiles/parcels/{z}/{x}/{y}.pbf'], maxzoom: TILE_MAX_ZOOM });
    expect(tiled.layers[0]).toMatchObject({ 'source-layer': 'parcels', layout: { visibility: 'none' } });
    expect(tiled.layers[1]).toEqual(style.layers[1]);
    expect(tiled.sources['key_blocks']).toEqual(style.sources['key_blocks']);
    expect(withTiledLayers(style, {})).toBe(style);
  });
});
