import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PlannerError, toErrorPayload } from '../../shared/api/errors.js';
import { IMPORT_LAYERS, planImport, runImport, type ImportLayer, type ImportOptions, type OnInvalid } from '../core/import/pipeline.js';
import { checkImport } from '../core/import/check.js';
import { openImportSource } from '../core/import/source.js';
import { prewarmPool } from '../core/import/prepare-pool.js';
import { shxRecordHint } from '../core/import/shapefile-source.js';
import { Project } from '../core/project/project.js';
import { qualityReport } from '../core/tally/quality.js';
import { TALLY_BY, tallyRemediated, type TallyBy } from '../core/tally/tally.js';
import { GOALS_CLI_OPTIONS, GOALS_USAGE, goalSetCommand, goalsCommand, sampleCommand } from './commands-goals.js';
import { EDIT_CLI_OPTIONS, EDIT_USAGE, editHumanLines, runEditCommand } from './commands-edit.js';
import { BRIEF_CLI_OPTIONS, BRIEF_USAGE, briefCommand, briefHumanLines } from './commands-brief.js';
import { EXPORT_CLI_OPTIONS, EXPORT_USAGE, exportCommand, exportHumanLines } from './commands-export.js';
import { GEOMETRY_CLI_OPTIONS, GEOMETRY_USAGE, geometryHumanLines, isGeometryCommand, runGeometryCommand } from './commands-geometry.js';
import { isLedgerLayerArg, isLedgerResult, ledgerCheckCommand, ledgerImportCommand, printLedgerHuman, type LedgerArgs } from './ledger-commands.js';
import { printHuman } from './print.js';

const USAGE = `landplanner — 土地与项目一张图 command line

  landplanner import --project P --layer parcels|key_blocks|zones|platforms|transport FILE…
                     [--encoding E] [--crs EPSG:n] [--map SRC=field]… [--on-invalid reject|skip|repair] [--json] [--progress]
  landplanner check FILE… [--layer L] [--encoding E] [--crs EPSG:n] [--map SRC=field]… [--json]
  landplanner import --project P --layer transfers|factories FILE.xlsx|.csv [--sheet NAME] [--map SRC=field]… [--encoding E] [--on-invalid reject|skip] [--json]
  landplanner check FILE.xlsx|.csv --layer transfers|factories [--project P] [--sheet NAME] [--map SRC=field]… [--encoding E] [--json]
                     (--sheet: the worksheet to read; default: the one whose header is recognised best)
  landplanner tally --project P --year Y --by block|town|method|month|status [--json]
  landplanner quality --project P [--json]
${GOALS_USAGE}
${EDIT_USAGE}
${BRIEF_USAGE}
${EXPORT_USAGE}
${GEOMETRY_USAGE}

Errors exit non-zero; with --json they print {"error":{"code","message","messageZh"}} on stdout.`;

const OPTIONS = {
  project: { type: 'string' },
  layer: { type: 'string' },
  encoding: { type: 'string' },
  sheet: { type: 'string' },
  crs: { type: 'string' },
  map: { type: 'string', multiple: true },
  'on-invalid': { type: 'string' },
  year: { type: 'string' },
  by: { type: 'string' },
  json: { type: 'boolean', default: false },
  progress: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  ...GOALS_CLI_OPTIONS,
  ...EDIT_CLI_OPTIONS,
  ...BRIEF_CLI_OPTIONS,
  ...EXPORT_CLI_OPTIONS,
  ...GEOMETRY_CLI_OPTIONS,
} as const;

function usageError(message: string, messageZh: string): PlannerError {
  return new PlannerError('usage', `${message}\n\n${USAGE}`, `${messageZh}\n\n${USAGE}`);
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw usageError(`Missing --${flag}.`, `缺少参数 --${flag}。`);
  return value;
}

function parseLayer(value: string | undefined): ImportLayer {
  const v = value === 'zones' ? 'renewal_zones' : (value ?? 'parcels');
  if (!(IMPORT_LAYERS as readonly string[]).includes(v)) {
    throw usageError(`--layer must be one of parcels, key_blocks, zones, platforms, transport, transfers, factories (got ${value}).`, `--layer 应为 parcels、key_blocks、zones、platforms、transport、transfers、factories 之一(收到 ${value})。`);
  }
  return v as ImportLayer;
}

function parseMap(values: readonly string[] | undefined): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const v of values ?? []) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw usageError(`--map takes SRC=field, got "${v}".`, `--map 的格式为 源字段=目标字段,收到“${v}”。`);
    out[v.slice(0, eq)] = v.slice(eq + 1) || null;
  }
  return out;
}

function parseOnInvalid(v: string | undefined): OnInvalid {
  if (v === undefined) return 'reject';
  if (v === 'reject' || v === 'skip' || v === 'repair') return v;
  throw usageError(`--on-invalid must be reject, skip or repair (got ${v}).`, `--on-invalid 应为 reject、skip 或 repair(收到 ${v})。`);
}

function parseYear(v: string | undefined): number {
  const y = Number(required(v, 'year'));
  if (!Number.isInteger(y)) throw usageError(`--year must be a year, got ${v}.`, `--year 应为年份,收到 ${v}。`);
  return y;
}

/** Progress on stderr: a live line on a terminal, or JSON lines with --progress (for scripts). */
function progress(v: Values): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (pct === last) return;
    last = pct;
    if (v.progress) process.stderr.write(`${JSON.stringify({ progress: { done, total } })}\n`);
    else if (!v.json && process.stderr.isTTY) process.stderr.write(`\r导入中 importing… ${done}/${total} (${pct}%)${done === total ? '\n' : ''}`);
  };
}

/** Ledgers (.xlsx/.csv, no geometry) go to electron/core/ledgers. */
function ledgerArgs(v: Values, files: string[], layer: LedgerArgs['layer']): LedgerArgs {
  return { project: v.project, layer, files, encoding: v.encoding ?? null, sheet: v.sheet || null, crs: v.crs ?? null, map: parseMap(v.map), onInvalid: parseOnInvalid(v['on-invalid']), onProgress: progress(v) };
}

/** --sheet names a worksheet of a ledger workbook; map data has none (refused, not ignored silently). */
function noSheet(v: Values): void {
  if (v.sheet !== undefined) throw usageError('--sheet applies to ledger workbooks (--layer transfers|factories FILE.xlsx).', '--sheet 仅用于台账工作簿(--layer transfers|factories 文件.xlsx)。');
}

async function importCommand(v: Values, files: string[]): Promise<unknown> {
  if (isLedgerLayerArg(v.layer)) return ledgerImportCommand(ledgerArgs(v, files, v.layer));
  noSheet(v);
  const projectPath = path.resolve(required(v.project, 'project'));
  const opts = importOptions(v);
  if (files.length === 0) throw usageError('Name the file to import.', '请指定要导入的文件。');
  prewarmPool(shxRecordHint(files) ?? 0);
  const src = await openImportSource(files, opts.encoding);
  if (src.shared) prewarmPool(src.count);
  const project = fs.existsSync(projectPath) ? Project.open(projectPath) : Project.create(projectPath);
  try {
    const plan = planImport(project.db, src, opts);
    return runImport(project, src, plan, opts, { onProgress: progress(v) });
  } finally {
    project.close();
  }
}

/** Dry run: the same pipeline into a throw-away project; the user's files are untouched. */
async function checkCommand(v: Values, files: string[]): Promise<unknown> {
  if (files.length === 0) throw usageError('Name the file to check.', '请指定要检查的文件。');
  if (isLedgerLayerArg(v.layer)) return ledgerCheckCommand(ledgerArgs(v, files, v.layer));
  noSheet(v);
  const opts = importOptions(v);
  prewarmPool(shxRecordHint(files) ?? 0);
  const src = await openImportSource(files, opts.encoding);
  if (src.shared) prewarmPool(src.count);
  return checkImport(src, opts, { onProgress: progress(v) });
}

function importOptions(v: Values): ImportOptions {
  return {
    layer: parseLayer(v.layer),
    encoding: v.encoding ?? null,
    crs: v.crs ?? null,
    map: parseMap(v.map),
    onInvalid: parseOnInvalid(v['on-invalid']),
  };
}

function withProject<T>(v: Values, fn: (p: Project) => T): T {
  const p = Project.open(path.resolve(required(v.project, 'project')));
  try {
    return fn(p);
  } finally {
    p.close();
  }
}

function tallyCommand(v: Values): unknown {
  const by = required(v.by, 'by');
  if (!(TALLY_BY as readonly string[]).includes(by)) throw usageError(`--by must be one of ${TALLY_BY.join(', ')}.`, `--by 应为 ${TALLY_BY.join('、')} 之一。`);
  const year = parseYear(v.year);
  return withProject(v, (p) => tallyRemediated(p.db, p.getSettings(), year, by as TallyBy));
}

type Values = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

/** Runs one command; returns the exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  let json = argv.includes('--json');
  try {
    const { values, positionals } = (() => {
      try {
        return parse(argv);
      } catch (e) {
        throw usageError((e as Error).message, `参数错误:${(e as Error).message}`);
      }
    })();
    json = values.json;
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      process.stdout.write(`${USAGE}\n`);
      return values.help ? 0 : 2;
    }
    let result: unknown;
    switch (command) {
      case 'import':
        result = await importCommand(values, rest);
        break;
      case 'check':
        result = await checkCommand(values, rest);
        break;
      case 'tally':
        result = tallyCommand(values);
        break;
      case 'goals':
        result = goalsCommand(values);
        break;
      case 'goal-set':
        result = goalSetCommand(values);
        break;
      case 'sample':
        result = sampleCommand(values);
        break;
      case 'quality':
        result = withProject(values, (p) => qualityReport(p.db));
        break;
      case 'brief': {
        const r = await briefCommand(values);
        if (!json) {
          process.stdout.write(`${briefHumanLines(r).join('\n')}\n`);
          return 0;
        }
        result = r;
        break;
      }
      case 'export': {
        const r = await exportCommand(values);
        if (!json) {
          process.stdout.write(`${exportHumanLines(r).join('\n')}\n`);
          return 0;
        }
        result = r;
        break;
      }
      case 'trace':
      case 'set':
      case 'undo':
      case 'redo': {
        const r = runEditCommand(command, values, rest);
        if (!json) {
          process.stdout.write(`${editHumanLines(command, r).join('\n')}\n`);
          return 0;
        }
        result = r;
        break;
      }
      default: {
        if (!isGeometryCommand(command)) throw usageError(`Unknown command "${command}".`, `未知命令“${command}”。`);
        const r = await runGeometryCommand(command, values, rest);
        if (!json) {
          process.stdout.write(`${geometryHumanLines(r).join('\n')}\n`);
          return 0;
        }
        result = r;
      }
    }
    if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else if (isLedgerResult(result)) printLedgerHuman(result);
    else printHuman(command, result);
    return 0;
  } catch (err) {
    const payload = toErrorPayload(err);
    if (json) process.stdout.write(`${JSON.stringify({ error: payload })}\n`);
    else process.stderr.write(`错误 [${payload.code}]:${payload.messageZh}\nError [${payload.code}]: ${payload.message}\n`);
    return payload.code === 'usage' ? 2 : 1;
  }
}

