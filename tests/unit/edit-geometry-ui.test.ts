import { describe, expect, it } from 'vitest';
import type { GeometryEditResult } from '../../shared/api/edit-geometry.js';
import { checkGeometry } from '../../shared/geo/validity.js';
import { capturesClicks, createOperation, draftOf, modeAvailable, remainingFids } from '../../renderer/src/features/edit-geometry/edit-session.js';
import { handlesOf, insertVertex, moveVertex, removeVertex, sketchPolygon, toOutline, type Outline } from '../../renderer/src/map/tools/edit/vertex-state.js';
import { planimeterAreasM2 } from '../helpers/oracle.js';

/** The geometry editing tools' pure parts: reshaping an outline, the live area, the tools' rules. */
const QUAD: Outline = {
  type: 'MultiPolygon',
  coordinates: [[[[120.073516, 28.949938], [120.074752, 28.949499], [120.074962, 28.950037], [120.073808, 28.950434], [120.073516, 28.949938]]]],
};
const ring = (o: Outline): number[][] => o.coordinates[0]![0]!;

describe('reshaping an outline (编辑节点)', () => {
  it('moves a vertex and the closing point with vertex 0', () => {
    const moved = moveVertex(QUAD, { part: 0, ring: 0, index: 0 }, [120.0734, 28.9499]);
    expect(ring(moved)[0]).toEqual([120.0734, 28.9499]);
    expect(ring(moved).at(-1)).toEqual([120.0734, 28.9499]);
    expect(ring(moved)).toHaveLength(5);
    expect(ring(QUAD)[0]).toEqual([120.073516, 28.949938]);
  });

  it('inserts after a vertex and removes down to three vertices, never fewer', () => {
    const more = insertVertex(QUAD, { part: 0, ring: 0, index: 1 }, [120.0751, 28.9498]);
    expect(ring(more)).toHaveLength(6);
    expect(ring(more)[2]).toEqual([120.0751, 28.9498]);
    const less = removeVertex(QUAD, { part: 0, ring: 0, index: 2 });
    expect(ring(less)).toHaveLength(4);
    expect(ring(removeVertex(less, { part: 0, ring: 0, index: 0 }))).toHaveLength(4);
    expect(checkGeometry(less).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('draws a handle on every vertex and edge midpoint (the closing point is not a vertex of its own)', () => {
    const h = handlesOf(QUAD);
    expect(h.filter((x) => x.kind === 'vertex')).toHaveLength(4);
    expect(h.filter((x) => x.kind === 'midpoint')).toHaveLength(4);
    expect(h.find((x) => x.kind === 'midpoint' && x.ref.index === 3)?.at).toEqual([(120.073808 + 120.073516) / 2, (28.950434 + 28.949938) / 2]);
  });

  it('shows the live area as GeographicLib’s Planimeter measures it (m² to 0.01, 亩 = m² × 0.0015)', () => {
    const moved = moveVertex(QUAD, { part: 0, ring: 0, index: 2 }, [120.0752, 28.9502]);
    const d = draftOf(moved);
    const [oracle] = planimeterAreasM2([moved]);
    expect(Math.abs(d.areaM2 - (oracle ?? NaN))).toBeLessThan(0.01);
    expect(d.areaMu).toBeCloseTo(d.areaM2 * 0.0015, 9);
  });

  it('turns a sketch into a closed polygon from three vertices; a Polygon into the MultiPolygon form', () => {
    expect(sketchPolygon([[120, 28.9], [120.001, 28.9]])).toBeNull();
    expect(sketchPolygon([[120, 28.9], [120.001, 28.9], [120.001, 28.901]])?.coordinates[0]![0]).toEqual([[120, 28.9], [120.001, 28.9], [120.001, 28.901], [120, 28.9]]);
    expect(toOutline({ type: 'Polygon', coordinates: ring(QUAD).length ? [ring(QUAD)] : [] })).toEqual(QUAD);
    expect(toOutline({ type: 'Point', coordinates: [120, 29] })).toBeNull();
  });
});

describe('the tools’ rules', () => {
  it('needs one selected parcel to reshape or split, two to merge, none to draw', () => {
    expect(modeAvailable('draw', [])).toBe(true);
    expect(modeAvailable('vertices', [])).toBe(false);
    expect(modeAvailable('split', [7])).toBe(true);
    expect(modeAvailable('split', [7, 8])).toBe(false);
    expect(modeAvailable('merge', [7])).toBe(false);
    expect(modeAvailable('merge', [7, 8])).toBe(true);
    expect([null, 'draw', 'vertices', 'split', 'merge'].map((m) => capturesClicks(m as never))).toEqual([false, true, true, true, false]);
  });

  it('creates with the trimmed code and status, and no owner when left blank', () => {
    const op = createOperation(draftOf(QUAD), { code: ' NEW-1 ', owner: '  ', status: '未启动' });
    expect(op).toEqual({ op: 'create', geometry: QUAD, values: { code: 'NEW-1', status: '未启动' } });
  });

  it('selects what a saved operation leaves', () => {
    const r = { parcels: [{ fid: 1, action: 'updated' }, { fid: 2, action: 'deleted' }, { fid: 3, action: 'created' }] } as GeometryEditResult;
    expect(remainingFids(r)).toEqual([1, 3]);
  });
});
