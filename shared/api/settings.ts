import { z } from 'zod';

export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;

const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb');

/** A remediation status; `done` marks the status whose parcels count as remediated (DESIGN §4). */
export const StatusDef = z.object({
  value: z.string().min(1),
  labelEn: z.string().min(1),
  done: z.boolean(),
  color: Color,
});
export type StatusDef = z.infer<typeof StatusDef>;

export const VocabEntry = z.object({ value: z.string().min(1), labelEn: z.string().min(1) });
export type VocabEntry = z.infer<typeof VocabEntry>;

export const Basemap = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('xyz'), url: z.string().url(), attribution: z.string().default('') }),
]);
export type Basemap = z.infer<typeof Basemap>;

export const Settings = z.object({
  locale: Locale,
  statuses: z.array(StatusDef).min(1),
  methods: z.array(VocabEntry),
  stages: z.array(VocabEntry),
  basemap: Basemap,
  /** Goal colours: a traffic light, or the plan's 全年红 convention where red marks success. */
  goalColors: z.enum(['traffic', 'quannianhong']),
  /** Goal status thresholds (DESIGN §4): up to `behindPoints` below time progress is "behind", more is "far behind". */
  goalThresholds: z.object({ behindPoints: z.number().min(0).max(1) }),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = Settings.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;
