import { z } from 'zod';
import { BBox } from './geojson.js';

/**
 * The one edit path (electron/core/edit) and what is built on its audit log: undo/redo, parcel
 * search and the parcel card with its history.
 */
export const EDIT_TABLES = ['parcels', 'transfers', 'factories'] as const;
export const EditTable = z.enum(EDIT_TABLES);
export type EditTable = z.infer<typeof EditTable>;

export const EditValue = z.union([z.string(), z.number(), z.null()]);
export type EditValue = z.infer<typeof EditValue>;

/**
 * One field of one row. The row is named by `fid`, or by `code`: the parcel code (parcels), the
 * factory code (factories) or the parcel code of its only transfer record (transfers).
 */
export const Edit = z
  .object({
    table: EditTable.default('parcels'),
    fid: z.number().int().positive().optional(),
    code: z.string().min(1).optional(),
    field: z.string().min(1),
    value: EditValue,
  })
  .strict()
  .refine((e) => (e.fid === undefined) !== (e.code === undefined), { message: 'name the row by fid or by code (exactly one)' });
export type Edit = z.input<typeof Edit>;
export type ParsedEdit = z.output<typeof Edit>;

export const ApplyEditsRequest = z
  .object({
    edits: z.array(Edit).min(1).max(200_000),
    /** Who makes the change (the audit log's actor); the signed-in user name when omitted. */
    actor: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type ApplyEditsRequest = z.input<typeof ApplyEditsRequest>;

/** One field written: old → new as stored (dates YYYY-MM-DD, numbers as numbers). */
export const FieldChange = z.object({
  table: EditTable,
  fid: z.number().int(),
  /** The parcel code (parcels, transfers) or factory code (factories) of the row. */
  code: z.string().nullable(),
  field: z.string(),
  old: EditValue,
  new: EditValue,
});
export type FieldChange = z.infer<typeof FieldChange>;

/** `batchId` is null when every edit was a no-op: nothing was written, no event, no batch. */
export const EditResult = z.object({ batchId: z.number().int().nullable(), changed: z.array(FieldChange) });
export type EditResult = z.infer<typeof EditResult>;

export const UndoRedoRequest = z.object({ actor: z.string().trim().min(1).max(100).optional() }).strict();

/**
 * `batchId` is the edit batch that was undone (or redone), null when there was nothing to undo
 * (redo); `changed` lists the fields just written back.
 */
export const UndoResult = EditResult;
export type UndoResult = EditResult;

export const SearchRequest = z
  .object({
    q: z.string().max(200),
    limit: z.number().int().min(1).max(500).default(20),
  })
  .strict();
export type SearchRequest = z.input<typeof SearchRequest>;

export const SearchHit = z.object({
  fid: z.number().int(),
  code: z.string().nullable(),
  owner: z.string().nullable(),
  town: z.string().nullable(),
  address: z.string().nullable(),
  status: z.string().nullable(),
  bbox: BBox.nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;

/** A parcel by its code, or by fid when several parcels share a code. */
export const TraceRequest = z
  .object({ code: z.string().trim().min(1).optional(), fid: z.number().int().positive().optional() })
  .strict()
  .refine((r) => (r.code === undefined) !== (r.fid === undefined), { message: 'name the parcel by code or by fid (exactly one)' });

export const HistoryEntry = z.object({
  eventId: z.number().int(),
  at: z.string(),
  actor: z.string(),
  table: z.string(),
  rowFid: z.number().int().nullable(),
  field: z.string().nullable(),
  old: z.string().nullable(),
  new: z.string().nullable(),
  batchId: z.number().int().nullable(),
  /** edit, or the undo/redo that wrote it; `other` for events not written by the edit path. */
  kind: z.enum(['edit', 'undo', 'redo', 'other']),
  /** The edit this event belongs to is currently undone. */
  undone: z.boolean(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

const CodeName = z.object({ code: z.string(), name: z.string().nullable() });

export const ParcelCard = z.object({
  fid: z.number().int(),
  code: z.string(),
  owner: z.string().nullable(),
  town: z.string().nullable(),
  address: z.string().nullable(),
  landUse: z.string().nullable(),
  tenure: z.string().nullable(),
  perMuClass: z.string().nullable(),
  status: z.string().nullable(),
  /** The status counts as remediated (a property of the status vocabulary). */
  statusDone: z.boolean(),
  method: z.string().nullable(),
  completedOn: z.string().nullable(),
  location: z.object({
    /** Area-weighted centroid [lon, lat] in degrees (EPSG:4490). */
    centroid: z.tuple([z.number(), z.number()]),
    bbox: BBox,
  }),
  /** The block the parcel lies in (largest overlap); null outside every block. */
  block: CodeName.nullable(),
  recordedBlock: z.string().nullable(),
  straddles: z.boolean().nullable(),
  zone: CodeName.nullable(),
  area: z.object({
    /** Ellipsoidal (CGCS2000) area, 0.01 m²; mu from the unrounded m², to 2 decimals. */
    computedM2: z.number(),
    computedMu: z.number(),
    statedM2: z.number().nullable(),
    statedMu: z.number().nullable(),
    /** (computed − stated) / stated × 100, 2 decimals. */
    differencePct: z.number().nullable(),
    /** The difference exceeds 0.5 % (DESIGN §4). */
    flagged: z.boolean(),
  }),
  history: z.array(HistoryEntry),
  transfers: z.array(
    z.object({
      fid: z.number().int(),
      contractDate: z.string().nullable(),
      areaM2: z.number().nullable(),
      areaMu: z.number().nullable(),
      priceWan: z.number().nullable(),
      buyer: z.string().nullable(),
      landUse: z.string().nullable(),
    }),
  ),
  factories: z.array(
    z.object({
      fid: z.number().int(),
      code: z.string().nullable(),
      name: z.string().nullable(),
      floorM2: z.number().nullable(),
      completedOn: z.string().nullable(),
    }),
  ),
  /** Transport projects within 2 km of the centroid, nearest first. */
  nearbyTransport: z.array(
    z.object({
      fid: z.number().int(),
      code: z.string().nullable(),
      name: z.string().nullable(),
      mode: z.string().nullable(),
      stage: z.string().nullable(),
      distanceM: z.number(),
    }),
  ),
});
export type ParcelCard = z.infer<typeof ParcelCard>;
