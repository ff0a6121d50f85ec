import fs from 'node:fs';
import path from 'node:path';
import { PlannerError, invalidInputError } from '../../shared/api/errors.js';
import { GoalSetInput, GoalsInput, type GoalSetResult, type GoalsReport } from '../../shared/api/goals.js';
import { localIsoDate } from '../../shared/domain/goals.js';
import { goalsReport, setGoal } from '../core/goals/report.js';
import { Project } from '../core/project/project.js';
import { samplePath } from '../core/sample.js';

/** Options of the goals commands, merged into the CLI's option table (electron/cli/main.ts). */
export const GOALS_CLI_OPTIONS = {
  'as-of': { type: 'string' },
  key: { type: 'string' },
  target: { type: 'string' },
  unit: { type: 'string' },
  label: { type: 'string' },
  'label-en': { type: 'string' },
  out: { type: 'string' },
} as const;

export const GOALS_USAGE = `  landplanner goals --project P --year Y [--as-of YYYY-MM-DD] [--json]
  landplanner goal-set --project P --year Y --key K --target N [--unit U] [--label L] [--label-en L] [--json]
  landplanner sample --out P [--json]`;

export interface GoalsCliValues {
  project?: string | undefined;
  year?: string | undefined;
  'as-of'?: string | undefined;
  key?: string | undefined;
  target?: string | undefined;
  unit?: string | undefined;
  label?: string | undefined;
  'label-en'?: string | undefined;
  out?: string | undefined;
}

function usage(message: string, messageZh: string): PlannerError {
  return new PlannerError('usage', `${message}\n\n${GOALS_USAGE}`, `${messageZh}\n\n${GOALS_USAGE}`);
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw usage(`Missing --${flag}.`, `缺少参数 --${flag}。`);
  return value;
}

/** A number as typed on the command line ("1400", "1e6"); anything else stays a string so the schema names it. */
function numberArg(value: string): number | string {
  const n = Number(value.trim());
  return value.trim() !== '' && Number.isFinite(n) ? n : value;
}

function withProject<T>(v: GoalsCliValues, fn: (p: Project) => T): T {
  const p = Project.open(path.resolve(required(v.project, 'project')));
  try {
    return fn(p);
  } finally {
    p.close();
  }
}

/** `landplanner goals`: the year's goals at the as-of date (default: today). */
export function goalsCommand(v: GoalsCliValues, now: Date = new Date()): GoalsReport {
  const parsed = GoalsInput.safeParse({ year: numberArg(required(v.year, 'year')), ...(v['as-of'] !== undefined ? { asOf: v['as-of'] } : {}) });
  if (!parsed.success) throw invalidInputError('goals', parsed.error.issues);
  const { year, asOf } = parsed.data;
  return withProject(v, (p) => goalsReport(p.db, p.getSettings(), year, asOf ?? localIsoDate(now)));
}

/** `landplanner goal-set`: defines or changes one goal. */
export function goalSetCommand(v: GoalsCliValues): GoalSetResult {
  const raw: Record<string, unknown> = {
    year: numberArg(required(v.year, 'year')),
    key: required(v.key, 'key'),
    target: numberArg(required(v.target, 'target')),
  };
  if (v.unit !== undefined) raw['unit'] = v.unit;
  if (v.label !== undefined) raw['label'] = v.label;
  if (v['label-en'] !== undefined) raw['labelEn'] = v['label-en'];
  const parsed = GoalSetInput.safeParse(raw);
  if (!parsed.success) throw invalidInputError('goal-set', parsed.error.issues);
  return withProject(v, (p) => setGoal(p, parsed.data));
}

export interface SampleWritten {
  path: string;
  name: string;
  isSample: boolean;
  schemaVersion: number;
  counts: Record<string, number>;
}

/**
 * `landplanner sample`: a fresh copy of the embedded sample project. Never overwrites: the copy
 * is made beside the target and linked into place, which fails if anything appeared there.
 */
export function sampleCommand(v: GoalsCliValues): SampleWritten {
  const out = path.resolve(required(v.out, 'out'));
  const exists = (): PlannerError =>
    new PlannerError('file_exists', `${out} already exists; the sample is never written over a file`, `文件已存在:${out};示例项目不会覆盖已有文件`, { path: out });
  if (fs.existsSync(out)) throw exists();
  const source = samplePath();
  if (!fs.existsSync(source)) {
    throw new PlannerError('sample_missing', `The sample project is missing (${source}); run \`npm run build:sample\``, `缺少示例项目文件(${source}),请先运行 npm run build:sample`, { path: source });
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.partial-${process.pid}`;
  const dir = path.dirname(tmp);
  const base = path.basename(tmp);
  // The copy, its -wal/-shm and the migration backup (<tmp>.bak-…): only files this call made.
  const ours = (name: string): boolean => name === base || name.startsWith(`${base}-`) || name.startsWith(`${base}.`);
  try {
    fs.copyFileSync(source, tmp, fs.constants.COPYFILE_EXCL);
    // Opening brings the copy to the current schema (and proves it is a project) before it is
    // put in place; the backup Project.open takes of a file that old is of no use here.
    const p = Project.open(tmp);
    let written: SampleWritten;
    try {
      const info = p.info();
      written = { path: out, name: info.name, isSample: info.isSample, schemaVersion: info.schemaVersion, counts: info.counts };
    } finally {
      p.close();
    }
    placeExclusively(tmp, out, exists);
    return written;
  } finally {
    for (const name of fs.readdirSync(dir)) if (ours(name)) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/** Puts `tmp` at `out` unless something is there: a hard link, or an exclusive copy without links. */
function placeExclusively(tmp: string, out: string, exists: () => PlannerError): void {
  try {
    fs.linkSync(tmp, out);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw exists();
    try {
      fs.copyFileSync(tmp, out, fs.constants.COPYFILE_EXCL);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw exists();
      throw e;
    }
  }
}
