import type Database from 'better-sqlite3';
import type { Geometry, Position } from 'geojson';
import vtpbf from 'vt-pbf';
import type { BBox, PropertyValue } from '../../../shared/api/geojson.js';
import { latToTileY, lonToTileX, type TileCoord } from '../../../shared/geo/tile-coords.js';
import { decodeGpkgBlob } from '../gpkg/blob.js';
import type { TileColumns } from './tile-properties.js';

/**
 * Parcel tiles below the detail zoom, tippecanoe-style. There a tile holds tens of thousands of
 * parcels of a pixel or two each: cutting them exactly (geojson-vt) costs seconds per tile and the
 * browser then parses and tessellates every vertex. Here each parcel keeps its place, its fid (the
 * MVT feature id: hover, click, selection) and its styling attributes, but:
 * - the tile extent is coarse (OVERVIEW_EXTENT units per tile, 2–4 per CSS pixel of a 512-px tile);
 * - a parcel whose R-tree box is under SMALL_PX pixels is drawn as that box (at least MIN_UNITS
 *   units, so it still colours a pixel) and its geometry is never read;
 * - a larger parcel's rings are snapped to the coarse grid, repeated vertices dropped; a ring that
 *   collapses is dropped, and a parcel left with no ring or narrower than a pixel is drawn as its box.
 * From DETAIL_ZOOM on tiles are cut exactly (tile-encoder.ts).
 */

/** Units per tile at zoom z (a tile is 512 CSS px in maplibre). */
export function overviewExtent(z: number): number {
  return z >= 12 ? 2048 : 1024;
}

/** Parcels whose box is smaller than this (in CSS px at the tile's zoom) in both directions are drawn as their box. */
const SMALL_PX = 2;
/** The smallest side of a drawn box: one CSS px at the tile's own zoom. */
const MIN_UNITS_PER_PX = 1;
const TILE_PX = 512;

type Ring = [number, number][];

interface Projector {
  x(lon: number): number;
  y(lat: number): number;
}

const projector = (t: TileCoord, extent: number): Projector => ({
  x: (lon) => Math.round((lonToTileX(lon, t.z) - t.x) * extent),
  y: (lat) => Math.round((latToTileY(lat, t.z) - t.y) * extent),
});

/** Signed area ×2 in tile units (y down): > 0 for a ring clockwise on screen, the MVT exterior. */
function signedArea(ring: Ring): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    a += xj * yi - xi * yj;
  }
  return a;
}

/** The box as a closed exterior ring, at least `min` units on a side, centred on the box. */
function boxRing(p: Projector, b: BBox, min: number): Ring {
  let x0 = p.x(b[0]);
  let x1 = p.x(b[2]);
  let y0 = p.y(b[3]);
  let y1 = p.y(b[1]);
  if (x1 - x0 < min) {
    x0 = Math.round((x0 + x1 - min) / 2);
    x1 = x0 + min;
  }
  if (y1 - y0 < min) {
    y0 = Math.round((y0 + y1 - min) / 2);
    y1 = y0 + min;
  }
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
}

/** A ring snapped to the grid without repeated vertices, closed, wound as asked; null when it collapsed. */
function snapRing(p: Projector, coords: readonly Position[], outer: boolean): Ring | null {
  const ring: Ring = [];
  for (const c of coords) {
    const x = p.x(c[0] as number);
    const y = p.y(c[1] as number);
    const last = ring[ring.length - 1];
    if (last && last[0] === x && last[1] === y) continue;
    ring.push([x, y]);
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first && last && ring.length > 1 && first[0] === last[0] && first[1] === last[1]) ring.pop();
  if (ring.length < 3) return null;
  const area = signedArea(ring);
  if (area === 0) return null;
  if (area > 0 !== outer) ring.reverse();
  ring.push([(ring[0] as [number, number])[0], (ring[0] as [number, number])[1]]);
  return ring;
}

/** The rings of a (multi)polygon snapped to the grid, exteriors first of each part; the box when all collapse. */
function snapPolygon(p: Projector, g: Geometry, box: BBox, min: number): Ring[] {
  const parts = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  const rings: Ring[] = [];
  for (const part of parts) {
    const outer = part[0] ? snapRing(p, part[0], true) : null;
    if (!outer) continue;
    rings.push(outer);
    for (const hole of part.slice(1)) {
      const h = snapRing(p, hole, false);
      if (h) rings.push(h);
    }
  }
  // A sliver narrower than a pixel would colour no pixel at all: its box (grown to a pixel) instead.
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return rings.length > 0 && x1 - x0 >= min && y1 - y0 >= min ? rings : [boxRing(p, box, min)];
}

/** Prepared overview statements, per connection and column set. */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function statement(db: Database.Database, cols: TileColumns): Database.Statement {
  let byCols = statements.get(db);
  if (!byCols) statements.set(db, (byCols = new Map()));
  const key = cols.columns.join(',');
  let stmt = byCols.get(key);
  if (!stmt) {
    const select = cols.columns.map((c) => `t."${c}"`).join(', ');
    // The geometry only of parcels whose box is not small (@dx: width in degrees of lon, @dy: height in degrees of lat).
    stmt = db
      .prepare(
        `SELECT r.id, r.minx, r.miny, r.maxx, r.maxy,
                CASE WHEN r.maxx - r.minx >= @dx OR r.maxy - r.miny >= @dy THEN t.geom END${select ? `, ${select}` : ''}
           FROM rtree_parcels_geom r JOIN parcels t ON t.fid = r.id
          WHERE r.maxx >= @w AND r.minx <= @e AND r.maxy >= @s AND r.miny <= @n`,
      )
      .raw(true);
    byCols.set(key, stmt);
  }
  return stmt;
}

/** An overview tile of the parcels whose box meets `bounds` (the tile grown by its buffer), encoded; 0 bytes when empty. */
export function encodeOverviewTile(db: Database.Database, layerName: string, t: TileCoord, bounds: BBox, cols: TileColumns): Uint8Array<ArrayBuffer> {
  const extent = overviewExtent(t.z);
  const p = projector(t, extent);
  const unitsPerPx = extent / TILE_PX;
  const min = Math.max(1, Math.round(MIN_UNITS_PER_PX * unitsPerPx));
  // SMALL_PX in degrees at this tile (lat: the tile's Mercator scale at its centre).
  const lonPerPx = 360 / 2 ** t.z / TILE_PX;
  const midLat = (bounds[1] + bounds[3]) / 2;
  const latPerPx = lonPerPx * Math.cos((midLat * Math.PI) / 180);
  const rows = statement(db, cols).all({ w: bounds[0], s: bounds[1], e: bounds[2], n: bounds[3], dx: SMALL_PX * lonPerPx, dy: SMALL_PX * latPerPx }) as unknown[][];
  if (rows.length === 0) return new Uint8Array(0);
  // geojson-vt's tile shape (closed rings in tile units, tags), which vt-pbf encodes.
  const features: { id: number; type: 3; geometry: Ring[]; tags: Record<string, PropertyValue> }[] = [];
  for (const row of rows) {
    const box: BBox = [row[1] as number, row[2] as number, row[3] as number, row[4] as number];
    const geom = row[5];
    const geometry = geom instanceof Uint8Array ? snapPolygon(p, decodeGpkgBlob(geom), box, min) : [boxRing(p, box, min)];
    features.push({ id: row[0] as number, type: 3, geometry, tags: cols.properties(row.slice(6)) });
  }
  return vtpbf.fromGeojsonVt({ [layerName]: { features } }, { version: 2, extent });
}
