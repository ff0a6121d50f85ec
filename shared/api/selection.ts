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
