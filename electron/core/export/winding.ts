import type { Geometry } from '../../../shared/api/geojson.js';
import { ringInfo } from '../import/readers/rings.js';

type Pos = readonly number[];

function closed(ring: readonly Pos[]): Pos[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!first || !last || (first[0] === last[0] && first[1] === last[1])) return [...ring];
  return [...ring, first];
}

/** A closed copy of `ring` wound clockwise (signed area < 0, x east, y north) or counter-clockwise. */
export function orientRing(ring: readonly Pos[], clockwise: boolean): Pos[] {
  const r = closed(ring);
  const area = ringInfo(r as number[][]).area;
  return area === 0 || area < 0 === clockwise ? r : r.reverse();
}

/**
 * A polygon's rings with the shell wound one way and the holes the other: shells clockwise for a
 * shapefile (ESRI spec), counter-clockwise for GeoJSON (RFC 7946 §3.1.6, the right-hand rule).
 */
export function orientPolygon(rings: readonly (readonly Pos[])[], shellClockwise: boolean): Pos[][] {
  return rings.filter((r) => r.length > 0).map((r, i) => orientRing(r, i === 0 ? shellClockwise : !shellClockwise));
}

export function polygonsOf(g: Geometry): readonly (readonly (readonly Pos[])[])[] {
  return g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
}

/** GeoJSON geometry with RFC 7946 winding (shells counter-clockwise, holes clockwise); other types as they are. */
export function rfc7946Winding(g: Geometry): Geometry {
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: orientPolygon(g.coordinates, false) as number[][][] };
  if (g.type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => orientPolygon(p, false) as number[][][]) };
  return g;
}
