import type Database from 'better-sqlite3';
import { PlannerError } from '../../../shared/api/errors.js';
import type { Geometry, PropertyValue } from '../../../shared/api/geojson.js';
import { FILTER_COLUMNS, FILTER_KEYS, unsupportedFilterKeys, type LayerFilter } from '../../../shared/api/layer-filter.js';
import type { LayerId } from '../../../shared/api/layers.js';
import { decodeGpkgBlob } from '../gpkg/blob.js';
import { LAYER_DEFS } from '../project/schema.js';

export interface SelectedFeature {
  fid: number;
  geometry: Geometry | null;
  /** every column but source_json, booleans as booleans */
  properties: Record<string, PropertyValue>;
}

export interface Selection {
  fids?: readonly number[] | undefined;
  filter?: LayerFilter | undefined;
}

/**
 * SQL for a LayerFilter on `layer` (alias t), with the same semantics as the shared
 * `matchesLayerFilter`: values trimmed, blank = NULL, keys ANDed, a key's values ORed.
 */
export function filterSql(layer: LayerId, filter: LayerFilter | undefined): { where: string; params: (string | number)[] } {
  if (!filter) return { where: '1', params: [] };
  const bad = unsupportedFilterKeys(layer, filter);
  if (bad.length > 0) {
    throw new PlannerError(
      'filter_not_applicable',
      `Layer ${layer} cannot be filtered by ${bad.join(', ')}.`,
      `图层 ${layer} 不能按 ${bad.join('、')} 筛选。`,
      { layer, keys: bad },
    );
  }
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  for (const key of FILTER_KEYS) {
    const wanted = filter[key] as readonly (string | number | null)[] | undefined;
    const column = FILTER_COLUMNS[key][layer];
    if (wanted === undefined || column === undefined) continue;
    const trimmed = `trim(CAST(t."${column}" AS TEXT))`;
    // The year only of a value starting 'YYYY-' (filterYear), else NULL.
    const value = key === 'completedYear' ? `CASE WHEN ${trimmed} GLOB '[0-9][0-9][0-9][0-9]-*' THEN CAST(substr(${trimmed}, 1, 4) AS INTEGER) END` : `nullif(${trimmed}, '')`;
    const values = wanted.filter((v): v is string | number => v !== null);
    const ors: string[] = [];
    if (values.length > 0) {
      ors.push(`${value} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    }
    if (values.length < wanted.length) ors.push(`${value} IS NULL`);
    clauses.push(`(${ors.join(' OR ')})`);
  }
  return { where: clauses.length > 0 ? clauses.join(' AND ') : '1', params };
}

type Row = Record<string, unknown> & { fid: number; geom: Buffer | null };

/**
 * The features of `layer` that pass the selection, in fid order. Named fids must all exist (a stale
 * map selection is an error, not a silently shorter file); features without geometry are kept.
 */
export function selectFeatures(db: Database.Database, layer: LayerId, sel: Selection): SelectedFeature[] {
  const def = LAYER_DEFS[layer];
  const cols = def.columns.filter((c) => c.name !== 'source_json');
  const { where, params } = filterSql(layer, sel.filter);
  const byFid = sel.fids ? ' AND t.fid IN (SELECT value FROM json_each(?))' : '';
  const sql = `SELECT t.fid AS fid, t.geom AS geom, ${cols.map((c) => `t."${c.name}"`).join(', ')} FROM "${layer}" t WHERE ${where}${byFid} ORDER BY t.fid`;
  const rows = db.prepare(sql).all(...params, ...(sel.fids ? [JSON.stringify(sel.fids)] : [])) as Row[];
  if (sel.fids) {
    const known = new Set((db.prepare(`SELECT fid FROM "${layer}" WHERE fid IN (SELECT value FROM json_each(?))`).pluck().all(JSON.stringify(sel.fids)) as number[]));
    const missing = [...new Set(sel.fids)].filter((f) => !known.has(f));
    if (missing.length > 0) {
      const list = missing.slice(0, 20).join(', ') + (missing.length > 20 ? ', …' : '');
      throw new PlannerError(
        'features_not_found',
        `${missing.length} of the selected features are not in ${layer} (fid ${list}); they may have been deleted. Select again.`,
        `所选要素中有 ${missing.length} 个不在图层 ${layer} 中(fid ${list}),可能已被删除,请重新选择。`,
        { layer, missing: missing.slice(0, 100) },
      );
    }
  }
  return rows.map((row) => {
    const properties: Record<string, PropertyValue> = {};
    for (const c of cols) {
      const v = row[c.name];
      properties[c.name] = c.type === 'BOOLEAN' ? (v === null || v === undefined ? null : v === 1) : ((v ?? null) as PropertyValue);
    }
    return { fid: row.fid, geometry: row.geom ? decodeGpkgBlob(row.geom) : null, properties };
  });
}
