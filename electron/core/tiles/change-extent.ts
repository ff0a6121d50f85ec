import type Database from 'better-sqlite3';
import type { FieldChange } from '../../../shared/api/edit.js';
import type { BBox } from '../../../shared/api/geojson.js';
import { lonToTileX, latToTileY } from '../../../shared/geo/tile-coords.js';
import { unionOf } from './boxes.js';

/** Above this many parcels the boxes are merged per z12 cell (a bulk edit stays a small event). */
const MAX_BOXES = 256;
const MERGE_ZOOM = 12;

/**
 * The boxes of the parcels an edit batch wrote (their R-tree rows), for `dataChanged.extent`: the
 * tile service and the map refresh only the tiles that meet them. Rows of other tables (transfers,
 * factories) are not drawn in parcel tiles and give no box. A change of geometry must add the old
 * box too (the R-tree holds the new one by now).
 */
export function changedParcelExtent(db: Database.Database, changes: readonly FieldChange[]): BBox[] {
  const fids = [...new Set(changes.filter((c) => c.table === 'parcels').map((c) => c.fid))];
  if (fids.length === 0) return [];
  const rows = db
    .prepare('SELECT minx, miny, maxx, maxy FROM rtree_parcels_geom WHERE id IN (SELECT value FROM json_each(?))')
    .raw(true)
    .all(JSON.stringify(fids)) as [number, number, number, number][];
  const boxes: BBox[] = rows.map(([minx, miny, maxx, maxy]) => [minx, miny, maxx, maxy]);
  return boxes.length <= MAX_BOXES ? boxes : mergeByCell(boxes);
}

/** One box per z12 tile cell holding box centres: the union of that cell's boxes. */
function mergeByCell(boxes: readonly BBox[]): BBox[] {
  const cells = new Map<string, BBox[]>();
  for (const b of boxes) {
    const key = `${Math.floor(lonToTileX((b[0] + b[2]) / 2, MERGE_ZOOM))}/${Math.floor(latToTileY((b[1] + b[3]) / 2, MERGE_ZOOM))}`;
    const cell = cells.get(key);
    if (cell) cell.push(b);
    else cells.set(key, [b]);
  }
  return [...cells.values()].map((cell) => unionOf(cell)).filter((b): b is BBox => b !== null);
}
