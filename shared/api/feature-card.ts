import { z } from 'zod';
import { BBox, PropertyValue } from './geojson.js';
import { GoalYear } from './goals.js';
import { LayerId } from './layers.js';

/**
 * The card of a map feature other than a parcel (key block, renewal zone, platform, transport
 * project, major project), with figures computed by the core so they do not depend on which
 * parcels the renderer holds (issue 5 item 3). Areas are summed from unrounded m² and converted
 * to mu once (DESIGN §4).
 */

export const FeatureCardInput = z
  .object({
    layer: LayerId,
    fid: z.number().int(),
    /** The year remediated parcels are counted in; default: as the dashboard picks it. */
    year: GoalYear.optional(),
  })
  .strict();
export type FeatureCardInput = z.input<typeof FeatureCardInput>;

/** One parcel of the feature, with its box for flying to it. */
export const CardParcel = z.object({
  fid: z.number().int(),
  code: z.string().nullable(),
  owner: z.string().nullable(),
  status: z.string().nullable(),
  areaM2: z.number(),
  bbox: BBox.nullable(),
});
export type CardParcel = z.infer<typeof CardParcel>;

/**
 * How the feature's parcels were found: `block_code` / `zone_code` — the parcel's assigned block or
 * zone (largest overlap, as the tally counts); `overlap` — parcels overlapping the feature by more
 * than 0.01 m² (platforms have no assignment column).
 */
export const CardParcelRule = z.enum(['block_code', 'zone_code', 'overlap']);
export type CardParcelRule = z.infer<typeof CardParcelRule>;

export const CardParcelFigures = z.object({
  rule: CardParcelRule,
  year: GoalYear,
  count: z.number().int().nonnegative(),
  areaM2: z.number(),
  areaMu: z.number(),
  /** Parcels in a "done" status completed in `year` (counted as the tally counts them). */
  remediatedCount: z.number().int().nonnegative(),
  remediatedM2: z.number(),
  remediatedMu: z.number(),
  /** Key blocks: the block's target (亩) and remediatedMu / targetMu; null elsewhere or without a positive target. */
  targetMu: z.number().nullable(),
  progress: z.number().nullable(),
});
export type CardParcelFigures = z.infer<typeof CardParcelFigures>;

export const FeatureCard = z.object({
  layer: LayerId,
  fid: z.number().int(),
  code: z.string().nullable(),
  name: z.string().nullable(),
  /** The stored attributes except geometry, code, name and the verbatim source JSON. */
  attributes: z.record(z.string(), PropertyValue),
  bbox: BBox.nullable(),
  /** Polygons: ellipsoidal area on CGCS2000 (m², unrounded) and in mu; null for lines and points. */
  areaM2: z.number().nullable(),
  areaMu: z.number().nullable(),
  /** Lines: geodesic length on CGCS2000 (m); null otherwise. */
  lengthM: z.number().nullable(),
  /** Blocks, zones and platforms: their parcels' figures; null for other layers. */
  parcels: CardParcelFigures.nullable(),
  /** The parcels themselves, by code (empty for other layers). */
  parcelList: z.array(CardParcel),
});
export type FeatureCard = z.infer<typeof FeatureCard>;
