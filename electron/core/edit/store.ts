import type Database from 'better-sqlite3';
import type { EditTable, FieldChange } from '../../../shared/api/edit.js';
import type { BBox } from '../../../shared/api/geojson.js';
import { EDITABLE_FIELDS, TABLE_LABEL_ZH } from './fields.js';
import { changeBoxes, isSpecialField, readSpecial, systemFieldDef, updateParcelExtent, writeSpecial } from './geometry-fields.js';
import { fromColumn, toEventText } from './values.js';

/** The column that names a row to people: parcel code, or the factory's own code. */
const CODE_COLUMN: Record<EditTable, string> = { parcels: 'code', transfers: 'parcel_code', factories: 'code' };

export interface RowRef {
  table: EditTable;
  fid: number;
  code: string | null;
}

/** "地块 YK2023-00001", "出让记录 #12(地块 YK2023-00001)", "标准厂房 BZCF-001". */
export function rowLabelZh(r: RowRef): string {
  if (r.table === 'transfers') return `出让记录 #${r.fid}${r.code ? `(地块 ${r.code})` : ''}`;
  return `${TABLE_LABEL_ZH[r.table]} ${r.code ?? `#${r.fid}`}`;
}

export function rowLabelEn(r: RowRef): string {
  const name = { parcels: 'parcel', transfers: 'transfer record', factories: 'factory' }[r.table];
  if (r.table === 'transfers') return `${name} #${r.fid}${r.code ? ` (parcel ${r.code})` : ''}`;
  return `${name} ${r.code ?? `#${r.fid}`}`;
}

/**
 * Prepared statements of one edit/undo/redo run. Table and field names come only from
 * EDITABLE_FIELDS (checked before any SQL is built), never from the caller's text.
 */
export class EditStore {
  private readonly cache = new Map<string, Database.Statement>();
  /** Outlines written and removed: gpkg_contents' extent is brought up to date once at the end (finishWrites). */
  private readonly outlines: { removed: BBox[]; added: BBox[] } = { removed: [], added: [] };

  constructor(readonly db: Database.Database) {}

  private stmt(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  private static assertField(table: EditTable, field: string): void {
    if (!Object.prototype.hasOwnProperty.call(EDITABLE_FIELDS[table], field) && !systemFieldDef(table, field)) throw new Error(`not an editable field: ${table}.${field}`);
  }

  /** The row with this fid, or undefined. */
  byFid(table: EditTable, fid: number): RowRef | undefined {
    const r = this.stmt(`SELECT fid, "${CODE_COLUMN[table]}" AS code FROM "${table}" WHERE fid = ?`).get(fid) as { fid: number; code: unknown } | undefined;
    return r ? { table, fid: r.fid, code: r.code === null ? null : String(r.code) } : undefined;
  }

  /** Rows whose code column equals `code` (at most two: enough to tell "one" from "ambiguous"). */
  byCode(table: EditTable, code: string): RowRef[] {
    const rows = this.stmt(`SELECT fid, "${CODE_COLUMN[table]}" AS code FROM "${table}" WHERE "${CODE_COLUMN[table]}" = ? ORDER BY fid LIMIT 2`).all(code) as { fid: number; code: unknown }[];
    return rows.map((r) => ({ table, fid: r.fid, code: String(r.code) }));
  }

  read(table: EditTable, fid: number, field: string): string | number | null {
    EditStore.assertField(table, field);
    if (isSpecialField(field)) return readSpecial(this.db, fid, field);
    const r = this.stmt(`SELECT "${field}" AS v FROM "${table}" WHERE fid = ?`).get(fid) as { v: unknown } | undefined;
    return fromColumn(r?.v);
  }

  exists(table: EditTable, fid: number): boolean {
    return this.stmt(`SELECT 1 FROM "${table}" WHERE fid = ?`).get(fid) !== undefined;
  }

  write(table: EditTable, fid: number, field: string, value: string | number | null): void {
    EditStore.assertField(table, field);
    if (isSpecialField(field)) {
      writeSpecial(this.db, fid, field, value);
      return;
    }
    this.stmt(`UPDATE "${table}" SET "${field}" = ? WHERE fid = ?`).run(value, fid);
  }

  /** After the last write of a run: the parcels' extent in gpkg_contents, when geometry changed. */
  finishWrites(): void {
    const { removed, added } = this.outlines;
    if (removed.length > 0 || added.length > 0) updateParcelExtent(this.db, removed, added);
    removed.length = 0;
    added.length = 0;
  }

  blockExists(code: string): boolean {
    return this.stmt('SELECT 1 FROM key_blocks WHERE code = ? LIMIT 1').get(code) !== undefined;
  }

  parcelExists(code: string): boolean {
    return this.stmt('SELECT 1 FROM parcels WHERE code = ? LIMIT 1').get(code) !== undefined;
  }

  newBatch(kind: 'edit' | 'undo' | 'redo', actor: string, at: string, target: number | null, count: number): number {
    const info = this.stmt('INSERT INTO edit_batches (at, actor, kind, target_batch, state, change_count) VALUES (?, ?, ?, ?, ?, ?)').run(
      at,
      actor,
      kind,
      target,
      kind === 'edit' ? 'applied' : null,
      count,
    );
    return Number(info.lastInsertRowid);
  }

  setBatchState(batchId: number, state: 'applied' | 'undone'): void {
    this.stmt('UPDATE edit_batches SET state = ? WHERE fid = ?').run(state, batchId);
  }

  /** A new edit makes the undone batches unreachable: the redo stack is cleared. */
  discardRedoStack(): void {
    this.stmt("UPDATE edit_batches SET state = 'discarded' WHERE kind = 'edit' AND state = 'undone'").run();
  }

  /** Writes the change and its one audit event. */
  apply(c: FieldChange, actor: string, at: string, batchId: number): void {
    this.write(c.table, c.fid, c.field, c.new);
    const { before, after } = changeBoxes(c);
    if (before) this.outlines.removed.push(before);
    if (after) this.outlines.added.push(after);
    this.stmt(
      'INSERT INTO events (at, actor, table_name, row_fid, field, old_value, new_value, batch_id, undone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)',
    ).run(at, actor, c.table, c.fid, c.field, toEventText(c.old), toEventText(c.new), batchId);
  }
}
