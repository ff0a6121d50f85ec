import type { Geometry } from '../../../../../shared/api/geojson.js';
import type { LonLat } from '../screen.js';

/**
 * The outline being reshaped (编辑节点), pure: always a MultiPolygon of closed rings. A vertex is
 * addressed by part, ring and index (the closing point is not a vertex of its own: moving vertex 0
 * moves it too).
 */
export type Outline = Extract<Geometry, { type: 'MultiPolygon' }>;

export interface VertexRef {
  part: number;
  ring: number;
  index: number;
}

export function toOutline(g: Geometry): Outline | null {
  if (g.type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map((q) => [q[0]!, q[1]!]))) };
  if (g.type === 'Polygon') return { type: 'MultiPolygon', coordinates: [g.coordinates.map((r) => r.map((q) => [q[0]!, q[1]!]))] };
  return null;
}

/** The ring's vertices without the closing point. */
function open(ring: readonly (readonly number[])[]): number[][] {
  const n = ring.length;
  const closed = n > 1 && ring[0]![0] === ring[n - 1]![0] && ring[0]![1] === ring[n - 1]![1];
  return (closed ? ring.slice(0, -1) : ring).map((q) => [q[0]!, q[1]!]);
}

const close = (vs: number[][]): number[][] => [...vs, [...vs[0]!]];

function mapRing(g: Outline, ref: VertexRef, fn: (vs: number[][]) => number[][] | null): Outline {
  const coordinates = g.coordinates.map((p, pi) =>
    p.map((r, ri) => {
      if (pi !== ref.part || ri !== ref.ring) return r;
      const next = fn(open(r));
      return next ? close(next) : r;
    }),
  );
  return { type: 'MultiPolygon', coordinates };
}

export function moveVertex(g: Outline, ref: VertexRef, to: LonLat): Outline {
  return mapRing(g, ref, (vs) => (ref.index < vs.length ? vs.map((v, i) => (i === ref.index ? [to[0], to[1]] : v)) : null));
}

/** Inserts a vertex after `ref.index` (on the edge from that vertex to the next). */
export function insertVertex(g: Outline, ref: VertexRef, at: LonLat): Outline {
  return mapRing(g, ref, (vs) => [...vs.slice(0, ref.index + 1), [at[0], at[1]], ...vs.slice(ref.index + 1)]);
}

/** Removes a vertex; a ring keeps at least three. */
export function removeVertex(g: Outline, ref: VertexRef): Outline {
  return mapRing(g, ref, (vs) => (vs.length > 3 ? vs.filter((_, i) => i !== ref.index) : null));
}

/** A handle drawn on the map: a vertex (drag to move, right-click to remove) or an edge's midpoint (drag to insert). */
export interface Handle {
  kind: 'vertex' | 'midpoint';
  ref: VertexRef;
  at: [number, number];
}

export function handlesOf(g: Outline): Handle[] {
  const out: Handle[] = [];
  g.coordinates.forEach((p, part) =>
    p.forEach((r, ring) => {
      const vs = open(r);
      vs.forEach((v, index) => {
        const w = vs[(index + 1) % vs.length]!;
        out.push({ kind: 'vertex', ref: { part, ring, index }, at: [v[0]!, v[1]!] });
        out.push({ kind: 'midpoint', ref: { part, ring, index }, at: [(v[0]! + w[0]!) / 2, (v[1]! + w[1]!) / 2] });
      });
    }),
  );
  return out;
}

/** A drawn sketch (clicked vertices) as a closed polygon, or null with fewer than three. */
export function sketchPolygon(vertices: readonly LonLat[]): Outline | null {
  if (vertices.length < 3) return null;
  return { type: 'MultiPolygon', coordinates: [[close(vertices.map((v) => [v[0], v[1]]))]] };
}
