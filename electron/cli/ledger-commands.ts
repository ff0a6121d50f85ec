import fs from 'node:fs';
import path from 'node:path';
import { PlannerError } from '../../shared/api/errors.js';
import type { LedgerPreview, LedgerReport } from '../../shared/api/import.js';
import { isLedgerLayerId, type LedgerLayerId } from '../../shared/domain/ledger-mapping.js';
import { roundTo } from '../../shared/domain/units.js';
import { checkLedgerFile, importLedgerFile, type LedgerImportOptions } from '../core/ledgers/index.js';
import { Project } from '../core/project/project.js';

/** `landplanner import|check --layer transfers|factories FILE.xlsx|.csv …` (issue 4 §4). */
export interface LedgerArgs {
  project: string | undefined;
  layer: LedgerLayerId;
  files: string[];
  encoding: string | null;
  /** --sheet: the worksheet of an .xlsx to read (else the best-matching one) */
  sheet: string | null;
  crs: string | null;
  map: Record<string, string | null>;
  onInvalid: LedgerImportOptions['onInvalid'];
  onProgress: (done: number, total: number) => void;
}

export function isLedgerLayerArg(layer: string | undefined): layer is LedgerLayerId {
  return isLedgerLayerId(layer);
}

function oneFile(a: LedgerArgs): string {
  if (a.files.length !== 1) {
    throw new PlannerError('usage', `Name one ledger file (.xlsx or .csv) to import; got ${a.files.length}.`, `请指定一个台账文件(.xlsx 或 .csv),收到 ${a.files.length} 个。`);
  }
  return a.files[0] as string;
}

function options(a: LedgerArgs): LedgerImportOptions {
  return { layer: a.layer, encoding: a.encoding, sheet: a.sheet, map: a.map, onInvalid: a.onInvalid ?? 'reject' };
}

function crsIgnored<T extends { warnings: LedgerReport['warnings'] }>(a: LedgerArgs, r: T): T {
  if (a.crs) r.warnings.push({ code: 'option_ignored', message: `a ledger has no coordinates: --crs ${a.crs} was ignored`, messageZh: `台账没有坐标:已忽略 --crs ${a.crs}`, count: 1, indices: [] });
  return r;
}

export async function ledgerImportCommand(a: LedgerArgs): Promise<LedgerReport> {
  const file = oneFile(a);
  if (!a.project) throw new PlannerError('usage', 'Missing --project.', '缺少参数 --project。');
  const project = Project.open(path.resolve(a.project));
  try {
    return crsIgnored(a, await importLedgerFile(project, file, options(a), { onProgress: a.onProgress }));
  } finally {
    project.close();
  }
}

/** Dry run; with --project the parcel codes are checked against that project (read only). */
export async function ledgerCheckCommand(a: LedgerArgs): Promise<LedgerPreview> {
  const file = oneFile(a);
  const projectPath = a.project ? path.resolve(a.project) : null;
  if (projectPath && !fs.existsSync(projectPath)) {
    throw new PlannerError('project_not_found', `Project file not found: ${projectPath}`, `找不到项目文件:${projectPath}`, { path: projectPath });
  }
  const project = projectPath ? Project.open(projectPath) : null;
  try {
    return crsIgnored(a, await checkLedgerFile(file, options(a), project, { onProgress: a.onProgress }));
  } finally {
    project?.close();
  }
}

export function isLedgerResult(result: unknown): result is LedgerReport | LedgerPreview {
  return typeof result === 'object' && result !== null && (result as { kind?: unknown }).kind === 'ledger';
}

const LEDGER_NAMES: Record<LedgerLayerId, string> = { transfers: '出让台账', factories: '标准厂房台账' };
const fixed2 = (v: number): string => roundTo(v, 2).toFixed(2);

/** Human-readable output of a ledger import or check (Chinese first). */
export function printLedgerHuman(r: LedgerReport | LedgerPreview): void {
  const out: string[] = [];
  out.push(`文件 file: ${r.file}  台账 ledger: ${r.layer} ${LEDGER_NAMES[r.layer]}${r.sheet ? `  工作表 sheet: ${r.sheet}` : ''}  表头 header row: ${r.headerRow}`);
  if (r.sheets && r.sheets.length > 1) {
    out.push(`工作簿中的工作表 sheets: ${r.sheets.join('、')}${r.sheetSource === 'auto' ? '(自动选择表头最匹配的一张,可用 --sheet NAME 指定 chosen automatically; --sheet NAME picks one)' : ''}`);
  }
  if (r.encoding) out.push(`编码 encoding: ${r.encoding} (${String(r.encodingSource)}: ${String(r.encodingEvidence)})`);
  out.push(`字段对照 mapping: ${Object.entries(r.mapping).map(([s, t]) => `${s}→${t}`).join(', ')}`);
  if ('imported' in r) out.push(`已导入 imported: ${r.imported} (新增 inserted ${r.inserted}, 更新 updated ${r.updated}, 未变 unchanged ${r.unchanged})  跳过 skipped: ${r.skipped}`);
  else out.push(`行数 rows: ${r.rows}  有效 valid: ${r.valid}`);
  if (r.areaM2 !== undefined) out.push(`出让面积 area: ${fixed2(r.areaM2)} m² = ${fixed2(r.areaMu ?? 0)} 亩`);
  if (r.floorM2 !== undefined) out.push(`建筑面积 floor area: ${fixed2(r.floorM2)} m²`);
  for (const x of r.invalid.slice(0, 20)) {
    out.push(`  第 ${x.row} 行 row ${x.row}${x.key ? ` (${x.key})` : ''}: ${x.issues.map((i) => `${i.column ? `“${i.column}”` : ''}${i.value !== null ? ` “${i.value}”` : ''} ${i.reasonZh}`).join(';')}`);
  }
  if (r.invalid.length > 20) out.push(`  … 共 ${r.invalid.length} 行 rows`);
  if (r.unknownCodes.length > 0) out.push(`未知地块编号 unknown parcel codes: ${r.unknownCodes.map((u) => `${u.code} (第 ${u.row} 行)`).join(', ')}`);
  for (const w of r.warnings) out.push(`提示 warning: ${w.messageZh} ×${w.count}`);
  process.stdout.write(`${out.join('\n')}\n`);
}
