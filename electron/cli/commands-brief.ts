import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BRIEFING_PHASES, BriefingRequest, pngHeightFor, type BriefingExtent, type BriefingFormat } from '../../shared/api/briefing.js';
import { PlannerError, invalidInputError } from '../../shared/api/errors.js';
import { localIsoDate } from '../../shared/domain/goals.js';
import { ChromiumBriefingRenderer } from '../core/briefing/chromium-renderer.js';
import { planBriefing } from '../core/briefing/plan.js';
import { createCore } from '../core/core.js';
import { clampIntoYear } from '../core/dashboard/dashboard.js';
import { Project } from '../core/project/project.js';
import { startWebServer } from '../web/server.js';

/** Options of `brief`, merged into the CLI's option table (--out and --as-of come from the goals commands). */
export const BRIEF_CLI_OPTIONS = {
  block: { type: 'string' },
  zone: { type: 'string' },
  atlas: { type: 'boolean', default: false },
  paper: { type: 'string' },
  width: { type: 'string' },
  notes: { type: 'string' },
  chromium: { type: 'string' },
} as const;

export const BRIEF_USAGE = `  landplanner brief --project P --year Y [--as-of YYYY-MM-DD] [--block CODE | --zone CODE | --atlas] --out FILE.pdf|.png|DIR
                    [--paper A4|A3] [--width PX] [--notes TEXT] [--chromium PATH] [--json] [--progress]`;

export interface BriefCliValues {
  project?: string | undefined;
  year?: string | undefined;
  'as-of'?: string | undefined;
  block?: string | undefined;
  zone?: string | undefined;
  atlas?: boolean | undefined;
  paper?: string | undefined;
  width?: string | undefined;
  notes?: string | undefined;
  chromium?: string | undefined;
  out?: string | undefined;
  json?: boolean | undefined;
  progress?: boolean | undefined;
}

export interface BriefResult {
  out: string;
  /** The name the app gives this briefing (extent and date), whatever --out says. */
  fileName: string;
  format: BriefingFormat;
  kind: 'page' | 'atlas';
  extent: BriefingExtent & { name: string };
  year: number;
  asOf: string;
  paper: string;
  pages: number;
  bytes: number;
  /** PNG size in pixels. */
  widthPx?: number;
  heightPx?: number;
  chromium: string;
  seconds: number;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const STATIC_DIR = path.join(REPO_ROOT, 'dist', 'renderer');

function usage(message: string, messageZh: string): PlannerError {
  return new PlannerError('usage', `${message}\n\n${BRIEF_USAGE}`, `${messageZh}\n\n${BRIEF_USAGE}`);
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw usage(`Missing --${flag}.`, `缺少参数 --${flag}。`);
  return value;
}

function formatOf(out: string, isDir: boolean): BriefingFormat {
  if (isDir) return 'pdf';
  const ext = path.extname(out).toLowerCase();
  if (ext === '.pdf') return 'pdf';
  if (ext === '.png') return 'png';
  throw usage(`--out must end in .pdf or .png (or name a folder), got ${out}.`, `--out 应以 .pdf 或 .png 结尾(或为一个文件夹),收到 ${out}。`);
}

function extentOf(v: BriefCliValues): BriefingExtent {
  const chosen = [v.block !== undefined, v.zone !== undefined, v.atlas === true].filter(Boolean).length;
  if (chosen > 1) throw usage('Give one of --block, --zone or --atlas.', '--block、--zone、--atlas 只能选一个。');
  if (v.block !== undefined) return { kind: 'block', code: v.block };
  if (v.zone !== undefined) return { kind: 'zone', code: v.zone };
  return { kind: 'city' };
}

/** Progress on stderr: JSON lines with --progress, a live line on a terminal otherwise. */
function progressPrinter(v: BriefCliValues): (phase: string, done: number, total: number) => void {
  return (phase, done, total) => {
    if (v.progress) process.stderr.write(`${JSON.stringify({ progress: { phase, done, total } })}\n`);
    else if (!v.json && process.stderr.isTTY) {
      const what = phase === BRIEFING_PHASES.print ? '生成文件 writing' : `绘制地图 drawing maps ${done}/${total}`;
      process.stderr.write(`\r简报 briefing: ${what}   ${phase === BRIEFING_PHASES.print && done === total ? '\n' : ''}`);
    }
  };
}

/** Writes next to the target, then renames: a half-written PDF never carries the final name. */
function writeAtomically(out: string, bytes: Uint8Array): void {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.partial-${process.pid}`;
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, out);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * `landplanner brief`: the briefing page (or the atlas) for scheduled runs. It serves the project
 * and the built renderer in-process on 127.0.0.1 (a random port and token, exactly as browser
 * mode does), opens the briefing route in the system Chromium and prints it — the same page, the
 * same numbers as in the app.
 */
export async function briefCommand(v: BriefCliValues, now: Date = new Date()): Promise<BriefResult> {
  const started = performance.now();
  const projectPath = path.resolve(required(v.project, 'project'));
  const yearText = required(v.year, 'year');
  const year = Number(yearText);
  const outArg = path.resolve(required(v.out, 'out'));
  const outIsDir = fs.existsSync(outArg) && fs.statSync(outArg).isDirectory();
  const format = formatOf(outArg, outIsDir);
  const extent = extentOf(v);
  const width = v.width === undefined ? undefined : Number(v.width);
  if (v.width !== undefined && format !== 'png') throw usage('--width is for PNG output.', '--width 仅用于 PNG 输出。');
  const parsed = BriefingRequest.safeParse({
    kind: v.atlas ? 'atlas' : 'page',
    extent,
    year: Number.isInteger(year) ? year : yearText,
    asOf: v['as-of'] ?? (Number.isInteger(year) ? clampIntoYear(year, localIsoDate(now)) : ''),
    paper: v.paper ?? 'A4',
    notes: v.notes ?? '',
    format,
    ...(width !== undefined ? { widthPx: Number.isInteger(width) ? width : v.width } : {}),
  });
  if (!parsed.success) throw invalidInputError('brief', parsed.error.issues);
  const request = parsed.data;
  if (!fs.existsSync(projectPath)) throw new PlannerError('project_missing', `No project file at ${projectPath}`, `项目文件不存在:${projectPath}`, { path: projectPath });
  if (!fs.existsSync(path.join(STATIC_DIR, 'index.html'))) {
    throw new PlannerError('renderer_not_built', 'The app is not built (dist/renderer): run `npm run build` first.', '界面尚未构建(dist/renderer):请先运行 npm run build。', { staticDir: STATIC_DIR });
  }
  // Chromium first: a missing browser is reported before anything is opened.
  const renderer = new ChromiumBriefingRenderer({ executablePath: v.chromium ?? null, keepAliveMs: 0 });
  const chromium = renderer.executable();

  const project = Project.open(projectPath);
  const core = createCore(project);
  try {
    const plan = planBriefing(project.db, project.getSettings(), request);
    const out = outIsDir ? path.join(outArg, plan.fileName) : outArg;
    const server = await startWebServer({ api: core, staticDir: STATIC_DIR, port: 0, tiles: core.tiles, basemaps: core.basemaps });
    try {
      renderer.setPageBase({ origin: new URL(server.url).origin, token: server.token });
      const rendered = await renderer.render(plan.job, { signal: new AbortController().signal, onProgress: progressPrinter(v) });
      writeAtomically(out, rendered.bytes);
      return {
        out,
        fileName: plan.fileName,
        format,
        kind: request.kind,
        extent: { ...(request.kind === 'atlas' ? { kind: 'city' as const } : request.extent), name: plan.extentName },
        year: request.year,
        asOf: request.asOf,
        paper: request.paper,
        pages: rendered.pages,
        bytes: rendered.bytes.byteLength,
        ...(format === 'png' ? { widthPx: plan.job.widthPx, heightPx: pngHeightFor(request.paper, plan.job.widthPx) } : {}),
        chromium,
        seconds: Math.round((performance.now() - started) / 10) / 100,
      };
    } finally {
      await server.close();
    }
  } finally {
    await renderer.dispose();
    await core.dispose();
    project.close();
  }
}

/** Human-readable result (Chinese first). */
export function briefHumanLines(r: BriefResult): string[] {
  const what = r.kind === 'atlas' ? '图集 atlas' : '简报 briefing';
  const size = r.format === 'png' ? `, ${r.widthPx}×${r.heightPx} px` : `, ${r.pages} 页 pages`;
  return [`已生成${what}: ${r.out}`, `  ${r.extent.name} · 截至 as of ${r.asOf} · ${r.paper}${size} · ${(r.bytes / 1024).toFixed(0)} KiB · ${r.seconds} s`];
}
