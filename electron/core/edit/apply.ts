import type { Edit, EditResult, EditTable, FieldChange } from '../../../shared/api/edit.js';
import { PlannerError } from '../../../shared/api/errors.js';
import type { Settings } from '../../../shared/api/settings.js';
import type { Project } from '../project/project.js';
import { EDITABLE_FIELDS, TABLE_LABEL_ZH, fieldDef, type CheckContext } from './fields.js';
import { planRowEdits, type RowEdit } from './geometry-plan.js';
import { EditStore, rowLabelEn, rowLabelZh, type RowRef } from './store.js';

/**
 * THE edit path (DESIGN §3, STYLE "every edit through one door"): every change to a parcel,
 * transfer or factory record goes through `applyEdits`. In one transaction it
 *  1. resolves each row (fid or code) and checks each value (vocabularies, dates, numbers, codes),
 *  2. applies the business rules (a parcel reaching a done status needs its completion date),
 *  3. writes the changed fields and exactly one audit event per changed field (who, when, table,
 *     row, field, old → new, batch); a no-op edit writes nothing,
 *  4. records the batch for undo/redo and clears the redo stack.
 * Anything refused throws a PlannerError before a single write, so an invalid batch changes nothing.
 *
 * `rows` are edits of whole parcels (geometry-plan.ts: a new outline, a parcel created or deleted,
 * a lineage note), planned and checked the same way and written first in the same batch: that is
 * how geometry editing (geometry.ts: draw, move vertices, split, merge) goes through this door.
 *
 * Rule: a parcel whose status becomes a done status must get its completion date in the same
 * batch (the date decides the year it counts in). Going back to a not-done status keeps
 * completed_on as history; the tallies ignore it because they count done statuses only.
 */
export function applyEdits(project: Project, edits: readonly Edit[], actor: string, now: Date, rows: readonly RowEdit[] = []): EditResult {
  if (actor.trim() === '') throw new PlannerError('edit_no_actor', 'An edit needs an actor (who makes it)', '编辑须注明操作人', {});
  return project.transaction(() => {
    const store = new EditStore(project.db);
    const settings = project.getSettings();
    const planned = plan(store, settings, edits);
    checkCompletionRule(store, settings, planned);
    const fieldChanges = planned.filter((p) => p.old !== p.new).map(({ table, fid, code, field, old, new: v }) => ({ table, fid, code, field, old, new: v }));
    const changed = [...planRowEdits(store, settings, rows, fieldChanges), ...fieldChanges];
    if (changed.length === 0) return { batchId: null, changed: [] };
    const at = now.toISOString();
    store.discardRedoStack();
    const batchId = store.newBatch('edit', actor, at, null, changed.length);
    for (const c of changed) store.apply(c, actor, at, batchId);
    store.finishWrites();
    return { batchId, changed };
  });
}

interface Planned extends FieldChange {
  index: number;
}

function plan(store: EditStore, settings: Settings, edits: readonly Edit[]): Planned[] {
  const ctx: CheckContext = { settings, blockExists: (c) => store.blockExists(c), parcelExists: (c) => store.parcelExists(c) };
  const seen = new Map<string, number>();
  return edits.map((e, index) => {
    const table: EditTable = e.table ?? 'parcels';
    const ref = resolveRow(store, table, e, index);
    const def = fieldDef(table, e.field);
    if (!def) {
      const allowed = Object.keys(EDITABLE_FIELDS[table]);
      throw new PlannerError(
        'edit_unknown_field',
        `${rowLabelEn(ref)}: "${e.field}" is not an editable field (editable: ${allowed.join(', ')})`,
        `${rowLabelZh(ref)}:字段“${e.field}”不可编辑或不存在(可编辑:${allowed.join('、')})`,
        { index, table, fid: ref.fid, code: ref.code, field: e.field, editable: allowed },
      );
    }
    const checked = def.check(e.value, ctx);
    if (!checked.ok) {
      throw new PlannerError(
        'edit_invalid_value',
        `${rowLabelEn(ref)}: ${e.field} cannot be set to "${String(e.value)}": ${checked.en}`,
        `${rowLabelZh(ref)} 的${def.labelZh}(${e.field})不能设为“${String(e.value)}”:${checked.zh}`,
        { index, table, fid: ref.fid, code: ref.code, field: e.field, value: e.value },
      );
    }
    const key = `${table}/${ref.fid}/${e.field}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new PlannerError(
        'edit_duplicate',
        `${rowLabelEn(ref)}: ${e.field} is set twice in one batch (edits ${first} and ${index})`,
        `${rowLabelZh(ref)} 的${def.labelZh}(${e.field})在同一批编辑中出现两次(第 ${first + 1} 条与第 ${index + 1} 条)`,
        { index, first, table, fid: ref.fid, code: ref.code, field: e.field },
      );
    }
    seen.set(key, index);
    return { index, table, fid: ref.fid, code: ref.code, field: e.field, old: store.read(table, ref.fid, e.field), new: checked.value };
  });
}

const TABLE_EN: Record<EditTable, string> = { parcels: 'parcel', transfers: 'transfer record', factories: 'factory' };

function resolveRow(store: EditStore, table: EditTable, e: Edit, index: number): RowRef {
  const what = TABLE_LABEL_ZH[table];
  if (e.fid !== undefined) {
    const ref = store.byFid(table, e.fid);
    if (ref) return ref;
    throw new PlannerError('edit_unknown_row', `No ${TABLE_EN[table]} has fid ${e.fid} (field ${e.field})`, `找不到${what} #${e.fid}(字段 ${e.field})`, {
      index,
      table,
      fid: e.fid,
      field: e.field,
    });
  }
  const code = (e.code ?? '').trim();
  const rows = store.byCode(table, code);
  if (rows.length === 1 && rows[0]) return rows[0];
  if (rows.length === 0) {
    const zh = table === 'transfers' ? `找不到地块编号为“${code}”的出让记录` : `找不到编号为“${code}”的${what}`;
    throw new PlannerError('edit_unknown_row', `No ${TABLE_EN[table]} has the ${table === 'transfers' ? 'parcel code' : 'code'} "${code}" (field ${e.field})`, `${zh}(字段 ${e.field})`, { index, table, code, field: e.field });
  }
  throw new PlannerError(
    'edit_ambiguous_code',
    `Several ${TABLE_EN[table]} rows have the code "${code}"; name the row by fid (field ${e.field})`,
    `有多条${what}的编号为“${code}”,请用 fid 指明要改哪一条(字段 ${e.field})`,
    { index, table, code, field: e.field, fids: rows.map((r) => r.fid) },
  );
}

/** A parcel becoming done needs its completion date in the same batch; a done parcel keeps one. */
function checkCompletionRule(store: EditStore, settings: Settings, planned: readonly Planned[]): void {
  const done = new Set(settings.statuses.filter((s) => s.done).map((s) => s.value));
  const byParcel = new Map<number, { ref: RowRef; status?: Planned; date?: Planned }>();
  for (const p of planned) {
    if (p.table !== 'parcels' || (p.field !== 'status' && p.field !== 'completed_on')) continue;
    const entry = byParcel.get(p.fid) ?? { ref: { table: 'parcels', fid: p.fid, code: p.code } };
    if (p.field === 'status') entry.status = p;
    else entry.date = p;
    byParcel.set(p.fid, entry);
  }
  for (const { ref, status, date } of byParcel.values()) {
    const oldStatus = status ? status.old : store.read('parcels', ref.fid, 'status');
    const newStatus = status ? status.new : oldStatus;
    const newDate = date ? date.new : store.read('parcels', ref.fid, 'completed_on');
    const becomesDone = typeof newStatus === 'string' && done.has(newStatus) && !(typeof oldStatus === 'string' && done.has(oldStatus));
    const staysDone = typeof newStatus === 'string' && done.has(newStatus);
    if ((becomesDone && !date) || (staysDone && newDate === null)) {
      throw new PlannerError(
        'edit_needs_completion_date',
        `${rowLabelEn(ref)}: status "${String(newStatus)}" counts as done and needs its completion date: set completed_on (YYYY-MM-DD) in the same edit`,
        `${rowLabelZh(ref)} 的整治状态“${String(newStatus)}”属于已完成,须同时填写完成日期(completed_on,格式 YYYY-MM-DD)`,
        { table: 'parcels', fid: ref.fid, code: ref.code, field: date ? 'completed_on' : 'status', status: newStatus },
      );
    }
  }
}
