import { z } from 'zod';

/**
 * Selecting parcels by a shape drawn on the map (issue 5 item 3: box and lasso selection). The
 * renderer may preview with what it has drawn, but the answer that counts comes from the core:
 * the project's R-tree picks the candidates and each one is tested exactly against the shape
 * (planar in lon/lat, as SpatiaLite's ST_Intersects / ST_Within on EPSG:4490 geometries).
 */

/** A lon/lat vertex [lon, lat] in degrees (EPSG:4490). */
const LonLat = z.tuple([z.number().finite().min(-180).max(180), z.number().finite().min(-90).max(90)]);

/**
 * `intersects`: the parcel and the shape share at least one point (touching counts, as in QGIS's
 * "select features" and ST_Intersects). `within`: the parcel lies wholly inside the shape
 * (its boundary may touch the shape's; ST_Within).
 */
export const SelectPredicate = z.enum(['intersects', 'within']);
export type SelectPredicate = z.infer<typeof SelectPredicate>;

export const ParcelsInPolygonInput = z
  .object({
    /**
     * The shape's ring, open or closed, at least three distinct vertices. A self-crossing ring (a
     * freehand lasso that crosses itself) is read with the even-odd rule.
     */
    ring: z.array(LonLat).min(3).max(20_000),
    predicate: SelectPredicate.default('intersects'),
  })
  .strict();
export type ParcelsInPolygonInput = z.input<typeof ParcelsInPolygonInput>;

export const ParcelsInPolygonResult = z.object({
  /** The selected parcels' fids, ascending. */
  fids: z.array(z.number().int()),
});
export type ParcelsInPolygonResult = z.infer<typeof ParcelsInPolygonResult>;

/**
 * A parcel selection's figures for its card (a box or lasso can select tens of thousands of
 * parcels at 100,000): the count and the area of every selected parcel, summed by the core from
 * unrounded m², and the rows of only the first `limit` parcels, so neither the answer nor the list
 * grows with the selection.
 */
export const SELECTION_LIST_LIMIT = 200;

export const SelectionSummaryInput = z
  .object({
    /** The selected parcels, in the selection's order (repeats count once). */
    fids: z.array(z.number().int().positive()).max(200_000),
    /** Rows returned, for the first fids of the selection (the totals always cover every fid). */
    limit: z.number().int().min(0).max(2000).default(SELECTION_LIST_LIMIT),
  })
  .strict();
export type SelectionSummaryInput = z.input<typeof SelectionSummaryInput>;

export const SelectionRow = z.object({
  fid: z.number().int(),
  code: z.string().nullable(),
  status: z.string().nullable(),
  areaM2: z.number().nullable(),
});
export type SelectionRow = z.infer<typeof SelectionRow>;

export const SelectionSummary = z.object({
  /** Selected parcels that exist (a fid deleted meanwhile is not counted). */
  count: z.number().int().nonnegative(),
  /** Their ellipsoidal area (CGCS2000), summed from the unrounded m² of every one. */
  areaM2: z.number().nonnegative(),
  /** areaM2 in mu (亩), converted once from the unrounded sum. */
  areaMu: z.number().nonnegative(),
  /** The existing parcels among the first `limit` fids, in the selection's order. */
  rows: z.array(SelectionRow),
});
export type SelectionSummary = z.infer<typeof SelectionSummary>;
