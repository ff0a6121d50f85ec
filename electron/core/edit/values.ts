import type { EditValue } from '../../../shared/api/edit.js';
import type { FieldDef } from './fields.js';

/**
 * Values in the audit log (events.old_value / new_value are TEXT, readable in any GIS): NULL for
 * empty, text as is, numbers in JavaScript's shortest round-trip form, so undo restores them exactly.
 */
export function toEventText(v: string | number | null): string | null {
  if (v === null) return null;
  return typeof v === 'number' ? String(v) : v;
}

/** The stored value an event's text stands for, typed by the field. */
export function fromEventText(def: FieldDef, text: string | null): string | number | null {
  if (text === null) return null;
  return def.kind === 'number' ? Number(text) : text;
}

/** A column value as read from SQLite, in the edit path's terms. */
export function fromColumn(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number(v);
  return String(v);
}

/** Same stored value: SQLite hands back what the column holds (REAL as number, DATE as text). */
export function sameValue(a: EditValue, b: EditValue): boolean {
  return a === b;
}
