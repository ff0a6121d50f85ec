import { z } from 'zod';
import { EditValue, FieldChange } from './edit.js';
import { Geometry, Position } from './geojson.js';

/**
 * Geometry editing of parcels (issue 5 item 5) through the one edit path: draw a parcel, replace
 * (move vertices of) one, split one by a line, merge several, delete. Every operation is written as
 * one undoable batch of audit events (electron/core/edit/geometry*.ts); areas are ellipsoidal,
 * block and zone are assigned again, and the result must be a valid polygon or nothing is written.
 *
 * The audit log's fields for geometry (events.field):
 *  - `geom`: the GeoPackage geometry blob, old → new, as hexadecimal text (undo restores it byte for byte);
 *  - `@row`: a parcel created (old empty → the row as JSON) or deleted (the row as JSON → empty);
 *  - `@merged_from`, `@split_into`, `@split_from`: lineage notes (parcel codes), written nothing back by undo.
 * area_m2, block_code, zone_code, straddles and stated_area_m2 follow as ordinary field events.
 */
export const GEOMETRY_FIELD = 'geom';
export const ROW_FIELD = '@row';
export const LINEAGE_FIELDS = ['@merged_from', '@split_into', '@split_from'] as const;
export type LineageField = (typeof LINEAGE_FIELDS)[number];

/** A parcel by code (must be unique) or by fid. */
export const ParcelRef = z
  .object({ code: z.string().trim().min(1).optional(), fid: z.number().int().positive().optional() })
  .strict()
  .refine((r) => (r.code === undefined) !== (r.fid === undefined), { message: 'name the parcel by code or by fid (exactly one)' });
export type ParcelRef = z.input<typeof ParcelRef>;

export const PolygonalGeometry = Geometry.refine((g) => g.type === 'Polygon' || g.type === 'MultiPolygon', { message: 'a Polygon or MultiPolygon' });

const MAX_PARCELS = 1000;

export const GeometryOperation = z.discriminatedUnion('op', [
  /** New outline for a parcel (vertices moved, added, removed). */
  z.object({ op: z.literal('replace'), parcel: ParcelRef, geometry: PolygonalGeometry }).strict(),
  /** A new parcel: `values` holds code (required, unique) and any editable field (owner, status, town …). */
  z.object({ op: z.literal('create'), geometry: PolygonalGeometry, values: z.record(z.string(), EditValue) }).strict(),
  z.object({ op: z.literal('delete'), parcels: z.array(ParcelRef).min(1).max(MAX_PARCELS) }).strict(),
  /**
   * Cuts a parcel along a line drawn across it. The largest piece keeps the parcel (fid, code,
   * attributes); the others become new parcels with the same attributes and the codes given
   * (default CODE-2, CODE-3 …).
   */
  z.object({ op: z.literal('split'), parcel: ParcelRef, line: z.array(Position).min(2).max(10_000), codes: z.array(z.string().trim().min(1)).optional() }).strict(),
  /** Unites parcels sharing edges (or overlapping): the first keeps its fid, code and attributes, the others are deleted. */
  z.object({ op: z.literal('merge'), parcels: z.array(ParcelRef).min(2).max(MAX_PARCELS) }).strict(),
]);
export type GeometryOperation = z.input<typeof GeometryOperation>;
export type GeometryOp = GeometryOperation['op'];

export const EditGeometryRequest = z
  .object({
    operation: GeometryOperation,
    actor: z.string().trim().min(1).max(100).optional(),
    /** Check and compute everything, write nothing (the preview before 保存). */
    dryRun: z.boolean().default(false),
  })
  .strict();
export type EditGeometryRequest = z.input<typeof EditGeometryRequest>;

export const GeometryEditParcel = z.object({
  fid: z.number().int(),
  code: z.string().nullable(),
  action: z.enum(['updated', 'created', 'deleted']),
  /** Ellipsoidal (CGCS2000) area after the edit, m² unrounded; for a deleted parcel its area before. */
  areaM2: z.number(),
  blockCode: z.string().nullable(),
  zoneCode: z.string().nullable(),
  straddles: z.boolean().nullable(),
  /** The new outline (null for a deleted parcel). */
  geometry: Geometry.nullable(),
});
export type GeometryEditParcel = z.infer<typeof GeometryEditParcel>;

export const GeometryEditResult = z.object({
  op: z.enum(['replace', 'create', 'delete', 'split', 'merge']),
  /** The edit batch (undo with `undo`); null for a dry run or when nothing changed. */
  batchId: z.number().int().nullable(),
  dryRun: z.boolean(),
  parcels: z.array(GeometryEditParcel),
  /** Σ area of the parcels the operation replaced or deleted, before it (m², unrounded). */
  beforeM2: z.number(),
  /** Σ area of the parcels it left (updated and created), after it. */
  afterM2: z.number(),
  /** merge: area the parcels had in common (counted twice before), ≈ 0 for neighbours. */
  overlapM2: z.number().nullable(),
  /** Every field written, as the edit path reports it (geometry as blob hex, rows as JSON). */
  changed: z.array(FieldChange),
});
export type GeometryEditResult = z.infer<typeof GeometryEditResult>;

export const ParcelGeometryRequest = z.object({ fid: z.number().int().positive() }).strict();

/** One parcel's outline for editing its vertices (the map holds parcels only as tiles). */
export const ParcelGeometry = z.object({
  fid: z.number().int(),
  code: z.string().nullable(),
  geometry: Geometry,
  areaM2: z.number(),
});
export type ParcelGeometry = z.infer<typeof ParcelGeometry>;
