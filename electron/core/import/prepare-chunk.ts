import type { SqlValue } from '../project/feature-store.js';
import type { AreaMismatch, FieldNote, InvalidFeature, PreparedFeature } from './prepare.js';

/**
 * The prepared features of one pool chunk as a few flat arrays (prepare-worker → prepare-pool).
 * Structured clone of 1,000 PreparedFeature objects (each with nested row, box, assignment and an
 * empty Uint8Array) cost ~10 µs per feature to serialise and as much to deserialise on the writer
 * thread; flat arrays of primitives and transferred typed arrays cost a tenth of that.
 */
export interface PackedChunk {
  type: 'chunk';
  k: number;
  count: number;
  index: Float64Array;
  areaM2: Float64Array;
  /** FLAG_* bits per feature */
  flags: Uint8Array;
  /** STRINGS per feature: code, block code, zone code, recorded block */
  strings: (string | null)[];
  /** column values of the features with a row, `columns` each, in order */
  columns: number;
  values: SqlValue[];
  /** 4 per feature: the row's box (minX, maxX, minY, maxY) */
  boxes: Float64Array;
  /** row blobs packed end to end; feature i's is [offsets[i], offsets[i + 1]) */
  blobs: ArrayBuffer;
  offsets: Float64Array;
  /** the few features with field notes, an invalid report or an area mismatch */
  extras: { i: number; notes: FieldNote[]; invalid: InvalidFeature | null; mismatch: AreaMismatch | null }[];
}

const FLAG_ROW = 1;
const FLAG_BOX = 2;
const FLAG_ASSIGNMENT = 4;
const FLAG_STRADDLES = 8;
const FLAG_DISAGREES = 16;
const STRINGS = 4;
const NO_NOTES: FieldNote[] = [];

/** Packs chunk k's features; the typed arrays in `transfer` move to the receiver. */
export function packChunk(k: number, items: readonly PreparedFeature[]): { msg: PackedChunk; transfer: ArrayBuffer[] } {
  const n = items.length;
  let total = 0;
  for (const it of items) total += it.row?.blob.byteLength ?? 0;
  const blobs = new ArrayBuffer(total);
  const bytes = new Uint8Array(blobs);
  const offsets = new Float64Array(n + 1);
  const index = new Float64Array(n);
  const areaM2 = new Float64Array(n);
  const flags = new Uint8Array(n);
  const boxes = new Float64Array(4 * n);
  const strings: (string | null)[] = new Array<string | null>(STRINGS * n).fill(null);
  const values: SqlValue[] = [];
  const extras: PackedChunk['extras'] = [];
  let columns = 0;
  let at = 0;
  for (let i = 0; i < n; i++) {
    const it = items[i] as PreparedFeature;
    index[i] = it.index;
    areaM2[i] = it.areaM2;
    strings[STRINGS * i] = it.code;
    offsets[i] = at;
    let f = 0;
    const row = it.row;
    if (row) {
      f |= FLAG_ROW;
      bytes.set(row.blob, at);
      at += row.blob.byteLength;
      columns = row.values.length;
      for (const v of row.values) values.push(v);
      if (row.box) {
        f |= FLAG_BOX;
        boxes.set(row.box, 4 * i);
      }
    }
    const a = it.assignment;
    if (a) {
      f |= FLAG_ASSIGNMENT | (a.straddles ? FLAG_STRADDLES : 0) | (a.disagrees ? FLAG_DISAGREES : 0);
      strings[STRINGS * i + 1] = a.blockCode;
      strings[STRINGS * i + 2] = a.zoneCode;
      strings[STRINGS * i + 3] = a.recorded;
    }
    flags[i] = f;
    if (it.notes.length > 0 || it.invalid || it.mismatch) extras.push({ i, notes: it.notes, invalid: it.invalid, mismatch: it.mismatch });
  }
  offsets[n] = at;
  const msg: PackedChunk = { type: 'chunk', k, count: n, index, areaM2, flags, strings, columns, values, boxes, blobs, offsets, extras };
  return { msg, transfer: [blobs, offsets.buffer, index.buffer, areaM2.buffer, flags.buffer, boxes.buffer] };
}

/** The features of a packed chunk, as FeaturePreparer made them (row blobs are views of `blobs`). */
export function unpackChunk(msg: PackedChunk): PreparedFeature[] {
  const out: PreparedFeature[] = new Array<PreparedFeature>(msg.count);
  const { flags, strings, boxes, offsets, columns, values } = msg;
  let r = 0;
  for (let i = 0; i < msg.count; i++) {
    const f = flags[i] as number;
    out[i] = {
      index: msg.index[i] as number,
      code: strings[STRINGS * i] ?? null,
      notes: NO_NOTES,
      invalid: null,
      row:
        f & FLAG_ROW
          ? {
              blob: Buffer.from(msg.blobs, offsets[i] as number, (offsets[i + 1] as number) - (offsets[i] as number)),
              values: values.slice(r * columns, ++r * columns),
              box: f & FLAG_BOX ? [boxes[4 * i] as number, boxes[4 * i + 1] as number, boxes[4 * i + 2] as number, boxes[4 * i + 3] as number] : null,
            }
          : null,
      areaM2: msg.areaM2[i] as number,
      mismatch: null,
      assignment:
        f & FLAG_ASSIGNMENT
          ? {
              blockCode: strings[STRINGS * i + 1] ?? null,
              zoneCode: strings[STRINGS * i + 2] ?? null,
              straddles: (f & FLAG_STRADDLES) !== 0,
              disagrees: (f & FLAG_DISAGREES) !== 0,
              recorded: strings[STRINGS * i + 3] ?? null,
            }
          : null,
    };
  }
  for (const e of msg.extras) {
    const it = out[e.i] as PreparedFeature;
    it.notes = e.notes;
    it.invalid = e.invalid;
    it.mismatch = e.mismatch;
  }
  return out;
}
