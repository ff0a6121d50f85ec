import { z } from 'zod';

/** GeoJSON (RFC 7946) as it crosses the bridges: lon/lat in degrees, EPSG:4490 ≈ WGS84 for display. */
export const Position = z.array(z.number().finite()).min(2).max(3);
const LinearRing = z.array(Position).min(4);

export const Geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: Position }),
  z.object({ type: z.literal('MultiPoint'), coordinates: z.array(Position) }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(Position).min(2) }),
  z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(Position).min(2)) }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(LinearRing).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(LinearRing).min(1)) }),
]);
export type Geometry = z.infer<typeof Geometry>;

export const PropertyValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type PropertyValue = z.infer<typeof PropertyValue>;

export const Feature = z.object({
  type: z.literal('Feature'),
  id: z.number().int(),
  geometry: Geometry,
  properties: z.record(z.string(), PropertyValue),
});
export type Feature = z.infer<typeof Feature>;

export const FeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(Feature),
});
export type FeatureCollection = z.infer<typeof FeatureCollection>;

/** [minLon, minLat, maxLon, maxLat] in degrees. */
export const BBox = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type BBox = z.infer<typeof BBox>;
