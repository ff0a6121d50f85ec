import fs from 'node:fs';
import path from 'node:path';
import { PlannerError, invalidInputError } from '../../shared/api/errors.js';
import { ExportLayerInput, type ExportLayerReport } from '../../shared/api/export.js';
import { FILTER_KEYS, type FilterKey } from '../../shared/api/layer-filter.js';
import { roundTo } from '../../shared/domain/units.js';
import { exportLayer } from '../core/export/export-layer.js';
import { Project } from '../core/project/project.js';

/** Options of `landplanner export`, merged into the CLI's option table (electron/cli/main.ts). */
export const EXPORT_CLI_OPTIONS = {
  out: { type: 'string' },
  where: { type: 'string', multiple: true },
  fids: { type: 'string' },
  'field-names': { type: 'string' },
} as const;

export const EXPORT_USAGE = `  landplanner export --project P --layer L --out FILE.zip|FILE.geojson [--encoding gbk|utf-8] [--crs EPSG:4490|EPSG:4549]
                     [--where status|town|method|block|year=VALUE]… [--fids 1,2,…] [--field-names column|zh] [--json]`;

export interface ExportCliValues {
  project?: string | undefined;
  layer?: string | undefined;
  out?: string | undefined;
  encoding?: string | undefined;
  crs?: string | undefined;
  where?: string[] | undefined;
  fids?: string | undefined;
  'field-names'?: string | undefined;
}

/** What `export --json` prints. */
export interface ExportCliResult extends ExportLayerReport {
  file: string;
  bytes: number;
}

function usage(message: string, messageZh: string): PlannerError {
  return new PlannerError('usage', `${message}\n\n${EXPORT_USAGE}`, `${messageZh}\n\n${EXPORT_USAGE}`);
}

const WHERE_KEYS: Record<string, FilterKey> = {
  ...Object.fromEntries(FILTER_KEYS.map((k) => [k.toLowerCase(), k])),
  year: 'completedYear',
  completed_year: 'completedYear',
};

/** `--where key=value`, repeatable: the values of one key are ORed, the keys ANDed; `key=` matches empty values. */
export function parseWhere(items: readonly string[] | undefined): Record<string, (string | number | null)[]> | undefined {
  if (!items || items.length === 0) return undefined;
  const filter: Record<string, (string | number | null)[]> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    const key = eq > 0 ? WHERE_KEYS[item.slice(0, eq).trim().toLowerCase()] : undefined;
    if (!key) {
      throw usage(
        `--where takes KEY=VALUE with KEY one of status, town, method, block, year (got "${item}").`,
        `--where 的格式为 键=值,键为 status、town、method、block、year 之一(收到“${item}”)。`,
      );
    }
    const raw = item.slice(eq + 1).trim();
    let value: string | number | null = raw === '' ? null : raw;
    if (key === 'completedYear' && value !== null) {
      value = Number(raw);
      if (!Number.isInteger(value)) throw usage(`--where year= takes a year, got "${raw}".`, `--where year= 应为年份,收到“${raw}”。`);
    }
    (filter[key] ??= []).push(value);
  }
  return filter;
}

function parseFids(v: string | undefined): number[] | undefined {
  if (v === undefined) return undefined;
  const fids = v.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (fids.length === 0 || fids.some((n) => !Number.isInteger(n) || n <= 0)) throw usage(`--fids takes positive integers separated by commas, got "${v}".`, `--fids 应为逗号分隔的正整数,收到“${v}”。`);
  return fids;
}

function formatOf(out: string): 'shapefile' | 'geojson' {
  const ext = path.extname(out).toLowerCase();
  if (ext === '.zip') return 'shapefile';
  if (ext === '.geojson' || ext === '.json') return 'geojson';
  throw usage(`--out must end in .zip (shapefile) or .geojson (got "${out}").`, `--out 的扩展名应为 .zip(shapefile)或 .geojson(收到“${out}”)。`);
}

/** `landplanner export`: the same export as the app's, written to --out (whole or not at all). */
export async function exportCommand(v: ExportCliValues): Promise<ExportCliResult> {
  if (!v.project) throw usage('Missing --project.', '缺少参数 --project。');
  if (!v.layer) throw usage('Missing --layer.', '缺少参数 --layer。');
  if (!v.out) throw usage('Missing --out.', '缺少参数 --out。');
  const out = path.resolve(v.out);
  const raw = {
    layer: v.layer === 'zones' ? 'renewal_zones' : v.layer,
    format: formatOf(out),
    ...(v.encoding !== undefined ? { encoding: v.encoding.trim().toLowerCase() === 'utf8' ? 'utf-8' : v.encoding.trim().toLowerCase() } : {}),
    ...(v.crs !== undefined ? { crs: v.crs.trim().toUpperCase().replace(/^(\d+)$/, 'EPSG:$1') } : {}),
    ...(v['field-names'] !== undefined ? { fieldNames: v['field-names'] } : {}),
    ...(v.fids !== undefined ? { fids: parseFids(v.fids) } : {}),
    ...(v.where !== undefined ? { filter: parseWhere(v.where) } : {}),
  };
  const parsed = ExportLayerInput.safeParse(raw);
  if (!parsed.success) throw invalidInputError('export', parsed.error.issues);
  if (!fs.existsSync(path.dirname(out))) {
    throw new PlannerError('out_dir_not_found', `The folder of --out does not exist: ${path.dirname(out)}`, `--out 所在的文件夹不存在:${path.dirname(out)}`, { path: out });
  }
  const project = Project.open(path.resolve(v.project));
  try {
    const e = await exportLayer(project.db, parsed.data, { isSample: project.info().isSample, now: new Date() });
    // Written beside the target and renamed: an interrupted export leaves no half file behind.
    const tmp = `${out}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, e.bytes);
      fs.renameSync(tmp, out);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw new PlannerError('write_failed', `Cannot write ${out}: ${(err as Error).message}`, `无法写入 ${out}:${(err as Error).message}`, { path: out });
    }
    return { ...e.report, file: out, bytes: e.bytes.byteLength };
  } finally {
    project.close();
  }
}

/** Human-readable output (Chinese first). */
export function exportHumanLines(r: ExportCliResult): string[] {
  const lines = [
    `已导出 exported: ${r.exported} 个要素 features → ${r.file}`,
    `格式 format: ${r.format}  编码 encoding: ${r.encoding}  坐标系 CRS: ${r.crs}`,
  ];
  if (r.areaM2 > 0) lines.push(`面积 area: ${roundTo(r.areaM2, 2).toFixed(2)} m² = ${roundTo(r.areaMu, 2).toFixed(2)} 亩`);
  if (r.lengthM > 0) lines.push(`长度 length: ${roundTo(r.lengthM, 2).toFixed(2)} m`);
  const cut = r.fields.filter((f) => f.truncated);
  if (cut.length > 0) lines.push(`字段名已缩短 shortened field names: ${cut.map((f) => `${f.name} ← ${f.fullName}`).join(', ')}`);
  for (const w of r.warnings) lines.push(`提示 warning: ${w.messageZh} ×${w.count}`);
  return lines;
}
