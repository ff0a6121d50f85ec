import type Database from 'better-sqlite3';
import type { BBox, Feature } from '../../../shared/api/geojson.js';
import type { LayerId } from '../../../shared/api/layers.js';
import { decodeGpkgBlob } from '../gpkg/blob.js';
import type { TileColumns } from './tile-properties.js';

/**
 * Reads the features of a layer whose R-tree box meets `bbox` (a tile grown by its buffer), with
 * the tile columns only, as GeoJSON features whose id is the fid. Prepared statements are kept per
 * layer and column set: a tile request is one indexed query.
 */
export class TileReader {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  read(layer: LayerId, bbox: BBox, cols: TileColumns): Feature[] {
    const rows = this.statement(layer, cols).all(bbox[0], bbox[2], bbox[1], bbox[3]) as unknown[][];
    const features: Feature[] = [];
    for (const row of rows) {
      const geom = row[1];
      if (!(geom instanceof Uint8Array)) continue;
      features.push({ type: 'Feature', id: row[0] as number, geometry: decodeGpkgBlob(geom), properties: cols.properties(row.slice(2)) });
    }
    return features;
  }

  private statement(layer: LayerId, cols: TileColumns): Database.Statement {
    const key = `${layer}|${cols.columns.join(',')}`;
    let stmt = this.statements.get(key);
    if (!stmt) {
      const select = cols.columns.map((c) => `t."${c}"`).join(', ');
      // The R-tree subquery first (SQLite would otherwise scan the table and probe the R-tree per row).
      stmt = this.db
        .prepare(
          `SELECT t.fid, t.geom${select ? `, ${select}` : ''} FROM "${layer}" t
            WHERE t.fid IN (SELECT id FROM "rtree_${layer}_geom" WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?)`,
        )
        .raw(true);
      this.statements.set(key, stmt);
    }
    return stmt;
  }
}
