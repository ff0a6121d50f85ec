import type Database from 'better-sqlite3';
import { GEOMETRY_FIELD, LINEAGE_FIELDS, ROW_FIELD } from '../../../shared/api/edit-geometry.js';
import type { EditTable, FieldChange } from '../../../shared/api/edit.js';
import type { BBox } from '../../../shared/api/geojson.js';
import { blobEnvelope, decodeGpkgBlob } from '../gpkg/blob.js';
import { refreshContentsExtent } from '../gpkg/gpkg-schema.js';
import { LAYER_DEFS } from '../project/schema.js';
import type { FieldDef } from './fields.js';

/**
 * The parcel fields only the edit path writes (never a user's `set`): the geometry, whole rows
 * (created, deleted), lineage notes, and the columns a geometry decides (area, zone, straddles,
 * the stated area a split or merge no longer matches). Undo and redo replay them like any field.
 */
const refused = (): ReturnType<FieldDef['check']> => ({ ok: false, zh: '由图形编辑自动维护', en: 'kept by geometry editing' });
const sys = (labelZh: string, kind: FieldDef['kind']): FieldDef => ({ labelZh, kind, check: refused });

const PARCEL_SYSTEM_FIELDS: Record<string, FieldDef> = {
  [GEOMETRY_FIELD]: sys('图形', 'text'),
  [ROW_FIELD]: sys('地块记录', 'text'),
  '@merged_from': sys('合并自', 'text'),
  '@split_into': sys('分割出', 'text'),
  '@split_from': sys('分割自', 'text'),
  area_m2: sys('面积(m²)', 'number'),
  zone_code: sys('所属片区', 'text'),
  straddles: sys('跨区块', 'number'),
  stated_area_m2: sys('登记面积(m²)', 'number'),
};

export function systemFieldDef(table: EditTable, field: string): FieldDef | undefined {
  if (table !== 'parcels') return undefined;
  return Object.prototype.hasOwnProperty.call(PARCEL_SYSTEM_FIELDS, field) ? PARCEL_SYSTEM_FIELDS[field] : undefined;
}

/** A lineage note: written to the audit log only; there is no column behind it. */
export const isNoteField = (field: string): boolean => (LINEAGE_FIELDS as readonly string[]).includes(field);

/** Fields that are not a plain column: read and written by readSpecial / writeSpecial. */
export const isSpecialField = (field: string): boolean => field === GEOMETRY_FIELD || field === ROW_FIELD || isNoteField(field);

/** A blob as the audit log writes it: lowercase hexadecimal. */
export const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/** The columns of a parcel row in the order its JSON lists them (fid, geom as blob hex, then LAYER_DEFS). */
const ROW_COLUMNS = LAYER_DEFS.parcels.columns.map((c) => c.name);

type RowObject = Record<string, string | number | null>;

/** A parcel row as the audit log keeps it: JSON of every column, the geometry blob in hex. Null when absent. */
export function readRowJson(db: Database.Database, fid: number): string | null {
  const row = db.prepare('SELECT * FROM parcels WHERE fid = ?').get(fid) as Record<string, unknown> | undefined;
  if (!row) return null;
  const out: RowObject = { fid: row['fid'] as number, geom: row['geom'] instanceof Uint8Array ? hex(row['geom']) : null };
  for (const c of ROW_COLUMNS) out[c] = sqlValue(row[c]);
  return JSON.stringify(out);
}

/** The parcel code in a row's JSON (a deleted or not yet re-created parcel has no row to ask). */
export function rowCode(json: string | null): string | null {
  if (json === null) return null;
  const code = (JSON.parse(json) as RowObject)['code'];
  return code === null || code === undefined ? null : String(code);
}

/** The JSON a row will have once written (same shape as readRowJson). */
export function rowJson(fid: number, blob: Uint8Array, values: Readonly<Record<string, string | number | null>>): string {
  const out: RowObject = { fid, geom: hex(blob) };
  for (const c of ROW_COLUMNS) out[c] = values[c] ?? null;
  return JSON.stringify(out);
}

function sqlValue(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string') return v;
  return String(v);
}

export function readSpecial(db: Database.Database, fid: number, field: string): string | null {
  if (field === ROW_FIELD) return readRowJson(db, fid);
  if (isNoteField(field)) return null;
  const b = db.prepare('SELECT geom FROM parcels WHERE fid = ?').pluck().get(fid) as Uint8Array | null | undefined;
  return b ? hex(b) : null;
}

/** Writes a special field: the geometry blob, or a whole row (JSON: inserted with its fid; null: deleted). */
export function writeSpecial(db: Database.Database, fid: number, field: string, value: string | number | null): void {
  if (isNoteField(field)) return;
  if (field === GEOMETRY_FIELD) {
    db.prepare('UPDATE parcels SET geom = ? WHERE fid = ?').run(value === null ? null : Buffer.from(String(value), 'hex'), fid);
    return;
  }
  if (value === null) {
    db.prepare('DELETE FROM parcels WHERE fid = ?').run(fid);
    return;
  }
  const row = JSON.parse(String(value)) as RowObject;
  const cols = ['fid', 'geom', ...ROW_COLUMNS];
  const values = cols.map((c) => (c === 'geom' ? (row['geom'] === null ? null : Buffer.from(String(row['geom']), 'hex')) : c === 'fid' ? fid : (row[c] ?? null)));
  db.prepare(`INSERT INTO parcels (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...values);
}

const blobBox = (hexText: string | number | null): BBox | null => {
  if (typeof hexText !== 'string' || hexText === '') return null;
  const env = blobEnvelope(Buffer.from(hexText, 'hex'));
  return env ? [env.minX, env.minY, env.maxX, env.maxY] : null;
};

const rowBox = (json: string | number | null): BBox | null => {
  if (typeof json !== 'string') return null;
  const row = JSON.parse(json) as RowObject;
  return blobBox(row['geom'] ?? null);
};

/** The outline's box before and after one change of `geom` or `@row` (null where there is none). */
export function changeBoxes(c: FieldChange): { before: BBox | null; after: BBox | null } {
  const read = c.table !== 'parcels' ? null : c.field === GEOMETRY_FIELD ? blobBox : c.field === ROW_FIELD ? rowBox : null;
  return read ? { before: read(c.old), after: read(c.new) } : { before: null, after: null };
}

/** The R-tree stores float32 rounded outward (≈ 3e-5° at 120°E): a box this close to the extent's edge may be what set it. */
const EDGE_MARGIN_DEG = 1e-4;

/**
 * gpkg_contents' extent of the parcels after geometry changes, without scanning the R-tree (≈ 0.2 s at
 * 100,000 parcels): grown by the new outlines' boxes; recomputed in full only when an outline that
 * went away (moved, split, merged, deleted) lay on the extent's edge.
 */
export function updateParcelExtent(db: Database.Database, removed: readonly BBox[], added: readonly BBox[]): void {
  const e = db.prepare("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'parcels'").raw(true).get() as (number | null)[] | undefined;
  const [w, s, east, n] = e ?? [null, null, null, null];
  if (w == null || s == null || east == null || n == null || removed.some((b) => b[0] <= w + EDGE_MARGIN_DEG || b[1] <= s + EDGE_MARGIN_DEG || b[2] >= east - EDGE_MARGIN_DEG || b[3] >= n - EDGE_MARGIN_DEG)) {
    refreshContentsExtent(db, 'parcels');
    return;
  }
  const grown = added.reduce<BBox>((x, b) => [Math.min(x[0], b[0]), Math.min(x[1], b[1]), Math.max(x[2], b[2]), Math.max(x[3], b[3])], [w, s, east, n]);
  db.prepare(
    "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = 'parcels'",
  ).run(...grown);
}

/**
 * The boxes a geometry change covered, old and new (the R-tree holds only the new ones by now, and
 * none for a deleted parcel): `dataChanged.extent` must name both so the map redraws where a
 * parcel was as well as where it is.
 */
export function geometryChangeBoxes(changes: readonly FieldChange[]): BBox[] {
  const out: BBox[] = [];
  for (const c of changes) {
    const { before, after } = changeBoxes(c);
    if (before) out.push(before);
    if (after) out.push(after);
  }
  return out;
}

/**
 * An audit value as people read it (the parcel card's history, the CLI): a geometry blob as its
 * vertex count, a row as its parcel code; other values as they are.
 */
export function summarizeEventValue(field: string | null, text: string | null): string | null {
  if (text === null) return null;
  try {
    if (field === GEOMETRY_FIELD) {
      const g = decodeGpkgBlob(Buffer.from(text, 'hex'));
      return `${g.type} · ${vertexCount(g)} 个顶点 vertices`;
    }
    if (field === ROW_FIELD) {
      const row = JSON.parse(text) as RowObject;
      return String(row['code'] ?? `#${String(row['fid'])}`);
    }
  } catch {
    return text.length > 40 ? `${text.slice(0, 40)}…` : text;
  }
  return text;
}

/** Distinct vertices: a ring's closing point is not counted again. */
function vertexCount(g: ReturnType<typeof decodeGpkgBlob>): number {
  let n = 0;
  const walk = (v: unknown): void => {
    if (!Array.isArray(v)) return;
    if (typeof v[0] === 'number') n++;
    else if (Array.isArray(v[0]) && typeof v[0][0] === 'number') {
      const [first, last] = [v[0] as number[], v[v.length - 1] as number[]];
      n += v.length - (v.length > 1 && first[0] === last[0] && first[1] === last[1] ? 1 : 0);
    } else v.forEach(walk);
  };
  walk(g.coordinates);
  return n;
}
