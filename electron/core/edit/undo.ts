import type { EditResult, EditTable, FieldChange } from '../../../shared/api/edit.js';
import { EDIT_TABLES } from '../../../shared/api/edit.js';
import { ROW_FIELD } from '../../../shared/api/edit-geometry.js';
import { PlannerError } from '../../../shared/api/errors.js';
import type { Project } from '../project/project.js';
import { fieldDef } from './fields.js';
import { isNoteField, rowCode, systemFieldDef } from './geometry-fields.js';
import { EditStore, rowLabelEn, rowLabelZh } from './store.js';
import { fromEventText } from './values.js';

/**
 * Undo and redo, built on the audit log without ever rewriting it: `events` is append-only
 * (enforced by triggers). Undo writes the old values back and appends one compensating event per
 * field (new → old) in a batch of kind 'undo'; redo appends a batch of kind 'redo'. The undo/redo
 * stack is `edit_batches.state` of the edit batches: applied → undone (undo) → applied (redo), or
 * discarded when a new edit is made while they are undone. So every change, undo and redo
 * included, leaves exactly one audit event per field it changes, and a parcel's history shows
 * who undid what and when. `events.undone` (schema v1) stays 0: the undone flag of the history
 * is read from the batch state.
 */
export function undoLast(project: Project, actor: string, now: Date): EditResult {
  return project.transaction(() => {
    const target = project.db
      .prepare("SELECT fid FROM edit_batches WHERE kind = 'edit' AND state = 'applied' ORDER BY fid DESC LIMIT 1")
      .pluck()
      .get() as number | undefined;
    if (target === undefined) return { batchId: null, changed: [] };
    return replay(project, target, 'undo', actor, now);
  });
}

/** Re-applies the most recently undone edit batch (the redo stack is cleared by a new edit). */
export function redoLast(project: Project, actor: string, now: Date): EditResult {
  return project.transaction(() => {
    const target = project.db
      .prepare("SELECT fid FROM edit_batches WHERE kind = 'edit' AND state = 'undone' ORDER BY fid ASC LIMIT 1")
      .pluck()
      .get() as number | undefined;
    if (target === undefined) return { batchId: null, changed: [] };
    return replay(project, target, 'redo', actor, now);
  });
}

interface EventRow {
  table_name: string;
  row_fid: number;
  field: string;
  old_value: string | null;
  new_value: string | null;
}

function replay(project: Project, batchId: number, kind: 'undo' | 'redo', actor: string, now: Date): EditResult {
  const store = new EditStore(project.db);
  const rows = project.db
    .prepare('SELECT table_name, row_fid, field, old_value, new_value FROM events WHERE batch_id = ? ORDER BY fid')
    .all(batchId) as EventRow[];
  const ordered = kind === 'undo' ? [...rows].reverse() : rows;
  const changes: FieldChange[] = ordered.map((e) => {
    const table = e.table_name as EditTable;
    const def = EDIT_TABLES.includes(table) ? (fieldDef(table, e.field) ?? systemFieldDef(table, e.field)) : undefined;
    if (!def) throw new Error(`edit batch ${batchId} holds an event the edit path cannot replay: ${e.table_name}.${e.field}`);
    const before = fromEventText(def, e.old_value);
    const after = fromEventText(def, e.new_value);
    const [expected, target] = kind === 'undo' ? [after, before] : [before, after];
    const ref = store.byFid(table, e.row_fid) ?? { table, fid: e.row_fid, code: e.field === ROW_FIELD ? rowCode(e.old_value ?? e.new_value) : null };
    // A lineage note has no column to compare; a row event compares the whole row (null: absent).
    const current = isNoteField(e.field) ? expected : store.exists(table, e.row_fid) || e.field === ROW_FIELD ? store.read(table, e.row_fid, e.field) : undefined;
    if (current !== expected) {
      const verb = kind === 'undo' ? ['undo', '撤销'] : ['redo', '重做'];
      throw new PlannerError(
        `${kind}_conflict`,
        `Cannot ${verb[0]} edit ${batchId}: ${rowLabelEn(ref)} ${current === undefined ? 'no longer exists' : `${e.field} is now "${String(current)}", not "${String(expected)}"`} (changed outside the edit path)`,
        `无法${verb[1]}第 ${batchId} 批编辑:${rowLabelZh(ref)}${current === undefined ? ' 已不存在' : ` 的 ${e.field} 现为“${String(current)}”,而非“${String(expected)}”`}(已在别处被修改)`,
        { batchId, table, fid: e.row_fid, field: e.field },
      );
    }
    return { table, fid: e.row_fid, code: ref.code, field: e.field, old: expected, new: target };
  });
  const at = now.toISOString();
  const auditBatch = store.newBatch(kind, actor, at, batchId, changes.length);
  for (const c of changes) store.apply(c, actor, at, auditBatch);
  store.finishWrites();
  store.setBatchState(batchId, kind === 'undo' ? 'undone' : 'applied');
  return { batchId, changed: changes };
}
