import * as ns from 'geographiclib-geodesic';

/**
 * geographiclib-geodesic is CommonJS: Node's ESM loader exposes it only as `default`, bundlers as
 * named exports. This reads it the same way under both.
 */
const lib = (ns as unknown as { default?: typeof ns }).default ?? ns;
export const Geodesic = lib.Geodesic;
export const PolygonArea = lib.PolygonArea;
/** At run time the Accumulator class sits one level down (`Accumulator.Accumulator`); the typings flatten it. */
export const Accumulator = (lib.Accumulator as unknown as { Accumulator: typeof lib.Accumulator }).Accumulator;
