import fs from 'node:fs';
import path from 'node:path';
import type { GeometryEditResult, GeometryOperation, ParcelRef } from '../../shared/api/edit-geometry.js';
import { PlannerError } from '../../shared/api/errors.js';
import type { Geometry } from '../../shared/api/geojson.js';
import { m2ToMu, roundTo } from '../../shared/domain/units.js';
import { parseCrsChoice, toLonLat } from '../../shared/geo/crs.js';
import { reprojectGeometry } from '../../shared/geo/reproject.js';
import { editGeometry } from '../core/edit/geometry.js';
import { defaultActor } from '../core/edit/handlers.js';
import { readGeoJson } from '../core/import/readers/geojson.js';
import { Project } from '../core/project/project.js';

/** Options of the geometry commands, merged into the CLI's option table (electron/cli/main.ts). */
export const GEOMETRY_CLI_OPTIONS = {
  geojson: { type: 'string' },
  line: { type: 'string' },
  codes: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
} as const;

export const GEOMETRY_USAGE = `  landplanner edit-geometry --project P CODE --geojson FILE [--crs EPSG:n] [--dry-run] [--actor NAME] [--json]   (or --fid N)
  landplanner split --project P CODE --line FILE.geojson [--codes C2,C3…] [--crs EPSG:n] [--dry-run] [--actor NAME] [--json]
  landplanner merge --project P CODE1 CODE2… [--dry-run] [--actor NAME] [--json]`;

export const GEOMETRY_COMMANDS = ['edit-geometry', 'split', 'merge'] as const;
export type GeometryCommand = (typeof GEOMETRY_COMMANDS)[number];

export function isGeometryCommand(command: string): command is GeometryCommand {
  return (GEOMETRY_COMMANDS as readonly string[]).includes(command);
}

export interface GeometryCliValues {
  project?: string | undefined;
  actor?: string | undefined;
  fid?: string | undefined;
  crs?: string | undefined;
  geojson?: string | undefined;
  line?: string | undefined;
  codes?: string | undefined;
  'dry-run'?: boolean | undefined;
}

function usage(message: string, messageZh: string): PlannerError {
  return new PlannerError('usage', `${message}\n\n${GEOMETRY_USAGE}`, `${messageZh}\n\n${GEOMETRY_USAGE}`);
}

/** The one parcel a command names: CODE, or --fid N. */
function parcelArg(v: GeometryCliValues, args: readonly string[]): ParcelRef {
  if (v.fid !== undefined) {
    const fid = Number(v.fid);
    if (!Number.isInteger(fid) || fid <= 0) throw usage(`--fid must be a positive integer, got ${v.fid}.`, `--fid 应为正整数,收到 ${v.fid}。`);
    if (args.length > 0) throw usage('Name the parcel by code or by --fid, not both.', '请用编号或 --fid 指定地块,不要同时使用。');
    return { fid };
  }
  if (args.length !== 1 || !args[0]) throw usage('Name one parcel code.', '请指定一个地块编号。');
  return { code: args[0] };
}

/**
 * The one geometry of a GeoJSON file (a geometry, a feature, or a collection of one feature), in
 * CGCS2000 lon/lat: a legacy "crs" member (e.g. EPSG:4549) or --crs is honoured, RFC 7946 lon/lat
 * is taken as EPSG:4490 (no datum shift, DESIGN §4).
 */
async function readOneGeometry(file: string, crs: string | undefined, flag: string): Promise<Geometry> {
  const read = await readGeoJson({ text: asCollection(fs.readFileSync(path.resolve(file), 'utf8')), name: path.basename(file) });
  const geometries = read.features.map((f) => f.geometry).filter((g): g is Geometry => g !== null);
  if (geometries.length !== 1) {
    throw usage(`${flag} ${file} must hold exactly one geometry (it holds ${geometries.length}).`, `${flag} ${file} 须只含一个几何图形(实含 ${geometries.length} 个)。`);
  }
  const epsg = crs ? parseCrsChoice(crs).epsg : read.crs.epsg;
  const g = geometries[0]!;
  return epsg === null || epsg === 4490 || epsg === 4326 ? g : reprojectGeometry(g, toLonLat(epsg));
}

/** A bare geometry or a feature wrapped as a collection (the reader takes collections), its "crs" member kept. */
function asCollection(text: string): string {
  let root: unknown;
  try {
    root = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return text;
  }
  if (typeof root !== 'object' || root === null || !('type' in root)) return text;
  const { type, crs, ...rest } = root as { type: unknown; crs?: unknown };
  if (type === 'FeatureCollection') return text;
  const feature = type === 'Feature' ? { type, ...rest } : { type: 'Feature', properties: {}, geometry: { type, ...rest } };
  return JSON.stringify({ type: 'FeatureCollection', ...(crs === undefined ? {} : { crs }), features: [feature] });
}

function lineCoordinates(g: Geometry, file: string): number[][] {
  if (g.type === 'LineString') return g.coordinates;
  if (g.type === 'MultiLineString' && g.coordinates.length === 1) return g.coordinates[0]!;
  throw usage(`--line ${file} must hold a LineString, not ${g.type}.`, `--line ${file} 须为线(LineString),不能是 ${g.type}。`);
}

async function operationOf(command: GeometryCommand, v: GeometryCliValues, args: readonly string[]): Promise<GeometryOperation> {
  switch (command) {
    case 'edit-geometry': {
      if (!v.geojson) throw usage('Missing --geojson FILE (the new outline).', '缺少参数 --geojson 文件(新的地块图形)。');
      return { op: 'replace', parcel: parcelArg(v, args), geometry: await readOneGeometry(v.geojson, v.crs, '--geojson') };
    }
    case 'split': {
      if (!v.line) throw usage('Missing --line FILE.geojson (the cut line).', '缺少参数 --line 文件(分割线)。');
      const codes = v.codes?.split(',').map((c) => c.trim()).filter((c) => c !== '');
      const line = lineCoordinates(await readOneGeometry(v.line, v.crs, '--line'), v.line);
      return { op: 'split', parcel: parcelArg(v, args), line, ...(codes ? { codes } : {}) };
    }
    case 'merge': {
      if (args.length < 2) throw usage('Name at least two parcel codes to merge (the first keeps its code).', '请至少指定两个要合并的地块编号(第一个保留编号)。');
      return { op: 'merge', parcels: args.map((code) => ({ code })) };
    }
  }
}

export async function runGeometryCommand(command: GeometryCommand, v: GeometryCliValues, args: readonly string[]): Promise<GeometryEditResult> {
  if (!v.project) throw usage('Missing --project.', '缺少参数 --project。');
  const operation = await operationOf(command, v, args);
  const project = Project.open(path.resolve(v.project));
  try {
    return editGeometry(project, operation, { actor: v.actor?.trim() || defaultActor(), now: new Date(), dryRun: v['dry-run'] ?? false });
  } finally {
    project.close();
  }
}

const ACTIONS = { updated: '更新 updated', created: '新建 created', deleted: '删除 deleted' } as const;
const VERBS = { replace: '已修改图形 reshaped', create: '已新建 created', delete: '已删除 deleted', split: '已分割 split', merge: '已合并 merged' } as const;
const area = (m2: number): string => `${roundTo(m2, 2).toFixed(2)} m² = ${roundTo(m2ToMu(m2), 2).toFixed(2)} 亩`;

/** Human-readable output of the geometry commands (Chinese first). */
export function geometryHumanLines(r: GeometryEditResult): string[] {
  if (r.parcels.length === 0) return ['没有变化 nothing changed'];
  const head = r.dryRun ? '预览,未写入 dry run, nothing written' : `${VERBS[r.op]}: 批次 batch ${String(r.batchId)}(可撤销 undo: landplanner undo)`;
  return [
    head,
    ...r.parcels.map((p) => `  ${p.code ?? `#${p.fid}`}  ${ACTIONS[p.action]}  ${area(p.areaM2)}${p.action === 'deleted' ? '' : `  区块 block: ${p.blockCode ?? '—'}  片区 zone: ${p.zoneCode ?? '—'}${p.straddles ? '  跨区块 straddles' : ''}`}`),
    `  之前 before: ${area(r.beforeM2)}   之后 after: ${area(r.afterM2)}${r.overlapM2 !== null && Math.abs(r.overlapM2) >= 0.005 ? `   重叠 overlap: ${area(r.overlapM2)}` : ''}`,
  ];
}
