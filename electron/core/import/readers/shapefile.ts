import fs from 'node:fs/promises';
import path from 'node:path';
import { PlannerError } from '../../../../shared/api/planner-error.js';
import { openDbf } from './dbf.js';
import type { DbfTable } from './dbf.js';
import { decodeBytes, detectEncoding } from './encoding.js';
import type { EncodingDecision } from './encoding.js';
import { indexShp, ShpReader } from './shp.js';
import { WarningLog } from './types.js';
import type { FieldInfo, ReadResultBase, ReaderWarning, SourceFeature } from './types.js';
import { SHAPEFILE_EXTS, shapefileFromZip } from './zip.js';
import type { ShapefileParts } from './zip.js';

/**
 * A shapefile from loose parts (a Map of extension → bytes), a zip's bytes, or path(s) on disk
 * (a .zip, the .shp, or the list of sibling files).
 */
export type ShapefileInput = { files: Map<string, Uint8Array>; name?: string } | Uint8Array | string | readonly string[];

export interface ReadShapefileOptions {
  /** the user's encoding choice (UI / --encoding); otherwise .cpg → LDID → detection */
  encoding?: string | null;
  /** which shapefile of a multi-layer zip (base name) */
  layer?: string;
  /** display name for byte inputs (e.g. the dropped zip's file name) */
  name?: string;
}

export interface ShapefileRead extends ReadResultBase {
  format: 'shapefile';
  encodingDecision: EncodingDecision;
  prj?: string;
  cpg?: string;
  /** the DBF's language driver byte (0 = none) */
  ldid: number;
  geometryType: 'Point' | 'LineString' | 'Polygon' | 'MultiPoint' | 'Null';
  /** records in the file, including deleted ones */
  recordCount: number;
  deletedRecords: number;
}

const extOf = (p: string) => path.extname(p).slice(1).toLowerCase();

async function readFile(p: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(p);
  } catch (e) {
    throw new PlannerError('file_not_found', `Cannot read ${p} (${(e as Error).message}).`, `无法读取文件 ${p}(${(e as Error).message})。`, { file: p });
  }
}

async function partsFromPaths(paths: readonly string[], layer?: string): Promise<ShapefileParts> {
  const zips = paths.filter((p) => extOf(p) === 'zip');
  if (zips.length === 1 && paths.length === 1) return shapefileFromZip(await readFile(zips[0]!), path.basename(zips[0]!), layer);
  let files = [...paths];
  if (paths.length === 1) {
    // One part named: gather its siblings with the same base name (any case of extension).
    const p = paths[0]!;
    const base = path.basename(p, path.extname(p)).toLowerCase();
    const dir = path.dirname(p);
    const entries = await fs.readdir(dir).catch(() => {
      throw new PlannerError('file_not_found', `Cannot read the folder of ${p}.`, `无法读取 ${p} 所在的文件夹。`, { file: p });
    });
    files = entries.filter((e) => path.basename(e, path.extname(e)).toLowerCase() === base && SHAPEFILE_EXTS.includes(extOf(e))).map((e) => path.join(dir, e));
    if (files.length === 0) throw new PlannerError('file_not_found', `${p} does not exist.`, `文件 ${p} 不存在。`, { file: p });
  }
  const shps = files.filter((f) => extOf(f) === 'shp');
  if (shps.length > 1) {
    const names = shps.map((f) => path.basename(f));
    throw new PlannerError('ambiguous_files', `Several shapefiles were given (${names.join(', ')}); import them one at a time.`, `选择了多个 shapefile(${names.join('、')}),请逐个导入。`, { shapefiles: names });
  }
  const shp = shps[0];
  const name = path.basename(shp ?? files[0]!);
  const parts = new Map<string, Uint8Array>();
  for (const f of files) {
    const ext = extOf(f);
    if (!SHAPEFILE_EXTS.includes(ext)) continue;
    if (shp && path.basename(f, path.extname(f)).toLowerCase() !== path.basename(shp, path.extname(shp)).toLowerCase()) continue;
    parts.set(ext, await readFile(f));
  }
  return { name: shp ? name : name.replace(/\.[^.]+$/, '.shp'), files: parts };
}

/** Loads the parts of one shapefile from any accepted input. */
export async function loadShapefileParts(input: ShapefileInput, opts: ReadShapefileOptions = {}): Promise<ShapefileParts> {
  if (typeof input === 'string') return partsFromPaths([input], opts.layer);
  if (input instanceof Uint8Array) return shapefileFromZip(input, opts.name ?? 'upload.zip', opts.layer);
  if (Array.isArray(input)) return partsFromPaths(input as readonly string[], opts.layer);
  const { files, name } = input as { files: Map<string, Uint8Array>; name?: string };
  const norm = new Map<string, Uint8Array>();
  for (const [k, v] of files) norm.set(k.replace(/^\./, '').toLowerCase(), v);
  return { name: name ?? opts.name ?? 'upload.shp', files: norm };
}

function textOf(bytes: Uint8Array | undefined): string | undefined {
  if (!bytes) return undefined;
  const d = detectEncoding([bytes]);
  return decodeBytes(bytes, d.encoding === 'utf-8' || d.encoding === 'ascii' ? 'utf-8' : 'gb18030').replace(/^\uFEFF/, '');
}

/** An opened shapefile: header-level facts now, features on demand (bounded memory). */
export interface ShapefileSource {
  file: string;
  count: number;
  fields: FieldInfo[];
  encodingDecision: EncodingDecision;
  prj?: string;
  cpg?: string;
  ldid: number;
  geometryType: ShapefileRead['geometryType'];
  /** record i (0-based); null when the record is marked deleted in the DBF */
  feature(i: number): SourceFeature | null;
  warnings(): ReaderWarning[];
}

/**
 * Opens a shapefile's parts: checks .shp/.shx/.dbf against each other and decides the encoding.
 * Errors: 'missing_shp', 'missing_dbf', 'truncated_shp', 'truncated_dbf', 'invalid_shp',
 * 'invalid_dbf', 'record_count_mismatch', 'empty_file' — each naming the file.
 */
export function openShapefile(parts: ShapefileParts, opts: ReadShapefileOptions = {}): ShapefileSource {
  const file = parts.name;
  const shp = parts.files.get('shp');
  const dbfBytes = parts.files.get('dbf');
  const dbfName = file.replace(/\.shp$/i, '.dbf');
  if (!shp) throw new PlannerError('missing_shp', `${file}: the .shp file (the geometry) is missing.`, `${file}:缺少 .shp 文件(几何图形)。`, { file });
  if (!dbfBytes) throw new PlannerError('missing_dbf', `${file}: the .dbf file (the attributes) is missing; a shapefile needs its .shp, .shx and .dbf.`, `${file}:缺少 .dbf 文件(属性表);shapefile 需要 .shp、.shx 和 .dbf 三个文件。`, { file, missing: dbfName });
  const log = new WarningLog();
  const index = indexShp(shp, parts.files.get('shx'), file, log);
  const cpg = textOf(parts.files.get('cpg'))?.trim();
  const prj = textOf(parts.files.get('prj'));
  const dbf: DbfTable = openDbf(dbfBytes, { file: dbfName, encoding: opts.encoding ?? null, cpg: cpg ?? null });
  const reader = new ShpReader(shp, index, file);
  if (reader.count < dbf.recordCount) {
    const where = parts.files.has('shx') ? 'its .shx index lists' : 'it holds';
    throw new PlannerError(
      'truncated_shp',
      `${file} is truncated: ${where} ${reader.count} shapes but ${dbfName} has ${dbf.recordCount} records.`,
      `${file} 文件不完整:只有 ${reader.count} 个图形${parts.files.has('shx') ? '(按 .shx 索引)' : ''},而 ${dbfName} 有 ${dbf.recordCount} 条记录。`,
      { file, shapes: reader.count, records: dbf.recordCount },
    );
  }
  if (reader.count > dbf.recordCount) {
    throw new PlannerError(
      'record_count_mismatch',
      `${file} has ${reader.count} shapes but ${dbfName} only ${dbf.recordCount} records; the files do not belong together or the .dbf is damaged.`,
      `${file} 有 ${reader.count} 个图形,而 ${dbfName} 只有 ${dbf.recordCount} 条记录;两个文件不匹配或 .dbf 已损坏。`,
      { file, shapes: reader.count, records: dbf.recordCount },
    );
  }
  if (reader.count === 0) throw new PlannerError('empty_file', `${file} contains no features.`, `${file} 中没有任何要素。`, { file });
  const st = index.shapeType;
  if (st >= 11 && st <= 18) log.add('z_dropped', `${file} has Z values; they are ignored (2D import).`, `${file} 含有 Z 值,已忽略(按二维导入)。`);
  if (st >= 21 && st <= 28) log.add('m_dropped', `${file} has M values; they are ignored.`, `${file} 含有 M 值,已忽略。`);

  return {
    file,
    count: reader.count,
    fields: dbf.fields,
    encodingDecision: dbf.encodingDecision,
    ...(prj !== undefined ? { prj } : {}),
    ...(cpg !== undefined ? { cpg } : {}),
    ldid: dbf.header.ldid,
    geometryType: reader.geometryFamily,
    feature(i) {
      if (dbf.isDeleted(i)) {
        log.add('deleted_record', 'Records marked deleted in the .dbf were skipped.', '.dbf 中标记为已删除的记录已跳过。', i);
        return null;
      }
      const geometry = reader.geometry(i, log);
      if (!geometry) log.add('null_geometry', 'Some records have no geometry (null shape).', '部分记录没有几何图形(空图形)。', i);
      return { index: i, geometry, attributes: dbf.record(i) };
    },
    warnings() {
      const all = new WarningLog();
      all.merge(log.list());
      all.merge(dbf.warnings.list());
      return all.list();
    },
  };
}

/**
 * Reads a whole shapefile: features with geometry in the SOURCE CRS (reproject separately with
 * decideCrs + reproject), attributes decoded with the decided encoding, plus the evidence.
 */
export async function readShapefile(input: ShapefileInput, opts: ReadShapefileOptions = {}): Promise<ShapefileRead> {
  const parts = await loadShapefileParts(input, opts);
  const src = openShapefile(parts, opts);
  const features: SourceFeature[] = [];
  let deleted = 0;
  for (let i = 0; i < src.count; i++) {
    const f = src.feature(i);
    if (f) features.push(f);
    else deleted++;
  }
  return {
    format: 'shapefile',
    file: src.file,
    features,
    fields: src.fields,
    encodingDecision: src.encodingDecision,
    ...(src.prj !== undefined ? { prj: src.prj } : {}),
    ...(src.cpg !== undefined ? { cpg: src.cpg } : {}),
    ldid: src.ldid,
    geometryType: src.geometryType,
    recordCount: src.count,
    deletedRecords: deleted,
    warnings: src.warnings(),
  };
}
