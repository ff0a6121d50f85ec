import path from 'node:path';
import { EDIT_TABLES, type Edit, type EditResult, type EditTable, type ParcelCard } from '../../shared/api/edit.js';
import { PlannerError } from '../../shared/api/errors.js';
import { roundTo } from '../../shared/domain/units.js';
import { applyEdits } from '../core/edit/apply.js';
import { summarizeEventValue } from '../core/edit/geometry-fields.js';
import { defaultActor } from '../core/edit/handlers.js';
import { redoLast, undoLast } from '../core/edit/undo.js';
import { Project } from '../core/project/project.js';
import { traceParcel } from '../core/trace/trace.js';

/** Options of the edit commands, merged into the CLI's option table (electron/cli/main.ts). */
export const EDIT_CLI_OPTIONS = {
  actor: { type: 'string' },
  table: { type: 'string' },
  fid: { type: 'string' },
} as const;

export const EDIT_USAGE = `  landplanner trace --project P CODE [--json]                      (or --fid N)
  landplanner set --project P CODE… field=value… [--actor NAME] [--table parcels|transfers|factories] [--fid N] [--json]
  landplanner undo --project P [--actor NAME] [--json]
  landplanner redo --project P [--actor NAME] [--json]`;

export const EDIT_COMMANDS = ['trace', 'set', 'undo', 'redo'] as const;
export type EditCommand = (typeof EDIT_COMMANDS)[number];

export function isEditCommand(command: string): command is EditCommand {
  return (EDIT_COMMANDS as readonly string[]).includes(command);
}

export interface EditCliValues {
  project?: string | undefined;
  actor?: string | undefined;
  table?: string | undefined;
  fid?: string | undefined;
}

function usage(message: string, messageZh: string): PlannerError {
  return new PlannerError('usage', `${message}\n\n${EDIT_USAGE}`, `${messageZh}\n\n${EDIT_USAGE}`);
}

function withProject<T>(v: EditCliValues, fn: (p: Project) => T): T {
  if (!v.project) throw usage('Missing --project.', '缺少参数 --project。');
  const p = Project.open(path.resolve(v.project));
  try {
    return fn(p);
  } finally {
    p.close();
  }
}

function fidArg(v: EditCliValues): number | undefined {
  if (v.fid === undefined) return undefined;
  const n = Number(v.fid);
  if (!Number.isInteger(n) || n <= 0) throw usage(`--fid must be a positive integer, got ${v.fid}.`, `--fid 应为正整数,收到 ${v.fid}。`);
  return n;
}

function tableArg(v: EditCliValues): EditTable {
  const t = v.table ?? 'parcels';
  if (!(EDIT_TABLES as readonly string[]).includes(t)) throw usage(`--table must be one of ${EDIT_TABLES.join(', ')}.`, `--table 应为 ${EDIT_TABLES.join('、')} 之一。`);
  return t as EditTable;
}

/** `set CODE… field=value…`: every named row gets every assignment, in one undoable batch. */
export function setEdits(v: EditCliValues, args: readonly string[]): Edit[] {
  const table = tableArg(v);
  const fid = fidArg(v);
  const codes = args.filter((a) => !a.includes('='));
  const assignments = args.filter((a) => a.includes('=')).map((a) => {
    const eq = a.indexOf('=');
    if (eq === 0) throw usage(`An assignment needs a field name: "${a}".`, `赋值缺少字段名:“${a}”。`);
    const value = a.slice(eq + 1);
    return { field: a.slice(0, eq).trim(), value: value.trim() === '' ? null : value };
  });
  if (assignments.length === 0) throw usage('Give at least one field=value.', '请至少给出一个 字段=值。');
  if (fid !== undefined && codes.length > 0) throw usage('Name rows by code or by --fid, not both.', '请用编号或 --fid 指定要修改的行,不要同时使用。');
  if (fid === undefined && codes.length === 0) throw usage('Name the parcel code to change.', '请指定要修改的地块编号。');
  const rows: ({ fid: number } | { code: string })[] = fid !== undefined ? [{ fid }] : codes.map((code) => ({ code }));
  return rows.flatMap((row) => assignments.map((a) => ({ table, ...row, field: a.field, value: a.value })));
}

export function runEditCommand(command: EditCommand, v: EditCliValues, args: readonly string[]): EditResult | ParcelCard {
  const actor = v.actor?.trim() || defaultActor();
  switch (command) {
    case 'trace': {
      const fid = fidArg(v);
      const code = args[0];
      if (fid === undefined && !code) throw usage('Name the parcel code to trace.', '请指定要查询的地块编号。');
      return withProject(v, (p) => traceParcel(p.db, p.getSettings(), fid !== undefined ? { fid } : { code }));
    }
    case 'set': {
      const edits = setEdits(v, args);
      return withProject(v, (p) => applyEdits(p, edits, actor, new Date()));
    }
    case 'undo':
      return withProject(v, (p) => undoLast(p, actor, new Date()));
    case 'redo':
      return withProject(v, (p) => redoLast(p, actor, new Date()));
  }
}

const show = (v: unknown): string => (v === null || v === undefined ? '—' : String(v));
/** A geometry blob or a whole row (geometry edits) as a vertex count or a parcel code. */
const shown = (field: string, v: unknown): string => show(typeof v === 'string' ? summarizeEventValue(field, v) : v);

/** Human-readable output of the edit commands (Chinese first). */
export function editHumanLines(command: EditCommand, result: EditResult | ParcelCard): string[] {
  if (command !== 'trace') {
    const r = result as EditResult;
    const verb = { set: '已修改 changed', undo: '已撤销 undone', redo: '已重做 redone' }[command];
    if (r.batchId === null) return [command === 'set' ? '没有变化 nothing changed' : `没有可${command === 'undo' ? '撤销' : '重做'}的编辑 nothing to ${command}`];
    return [`${verb}: 批次 batch ${r.batchId}`, ...r.changed.map((c) => `  ${c.code ?? `#${c.fid}`}  ${c.field}: ${shown(c.field, c.old)} → ${shown(c.field, c.new)}`)];
  }
  const c = result as ParcelCard;
  const out = [
    `地块 parcel ${c.code} (fid ${c.fid})`,
    `  权利人 owner: ${show(c.owner)}`,
    `  镇街 town: ${show(c.town)}   坐落 address: ${show(c.address)}`,
    `  位置 centroid: ${c.location.centroid.map((x) => x.toFixed(6)).join(', ')}`,
    `  区块 block: ${c.block ? `${c.block.code} ${show(c.block.name)}` : '—'}   登记区块 recorded: ${show(c.recordedBlock)}`,
    `  片区 zone: ${c.zone ? `${c.zone.code} ${show(c.zone.name)}` : '—'}`,
    `  面积 area: ${c.area.computedM2.toFixed(2)} m² = ${c.area.computedMu.toFixed(2)} 亩; 登记 stated ${show(c.area.statedM2)} m²${c.area.differencePct === null ? '' : ` (${c.area.differencePct > 0 ? '+' : ''}${c.area.differencePct.toFixed(2)} %${c.area.flagged ? ' ⚠ > 0.5 %' : ''})`}`,
    `  状态 status: ${show(c.status)}   方式 method: ${show(c.method)}   完成日期 completed: ${show(c.completedOn)}   亩均 class: ${show(c.perMuClass)}`,
    `  历史 history (${c.history.length}):`,
    ...c.history.map((h) => `    ${h.at}  ${h.actor}  ${h.kind === 'edit' ? '' : `[${h.kind}] `}${h.table === 'parcels' ? '' : `${h.table}#${h.rowFid} `}${show(h.field)}: ${show(h.old)} → ${show(h.new)}${h.undone ? '  (已撤销 undone)' : ''}`),
    `  出让 transfers (${c.transfers.length}):`,
    ...c.transfers.map((t) => `    ${show(t.contractDate)}  ${show(t.buyer)}  ${t.areaMu === null ? '—' : roundTo(t.areaMu, 2).toFixed(2)} 亩  ${show(t.priceWan)} 万元`),
    `  标准厂房 factories (${c.factories.length}):`,
    ...c.factories.map((f) => `    ${show(f.code)} ${show(f.name)}  ${show(f.floorM2)} m²  ${show(f.completedOn)}`),
    `  2 km 内交通项目 transport within 2 km (${c.nearbyTransport.length}):`,
    ...c.nearbyTransport.map((t) => `    ${Math.round(t.distanceM)} m  ${show(t.code)} ${show(t.name)}  ${show(t.mode)} · ${show(t.stage)}`),
  ];
  return out;
}
