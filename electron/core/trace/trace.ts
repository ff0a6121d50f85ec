import type Database from 'better-sqlite3';
import type { HistoryEntry, ParcelCard } from '../../../shared/api/edit.js';
import { PlannerError } from '../../../shared/api/errors.js';
import type { Settings } from '../../../shared/api/settings.js';
import { m2ToMu, roundTo } from '../../../shared/domain/units.js';
import { decodeGpkgBlob } from '../gpkg/blob.js';
import { summarizeEventValue } from '../edit/geometry-fields.js';
import { bboxOf, centroidOf } from './geometry.js';
import { nearbyTransport } from './nearby.js';

/** Stated and computed areas differing by more than this (in %) are flagged (DESIGN §4). */
export const AREA_FLAG_PCT = 0.5;

interface ParcelRow {
  fid: number;
  geom: Buffer | null;
  code: string;
  owner: string | null;
  town: string | null;
  address: string | null;
  land_use: string | null;
  tenure: string | null;
  status: string | null;
  method: string | null;
  completed_on: string | null;
  block_code: string | null;
  zone_code: string | null;
  straddles: number | null;
  recorded_block: string | null;
  stated_area_m2: number | null;
  area_m2: number | null;
  per_mu_class: string | null;
}

function findParcel(db: Database.Database, ref: { code?: string | undefined; fid?: number | undefined }): ParcelRow {
  const rows = (
    ref.fid !== undefined
      ? db.prepare('SELECT * FROM parcels WHERE fid = ?').all(ref.fid)
      : db.prepare('SELECT * FROM parcels WHERE code = ? ORDER BY fid LIMIT 2').all((ref.code ?? '').trim())
  ) as ParcelRow[];
  const what = ref.fid !== undefined ? `#${ref.fid}` : `“${ref.code}”`;
  if (rows.length === 0 || !rows[0]) {
    throw new PlannerError('parcel_not_found', `No parcel ${ref.fid !== undefined ? `has fid ${ref.fid}` : `has the code "${ref.code}"`}`, `找不到地块 ${what}`, { ...ref });
  }
  if (rows.length > 1) {
    const fids = db.prepare('SELECT fid FROM parcels WHERE code = ? ORDER BY fid').pluck().all(ref.code) as number[];
    throw new PlannerError('ambiguous_code', `Several parcels have the code "${ref.code}" (fids ${fids.join(', ')}); trace by fid`, `有多个地块的编号为 ${what}(fid ${fids.join('、')}),请按 fid 查询`, { ...ref, fids });
  }
  return rows[0];
}

function codeName(db: Database.Database, table: 'key_blocks' | 'renewal_zones', code: string | null): { code: string; name: string | null } | null {
  if (code === null) return null;
  const r = db.prepare(`SELECT name FROM "${table}" WHERE code = ? ORDER BY fid LIMIT 1`).get(code) as { name: string | null } | undefined;
  return { code, name: r?.name ?? null };
}

interface EventRow {
  fid: number;
  at: string;
  actor: string;
  table_name: string;
  row_fid: number | null;
  field: string | null;
  old_value: unknown;
  new_value: unknown;
  batch_id: number | null;
  undone: number | null;
  kind: 'edit' | 'undo' | 'redo' | null;
  state: string | null;
}

const asText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** The parcel's audit trail, oldest first: its own fields and those of its transfer and factory records. */
export function parcelHistory(db: Database.Database, fid: number, code: string): HistoryEntry[] {
  const rows = db
    .prepare(
      `SELECT e.fid, e.at, e.actor, e.table_name, e.row_fid, e.field, e.old_value, e.new_value, e.batch_id, e.undone, b.kind, b.state
       FROM events e LEFT JOIN edit_batches b ON b.fid = e.batch_id
       WHERE (e.table_name = 'parcels' AND e.row_fid = ?)
          OR (e.table_name = 'transfers' AND e.row_fid IN (SELECT fid FROM transfers WHERE parcel_code = ?))
          OR (e.table_name = 'factories' AND e.row_fid IN (SELECT fid FROM factories WHERE parcel_code = ?))
       ORDER BY e.fid`,
    )
    .all(fid, code, code) as EventRow[];
  return rows.map((r) => ({
    eventId: r.fid,
    at: r.at,
    actor: r.actor,
    table: r.table_name,
    rowFid: r.row_fid,
    field: r.field,
    // Geometry blobs and whole rows read as a vertex count and a parcel code.
    old: summarizeEventValue(r.field, asText(r.old_value)),
    new: summarizeEventValue(r.field, asText(r.new_value)),
    batchId: r.batch_id,
    kind: r.kind ?? 'other',
    undone: r.undone === 1 || (r.kind === 'edit' && (r.state === 'undone' || r.state === 'discarded')),
  }));
}

/**
 * The parcel card ("what happened to parcel X?"): location, block and zone, computed and stated
 * areas, status, the history timeline from the audit log, its transfers and factories, and the
 * transport projects within 2 km.
 */
export function traceParcel(db: Database.Database, settings: Settings, ref: { code?: string | undefined; fid?: number | undefined }): ParcelCard {
  const p = findParcel(db, ref);
  const geometry = p.geom ? decodeGpkgBlob(p.geom) : null;
  if (!geometry) {
    throw new PlannerError('parcel_no_geometry', `Parcel ${p.code} has no geometry`, `地块 ${p.code} 没有几何图形`, { code: p.code, fid: p.fid });
  }
  const centroid = centroidOf(geometry);
  const computed = p.area_m2 ?? 0;
  const stated = p.stated_area_m2;
  const diffPct = stated !== null && stated > 0 ? ((computed - stated) / stated) * 100 : null;
  const done = new Set(settings.statuses.filter((s) => s.done).map((s) => s.value));
  const transfers = db
    .prepare('SELECT fid, contract_date, area_m2, price_wan, buyer, land_use FROM transfers WHERE parcel_code = ? ORDER BY contract_date, fid')
    .all(p.code) as { fid: number; contract_date: string | null; area_m2: number | null; price_wan: number | null; buyer: string | null; land_use: string | null }[];
  const factories = db
    .prepare('SELECT fid, code, name, floor_m2, completed_on FROM factories WHERE parcel_code = ? ORDER BY completed_on, fid')
    .all(p.code) as { fid: number; code: string | null; name: string | null; floor_m2: number | null; completed_on: string | null }[];
  return {
    fid: p.fid,
    code: p.code,
    owner: p.owner,
    town: p.town,
    address: p.address,
    landUse: p.land_use,
    tenure: p.tenure,
    perMuClass: p.per_mu_class,
    status: p.status,
    statusDone: p.status !== null && done.has(p.status),
    method: p.method,
    completedOn: p.completed_on,
    location: { centroid, bbox: bboxOf(geometry) },
    block: codeName(db, 'key_blocks', p.block_code),
    recordedBlock: p.recorded_block,
    straddles: p.straddles === null ? null : p.straddles === 1,
    zone: codeName(db, 'renewal_zones', p.zone_code),
    area: {
      computedM2: roundTo(computed, 2),
      computedMu: roundTo(m2ToMu(computed), 2),
      statedM2: stated,
      statedMu: stated === null ? null : roundTo(m2ToMu(stated), 2),
      differencePct: diffPct === null ? null : roundTo(diffPct, 2),
      flagged: diffPct !== null && Math.abs(diffPct) > AREA_FLAG_PCT,
    },
    history: parcelHistory(db, p.fid, p.code),
    transfers: transfers.map((t) => ({
      fid: t.fid,
      contractDate: t.contract_date,
      areaM2: t.area_m2,
      areaMu: t.area_m2 === null ? null : m2ToMu(t.area_m2),
      priceWan: t.price_wan,
      buyer: t.buyer,
      landUse: t.land_use,
    })),
    factories: factories.map((f) => ({ fid: f.fid, code: f.code, name: f.name, floorM2: f.floor_m2, completedOn: f.completed_on })),
    nearbyTransport: nearbyTransport(db, centroid),
  };
}
