import { z } from 'zod';
import { GoalYear, GoalsReport, IsoDate } from './goals.js';

/**
 * Schemas of the dashboard methods (issue 4 items 3 and 7): the year's goals, a monthly trend
 * against the straight-line schedule, progress by key block and transfer totals — all at one
 * as-of date — plus the parcels behind one tally figure and an export of the same numbers.
 * Areas are summed from unrounded m² and converted to mu once, at the end.
 */

/** One month of the year. Achieved values are null for months after the as-of date. */
export const DashboardMonth = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  remediatedMu: z.number().nullable(),
  transferredMu: z.number().nullable(),
  cumulativeRemediatedMu: z.number().nullable(),
  cumulativeTransferredMu: z.number().nullable(),
  /** target × (days to the month's end / days in the year); null when the year has no such goal. */
  scheduleRemediatedMu: z.number().nullable(),
  scheduleTransferredMu: z.number().nullable(),
});
export type DashboardMonth = z.infer<typeof DashboardMonth>;

export const DashboardBlock = z.object({
  code: z.string(),
  name: z.string().nullable(),
  /** Parcels in the block, whatever their status. */
  parcels: z.number().int().nonnegative(),
  /** Parcels remediated in the year up to the as-of date. */
  remediatedCount: z.number().int().nonnegative(),
  remediatedM2: z.number(),
  remediatedMu: z.number(),
  targetMu: z.number().nullable(),
  /** remediatedMu / targetMu as a fraction; null without a positive target. */
  progress: z.number().nullable(),
});
export type DashboardBlock = z.infer<typeof DashboardBlock>;

/** Parcels in no key block (or in a block code the key-block layer does not have). */
export const DashboardUnassigned = z.object({
  parcels: z.number().int().nonnegative(),
  remediatedCount: z.number().int().nonnegative(),
  remediatedM2: z.number(),
  remediatedMu: z.number(),
});
export type DashboardUnassigned = z.infer<typeof DashboardUnassigned>;

export const TransferTotal = z.object({
  /** Town, month (YYYY-MM) or land use; null = not filled in. */
  key: z.string().nullable(),
  count: z.number().int().nonnegative(),
  areaM2: z.number(),
  areaMu: z.number(),
});
export type TransferTotal = z.infer<typeof TransferTotal>;

export const TransferTotals = z.object({
  byTown: z.array(TransferTotal),
  byMonth: z.array(TransferTotal),
  byUse: z.array(TransferTotal),
  total: z.object({ count: z.number().int().nonnegative(), areaM2: z.number(), areaMu: z.number() }),
});
export type TransferTotals = z.infer<typeof TransferTotals>;

export const Dashboard = z.object({
  goals: GoalsReport,
  /** Years with goals or completed parcels, newest first (for the year select). */
  years: z.array(z.number().int()),
  monthly: z.array(DashboardMonth),
  blocks: z.array(DashboardBlock),
  unassigned: DashboardUnassigned,
  transfers: TransferTotals,
});
export type Dashboard = z.infer<typeof Dashboard>;

/** Without a year: the current one if it has goals or data, else the latest that has. Without asOf: today, clamped into the year. */
export const DashboardInput = z.object({ year: GoalYear.optional(), asOf: IsoDate.optional() }).strict();
export type DashboardInput = z.infer<typeof DashboardInput>;

export const TALLY_MEASURES = ['remediated', 'transferred'] as const;
export const TallyMeasure = z.enum(TALLY_MEASURES);
export type TallyMeasure = z.infer<typeof TallyMeasure>;

/** Remediated figures group by block|town|method|month|status; transfer figures by town|month|use. */
export const TallyParcelsBy = z.enum(['block', 'town', 'method', 'month', 'status', 'use']);
export type TallyParcelsBy = z.infer<typeof TallyParcelsBy>;

export const TallyParcelsInput = z
  .object({
    year: GoalYear,
    by: TallyParcelsBy,
    /** The figure's key; null = the unassigned / not-filled-in row. */
    key: z.string().nullable(),
    /** Without it: the whole year, exactly as `tally` counts. */
    asOf: IsoDate.optional(),
    measure: TallyMeasure.default('remediated'),
  })
  .strict();
export type TallyParcelsInput = z.infer<typeof TallyParcelsInput>;

export const TallyParcel = z.object({ fid: z.number().int(), code: z.string().nullable() });
export type TallyParcel = z.infer<typeof TallyParcel>;

export const ExportFormat = z.enum(['xlsx', 'csv']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ExportDashboardInput = z.object({ year: GoalYear, asOf: IsoDate, format: ExportFormat }).strict();
export type ExportDashboardInput = z.infer<typeof ExportDashboardInput>;

export const ExportedFile = z.object({ fileName: z.string(), mime: z.string(), base64: z.string() });
export type ExportedFile = z.infer<typeof ExportedFile>;
