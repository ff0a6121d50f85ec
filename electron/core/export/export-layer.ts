import { zip, type AsyncZippable } from 'fflate';
import type { z } from 'zod';
import { PlannerError } from '../../../shared/api/errors.js';
import type { ExportCrs, ExportEncoding, ExportField, ExportLayerInput, ExportLayerReport, ExportLayerResult, ExportWarning } from '../../../shared/api/export.js';
import type { PropertyValue } from '../../../shared/api/geojson.js';
import { isEmptyFilter } from '../../../shared/api/layer-filter.js';
import { LAYER_LABELS, type LayerId } from '../../../shared/api/layers.js';
import { ellipsoidalAreaM2 } from '../../../shared/domain/area.js';
import { geodesicLengthM } from '../../../shared/domain/length.js';
import { m2ToMu } from '../../../shared/domain/units.js';
import type Database from 'better-sqlite3';
import { exportColumns, isLineLayer, isPolygonLayer, type ExportColumn } from './columns.js';
import { writeDbf, type DbfFieldSpec, type DbfIssue } from './dbf-writer.js';
import { fieldsReadme } from './fields-readme.js';
import { outputCrs } from './output-crs.js';
import { rfc7946Winding } from './winding.js';
import { selectFeatures, type SelectedFeature } from './select.js';
import { SHAPE_POINT, SHAPE_POLYGON, SHAPE_POLYLINE, writeShp, type ShapeType } from './shp-writer.js';

export type ExportLayerRequest = z.output<typeof ExportLayerInput>;

/** An export in memory: the file's bytes, its suggested name and type, and the report. */
export interface LayerExport {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
  report: ExportLayerReport;
}

const ZIP_MIME = 'application/zip';
const GEOJSON_MIME = 'application/geo+json';
const CPG: Record<ExportEncoding, string> = { gbk: 'GBK', 'utf-8': 'UTF-8' };
const CRS_TAG: Record<ExportCrs, string> = { 'EPSG:4490': 'CGCS2000', 'EPSG:4549': 'CGCS2000_GK120E' };

const ISSUE_TEXT: Record<DbfIssue['code'], [string, string]> = {
  unencodable: ['Some text has characters GBK cannot hold; they were written as "?". Export in UTF-8 to keep them.', '部分文字含有 GBK 无法表示的字符,已写为“?”。如需保留请选择 UTF-8 编码导出。'],
  text_truncated: ['Some text is longer than a .dbf field allows (254 bytes) and was cut.', '部分文字超过 .dbf 字段上限(254 字节),已截断。'],
  bad_date: ['Some dates are malformed and were written empty.', '部分日期格式有误,已写为空值。'],
  bad_number: ['Some numbers are not numbers and were written empty.', '部分数值不是数字,已写为空值。'],
  number_overflow: ['Some numbers do not fit the field and were written as ********.', '部分数值超出字段宽度,已写为 ********。'],
};

function checkOptions(req: ExportLayerRequest): { encoding: ExportEncoding; crs: ExportCrs } {
  if (req.format === 'geojson') {
    if (req.encoding === 'gbk') {
      throw new PlannerError('geojson_utf8_only', 'GeoJSON is always UTF-8 (RFC 7946); GBK is for shapefiles only.', 'GeoJSON 只能使用 UTF-8 编码(RFC 7946),GBK 仅用于 shapefile。', { format: req.format, encoding: req.encoding });
    }
    if (req.crs !== undefined && req.crs !== 'EPSG:4490') {
      throw new PlannerError('geojson_lonlat_only', `GeoJSON is always lon/lat (RFC 7946); ${req.crs} is for shapefiles only.`, `GeoJSON 只能使用经纬度坐标(RFC 7946),${req.crs} 仅用于 shapefile。`, { format: req.format, crs: req.crs });
    }
    return { encoding: 'utf-8', crs: 'EPSG:4490' };
  }
  return { encoding: req.encoding ?? 'gbk', crs: req.crs ?? 'EPSG:4490' };
}

/** Column values of one feature, with area_m2 (stored, or computed when missing) and mu. */
function rowValues(f: SelectedFeature, columns: readonly ExportColumn[]): PropertyValue[] {
  let areaM2: number | null = null;
  return columns.map((c) => {
    if (c.column === 'area_m2') {
      const stored = f.properties['area_m2'];
      areaM2 = typeof stored === 'number' ? stored : f.geometry ? ellipsoidalAreaM2(f.geometry) : null;
      return areaM2;
    }
    if (c.column === 'mu') return areaM2 === null ? null : m2ToMu(areaM2);
    if (c.column === 'length_m') {
      const stored = f.properties['length_m'];
      return typeof stored === 'number' ? stored : f.geometry ? geodesicLengthM(f.geometry) : null;
    }
    return f.properties[c.column] ?? null;
  });
}

function dbfSpec(c: ExportColumn, fullName: string): DbfFieldSpec {
  switch (c.type) {
    case 'REAL':
      return { fullName, type: 'N' };
    case 'INTEGER':
      return { fullName, type: 'N', integer: true };
    case 'BOOLEAN':
      // 1/0 rather than dBASE L: GDAL 3.6 and ArcGIS read L fields as text.
      return { fullName, type: 'N', integer: true };
    case 'DATE':
      return { fullName, type: 'D' };
    default:
      return { fullName, type: 'C' };
  }
}

function jsonType(c: ExportColumn): string {
  return c.type === 'REAL' || c.type === 'INTEGER' ? 'number' : c.type === 'BOOLEAN' ? 'boolean' : c.type === 'DATE' ? 'date' : 'string';
}

function shapeTypeOf(layer: LayerId): ShapeType {
  return isPolygonLayer(layer) ? SHAPE_POLYGON : isLineLayer(layer) ? SHAPE_POLYLINE : SHAPE_POINT;
}

function warningsOf(issues: readonly DbfIssue[], features: readonly SelectedFeature[]): ExportWarning[] {
  const byCode = new Map<DbfIssue['code'], Set<number>>();
  for (const i of issues) {
    const set = byCode.get(i.code) ?? new Set<number>();
    set.add(features[i.row]!.fid);
    byCode.set(i.code, set);
  }
  return [...byCode].map(([code, fids]) => ({ code, message: ISSUE_TEXT[code][0], messageZh: ISSUE_TEXT[code][1], count: fids.size, fids: [...fids].slice(0, 100) }));
}

/** fflate's asynchronous zip: large parts are deflated in worker threads, off the calling thread. */
function zipped(files: AsyncZippable): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    zip(files, { level: 6 }, (err, data) => (err ? reject(err) : resolve(data)));
  });
}

function baseName(layer: LayerId, isSample: boolean, selected: boolean): string {
  return `${isSample ? '示例数据_' : ''}${LAYER_LABELS[layer].zh}${selected ? '_选定' : ''}`;
}

/**
 * Exports `req.layer` (or the selected features: fids and/or filter) from the project database.
 * Shapefile: a zip of <layer>.shp/.shx/.dbf/.prj/.cpg plus <layer>_fields.txt (short ↔ full field
 * names); GeoJSON: one FeatureCollection, lon/lat, UTF-8. `now` stamps the .dbf and the zip entries.
 */
export async function exportLayer(db: Database.Database, req: ExportLayerRequest, opts: { isSample: boolean; now: Date }): Promise<LayerExport> {
  const { layer, format } = req;
  const { encoding, crs } = checkOptions(req);
  const features = selectFeatures(db, layer, { fids: req.fids, filter: req.filter });
  const selected = req.fids !== undefined || !isEmptyFilter(req.filter);
  if (features.length === 0) {
    throw new PlannerError(
      'nothing_to_export',
      `No feature of ${layer} matches the selection; nothing was exported.`,
      `图层“${LAYER_LABELS[layer].zh}”中没有符合条件的要素,未导出文件。`,
      { layer, filter: req.filter ?? null },
    );
  }
  const columns = exportColumns(layer);
  const rows = features.map((f) => rowValues(f, columns));
  const sumOf = (column: string): number => {
    const k = columns.findIndex((c) => c.column === column);
    return k < 0 ? 0 : rows.reduce((s, r) => s + (typeof r[k] === 'number' ? (r[k] as number) : 0), 0);
  };
  const areaM2 = sumOf('area_m2');
  const fullNames = columns.map((c) => (req.fieldNames === 'zh' ? c.zh : c.column));
  const base = baseName(layer, opts.isSample, selected);
  const reportBase = { layer, format, encoding, crs, exported: features.length, areaM2, areaMu: m2ToMu(areaM2), lengthM: sumOf('length_m') };

  if (format === 'geojson') {
    const fc = {
      type: 'FeatureCollection',
      features: features.map((f, i) => ({
        type: 'Feature',
        id: f.fid,
        geometry: f.geometry ? rfc7946Winding(f.geometry) : null,
        properties: Object.fromEntries(fullNames.map((n, k) => [n, rows[i]![k] ?? null])),
      })),
    };
    const fields: ExportField[] = columns.map((c, k) => ({ column: c.column, name: fullNames[k]!, fullName: fullNames[k]!, type: jsonType(c), truncated: false }));
    return { fileName: `${base}.geojson`, mime: GEOJSON_MIME, bytes: Buffer.from(JSON.stringify(fc), 'utf8'), report: { ...reportBase, fields, warnings: [] } };
  }

  const out = outputCrs(crs);
  const dbf = writeDbf(columns.map((c, k) => dbfSpec(c, fullNames[k]!)), rows, { encoding, now: opts.now });
  const { shp, shx } = writeShp(features.map((f) => (f.geometry ? out.project(f.geometry) : null)), shapeTypeOf(layer));
  const fields: ExportField[] = dbf.fields.map((f, k) => ({
    column: columns[k]!.column,
    name: f.name,
    fullName: f.fullName,
    type: f.type === 'C' || f.type === 'N' ? `${f.type}(${f.length}${f.type === 'N' ? `,${f.decimals}` : ''})` : f.type,
    truncated: f.truncated,
  }));
  const report: ExportLayerReport = { ...reportBase, fields, warnings: warningsOf(dbf.issues, features) };
  const enc = new TextEncoder();
  const mtime = opts.now;
  const bytes = await zipped({
    [`${layer}.shp`]: [shp, { mtime }],
    [`${layer}.shx`]: [shx, { mtime }],
    [`${layer}.dbf`]: [dbf.bytes, { mtime }],
    [`${layer}.prj`]: [enc.encode(out.prj), { mtime }],
    [`${layer}.cpg`]: [enc.encode(CPG[encoding]), { mtime }],
    [`${layer}_fields.txt`]: [enc.encode(fieldsReadme(report, out.def)), { mtime }],
  });
  return { fileName: `${base}_${CRS_TAG[crs]}_${CPG[encoding]}.zip`, mime: ZIP_MIME, bytes, report };
}

/** The contract's form: the same export with the bytes in base64. */
export async function exportLayerFile(db: Database.Database, req: ExportLayerRequest, opts: { isSample: boolean; now: Date }): Promise<ExportLayerResult> {
  const e = await exportLayer(db, req, opts);
  return { fileName: e.fileName, mime: e.mime, base64: Buffer.from(e.bytes.buffer, e.bytes.byteOffset, e.bytes.byteLength).toString('base64'), report: e.report };
}
