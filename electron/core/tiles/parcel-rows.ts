import type Database from 'better-sqlite3';
import type { BBox } from '../../../shared/api/geojson.js';
import type { ParcelRow, ParcelRows, ParcelRowsInput } from '../../../shared/api/tiles.js';
import { unionOf } from './boxes.js';

interface Raw {
  fid: number;
  code: string | null;
  owner: string | null;
  status: string | null;
  block_code: string | null;
  area_m2: number | null;
  minx: number | null;
  miny: number | null;
  maxx: number | null;
  maxy: number | null;
}

const SELECT = `SELECT p.fid, p.code, p.owner, p.status, p.block_code, p.area_m2, r.minx, r.miny, r.maxx, r.maxy
  FROM parcels p LEFT JOIN rtree_parcels_geom r ON r.id = p.fid`;

/**
 * A few parcels' rows with their boxes — for the cards of a multi-selection or a key block, a
 * status bar label, flying to a parcel, framing a drill-down — so the renderer never needs the
 * whole layer. `total` and `bbox` cover every match; `rows` stops at `limit`.
 */
export function parcelRows(db: Database.Database, input: ParcelRowsInput & { limit: number }): ParcelRows {
  let raws: Raw[];
  if (input.fids) {
    const order = new Map<number, number>();
    input.fids.forEach((fid) => order.has(fid) || order.set(fid, order.size));
    raws = (db.prepare(`${SELECT} WHERE p.fid IN (SELECT value FROM json_each(?))`).all(JSON.stringify([...order.keys()])) as Raw[]).sort(
      (a, b) => (order.get(a.fid) ?? 0) - (order.get(b.fid) ?? 0),
    );
  } else {
    raws = db.prepare(`${SELECT} WHERE p.block_code = ? ORDER BY p.code, p.fid`).all(input.blockCode ?? '') as Raw[];
  }
  const bbox = unionOf(raws.map(boxOf).filter((b): b is BBox => b !== null));
  return { total: raws.length, bbox, rows: raws.slice(0, input.limit).map(toRow) };
}

function boxOf(r: Raw): BBox | null {
  return r.minx === null || r.miny === null || r.maxx === null || r.maxy === null ? null : [r.minx, r.miny, r.maxx, r.maxy];
}

function toRow(r: Raw): ParcelRow {
  return { fid: r.fid, code: r.code, owner: r.owner, status: r.status, blockCode: r.block_code, areaM2: r.area_m2, bbox: boxOf(r) };
}
