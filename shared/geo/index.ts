export * from './crs.js';
export * from './proj-defs.js';
export * from './reproject.js';
export { TransverseMercator } from './tmerc.js';
export type { TmercParams } from './tmerc.js';
export { parseWkt, WktSyntaxError } from './wkt.js';
export type { WktNode, WktValue } from './wkt.js';
