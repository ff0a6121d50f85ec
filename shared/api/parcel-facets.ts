import { z } from 'zod';

/**
 * The parcels grouped by every value the layer panel filters and colours by (one row per distinct
 * combination, with its count and area). The panel lists filter values and the legend counts the
 * filtered set from it without holding the parcels themselves (they may reach the map as tiles).
 * Values are compared as LayerFilter does: trimmed, blank → null; the year is completed_on's.
 */
export const ParcelFacetRow = z.object({
  status: z.string().nullable(),
  town: z.string().nullable(),
  method: z.string().nullable(),
  /** block_code: the key block the parcel lies in (largest overlap). */
  block: z.string().nullable(),
  completedYear: z.number().int().nullable(),
  /** 亩均 class (A/B/C/D). */
  perMu: z.string().nullable(),
  count: z.number().int().positive(),
  /** Σ unrounded ellipsoidal area (m²). */
  areaM2: z.number(),
});
export type ParcelFacetRow = z.infer<typeof ParcelFacetRow>;

export const ParcelFacets = z.object({
  rows: z.array(ParcelFacetRow),
  /** All parcels (Σ count). */
  total: z.number().int().nonnegative(),
});
export type ParcelFacets = z.infer<typeof ParcelFacets>;

export const ParcelFacetsInput = z.object({}).strict();
