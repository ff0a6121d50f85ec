import type Database from 'better-sqlite3';
import type { BBox, Feature, FeatureCollection, Geometry, PropertyValue } from '../../../shared/api/geojson.js';
import { PlannerError } from '../../../shared/api/errors.js';
import type { LayerId } from '../../../shared/api/layers.js';
import { ellipsoidalAreaM2 } from '../../../shared/domain/area.js';
import { geodesicLengthM } from '../../../shared/domain/length.js';
import { decodeGpkgBlob, encodeGpkgBlob, envelopeOf } from '../gpkg/blob.js';
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
  /** Write the R-tree rows here instead of through the insert trigger (see withoutRtreeTrigger). */
  manualRtree?: boolean;
  /** Refresh gpkg_contents' extent after the batch (default true; bulk imports do it once at the end). */
  refreshExtent?: boolean;
}

/** Inserts features into a layer (caller wraps in a transaction); returns the new fids. */
export function insertFeatures(db: Database.Database, layer: LayerId, features: readonly FeatureInput[], opts: InsertOptions = {}): number[] {
  const def = LAYER_DEFS[layer];
  const names = def.columns.map((c) => c.name);
  const known = new Set(names);
  const stmt = db.prepare(
    `INSERT INTO "${layer}" (geom, ${names.map((n) => `"${n}"`).join(', ')}) VALUES (?, ${names.map(() => '?').join(', ')})`,
  );
  const rtree = opts.manualRtree ? db.prepare(`INSERT INTO "rtree_${layer}_geom" VALUES (?, ?, ?, ?, ?)`) : null;
  const fids: number[] = [];
  features.forEach((f, index) => {
    for (const key of Object.keys(f.properties)) {
      if (!known.has(key)) {
        throw new PlannerError(
          'unknown_column',
          `Feature ${index} of ${layer} has an unknown field "${key}"`,
          `${layer} 第 ${index} 个要素含有未知字段“${key}”`,
          { layer, index, field: key },
        );
      }
    }
    const geometry = conform(def, f.geometry);
    const props: Record<string, PropertyValue> = { ...f.properties };
    if (known.has('area_m2') && (props['area_m2'] === undefined || props['area_m2'] === null)) {
      props['area_m2'] = ellipsoidalAreaM2(geometry);
    }
    if (known.has('length_m') && (props['length_m'] === undefined || props['length_m'] === null)) {
      props['length_m'] = geodesicLengthM(geometry);
    }
    const info = stmt.run(encodeGpkgBlob(geometry, SRS_CGCS2000), ...names.map((n) => toSql(props[n])));
    const fid = Number(info.lastInsertRowid);
    const env = rtree ? envelopeOf(geometry) : null;
    if (rtree && env) rtree.run(fid, env.minX, env.maxX, env.minY, env.maxY);
    fids.push(fid);
  });
  if (features.length > 0 && opts.refreshExtent !== false) refreshContentsExtent(db, layer);
  return fids;
}

/**
 * Runs a bulk insert with the layer's R-tree insert trigger dropped (the caller writes the R-tree
 * rows itself: insertFeatures' `manualRtree`) and recreated from its own SQL afterwards. Call it
 * inside a transaction: the trigger is back before anything commits, and a failure rolls back
 * the DROP too. Per-row trigger calls (five SQL functions and a statement journal per insert)
 * were a third of a 100,000-parcel import.
 */
export function withoutRtreeTrigger<T>(db: Database.Database, layer: LayerId, fn: () => T): T {
  const name = `rtree_${layer}_geom_insert`;
  const sql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck().get(name) as string | undefined;
  if (!sql) return fn();
  db.exec(`DROP TRIGGER "${name}"`);
  const result = fn();
  db.exec(sql);
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
