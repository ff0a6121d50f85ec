import type Database from 'better-sqlite3';
import { GEOMETRY_FIELD, ROW_FIELD, type GeometryEditParcel, type GeometryEditResult, type GeometryOperation, type ParcelGeometry, type ParcelRef } from '../../../shared/api/edit-geometry.js';
import type { Edit, EditResult, FieldChange } from '../../../shared/api/edit.js';
import { PlannerError } from '../../../shared/api/errors.js';
import type { Geometry } from '../../../shared/api/geojson.js';
import { mergePolygons } from '../../../shared/geo/merge.js';
import { splitPolygon } from '../../../shared/geo/split.js';
import { checkGeometry } from '../../../shared/geo/validity.js';
import { decodeGpkgBlob } from '../gpkg/blob.js';
import type { Project } from '../project/project.js';
import { applyEdits } from './apply.js';
import type { RowEdit } from './geometry-plan.js';

/**
 * Geometry editing of parcels (issue 5 item 5): each operation becomes field and row edits of the
 * one edit path (apply.ts → geometry-plan.ts), so it is checked as a whole, written in one
 * transaction with its audit events, and undone as one batch:
 *  - replace: one geometry edit (move vertices); create: one new parcel; delete: rows removed;
 *  - split = the largest piece as the parcel's new geometry + the other pieces as new parcels
 *    (same attributes, codes CODE-2 …), each with a lineage note; the stated area no longer applies;
 *  - merge = the union as the first parcel's new geometry + the others deleted, their codes noted
 *    on the first, their transfer and factory records pointed at its code; the stated area becomes
 *    the sum of the stated areas (when every parcel has one).
 * A dry run does all of it in a transaction that is rolled back: the preview is what saving writes.
 */
export interface GeometryEditOptions {
  actor: string;
  now: Date;
  dryRun?: boolean;
}

type Op = Extract<GeometryOperation, { op: string }>;

interface ParcelRow {
  fid: number;
  code: string | null;
  geom: Buffer | null;
  area_m2: number | null;
  stated_area_m2: number | null;
}

interface Plan {
  edits: Edit[];
  rows: RowEdit[];
  /** Parcels the operation replaces or deletes (their areas before it). */
  before: ParcelRow[];
  overlapM2: number | null;
}

export function editGeometry(project: Project, operation: Op, opts: GeometryEditOptions): GeometryEditResult {
  const dryRun = opts.dryRun ?? false;
  const run = (): GeometryEditResult => {
    const plan = planOperation(project.db, operation);
    const result = applyEdits(project, plan.edits, opts.actor, opts.now, plan.rows);
    return describe(project.db, operation.op, result, plan, dryRun);
  };
  if (!dryRun) return run();
  let preview: GeometryEditResult | null = null;
  const rollback = new Error('dry run');
  try {
    project.transaction(() => {
      preview = run();
      throw rollback;
    });
  } catch (err) {
    if (err !== rollback) throw err;
  }
  return preview as unknown as GeometryEditResult;
}

/** One parcel's outline and area (for editing its vertices on the map). */
export function parcelGeometry(db: Database.Database, fid: number): ParcelGeometry {
  const row = readParcel(db, { fid });
  return { fid: row.fid, code: row.code, geometry: outline(row), areaM2: row.area_m2 ?? 0 };
}

function planOperation(db: Database.Database, op: Op): Plan {
  switch (op.op) {
    case 'replace': {
      const p = readParcel(db, op.parcel);
      return { edits: [], rows: [{ kind: 'geometry', fid: p.fid, geometry: op.geometry as Geometry }], before: [p], overlapM2: null };
    }
    case 'create':
      return { edits: [], rows: [{ kind: 'create', geometry: op.geometry as Geometry, values: op.values }], before: [], overlapM2: null };
    case 'delete': {
      const ps = distinct(op.parcels.map((r) => readParcel(db, r)));
      return { edits: [], rows: ps.map((p): RowEdit => ({ kind: 'delete', fid: p.fid })), before: ps, overlapM2: null };
    }
    case 'split':
      return planSplit(db, readParcel(db, op.parcel), op.line, op.codes);
    case 'merge':
      return planMerge(db, distinct(op.parcels.map((r) => readParcel(db, r))));
  }
}

function planSplit(db: Database.Database, p: ParcelRow, line: readonly (readonly number[])[], codes: readonly string[] | undefined): Plan {
  const source = outline(p);
  const invalid = checkGeometry(source).filter((i) => i.severity === 'error');
  if (invalid.length > 0) {
    throw new PlannerError(
      'split_source_invalid',
      `Parcel ${label(p)} is not a valid polygon (${invalid.map((i) => i.reasonEn).join('; ')}): repair it before splitting`,
      `地块 ${label(p)} 的图形无效(${invalid.map((i) => i.reasonZh).join(';')}),请先修复再分割`,
      { fid: p.fid, code: p.code },
    );
  }
  const r = splitPolygon(source, line);
  if (!r.ok) {
    throw new PlannerError(r.code, `Cannot split parcel ${label(p)}: ${r.reasonEn}. Nothing was changed.`, `无法分割地块 ${label(p)}:${r.reasonZh}。未做任何修改。`, {
      fid: p.fid,
      code: p.code,
      ...(r.at ? { at: r.at } : {}),
    });
  }
  const extra = r.pieces.length - 1;
  if (codes && codes.length !== extra) {
    throw new PlannerError(
      'split_codes_count',
      `The line cuts parcel ${label(p)} into ${r.pieces.length} pieces: give ${extra} new code(s), not ${codes.length}`,
      `分割线把地块 ${label(p)} 分成 ${r.pieces.length} 块:须给出 ${extra} 个新编号,而不是 ${codes.length} 个`,
      { fid: p.fid, code: p.code, pieces: r.pieces.length },
    );
  }
  const newCodes = codes ? [...codes] : autoCodes(db, p, extra);
  const [kept, ...others] = r.pieces.map((coordinates): Geometry => ({ type: 'MultiPolygon', coordinates }));
  const rows: RowEdit[] = [
    { kind: 'geometry', fid: p.fid, geometry: kept!, statedAreaM2: null },
    { kind: 'note', fid: p.fid, field: '@split_into', value: newCodes.join(', ') },
    ...others.map((geometry, i): RowEdit => ({ kind: 'create', geometry, values: { code: newCodes[i] ?? null }, copyFrom: p.fid })),
  ];
  return { edits: [], rows, before: [p], overlapM2: null };
}

/** CODE-2, CODE-3 … skipping codes already taken. */
function autoCodes(db: Database.Database, p: ParcelRow, n: number): string[] {
  const base = p.code ?? String(p.fid);
  const taken = db.prepare('SELECT 1 FROM parcels WHERE code = ? LIMIT 1');
  const out: string[] = [];
  for (let k = 2; out.length < n; k++) {
    const code = `${base}-${k}`;
    if (!taken.get(code)) out.push(code);
  }
  return out;
}

function planMerge(db: Database.Database, parcels: ParcelRow[]): Plan {
  const [kept, ...gone] = parcels;
  if (!kept || gone.length === 0) throw new PlannerError('merge_too_few', 'A merge needs at least two different parcels', '合并至少需要两个不同的地块', {});
  const r = mergePolygons(parcels.map(outline));
  if (!r.ok) {
    const groups = r.groups?.map((g) => g.map((i) => label(parcels[i]!))) ?? [];
    const listed = groups.map((g) => g.join(' + ')).join(' | ');
    throw new PlannerError(
      r.code,
      `Cannot merge ${parcels.map(label).join(', ')}: ${r.reasonEn}${listed ? ` (separate groups: ${listed})` : ''}. Nothing was changed.`,
      `无法合并 ${parcels.map(label).join('、')}:${r.reasonZh}${listed ? `(互不相连的组:${listed})` : ''}。未做任何修改。`,
      { fids: parcels.map((p) => p.fid), codes: parcels.map((p) => p.code), groups },
    );
  }
  const stated = parcels.every((p) => p.stated_area_m2 !== null) ? parcels.reduce((s, p) => s + (p.stated_area_m2 ?? 0), 0) : null;
  const rows: RowEdit[] = [
    { kind: 'geometry', fid: kept.fid, geometry: { type: 'MultiPolygon', coordinates: r.coordinates }, statedAreaM2: stated },
    { kind: 'note', fid: kept.fid, field: '@merged_from', value: gone.map(label).join(', ') },
    ...gone.map((p): RowEdit => ({ kind: 'delete', fid: p.fid })),
  ];
  return { edits: repointRecords(db, kept, gone), rows, before: parcels, overlapM2: r.overlapM2 };
}

/** Transfer and factory records naming a merged-away code (that no remaining parcel has) now name the kept parcel. */
function repointRecords(db: Database.Database, kept: ParcelRow, gone: readonly ParcelRow[]): Edit[] {
  if (kept.code === null) return [];
  const goneFids = new Set(gone.map((p) => p.fid));
  const edits: Edit[] = [];
  for (const code of new Set(gone.map((p) => p.code).filter((c): c is string => c !== null && c !== kept.code))) {
    const others = (db.prepare('SELECT fid FROM parcels WHERE code = ?').pluck().all(code) as number[]).filter((f) => !goneFids.has(f));
    if (others.length > 0) continue;
    for (const table of ['transfers', 'factories'] as const) {
      for (const fid of db.prepare(`SELECT fid FROM "${table}" WHERE parcel_code = ? ORDER BY fid`).pluck().all(code) as number[]) {
        edits.push({ table, fid, field: 'parcel_code', value: kept.code });
      }
    }
  }
  return edits;
}

function distinct(parcels: ParcelRow[]): ParcelRow[] {
  const seen = new Set<number>();
  for (const p of parcels) {
    if (seen.has(p.fid)) throw new PlannerError('edit_duplicate', `Parcel ${label(p)} is named twice`, `地块 ${label(p)} 被指定了两次`, { fid: p.fid, code: p.code });
    seen.add(p.fid);
  }
  return parcels;
}

const label = (p: { fid: number; code: string | null }): string => p.code ?? `#${p.fid}`;

function readParcel(db: Database.Database, ref: ParcelRef): ParcelRow {
  const cols = 'fid, code, geom, area_m2, stated_area_m2';
  if (ref.fid !== undefined) {
    const row = db.prepare(`SELECT ${cols} FROM parcels WHERE fid = ?`).get(ref.fid) as ParcelRow | undefined;
    if (!row) throw new PlannerError('edit_unknown_row', `No parcel has fid ${ref.fid}`, `找不到地块 #${ref.fid}`, { table: 'parcels', fid: ref.fid });
    return row;
  }
  const code = (ref.code ?? '').trim();
  const rows = db.prepare(`SELECT ${cols} FROM parcels WHERE code = ? ORDER BY fid LIMIT 2`).all(code) as ParcelRow[];
  if (rows.length === 1 && rows[0]) return rows[0];
  if (rows.length === 0) throw new PlannerError('edit_unknown_row', `No parcel has the code "${code}"`, `找不到编号为“${code}”的地块`, { table: 'parcels', code });
  throw new PlannerError('edit_ambiguous_code', `Several parcels have the code "${code}"; name the parcel by fid`, `有多个地块的编号为“${code}”,请用 fid 指明`, {
    table: 'parcels',
    code,
    fids: rows.map((r) => r.fid),
  });
}

function outline(p: ParcelRow): Geometry {
  if (!p.geom) throw new PlannerError('parcel_no_geometry', `Parcel ${label(p)} has no geometry`, `地块 ${label(p)} 没有几何图形`, { fid: p.fid, code: p.code });
  return decodeGpkgBlob(p.geom);
}

interface StoredParcel {
  fid: number;
  code: string | null;
  geom: Buffer | null;
  area_m2: number | null;
  block_code: string | null;
  zone_code: string | null;
  straddles: number | null;
}

/** The operation's outcome: each parcel it touched as it is now (read inside the transaction, so a dry run sees it too). */
function describe(db: Database.Database, op: GeometryEditResult['op'], result: EditResult, plan: Plan, dryRun: boolean): GeometryEditResult {
  const parcels: GeometryEditParcel[] = [];
  const read = db.prepare('SELECT fid, code, geom, area_m2, block_code, zone_code, straddles FROM parcels WHERE fid = ?');
  const seen = new Set<number>();
  for (const c of result.changed) {
    if (c.table !== 'parcels' || seen.has(c.fid) || (c.field !== GEOMETRY_FIELD && c.field !== ROW_FIELD)) continue;
    seen.add(c.fid);
    if (c.field === ROW_FIELD && c.new === null) {
      parcels.push(deletedParcel(c));
      continue;
    }
    const row = read.get(c.fid) as StoredParcel;
    parcels.push({
      fid: row.fid,
      code: row.code,
      action: c.field === ROW_FIELD ? 'created' : 'updated',
      areaM2: row.area_m2 ?? 0,
      blockCode: row.block_code,
      zoneCode: row.zone_code,
      straddles: row.straddles === null ? null : row.straddles === 1,
      geometry: row.geom ? decodeGpkgBlob(row.geom) : null,
    });
  }
  const sum = (xs: readonly { areaM2: number }[]): number => xs.reduce((s, x) => s + x.areaM2, 0);
  return {
    op,
    batchId: dryRun ? null : result.batchId,
    dryRun,
    parcels,
    beforeM2: plan.before.reduce((s, p) => s + (p.area_m2 ?? 0), 0),
    afterM2: sum(parcels.filter((p) => p.action !== 'deleted')),
    overlapM2: plan.overlapM2,
    changed: result.changed,
  };
}

function deletedParcel(c: FieldChange): GeometryEditParcel {
  const row = JSON.parse(String(c.old)) as Record<string, string | number | null>;
  return {
    fid: c.fid,
    code: c.code,
    action: 'deleted',
    areaM2: Number(row['area_m2'] ?? 0),
    blockCode: (row['block_code'] as string | null) ?? null,
    zoneCode: (row['zone_code'] as string | null) ?? null,
    straddles: row['straddles'] === null || row['straddles'] === undefined ? null : row['straddles'] === 1,
    geometry: null,
  };
}
