import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { TILE_MAX_ZOOM, parseTilePath } from '../../shared/api/tiles.js';
import { fitZoom, isTileCoord, latToTileY, lonToTileX, tileBounds, tileXToLon, tileYToLat, tilesCovering } from '../../shared/geo/tile-coords.js';

/** Half the Web Mercator world width in metres (EPSG:3857). */
const HALF_WORLD_M = 20037508.342789244;

/** GDAL's Web Mercator (EPSG:3857) of lon/lat points: the oracle for our tile columns and rows. */
function gdalMercator(points: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const out = execFileSync('gdaltransform', ['-s_srs', 'EPSG:4326', '-t_srs', 'EPSG:3857', '-output_xy'], {
    input: points.map(([lon, lat]) => `${lon} ${lat}`).join('\n'),
    encoding: 'utf8',
  });
  return out
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
}

const POINTS: ReadonlyArray<readonly [number, number]> = [
  [120.03, 28.9],
  [119.882568359375, 28.7883739471436],
  [120.254920959473, 29.0675048828125],
  [0, 0],
  [-179.5, -80],
  [179.99, 84.9],
];

describe('tile coordinates', () => {
  it('match GDAL’s Web Mercator at every zoom the core cuts', () => {
    const merc = gdalMercator(POINTS);
    for (const z of [0, 8, 12, 16]) {
      POINTS.forEach(([lon, lat], i) => {
        const [mx, my] = merc[i] as [number, number];
        const size = (2 * HALF_WORLD_M) / 2 ** z;
        expect(lonToTileX(lon, z)).toBeCloseTo((mx + HALF_WORLD_M) / size, 6);
        expect(latToTileY(lat, z)).toBeCloseTo((HALF_WORLD_M - my) / size, 6);
      });
    }
  });

  it('go back and forth exactly and bound the tiles', () => {
    for (const [lon, lat] of POINTS) {
      expect(tileXToLon(lonToTileX(lon, 14), 14)).toBeCloseTo(lon, 9);
      expect(tileYToLat(latToTileY(lat, 14), 14)).toBeCloseTo(lat, 9);
    }
    const [w, s, e, n] = tileBounds({ z: 1, x: 1, y: 0 });
    expect([w, e]).toEqual([0, 180]);
    expect(s).toBeCloseTo(0, 12);
    expect(n).toBeCloseTo(85.0511287798, 9);
    // A buffer of 1/4 tile reaches a quarter of the neighbour on each side.
    const grown = tileBounds({ z: 2, x: 1, y: 1 }, 0.25);
    expect(grown[0]).toBeCloseTo(-112.5, 9);
    expect(grown[2]).toBeCloseTo(22.5, 9);
  });

  it('list the tiles a box meets, clamped to the world, none for a bad box', () => {
    const z = 10;
    const tiles = tilesCovering([120.0, 28.85, 120.1, 28.95], z);
    const xs = new Set(tiles.map((t) => t.x));
    const ys = new Set(tiles.map((t) => t.y));
    // lonToTileX / latToTileY are checked against GDAL above.
    expect(xs.size).toBe(Math.floor(lonToTileX(120.1, z)) - Math.floor(lonToTileX(120.0, z)) + 1);
    expect(ys.size).toBe(Math.floor(latToTileY(28.85, z)) - Math.floor(latToTileY(28.95, z)) + 1);
    expect(tiles).toHaveLength(xs.size * ys.size);
    expect(tilesCovering([-200, -90, 200, 90], 1)).toHaveLength(4);
    expect(tilesCovering([1, 1, 0, 0], 3)).toEqual([]);
    expect(tilesCovering([Number.NaN, 0, 1, 1], 3)).toEqual([]);
  });

  it('frame a box like fitBounds: one tile of zoom z in 512 px is zoom z', () => {
    const t = { z: 10, x: 853, y: 426 };
    expect(fitZoom(tileBounds(t), 512, 512, 0)).toBeCloseTo(10, 9);
    // Twice the room: one zoom more; padding takes room away; the tighter side decides.
    expect(fitZoom(tileBounds(t), 1024 + 64, 1024 + 64, 32)).toBeCloseTo(11, 9);
    expect(fitZoom(tileBounds(t), 2048, 512, 0)).toBeCloseTo(10, 9);
    expect(fitZoom([120, 29, 120, 29], 800, 600, 0)).toBe(Infinity);
  });

  it('accept only tiles that exist', () => {
    expect(isTileCoord(0, 0, 0, 16)).toBe(true);
    expect(isTileCoord(3, 7, 7, 16)).toBe(true);
    expect(isTileCoord(3, 8, 0, 16)).toBe(false);
    expect(isTileCoord(17, 0, 0, 16)).toBe(false);
    expect(isTileCoord(2, -1, 0, 16)).toBe(false);
    expect(isTileCoord(2, 1.5, 0, 16)).toBe(false);
  });
});

describe('tile paths', () => {
  it('parse a layer and an existing z/x/y', () => {
    expect(parseTilePath('/tiles/parcels/14/13700/6800.pbf')).toEqual({ ok: true, layer: 'parcels', z: 14, x: 13700, y: 6800 });
    expect(parseTilePath('/tiles/key_blocks/0/0/0.pbf')).toMatchObject({ ok: true, layer: 'key_blocks' });
  });

  it.each([
    '/tiles/parcels/14/13700/6800',
    '/tiles/parcels/14/13700/6800.png',
    '/tiles/parcels/-1/0/0.pbf',
    `/tiles/parcels/${TILE_MAX_ZOOM + 1}/0/0.pbf`,
    '/tiles/parcels/3/8/0.pbf',
    '/tiles/parcels/3/0/8.pbf',
    '/tiles/parcels/1e1/0/0.pbf',
    '/tiles/parcels/1/0.5/0.pbf',
    '/tiles/owners/1/0/0.pbf',
    '/tiles/../etc/1/0/0.pbf',
    '/tiles/parcels/1/0/0.pbf/extra',
    '/tiles/parcels/99999999999/0/0.pbf',
  ])('refuse %s', (p) => {
    expect(parseTilePath(p).ok).toBe(false);
  });
});
