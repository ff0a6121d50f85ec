import { z } from 'zod';
import { GOAL_COLOR_SCHEMES } from '../domain/goal-colors.js';
import { GOAL_STATUSES, isIsoDate } from '../domain/goals.js';

/** Schemas of the goals methods (DESIGN §4): a year's goals, measured at an as-of date. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine(isIsoDate, 'a real calendar date');

export const GoalYear = z.number().int().min(1900).max(2100);

/** Goal keys are identifiers (user-defined goals are measured from entries with the same key). */
export const GoalKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'letters, digits and _ (starting with a letter)');

export const GoalStatus = z.enum(GOAL_STATUSES);
export const GoalColorScheme = z.enum(GOAL_COLOR_SCHEMES);

export const GoalLegendItem = z.object({
  status: GoalStatus,
  color: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
});

export const GoalProgress = z.object({
  key: z.string(),
  label: z.string(),
  labelEn: z.string().nullable(),
  target: z.number(),
  unit: z.string(),
  /** Unrounded, in the goal's unit. */
  achieved: z.number(),
  /** achieved / target as a fraction (0.58, not 58). */
  progress: z.number(),
  status: GoalStatus,
  color: z.string(),
  /** Dated entries left out because their unit cannot be converted to the goal's. */
  excludedEntries: z.number().int().nonnegative(),
});
export type GoalProgress = z.infer<typeof GoalProgress>;

export const GoalsReport = z.object({
  year: z.number().int(),
  asOf: z.string(),
  /** Days elapsed including the as-of day / days in the year, as a fraction. */
  timeProgress: z.number(),
  goals: z.array(GoalProgress),
  /** The 全年红 summary: goals met or on track, of all goals. */
  summary: z.object({ metOrOnTrack: z.number().int(), total: z.number().int() }),
  scheme: GoalColorScheme,
  thresholds: z.object({ behindPoints: z.number() }),
  legend: z.array(GoalLegendItem),
});
export type GoalsReport = z.infer<typeof GoalsReport>;

export const GoalsInput = z.object({ year: GoalYear, asOf: IsoDate.optional() }).strict();
export type GoalsInput = z.infer<typeof GoalsInput>;

const Text = z.string().trim().min(1).max(100);

export const GoalSetInput = z
  .object({
    year: GoalYear,
    key: GoalKey,
    target: z.number().positive().max(1e15),
    unit: z.string().trim().min(1).max(20).optional(),
    label: Text.optional(),
    labelEn: Text.optional(),
  })
  .strict();
export type GoalSetInput = z.infer<typeof GoalSetInput>;

export const GoalDefinition = z.object({
  year: z.number().int(),
  key: z.string(),
  label: z.string(),
  labelEn: z.string().nullable(),
  target: z.number(),
  unit: z.string(),
});
export type GoalDefinition = z.infer<typeof GoalDefinition>;

export const GoalSetResult = z.object({ goal: GoalDefinition, created: z.boolean() });
export type GoalSetResult = z.infer<typeof GoalSetResult>;
