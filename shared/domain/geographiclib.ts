import * as ns from 'geographiclib-geodesic';

/**
 * geographiclib-geodesic is CommonJS: Node's ESM loader exposes it only as `default`, bundlers as
 * named exports. This reads it the same way under both.
 */
const lib = (ns as unknown as { default?: typeof ns }).default ?? ns;
export const Geodesic = lib.Geodesic;
export const PolygonArea = lib.PolygonArea;
