/**
 * The planar graph of a split (split.ts): nodes snapped within a tolerance, edges from the polygon's
 * rings (oriented with the interior on their left) and from the cut line, and its faces.
 */
import { samePoint, signedArea2 } from './planar.js';

export interface Node {
  id: number;
  x: number;
  y: number;
}

/** Nodes by exact coordinates, or within the tolerance of one already made (snapping). */
export class Nodes {
  readonly list: Node[] = [];
  private readonly exact = new Map<string, Node>();
  constructor(private readonly tol: number) {}

  at(x: number, y: number, snap: boolean): Node {
    const key = `${x},${y}`;
    const found = this.exact.get(key);
    if (found) return found;
    if (snap) for (const n of this.list) if (samePoint(n.x, n.y, x, y, this.tol)) return n;
    const n = { id: this.list.length, x, y };
    this.list.push(n);
    this.exact.set(key, n);
    return n;
  }
}

export interface Edge {
  a: Node;
  b: Node;
  /** A ring edge, a→b with the polygon's interior on its left; false for a piece of the line. */
  ring: boolean;
  alive: boolean;
}

interface HalfEdge {
  edge: Edge;
  from: Node;
  to: Node;
  angle: number;
}

export interface Face {
  nodes: Node[];
  /** A ring edge walked forwards (interior on the left): the face lies inside the polygon. */
  interior: boolean;
  /** The face is bounded by a piece of the line. */
  cut: boolean;
  area2: number;
}

/**
 * The faces of the graph: each half-edge's successor is the next one clockwise around its end node,
 * so bounded faces come out counter-clockwise with the face on the left. A line piece whose two
 * sides lie in the same face divides nothing (a cut from the shell into a hole, or a dead end) and
 * is removed before walking again. Null when no line piece is left.
 */
export function walkFaces(edges: Edge[]): Face[] | null {
  for (;;) {
    pruneDangling(edges);
    if (!edges.some((e) => e.alive && !e.ring)) return null;
    const out = new Map<number, HalfEdge[]>();
    const halves: HalfEdge[] = [];
    for (const e of edges) {
      if (!e.alive) continue;
      for (const [from, to] of [[e.a, e.b], [e.b, e.a]] as const) {
        const h = { edge: e, from, to, angle: Math.atan2(to.y - from.y, to.x - from.x) };
        halves.push(h);
        const list = out.get(from.id) ?? [];
        list.push(h);
        out.set(from.id, list);
      }
    }
    for (const list of out.values()) list.sort((p, q) => p.angle - q.angle);
    const visited = new Set<HalfEdge>();
    const faces: Face[] = [];
    const useless = new Set<Edge>();
    for (const start of halves) {
      if (visited.has(start)) continue;
      const cycle: HalfEdge[] = [];
      let h = start;
      while (!visited.has(h)) {
        visited.add(h);
        cycle.push(h);
        const around = out.get(h.to.id)!;
        const twin = around.findIndex((x) => x.edge === h.edge && x.to === h.from);
        h = around[(twin - 1 + around.length) % around.length]!;
      }
      const seen = new Set<Edge>();
      for (const c of cycle) {
        if (!c.edge.ring && seen.has(c.edge)) useless.add(c.edge);
        seen.add(c.edge);
      }
      const ringHalf = cycle.find((c) => c.edge.ring);
      const flat = cycle.flatMap((c) => [c.from.x, c.from.y]);
      faces.push({
        nodes: cycle.map((c) => c.from),
        interior: ringHalf ? ringHalf.from === ringHalf.edge.a : true,
        cut: cycle.some((c) => !c.edge.ring),
        area2: signedArea2(flat),
      });
    }
    if (useless.size === 0) return faces;
    for (const e of useless) e.alive = false;
  }
}

/** Removes line pieces with a free end, repeatedly (a line ending inside the polygon). */
function pruneDangling(edges: Edge[]): void {
  for (;;) {
    const degree = new Map<number, number>();
    for (const e of edges) {
      if (!e.alive) continue;
      degree.set(e.a.id, (degree.get(e.a.id) ?? 0) + 1);
      degree.set(e.b.id, (degree.get(e.b.id) ?? 0) + 1);
    }
    let removed = false;
    for (const e of edges) {
      if (e.alive && !e.ring && (degree.get(e.a.id) === 1 || degree.get(e.b.id) === 1)) {
        e.alive = false;
        removed = true;
      }
    }
    if (!removed) return;
  }
}
