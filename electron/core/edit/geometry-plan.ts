import { GEOMETRY_FIELD, ROW_FIELD, type LineageField } from '../../../shared/api/edit-geometry.js';
import type { EditValue, FieldChange } from '../../../shared/api/edit.js';
import { PlannerError } from '../../../shared/api/errors.js';
import type { Geometry } from '../../../shared/api/geojson.js';
import type { Settings } from '../../../shared/api/settings.js';
import { ellipsoidalAreaM2 } from '../../../shared/domain/area.js';
import { CHINA_BBOX } from '../../../shared/geo/crs.js';
import { checkGeometry } from '../../../shared/geo/validity.js';
import { encodeGpkgBlob, envelopeOf } from '../gpkg/blob.js';
import { SRS_CGCS2000 } from '../gpkg/gpkg-schema.js';
import { ParcelAssigner } from '../spatial/assigner.js';
import { fieldDef, type CheckContext } from './fields.js';
import { hex, readRowJson, rowJson } from './geometry-fields.js';
import { rowLabelEn, rowLabelZh, type EditStore, type RowRef } from './store.js';

/**
 * Edits of whole parcels, beside the field edits of apply.ts, in the same batch and transaction:
 *  - geometry: a new outline; area_m2, block_code, zone_code and straddles follow from it;
 *  - create: a new parcel (code, the editable fields, optionally the other columns of a template parcel);
 *  - delete: a parcel removed (refused while transfer or factory records still name its code);
 *  - note: a lineage note in the audit log (merged from, split into, split from).
 * Every outline is checked (shared/geo/validity) before anything is written: an invalid polygon,
 * one outside China, or one without area is refused with its reasons and the batch writes nothing.
 */
export type RowEdit =
  | { kind: 'geometry'; fid: number; geometry: Geometry; /** Written too when given (a split or merge changes what the stated area covers). */ statedAreaM2?: number | null }
  | { kind: 'create'; geometry: Geometry; values: Readonly<Record<string, EditValue>>; /** Copy the columns not in `values` from this parcel. */ copyFrom?: number }
  | { kind: 'delete'; fid: number }
  | { kind: 'note'; fid: number; field: LineageField; value: string };

/** Columns a new parcel may take from a template parcel (the rest follow from its geometry or are its own). */
const TEMPLATE_COLUMNS = ['owner', 'town', 'address', 'land_use', 'tenure', 'status', 'method', 'completed_on', 'recorded_block', 'per_mu_class', 'source_json'] as const;

/** A checked outline, ready to write. */
export interface CheckedOutline {
  geometry: Extract<Geometry, { type: 'MultiPolygon' }>;
  blob: Buffer;
  areaM2: number;
}

type Pos = number[];

const withoutRepeats = (ring: readonly (readonly number[])[]): Pos[] =>
  ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1]![0] || p[1] !== ring[i - 1]![1]).map((p) => [p[0] as number, p[1] as number]);

/**
 * The outline as a parcel stores it (MultiPolygon, repeated points dropped), or a PlannerError:
 * not a polygon, invalid (each reason with its place), outside China, or without area.
 */
export function checkOutline(g: Geometry, who: { zh: string; en: string }, details: Record<string, unknown> = {}): CheckedOutline {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : null;
  if (!polys) {
    throw new PlannerError('geometry_not_polygon', `${who.en}: the outline must be a polygon, not ${g.type}`, `${who.zh}:图形须为面(多边形),不能是 ${g.type}`, { ...details, type: g.type });
  }
  const geometry: CheckedOutline['geometry'] = { type: 'MultiPolygon', coordinates: polys.map((rings) => rings.map(withoutRepeats)) };
  const errors = checkGeometry(geometry).filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    throw new PlannerError(
      'geometry_invalid',
      `${who.en}: the outline is not a valid polygon: ${errors.map((e) => e.reasonEn + (e.at ? ` at ${e.at[0].toFixed(6)}, ${e.at[1].toFixed(6)}` : '')).join('; ')}. Nothing was changed.`,
      `${who.zh}:图形无效:${errors.map((e) => e.reasonZh + (e.at ? `(位置 ${e.at[0].toFixed(6)}, ${e.at[1].toFixed(6)})` : '')).join(';')}。未做任何修改。`,
      { ...details, issues: errors.map(({ code, reasonEn, reasonZh, part, ring, at }) => ({ code, reasonEn, reasonZh, part, ring, at })) },
    );
  }
  const env = envelopeOf(geometry);
  const [w, s, e, n] = CHINA_BBOX;
  if (!env || env.minX < w || env.maxX > e || env.minY < s || env.maxY > n) {
    throw new PlannerError('geometry_outside_china', `${who.en}: the outline lies outside China (lon/lat EPSG:4490 expected)`, `${who.zh}:图形不在中国境内(应为 EPSG:4490 经纬度)`, details);
  }
  const areaM2 = ellipsoidalAreaM2(geometry);
  if (!(areaM2 > 0)) throw new PlannerError('geometry_no_area', `${who.en}: the outline has no area`, `${who.zh}:图形面积为零`, details);
  return { geometry, blob: encodeGpkgBlob(geometry, SRS_CGCS2000), areaM2 };
}

/** The row-edit plan: field changes in the order they are written (all checks passed). */
export function planRowEdits(store: EditStore, settings: Settings, rows: readonly RowEdit[], fieldChanges: readonly FieldChange[]): FieldChange[] {
  if (rows.length === 0) return [];
  let assigner: ParcelAssigner | null = null;
  const assign = (o: CheckedOutline): { block_code: string | null; zone_code: string | null; straddles: number } => {
    assigner ??= ParcelAssigner.fromDb(store.db);
    const a = assigner.assign(o.geometry, o.areaM2);
    return { block_code: a?.blockCode ?? null, zone_code: a?.zoneCode ?? null, straddles: a?.straddles ? 1 : 0 };
  };
  let nextFid = firstFreeFid(store);
  const out: FieldChange[] = [];
  const newCodes = new Set<string>();
  const deleted: RowRef[] = [];
  rows.forEach((edit, index) => {
    switch (edit.kind) {
      case 'geometry': {
        const ref = parcel(store, edit.fid, index);
        const o = checkOutline(edit.geometry, labels(ref), { index, fid: ref.fid, code: ref.code });
        const oldBlob = store.read('parcels', ref.fid, GEOMETRY_FIELD);
        const newBlob = hex(o.blob);
        if (oldBlob === newBlob) return;
        const next: Record<string, string | number | null> = { [GEOMETRY_FIELD]: newBlob, area_m2: o.areaM2, ...assign(o) };
        if (edit.statedAreaM2 !== undefined) next['stated_area_m2'] = edit.statedAreaM2;
        for (const [field, value] of Object.entries(next)) {
          const old = store.read('parcels', ref.fid, field);
          if (old !== value) out.push({ table: 'parcels', fid: ref.fid, code: ref.code, field, old, new: value });
        }
        return;
      }
      case 'create': {
        const fid = nextFid++;
        const values = newParcelValues(store, settings, edit, index, newCodes);
        const who = { zh: `新地块 ${String(values['code'])}`, en: `new parcel ${String(values['code'])}` };
        const o = checkOutline(edit.geometry, who, { index, code: values['code'] });
        const row = { ...values, ...assign(o), area_m2: o.areaM2, stated_area_m2: null };
        out.push({ table: 'parcels', fid, code: String(values['code']), field: ROW_FIELD, old: null, new: rowJson(fid, o.blob, row) });
        return;
      }
      case 'delete': {
        const ref = parcel(store, edit.fid, index);
        out.push({ table: 'parcels', fid: ref.fid, code: ref.code, field: ROW_FIELD, old: readRowJson(store.db, ref.fid), new: null });
        deleted.push(ref);
        return;
      }
      case 'note': {
        const ref = parcel(store, edit.fid, index);
        out.push({ table: 'parcels', fid: ref.fid, code: ref.code, field: edit.field, old: null, new: edit.value });
        return;
      }
    }
  });
  checkDeletedReferences(store, deleted, fieldChanges);
  return out;
}

function labels(ref: RowRef): { zh: string; en: string } {
  return { zh: rowLabelZh(ref), en: rowLabelEn(ref) };
}

function parcel(store: EditStore, fid: number, index: number): RowRef {
  const ref = store.byFid('parcels', fid);
  if (!ref) throw new PlannerError('edit_unknown_row', `No parcel has fid ${fid}`, `找不到地块 #${fid}`, { index, table: 'parcels', fid });
  return ref;
}

/** Fids are never reused (AUTOINCREMENT): a new parcel takes the next one, so undo and redo can put it back under the same fid. */
function firstFreeFid(store: EditStore): number {
  const seq = (store.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'parcels'").pluck().get() as number | undefined) ?? 0;
  const max = (store.db.prepare('SELECT max(fid) FROM parcels').pluck().get() as number | null) ?? 0;
  return Math.max(seq, max) + 1;
}

/** The columns of a new parcel: the template's, then the checked values; code required and unique; status defaults to the first of the vocabulary. */
function newParcelValues(store: EditStore, settings: Settings, edit: Extract<RowEdit, { kind: 'create' }>, index: number, newCodes: Set<string>): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  if (edit.copyFrom !== undefined) {
    const t = store.db.prepare(`SELECT ${TEMPLATE_COLUMNS.map((c) => `"${c}"`).join(', ')} FROM parcels WHERE fid = ?`).get(edit.copyFrom) as Record<string, string | number | null> | undefined;
    if (!t) throw new PlannerError('edit_unknown_row', `No parcel has fid ${edit.copyFrom}`, `找不到地块 #${edit.copyFrom}`, { index, fid: edit.copyFrom });
    Object.assign(out, t);
  }
  const code = typeof edit.values['code'] === 'string' || typeof edit.values['code'] === 'number' ? String(edit.values['code']).normalize('NFC').trim() : '';
  if (code === '') throw new PlannerError('create_needs_code', 'A new parcel needs a code (地块编号)', '新地块须填写地块编号', { index });
  if (store.parcelExists(code) || newCodes.has(code)) {
    throw new PlannerError('create_code_taken', `A parcel with the code "${code}" exists already`, `地块编号“${code}”已存在`, { index, code });
  }
  newCodes.add(code);
  out['code'] = code;
  const ctx: CheckContext = { settings, blockExists: (c) => store.blockExists(c), parcelExists: (c) => store.parcelExists(c) };
  for (const [field, value] of Object.entries(edit.values)) {
    if (field === 'code') continue;
    const def = field === 'block_code' ? undefined : fieldDef('parcels', field);
    if (!def) {
      throw new PlannerError(
        'edit_unknown_field',
        `New parcel ${code}: "${field}" cannot be set (block and zone follow from the outline)`,
        `新地块 ${code}:不能填写字段“${field}”(所属区块、片区由图形自动确定)`,
        { index, code, field },
      );
    }
    const checked = def.check(value, ctx);
    if (!checked.ok) {
      throw new PlannerError('edit_invalid_value', `New parcel ${code}: ${field} cannot be "${String(value)}": ${checked.en}`, `新地块 ${code} 的${def.labelZh}不能为“${String(value)}”:${checked.zh}`, { index, code, field, value });
    }
    out[field] = checked.value;
  }
  out['status'] ??= settings.statuses[0]?.value ?? null;
  const done = settings.statuses.some((s) => s.done && s.value === out['status']);
  if (done && (out['completed_on'] ?? null) === null) {
    throw new PlannerError(
      'edit_needs_completion_date',
      `New parcel ${code}: status "${String(out['status'])}" counts as done and needs its completion date (completed_on)`,
      `新地块 ${code} 的整治状态“${String(out['status'])}”属于已完成,须填写完成日期(completed_on)`,
      { index, code, field: 'completed_on' },
    );
  }
  return out;
}

/**
 * A deleted parcel's code may still be named by transfer or factory records: allowed only when
 * another parcel keeps the code or the same batch points those records elsewhere (a merge does).
 */
function checkDeletedReferences(store: EditStore, deleted: readonly RowRef[], fieldChanges: readonly FieldChange[]): void {
  const gone = new Set(deleted.map((d) => d.fid));
  const moved = new Set(fieldChanges.filter((c) => c.field === 'parcel_code' && c.table !== 'parcels').map((c) => `${c.table}/${c.fid}`));
  for (const d of deleted) {
    if (d.code === null) continue;
    const keepers = (store.db.prepare('SELECT fid FROM parcels WHERE code = ?').pluck().all(d.code) as number[]).filter((f) => !gone.has(f));
    if (keepers.length > 0) continue;
    const refs = [
      ...(store.db.prepare('SELECT fid FROM transfers WHERE parcel_code = ?').pluck().all(d.code) as number[]).map((f) => `transfers/${f}`),
      ...(store.db.prepare('SELECT fid FROM factories WHERE parcel_code = ?').pluck().all(d.code) as number[]).map((f) => `factories/${f}`),
    ].filter((r) => !moved.has(r));
    if (refs.length > 0) {
      throw new PlannerError(
        'delete_referenced',
        `${rowLabelEn(d)} cannot be deleted: ${refs.length} transfer/factory record(s) name its code (${refs.join(', ')})`,
        `${rowLabelZh(d)} 不能删除:有 ${refs.length} 条出让或标准厂房记录引用其编号(${refs.join('、')})`,
        { fid: d.fid, code: d.code, records: refs },
      );
    }
  }
}
