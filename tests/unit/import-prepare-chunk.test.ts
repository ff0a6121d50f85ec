import { describe, expect, it } from 'vitest';
import { ChunkPacker, packChunk, unpackChunk } from '../../electron/core/import/prepare-chunk.js';
import type { PreparedFeature } from '../../electron/core/import/prepare.js';

/**
 * Pool workers send their prepared features as flat arrays (prepare-chunk.ts); the writer must
 * get back exactly what FeaturePreparer made: rows, boxes, areas, assignments, notes, invalid
 * reports and area mismatches, with rows of skipped features left out.
 */
function feature(i: number, over: Partial<PreparedFeature> = {}): PreparedFeature {
  const blob = Uint8Array.from({ length: 40 + i }, (_, k) => (k * 7 + i) & 255);
  return {
    index: i,
    code: i % 4 === 0 ? null : `YK-${i}`,
    notes: [],
    invalid: null,
    row: { blob, values: [`YK-${i}`, '东城街道', i, i % 2 === 0 ? null : 1.5 * i, '{"a":"中文"}'], box: [120 + i, 120.5 + i, 28 + i, 28.5 + i] },
    areaM2: 1000.125 + i,
    mismatch: null,
    assignment: { blockCode: i % 3 === 0 ? null : `ZD0${i % 9}`, zoneCode: i % 5 === 0 ? 'Z1' : null, straddles: i % 2 === 0, disagrees: i % 3 === 1, recorded: i % 6 === 0 ? null : 'ZD01' },
    ...over,
  };
}

function normalise(items: PreparedFeature[]): unknown[] {
  return items.map((it) => ({ ...it, row: it.row ? { ...it.row, blob: Array.from(it.row.blob) } : null }));
}

describe('prepare-pool chunk packing', () => {
  it('round-trips features with rows, skipped ones, notes, invalid reports and mismatches', () => {
    const items: PreparedFeature[] = [
      feature(0),
      feature(1, { notes: [{ code: 'field_bad_status', message: 'ZT: x', messageZh: 'ZT:x' }] }),
      feature(2, {
        row: null,
        areaM2: 0,
        assignment: null,
        invalid: { index: 2, code: 'YK-2', issues: [{ code: 'self_intersection', reason: 'crosses itself', reasonZh: '自相交' }], action: 'skipped' },
      }),
      feature(3, { mismatch: { index: 3, code: 'YK-3', statedM2: 900, computedM2: 1003.125, diffPct: 11.45 } }),
      feature(5, { row: { blob: new Uint8Array(0), values: [null, null, null, null, null], box: null }, assignment: null }),
      feature(6, {
        invalid: { index: 6, code: 'YK-6', issues: [{ code: 'duplicate', reason: 'r', reasonZh: 'r' }], action: 'repaired' },
      }),
    ];
    const expected = normalise(structuredClone(items));
    const { msg, transfer } = packChunk(7, items);
    expect(msg.k).toBe(7);
    // As postMessage would deliver it, typed arrays transferred.
    const received = structuredClone(msg, { transfer });
    expect(normalise(unpackChunk(received))).toEqual(expected);
  });

  it('grows past the expected size, and strings come back exact (GB18030 supplementary characters, lone surrogates, long JSON)', () => {
    const odd = ['𠀀𪚥 四字节', 'lone \uD800 high', 'lone \uDC00 low', '', 'ASCII', '中'.repeat(5000)];
    const items = Array.from({ length: 60 }, (_, i) =>
      feature(i, { code: odd[i % odd.length] as string, row: { blob: new Uint8Array(3000).fill(i), values: [odd[(i + 1) % odd.length] as string, -0.5, null, 2 ** 53 - 1, JSON.stringify({ 名称: odd[(i + 2) % odd.length] })], box: [1, 2, 3, 4] } }),
    );
    const expected = normalise(structuredClone(items));
    const packer = new ChunkPacker(3, 1);
    for (const it of items) packer.add(it);
    const { msg, transfer } = packer.finish();
    expect(normalise(unpackChunk(structuredClone(msg, { transfer })))).toEqual(expected);
  });

  it('packs an empty chunk', () => {
    const { msg } = packChunk(0, []);
    expect(unpackChunk(msg)).toEqual([]);
  });
});
