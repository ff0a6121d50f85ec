import { z } from 'zod';
import { ErrorPayload } from './errors.js';
import { PropertyValue } from './geojson.js';

/** Layers a file can be imported into ("zones" on the CLI = renewal_zones). */
export const ImportLayer = z.enum(['parcels', 'key_blocks', 'renewal_zones', 'platforms', 'transport']);
export type ImportLayer = z.infer<typeof ImportLayer>;

/** Ledgers imported from spreadsheets (.xlsx, .csv), keyed by parcel / project code: no geometry. */
export const LedgerLayer = z.enum(['transfers', 'factories']);
export type LedgerLayer = z.infer<typeof LedgerLayer>;

export function isLedgerLayer(layer: unknown): layer is LedgerLayer {
  return LedgerLayer.safeParse(layer).success;
}

/** Files are uploaded first (a binary side channel, see UPLOAD_ROUTE); an upload id names the group. */
export const UploadId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'an upload id (8–64 letters, digits, - or _)');

export const ImportRequest = z
  .object({
    uploadId: UploadId,
    layer: z.union([ImportLayer, LedgerLayer]),
    encoding: z.string().min(1).max(40).nullish(),
    /** a ledger workbook's sheet to read, by name (else the best-matching one); ignored for map layers */
    sheet: z.string().min(1).max(200).nullish(),
    crs: z.string().regex(/^(EPSG:)?\d{4,5}$/i, 'EPSG:n').nullish(),
    map: z.record(z.string(), z.string().nullable()).optional(),
    onInvalid: z.enum(['reject', 'skip', 'repair']).default('reject'),
  })
  .strict();
export type ImportRequest = z.input<typeof ImportRequest>;

const Issue = z.object({ code: z.string(), reason: z.string(), reasonZh: z.string() });
export const InvalidFeature = z.object({
  index: z.number().int(),
  code: z.string().nullable(),
  issues: z.array(Issue),
  action: z.enum(['rejected', 'skipped', 'repaired', 'reported']),
});
export const AreaMismatch = z.object({
  index: z.number().int().optional(),
  code: z.string().nullable(),
  statedM2: z.number(),
  computedM2: z.number(),
  diffPct: z.number(),
});
export const ImportWarning = z.object({
  code: z.string(),
  message: z.string(),
  messageZh: z.string(),
  count: z.number().int(),
  indices: z.array(z.number().int()),
});

const Decisions = {
  file: z.string(),
  layer: ImportLayer,
  encoding: z.string().nullable(),
  encodingSource: z.string().nullable(),
  encodingEvidence: z.string().nullable(),
  crs: z.string(),
  crsEvidence: z.string(),
  mapping: z.record(z.string(), z.string()),
  areaM2: z.number(),
  areaMu: z.number(),
  invalid: z.array(InvalidFeature),
  areaMismatches: z.array(AreaMismatch),
  warnings: z.array(ImportWarning),
};

/** What the wizard shows before committing (a dry run: nothing is written to the project). */
export const ImportPreview = z.object({
  ...Decisions,
  features: z.number().int(),
  valid: z.number().int(),
  fields: z.array(z.string()),
  unmapped: z.array(z.string()),
  sampleRows: z.array(z.record(z.string(), PropertyValue)),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportReport = z.object({
  ...Decisions,
  imported: z.number().int(),
  assignment: z
    .object({
      assigned: z.number().int(),
      inBlock: z.number().int(),
      inZone: z.number().int(),
      straddling: z.array(z.string()),
      blockDisagreements: z.array(z.object({ fid: z.number().int(), code: z.string().nullable(), recorded: z.string().nullable(), spatial: z.string().nullable() })),
    })
    .nullable(),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** A ledger row that cannot be imported: its spreadsheet row number and each problem's column and value. */
export const LedgerInvalidRow = z.object({
  row: z.number().int(),
  key: z.string().nullable(),
  issues: z.array(z.object({ code: z.string(), column: z.string().nullable(), value: z.string().nullable(), reason: z.string(), reasonZh: z.string() })),
  action: z.enum(['rejected', 'skipped', 'reported']),
});
export type LedgerInvalidRow = z.infer<typeof LedgerInvalidRow>;
/** A row whose parcel code is not in the parcels layer: never dropped silently. */
export const UnknownParcelCode = z.object({ row: z.number().int(), code: z.string(), action: z.enum(['rejected', 'skipped', 'reported']) });
export type UnknownParcelCode = z.infer<typeof UnknownParcelCode>;

const LedgerDecisions = {
  kind: z.literal('ledger'),
  file: z.string(),
  layer: LedgerLayer,
  format: z.enum(['xlsx', 'csv']),
  /** the sheet read (.xlsx), null for a CSV */
  sheet: z.string().nullable(),
  /** .xlsx: every sheet that can be read (visible, with data), in workbook order; null for a CSV */
  sheets: z.array(z.string()).nullable(),
  /** .xlsx: 'user' = the sheet asked for, 'auto' = the one whose header the ledger recognises best */
  sheetSource: z.enum(['auto', 'user']).nullable(),
  /** spreadsheet row number of the header (title rows above it are skipped) */
  headerRow: z.number().int(),
  /** data rows read (blank rows, total and note rows are not counted) */
  rows: z.number().int(),
  encoding: z.string().nullable(),
  encodingSource: z.string().nullable(),
  encodingEvidence: z.string().nullable(),
  mapping: z.record(z.string(), z.string()),
  /** transfers: unrounded sum of the accepted rows' areas */
  areaM2: z.number().optional(),
  areaMu: z.number().optional(),
  /** factories: sum of the accepted rows' floor areas */
  floorM2: z.number().optional(),
  invalid: z.array(LedgerInvalidRow),
  unknownCodes: z.array(UnknownParcelCode),
  warnings: z.array(ImportWarning),
};

/** Dry run of a ledger: nothing is written. Parcel codes are checked when a project is at hand. */
export const LedgerPreview = z.object({
  ...LedgerDecisions,
  valid: z.number().int(),
  fields: z.array(z.string()),
  unmapped: z.array(z.string()),
  evidence: z.array(z.object({ source: z.string(), target: z.string().nullable(), rule: z.string(), noteZh: z.string().optional(), noteEn: z.string().optional(), assumption: z.boolean().optional() })),
  sampleRows: z.array(z.record(z.string(), PropertyValue)),
  parcelCodesChecked: z.boolean(),
});
export type LedgerPreview = z.infer<typeof LedgerPreview>;

/** Re-importing a ledger updates the records with the same key (parcel code / project code). */
export const LedgerReport = z.object({
  ...LedgerDecisions,
  imported: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
});
export type LedgerReport = z.infer<typeof LedgerReport>;

export const ImportFinished = z.object({
  taskId: z.string(),
  ok: z.boolean(),
  report: z.union([ImportReport, LedgerReport]).optional(),
  error: ErrorPayload.optional(),
});
export type ImportFinished = z.infer<typeof ImportFinished>;

/** Binary side channel for file bytes: `PUT /api/upload?uploadId=…&name=…` (browser) or IPC. */
export const UPLOAD_ROUTE = '/api/upload';
export const IPC_UPLOAD_CHANNEL = 'planner:upload';
export const UploadResult = z.object({ uploadId: UploadId, files: z.array(z.string()) });
export type UploadResult = z.infer<typeof UploadResult>;
/** File names accepted for upload: the parts of a shapefile, a zip, GeoJSON, or a ledger (.xlsx, .csv). */
export const UPLOAD_NAME = /^[^\p{Cc}/\\:*?"<>|]{1,200}\.(shp|shx|dbf|prj|cpg|zip|geojson|json|xlsx|csv)$/iu;
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

export const TallyBy = z.enum(['block', 'town', 'method', 'month', 'status']);
export const TallyResult = z.object({
  year: z.number().int(),
  by: TallyBy,
  rows: z.array(z.object({ key: z.string().nullable(), label: z.string().nullable(), count: z.number().int(), areaM2: z.number(), areaMu: z.number() })),
  total: z.object({ count: z.number().int(), areaM2: z.number(), areaMu: z.number() }),
});
export type TallyResult = z.infer<typeof TallyResult>;

export const QualityReport = z.object({
  blockDisagreements: z.array(z.object({ code: z.string().nullable(), recorded: z.string().nullable(), spatial: z.string().nullable() })),
  straddling: z.array(z.string().nullable()),
  areaMismatches: z.array(AreaMismatch),
  invalid: z.array(z.object({ code: z.string().nullable(), fid: z.number().int(), issues: z.array(Issue) })),
});
export type QualityReport = z.infer<typeof QualityReport>;
