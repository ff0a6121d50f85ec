import GeoJSONVT from 'geojson-vt';
import type { GeoJSON } from 'geojson';
import vtpbf from 'vt-pbf';
import type { Feature } from '../../../shared/api/geojson.js';
import { TILE_BUFFER, TILE_EXTENT } from '../../../shared/api/tiles.js';
import type { TileCoord } from '../../../shared/geo/tile-coords.js';

/** geojson-vt's default simplification (tile units): what maplibre's own GeoJSON sources use. */
const TOLERANCE = 3;

/**
 * Cuts one tile from the features that meet it (geojson-vt: Web Mercator projection, clipping with
 * a buffer, simplification for the zoom) and encodes it as an MVT v2 protobuf with one layer named
 * `layerName` (vt-pbf). Feature ids (fids) are kept as MVT feature ids. An empty tile is 0 bytes.
 */
export function encodeTile(layerName: string, features: Feature[], t: TileCoord): Uint8Array<ArrayBuffer> {
  if (features.length === 0) return new Uint8Array(0);
  const index = new GeoJSONVT({ type: 'FeatureCollection', features } as GeoJSON, {
    maxZoom: t.z,
    // The index starts at z0 and getTile drills straight down to this tile: no pyramid is kept.
    indexMaxZoom: 0,
    indexMaxPoints: 0,
    tolerance: TOLERANCE,
    extent: TILE_EXTENT,
    buffer: TILE_BUFFER,
  });
  const tile = index.getTile(t.z, t.x, t.y);
  if (!tile || tile.features.length === 0) return new Uint8Array(0);
  return vtpbf.fromGeojsonVt({ [layerName]: tile }, { version: 2, extent: TILE_EXTENT });
}
