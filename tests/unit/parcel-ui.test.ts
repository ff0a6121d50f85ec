import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from '../../shared/api/geojson.js';
import { patchParcels } from '../../renderer/src/features/parcel/patch-parcels.js';
import { editsFor } from '../../renderer/src/features/parcel/use-parcel-form.js';
import { nextSelection } from '../../renderer/src/features/parcel/selection-state.js';
import { featureDiff } from '../../renderer/src/map/feature-diff.js';

const square = { type: 'MultiPolygon' as const, coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]]] };
const parcels = (): FeatureCollection => ({
  type: 'FeatureCollection',
  features: [1, 2, 3].map((id) => ({ type: 'Feature' as const, id, geometry: square, properties: { code: `P${id}`, status: '未启动', completed_on: null } })),
});

describe('patchParcels', () => {
  it('replaces only the edited features, with the new values', () => {
    const before = parcels();
    const after = patchParcels(before, [
      { table: 'parcels', fid: 2, code: 'P2', field: 'status', old: '未启动', new: '已完成' },
      { table: 'parcels', fid: 2, code: 'P2', field: 'completed_on', old: null, new: '2023-07-15' },
    ]);
    expect(after).not.toBe(before);
    expect(after.features[0]).toBe(before.features[0]);
    expect(after.features[1]?.properties).toEqual({ code: 'P2', status: '已完成', completed_on: '2023-07-15' });
    expect(before.features[1]?.properties['status']).toBe('未启动');
  });
  it('returns the same collection when no parcel changed', () => {
    const before = parcels();
    expect(patchParcels(before, [{ table: 'transfers', fid: 1, code: 'P1', field: 'buyer', old: null, new: 'x' }])).toBe(before);
  });
});

describe('featureDiff', () => {
  it('sends only the changed properties of the changed features', () => {
    const before = parcels();
    const after = patchParcels(before, [{ table: 'parcels', fid: 3, code: 'P3', field: 'status', old: '未启动', new: '整治中' }]);
    expect(featureDiff(before, after)).toEqual({ update: [{ id: 3, addOrUpdateProperties: [{ key: 'status', value: '整治中' }] }] });
  });
  it('finds nothing to send when a reload brings back the same content', () => {
    expect(featureDiff(parcels(), parcels())).toEqual({ update: [] });
  });
  it('asks for a full setData when features are added or reordered', () => {
    const a = parcels();
    const b = parcels();
    b.features.reverse();
    expect(featureDiff(a, { ...a, features: a.features.slice(1) })).toBeNull();
    expect(featureDiff(a, b)).toBeNull();
  });
});

describe('nextSelection', () => {
  const p = (id: number) => ({ layer: 'parcels' as const, id });
  it('Shift+click adds parcels and removes them again; a plain click replaces', () => {
    let s = nextSelection({ primary: null, parcels: [] }, p(1), false);
    s = nextSelection(s, p(2), true);
    s = nextSelection(s, p(3), true);
    expect(s.parcels).toEqual([1, 2, 3]);
    s = nextSelection(s, p(3), true);
    expect(s).toEqual({ primary: p(2), parcels: [1, 2] });
    s = nextSelection(s, { layer: 'key_blocks', id: 7 }, false);
    expect(s).toEqual({ primary: { layer: 'key_blocks', id: 7 }, parcels: [] });
    expect(nextSelection(s, null, false)).toEqual({ primary: null, parcels: [] });
  });
});

describe('editsFor', () => {
  it('one edit per changed field, blank as null', () => {
    const before = { status: '未启动', method: '', completedOn: '', owner: '甲' };
    const after = { status: '已完成', method: '', completedOn: '2023-07-15', owner: ' ' };
    expect(editsFor(9, before, after)).toEqual([
      { table: 'parcels', fid: 9, field: 'status', value: '已完成' },
      { table: 'parcels', fid: 9, field: 'completed_on', value: '2023-07-15' },
      { table: 'parcels', fid: 9, field: 'owner', value: null },
    ]);
  });
});
