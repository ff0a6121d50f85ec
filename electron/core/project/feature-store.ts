import type Database from 'better-sqlite3';
import type { BBox, Feature, FeatureCollection, Geometry, PropertyValue } from '../../../shared/api/geojson.js';
import { PlannerError } from '../../../shared/api/planner-error.js';
import type { LayerId } from '../../../shared/api/layers.js';
import { ellipsoidalAreaM2 } from '../../../shared/domain/area.js';
import { geodesicLengthM } from '../../../shared/domain/length.js';
import { decodeGpkgBlob, encodeGpkgBlob, envelopeOf } from '../gpkg/blob.js';
import { BoxBuffer, bulkLoadRtree, rtreeIsEmpty } from '../gpkg/rtree-load.js';
import { SRS_CGCS2000, refreshContentsExtent } from '../gpkg/gpkg-schema.js';
import { LAYER_DEFS, type LayerDef } from './schema.js';
import type { FeatureInput } from './types.js';

/** Columns kept in the file but not sent to the map (verbatim source attributes can be large). */
const HIDDEN_COLUMNS = new Set(['source_json']);

/** Multi-geometry tables take single geometries promoted to their multi form (GPKG type rules). */
function conform(def: LayerDef, g: Geometry): Geometry {
  if (def.geometryKind === 'MULTIPOLYGON' && g.type === 'Polygon') return { type: 'MultiPolygon', coordinates: [g.coordinates] };
  if (def.geometryKind === 'MULTILINESTRING' && g.type === 'LineString') return { type: 'MultiLineString', coordinates: [g.coordinates] };
  const expected: Record<string, string[]> = {
    MULTIPOLYGON: ['MultiPolygon'],
    MULTILINESTRING: ['MultiLineString'],
    POINT: ['Point'],
  };
  const ok = expected[def.geometryKind];
  if (ok && !ok.includes(g.type)) {
    throw new PlannerError(
      'geometry_type_mismatch',
      `Layer ${def.id} takes ${def.geometryKind} geometries, not ${g.type}`,
      `图层 ${def.id} 只接受 ${def.geometryKind} 几何,不能写入 ${g.type}`,
      { layer: def.id, geometryType: g.type },
    );
  }
  return g;
}

function toSql(v: PropertyValue | undefined): string | number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

export interface InsertOptions {
  /** Write the R-tree rows here instead of through the insert trigger (see bulkInsert). */
  manualRtree?: boolean;
  /** With manualRtree: collect the boxes here for one R-tree load at the end (see bulkInsert). */
  rtreeBoxes?: BoxBuffer;
  /** Refresh gpkg_contents' extent after the batch (default true; bulk imports do it once at the end). */
  refreshExtent?: boolean;
}

/** SQLite values of one row, in LAYER_DEFS column order. */
export type SqlValue = string | number | null;

/** One feature ready for its INSERT: the GeoPackage blob, the column values and the R-tree box. */
export interface EncodedRow {
  blob: Uint8Array;
  values: SqlValue[];
  /** [minX, maxX, minY, maxY]; null for an empty geometry */
  box: [number, number, number, number] | null;
}

/**
 * Encodes one feature for `layer`: checks its fields, promotes single geometries to the table's
 * multi type, computes area_m2 / length_m when absent. Pure (no database), so import workers
 * run it in parallel and the main thread only writes (insertRows).
 */
export function encodeRow(layer: LayerId, f: FeatureInput, index = 0): EncodedRow {
  const def = LAYER_DEFS[layer];
  const names = columnNames(layer);
  for (const key of Object.keys(f.properties)) {
    if (!names.has(key)) {
      throw new PlannerError(
        'unknown_column',
        `Feature ${index} of ${layer} has an unknown field "${key}"`,
        `${layer} 第 ${index} 个要素含有未知字段“${key}”`,
        { layer, index, field: key },
      );
    }
  }
  const geometry = conform(def, f.geometry);
  const values: SqlValue[] = [];
  for (const c of def.columns) {
    let v = f.properties[c.name];
    if (v === undefined || v === null) {
      if (c.name === 'area_m2') v = ellipsoidalAreaM2(geometry);
      else if (c.name === 'length_m') v = geodesicLengthM(geometry);
    }
    values.push(toSql(v));
  }
  const env = envelopeOf(geometry);
  return { blob: encodeGpkgBlob(geometry, SRS_CGCS2000, env), values, box: env ? [env.minX, env.maxX, env.minY, env.maxY] : null };
}

const COLUMN_NAMES = new Map<LayerId, Set<string>>();

function columnNames(layer: LayerId): Set<string> {
  let names = COLUMN_NAMES.get(layer);
  if (!names) COLUMN_NAMES.set(layer, (names = new Set(LAYER_DEFS[layer].columns.map((c) => c.name))));
  return names;
}

/** Prepared INSERTs for one layer; reuse it across batches of one bulk write. */
export class RowWriter {
  private readonly insert: Database.Statement;
  private readonly rtree: Database.Statement | null;
  private readonly boxes: BoxBuffer | null;
  /** the INSERT's parameters, reused row after row: blob, then the column values */
  private readonly args: (SqlValue | Buffer)[];

  constructor(db: Database.Database, readonly layer: LayerId, opts: Pick<InsertOptions, 'manualRtree' | 'rtreeBoxes'> = {}) {
    const names = LAYER_DEFS[layer].columns.map((c) => c.name);
    this.insert = db.prepare(`INSERT INTO "${layer}" (geom, ${names.map((n) => `"${n}"`).join(', ')}) VALUES (?, ${names.map(() => '?').join(', ')})`);
    this.boxes = opts.manualRtree ? (opts.rtreeBoxes ?? null) : null;
    this.rtree = opts.manualRtree && !this.boxes ? db.prepare(`INSERT INTO "rtree_${layer}_geom" VALUES (?, ?, ?, ?, ?)`) : null;
    this.args = new Array<SqlValue | Buffer>(names.length + 1).fill(null);
  }

  /** Inserts one encoded row (caller wraps in a transaction); returns its fid. */
  write(row: EncodedRow): number {
    const args = this.args;
    args[0] = Buffer.isBuffer(row.blob) ? row.blob : Buffer.from(row.blob.buffer, row.blob.byteOffset, row.blob.byteLength);
    const values = row.values;
    for (let i = 0; i < values.length; i++) args[i + 1] = values[i] as SqlValue;
    const fid = Number(this.insert.run(args).lastInsertRowid);
    const box = row.box;
    if (box) {
      if (this.boxes) this.boxes.push(fid, box[0], box[1], box[2], box[3]);
      else if (this.rtree) this.rtree.run(fid, box[0], box[1], box[2], box[3]);
    }
    return fid;
  }
}

/** Inserts features into a layer (caller wraps in a transaction); returns the new fids. */
export function insertFeatures(db: Database.Database, layer: LayerId, features: readonly FeatureInput[], opts: InsertOptions = {}): number[] {
  const writer = new RowWriter(db, layer, opts);
  const fids = features.map((f, index) => writer.write(encodeRow(layer, f, index)));
  if (features.length > 0 && opts.refreshExtent !== false) refreshContentsExtent(db, layer);
  return fids;
}

/**
 * Runs a bulk insert into `layer` inside the caller's transaction, with the
 * per-row work taken out of SQLite's hands and done once instead:
 * - the R-tree insert trigger is dropped and `fn` writes through the RowWriter it is given,
 *   which collects the boxes; per-row trigger calls (five SQL functions and a statement journal
 *   each) were a third of a 100,000-parcel import. An empty R-tree is then bulk-loaded in one
 *   pass (gpkg/rtree-load.ts: 100,000 single inserts cost ~1 s more); otherwise the boxes are
 *   inserted one by one;
 * - the parcel search queue trigger is dropped and the new fids are queued in one statement.
 * Secondary indexes are kept and maintained row by row. Dropping and rebuilding them read the
 * whole table (source attributes included) once per index after the last row, 0.3–0.4 s at
 * 100,000 parcels with nothing else to do; kept, their upkeep costs about as much CPU but falls
 * while a pooled import's writer would otherwise wait for its workers.
 * The triggers are recreated from their own SQL before the transaction commits; a failure rolls
 * back the DROPs too.
 */
export function bulkInsert<T>(db: Database.Database, layer: LayerId, fn: (writer: RowWriter) => T): T {
  const triggers = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL AND type = 'trigger'")
    .all(layer) as { name: string; sql: string }[];
  const lastFid = (db.prepare(`SELECT max(fid) FROM "${layer}"`).pluck().get() as number | null) ?? 0;
  const searchQueue = `${layer}_search_pending`;
  const dropped = triggers.filter((o) => o.name === `rtree_${layer}_geom_insert` || o.name === `${layer}_search_ai`);
  for (const o of dropped) db.exec(`DROP TRIGGER "${o.name}"`);
  const rtree = `rtree_${layer}_geom`;
  const boxes = new BoxBuffer();
  const result = fn(new RowWriter(db, layer, { manualRtree: true, rtreeBoxes: boxes }));
  if (boxes.count > 0 && rtreeIsEmpty(db, rtree)) bulkLoadRtree(db, rtree, boxes);
  else {
    const insert = db.prepare(`INSERT INTO "${rtree}" VALUES (?, ?, ?, ?, ?)`);
    for (let i = 0; i < boxes.count; i++) {
      const b = boxes.boxes;
      insert.run(boxes.ids[i], b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]);
    }
  }
  if (dropped.some((o) => o.name === `${layer}_search_ai`)) {
    db.prepare(`INSERT OR IGNORE INTO "${searchQueue}" (fid) SELECT fid FROM "${layer}" WHERE fid > ?`).run(lastFid);
  }
  for (const o of dropped) db.exec(o.sql);
  refreshContentsExtent(db, layer);
  return result;
}

type Row = Record<string, unknown> & { fid: number; geom: Buffer | null };

/** Reads a layer (optionally only features whose R-tree box meets `bbox`) as GeoJSON. */
export function readFeatures(db: Database.Database, layer: LayerId, bbox?: BBox): FeatureCollection {
  const def = LAYER_DEFS[layer];
  const cols = def.columns.filter((c) => !HIDDEN_COLUMNS.has(c.name));
  const select = `SELECT t.fid AS fid, t.geom AS geom, ${cols.map((c) => `t."${c.name}"`).join(', ')} FROM "${layer}" t`;
  const rows = (
    bbox
      ? db
          .prepare(
            `${select} JOIN "rtree_${layer}_geom" r ON r.id = t.fid
             WHERE r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ? ORDER BY t.fid`,
          )
          .all(bbox[0], bbox[2], bbox[1], bbox[3])
      : db.prepare(`${select} ORDER BY t.fid`).all()
  ) as Row[];
  const features: Feature[] = [];
  for (const row of rows) {
    if (!row.geom) continue;
    const properties: Record<string, PropertyValue> = {};
    for (const c of cols) {
      const v = row[c.name];
      properties[c.name] = c.type === 'BOOLEAN' ? (v === null || v === undefined ? null : v === 1) : ((v ?? null) as PropertyValue);
    }
    features.push({ type: 'Feature', id: row.fid, geometry: decodeGpkgBlob(row.geom), properties });
  }
  return { type: 'FeatureCollection', features };
}

/** Feature count and extent of a layer from its table and R-tree. */
export function layerStats(db: Database.Database, layer: LayerId): { count: number; bbox: BBox | null } {
  const { count } = db.prepare(`SELECT count(*) AS count FROM "${layer}"`).get() as { count: number };
  const e = db
    .prepare(`SELECT min(minx) AS a, min(miny) AS b, max(maxx) AS c, max(maxy) AS d FROM "rtree_${layer}_geom"`)
    .get() as { a: number | null; b: number | null; c: number | null; d: number | null };
  const bbox: BBox | null = e.a === null || e.b === null || e.c === null || e.d === null ? null : [e.a, e.b, e.c, e.d];
  return { count, bbox };
}
