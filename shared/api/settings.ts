import { z } from 'zod';
import { Basemap } from './basemap.js';
import { MapPanelState } from './map-panel.js';

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

/** The basemap (offline `none`, a network XYZ/WMTS source, or a local MBTiles/PMTiles file): basemap.ts. */
export { Basemap } from './basemap.js';

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
  /** Printed on map briefings: the bureau's name in the header, the city's name for the city page and file names. */
  briefing: z.object({ bureau: z.string().trim().max(60), city: z.string().trim().min(1).max(30) }),
  /** The layer panel as the user left it (visibility, opacity, order, parcel styling and filters). */
  mapPanel: MapPanelState.optional().catch(undefined),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = Settings.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;
