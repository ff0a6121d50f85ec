/**
 * The assignment rule for one parcel (issue 3 §6), usable without a database round trip: the
 * import pipeline can assign parcels while it has their geometry in memory, and assign.ts runs it
 * over a project's parcels when blocks or zones are (re)imported.
 *  - block: the key block holding the largest part of the parcel's area (ellipsoidal m² of the
 *    exact overlap); ties (within TIE_M2) go to the lower code. zone: likewise over renewal zones.
 *  - An overlap counts only above MIN_OVERLAP_M2 (0.01 m², the per-parcel reporting precision), so
 *    a parcel that merely touches a block along a shared edge is not "in" it.
 *  - straddles: the parcel lies in a block but less than STRADDLE_SHARE (99.9 %) of its area is in
 *    that block, i.e. more than 0.1 % lies in another block or in no block. This one rule covers
 *    "overlaps more than one block" and "partly outside its block"; slivers under 0.1 % (corners
 *    poking over a boundary by digitising noise) do not count.
 */
import type Database from 'better-sqlite3';
import type { Geometry } from '../../../shared/api/geojson.js';
import { decodeGpkgBlob } from '../gpkg/blob.js';
import { LONLAT_TOLERANCE, overlapM2, prepareParcel, prepareRegion, type OverlapMethod, type PreparedParcel, type PreparedRegion } from './overlap.js';
import { boxesMeet, type Box } from './region.js';

export const MIN_OVERLAP_M2 = 0.01;
export const STRADDLE_SHARE = 0.999;
export const TIE_M2 = 1e-6;

export interface ParcelAssignment {
  blockCode: string | null;
  zoneCode: string | null;
  straddles: boolean;
  /** Share of the parcel's area in its block (0 when in none). */
  blockShare: number;
}

export const UNASSIGNED: ParcelAssignment = { blockCode: null, zoneCode: null, straddles: false, blockShare: 0 };

/** A block or zone as stored; plain data, so an import worker can be sent them. */
export interface RegionRow {
  fid: number;
  code: string | null;
  name: string | null;
  geom: Uint8Array | null;
}

/** The blocks and zones an assigner is made from (ParcelAssigner.fromRows). */
export interface AssignerRows {
  blocks: RegionRow[];
  zones: RegionRow[];
}

/** The stored blocks (or zones), in code order (for the tie rule). */
export function readRegionRows(db: Database.Database, table: 'key_blocks' | 'renewal_zones'): RegionRow[] {
  return db.prepare(`SELECT fid, code, name, geom FROM "${table}" ORDER BY code, fid`).all() as RegionRow[];
}

export function readAssignerRows(db: Database.Database): AssignerRows {
  return { blocks: readRegionRows(db, 'key_blocks'), zones: readRegionRows(db, 'renewal_zones') };
}

/** Decodes and prepares every block (or zone) once, in code order (for the tie rule). */
export function loadRegions(db: Database.Database, table: 'key_blocks' | 'renewal_zones'): PreparedRegion[] {
  return prepareRegions(readRegionRows(db, table));
}

function prepareRegions(rows: readonly RegionRow[]): PreparedRegion[] {
  const out: PreparedRegion[] = [];
  for (const r of rows) {
    if (!r.geom) continue;
    const prepared = prepareRegion(r.fid, r.code ?? `#${r.fid}`, r.name, decodeGpkgBlob(r.geom));
    if (prepared) out.push(prepared);
  }
  return out;
}

const norm = (s: string | null | undefined): string => (s ?? '').normalize('NFKC').trim().toUpperCase();

interface Best {
  region: PreparedRegion | null;
  areaM2: number;
}

export class ParcelAssigner {
  /** How overlaps were decided (exact = boundary integration of the intersection). */
  readonly methods: Record<OverlapMethod, number> = { disjoint: 0, inside: 0, parts: 0, exact: 0 };
  private readonly byCode = new Map<string, PreparedRegion>();

  constructor(
    readonly blocks: readonly PreparedRegion[],
    readonly zones: readonly PreparedRegion[],
  ) {
    for (const b of blocks) this.byCode.set(b.code, b);
  }

  static fromDb(db: Database.Database): ParcelAssigner {
    return ParcelAssigner.fromRows(readAssignerRows(db));
  }

  static fromRows(rows: AssignerRows): ParcelAssigner {
    return new ParcelAssigner(prepareRegions(rows.blocks), prepareRegions(rows.zones));
  }

  /** Whether any block or zone box meets this box (if not, the parcel is unassigned undecoded). */
  mayOverlap(box: Box): boolean {
    return this.blocks.some((r) => boxesMeet(r.box, box)) || this.zones.some((r) => boxesMeet(r.box, box));
  }

  /** Assigns one parcel (lon/lat polygon or multipolygon); null when it has no usable polygon. */
  assign(geometry: Geometry, areaM2?: number | null): ParcelAssignment | null {
    const parcel = prepareParcel(geometry, areaM2);
    if (!parcel) return null;
    const block = this.largest(parcel, this.blocks);
    const zone = this.largest(parcel, this.zones);
    const area = block.region ? parcel.area() : 0;
    const blockShare = area > 0 ? Math.min(1, block.areaM2 / area) : 0;
    return {
      blockCode: block.region?.code ?? null,
      zoneCode: zone.region?.code ?? null,
      straddles: block.region !== null && blockShare < STRADDLE_SHARE,
      blockShare,
    };
  }

  /**
   * Whether a recorded block agrees with the spatial one: both none, or the recorded value is the
   * block's code or name (trimmed, full-width folded, case-insensitive).
   */
  recordedAgrees(recorded: string | null, blockCode: string | null): boolean {
    const rec = norm(recorded);
    if (blockCode === null) return rec === '';
    const block = this.byCode.get(blockCode);
    return rec !== '' && (rec === norm(blockCode) || (block?.name != null && rec === norm(block.name)));
  }

  private largest(parcel: PreparedParcel, regions: readonly PreparedRegion[]): Best {
    let best: Best = { region: null, areaM2: 0 };
    for (const r of regions) {
      if (!boxesMeet(r.box, parcel.box)) continue;
      const o = overlapM2(parcel, r, LONLAT_TOLERANCE);
      this.methods[o.method]++;
      if (o.areaM2 <= MIN_OVERLAP_M2) continue;
      // Regions are in code order: a later one wins only when clearly larger.
      if (!best.region || o.areaM2 > best.areaM2 + TIE_M2) best = { region: r, areaM2: o.areaM2 };
    }
    return best;
  }
}
