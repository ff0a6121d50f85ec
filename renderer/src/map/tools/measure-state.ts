import type { LonLat } from './screen.js';

export type MeasureMode = 'distance' | 'area';

/** The measure tool's sketch: clicked vertices, the pointer's position, and whether it is finished. */
export interface MeasureState {
  mode: MeasureMode;
  vertices: readonly LonLat[];
  /** Where the pointer is while the sketch is open (the rubber-band vertex); null when finished. */
  cursor: LonLat | null;
  finished: boolean;
}

export const emptyMeasure = (mode: MeasureMode): MeasureState => ({ mode, vertices: [], cursor: null, finished: false });

/** Vertices a finished sketch needs: a distance two, an area three. */
export const minVertices = (mode: MeasureMode): number => (mode === 'distance' ? 2 : 3);

/**
 * A click: adds a vertex, or starts a new sketch after a finished one. `sameAsLast` (the click hit
 * the previous vertex's pixel) is ignored, so the two clicks of a double-click add one vertex.
 */
export function addVertex(s: MeasureState, v: LonLat, sameAsLast: boolean): MeasureState {
  if (s.finished) return { ...s, vertices: [v], cursor: null, finished: false };
  if (sameAsLast && s.vertices.length > 0) return s;
  return { ...s, vertices: [...s.vertices, v] };
}

/** A double-click: finishes the sketch when it has enough vertices. */
export function finish(s: MeasureState): MeasureState {
  if (s.finished || s.vertices.length < minVertices(s.mode)) return s;
  return { ...s, cursor: null, finished: true };
}

export function moveCursor(s: MeasureState, v: LonLat | null): MeasureState {
  return s.finished ? s : { ...s, cursor: v };
}

/** The vertices the figures are computed from: the clicked ones, plus the pointer while open. */
export function sketchVertices(s: MeasureState): readonly LonLat[] {
  return !s.finished && s.cursor && s.vertices.length > 0 ? [...s.vertices, s.cursor] : s.vertices;
}
