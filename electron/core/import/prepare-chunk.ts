import type { SqlValue } from '../project/feature-store.js';
import type { AreaMismatch, FieldNote, InvalidFeature, PreparedFeature } from './prepare.js';

/**
 * The prepared features of one pool chunk as a few flat, transferred arrays (prepare-worker →
 * prepare-pool). Structured clone of 1,000 PreparedFeature objects cost ~10 µs per feature each
 * way. And a worker must not hold its chunk's features until the end: a feature that is kept
 * survives the young-generation collections that run every few milliseconds, and each one copied
 * the whole chunk so far (0.5 s per worker at 100k parcels). So ChunkPacker writes each feature
 * into the arrays as soon as it is prepared, strings as UTF-16 bytes (exact for any JS string),
 * and drops it; only the rare notes, invalid reports and mismatches stay objects.
 */
export interface PackedChunk {
  type: 'chunk';
  k: number;
  count: number;
  index: Float64Array;
  areaM2: Float64Array;
  /** FLAG_* bits per feature */
  flags: Uint8Array;
  /** column values per row */
  columns: number;
  /**
   * Value slots, in order: per feature STRINGS slots (code, block code, zone code, recorded
   * block), then for a feature with a row its blob and its `columns` values. Kind: KIND_*;
   * `nums`: the number, or the byte offset in `bytes`; `lens`: the byte length.
   */
  kinds: Uint8Array;
  nums: Float64Array;
  lens: Int32Array;
  bytes: ArrayBuffer;
  /** 4 per feature: the row's box (minX, maxX, minY, maxY) */
  boxes: Float64Array;
  /** the few features with field notes, an invalid report or an area mismatch */
  extras: { i: number; notes: FieldNote[]; invalid: InvalidFeature | null; mismatch: AreaMismatch | null }[];
}

const FLAG_ROW = 1;
const FLAG_BOX = 2;
const FLAG_ASSIGNMENT = 4;
const FLAG_STRADDLES = 8;
const FLAG_DISAGREES = 16;
const STRINGS = 4;
const KIND_NULL = 0;
const KIND_NUMBER = 1;
const KIND_TEXT = 2;
const KIND_BYTES = 3;
const NO_NOTES: FieldNote[] = [];
/** Strings up to this length are written code unit by code unit (see text). */
const SHORT_TEXT = 32;

/** Builds one chunk feature by feature (add), then hands it over once (finish). */
export class ChunkPacker {
  private n = 0;
  private slots = 0;
  private used = 0;
  private columns = 0;
  private index: Float64Array;
  private areaM2: Float64Array;
  private flags: Uint8Array;
  private boxes: Float64Array;
  private kinds: Uint8Array;
  private nums: Float64Array;
  private lens: Int32Array;
  private bytes: Buffer;
  private readonly extras: PackedChunk['extras'] = [];

  /** `expected`: the chunk's feature count (the arrays grow past it if need be). */
  constructor(
    private readonly k: number,
    expected: number,
  ) {
    const n = Math.max(1, expected);
    this.index = new Float64Array(n);
    this.areaM2 = new Float64Array(n);
    this.flags = new Uint8Array(n);
    this.boxes = new Float64Array(4 * n);
    this.kinds = new Uint8Array(32 * n);
    this.nums = new Float64Array(32 * n);
    this.lens = new Int32Array(32 * n);
    this.bytes = Buffer.allocUnsafeSlow(1024 * n);
  }

  add(it: PreparedFeature): void {
    if (this.n === this.index.length) this.growFeatures();
    const i = this.n++;
    this.index[i] = it.index;
    this.areaM2[i] = it.areaM2;
    const a = it.assignment;
    const row = it.row;
    this.reserveSlots(STRINGS + (row ? 1 + row.values.length : 0));
    this.text(it.code);
    this.text(a?.blockCode ?? null);
    this.text(a?.zoneCode ?? null);
    this.text(a?.recorded ?? null);
    let f = 0;
    if (row) {
      f |= FLAG_ROW;
      this.blob(row.blob);
      this.columns = row.values.length;
      for (const v of row.values) this.value(v);
      if (row.box) {
        f |= FLAG_BOX;
        this.boxes.set(row.box, 4 * i);
      }
    }
    if (a) f |= FLAG_ASSIGNMENT | (a.straddles ? FLAG_STRADDLES : 0) | (a.disagrees ? FLAG_DISAGREES : 0);
    this.flags[i] = f;
    if (it.notes.length > 0 || it.invalid || it.mismatch) this.extras.push({ i, notes: it.notes, invalid: it.invalid, mismatch: it.mismatch });
  }

  /** The chunk and the buffers to transfer with it (the packer is spent). */
  finish(): { msg: PackedChunk; transfer: ArrayBuffer[] } {
    const n = this.n;
    const s = this.slots;
    const index = this.index.slice(0, n);
    const areaM2 = this.areaM2.slice(0, n);
    const flags = this.flags.slice(0, n);
    const boxes = this.boxes.slice(0, 4 * n);
    const kinds = this.kinds.slice(0, s);
    const nums = this.nums.slice(0, s);
    const lens = this.lens.slice(0, s);
    const bytes = new ArrayBuffer(this.used);
    new Uint8Array(bytes).set(this.bytes.subarray(0, this.used));
    const msg: PackedChunk = { type: 'chunk', k: this.k, count: n, index, areaM2, flags, columns: this.columns, kinds, nums, lens, bytes, boxes, extras: this.extras };
    return { msg, transfer: [index.buffer, areaM2.buffer, flags.buffer, boxes.buffer, kinds.buffer, nums.buffer, lens.buffer, bytes] };
  }

  private value(v: SqlValue): void {
    if (v === null) this.kinds[this.slots++] = KIND_NULL;
    else if (typeof v === 'number') {
      this.kinds[this.slots] = KIND_NUMBER;
      this.nums[this.slots++] = v;
    } else this.text(v);
  }

  private text(v: string | null): void {
    const s = this.slots++;
    if (v === null) {
      this.kinds[s] = KIND_NULL;
      return;
    }
    const n = v.length;
    this.reserveBytes(2 * n);
    let len = 2 * n;
    if (n <= SHORT_TEXT) {
      // Codes, towns, statuses: a loop costs less than Buffer.write's call.
      const b = this.bytes;
      let at = this.used;
      for (let j = 0; j < n; j++) {
        const c = v.charCodeAt(j);
        b[at++] = c & 255;
        b[at++] = c >>> 8;
      }
    } else len = this.bytes.write(v, this.used, 'utf16le');
    this.kinds[s] = KIND_TEXT;
    this.nums[s] = this.used;
    this.lens[s] = len;
    this.used += len;
  }

  private blob(b: Uint8Array): void {
    const s = this.slots++;
    this.reserveBytes(b.byteLength);
    this.bytes.set(b, this.used);
    this.kinds[s] = KIND_BYTES;
    this.nums[s] = this.used;
    this.lens[s] = b.byteLength;
    this.used += b.byteLength;
  }

  private reserveBytes(size: number): void {
    if (this.used + size <= this.bytes.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(2 * this.bytes.length, this.used + size));
    this.bytes.copy(next, 0, 0, this.used);
    this.bytes = next;
  }

  private reserveSlots(count: number): void {
    if (this.slots + count <= this.kinds.length) return;
    const size = Math.max(2 * this.kinds.length, this.slots + count);
    this.kinds = grow(this.kinds, new Uint8Array(size));
    this.nums = grow(this.nums, new Float64Array(size));
    this.lens = grow(this.lens, new Int32Array(size));
  }

  private growFeatures(): void {
    const size = 2 * this.index.length;
    this.index = grow(this.index, new Float64Array(size));
    this.areaM2 = grow(this.areaM2, new Float64Array(size));
    this.flags = grow(this.flags, new Uint8Array(size));
    this.boxes = grow(this.boxes, new Float64Array(4 * size));
  }
}

function grow<T extends Uint8Array | Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}

/** Packs chunk k's features in one go; the typed arrays in `transfer` move to the receiver. */
export function packChunk(k: number, items: readonly PreparedFeature[]): { msg: PackedChunk; transfer: ArrayBuffer[] } {
  const packer = new ChunkPacker(k, items.length);
  for (const it of items) packer.add(it);
  return packer.finish();
}

/** The features of a packed chunk, as FeaturePreparer made them (row blobs are views of `bytes`). */
export function unpackChunk(msg: PackedChunk): PreparedFeature[] {
  const out: PreparedFeature[] = new Array<PreparedFeature>(msg.count);
  const { flags, boxes, columns, kinds, nums, lens } = msg;
  const bytes = Buffer.from(msg.bytes);
  let s = 0;
  const text = (): string | null => {
    const at = s++;
    return kinds[at] === KIND_TEXT ? bytes.toString('utf16le', nums[at] as number, (nums[at] as number) + (lens[at] as number)) : null;
  };
  const value = (): SqlValue => {
    const kind = kinds[s];
    if (kind === KIND_NUMBER) return nums[s++] as number;
    if (kind === KIND_TEXT) return text();
    s++;
    return null;
  };
  for (let i = 0; i < msg.count; i++) {
    const f = flags[i] as number;
    const code = text();
    const blockCode = text();
    const zoneCode = text();
    const recorded = text();
    let row: PreparedFeature['row'] = null;
    if (f & FLAG_ROW) {
      const at = s++;
      const blob = bytes.subarray(nums[at] as number, (nums[at] as number) + (lens[at] as number));
      const values: SqlValue[] = new Array<SqlValue>(columns);
      for (let c = 0; c < columns; c++) values[c] = value();
      row = { blob, values, box: f & FLAG_BOX ? [boxes[4 * i] as number, boxes[4 * i + 1] as number, boxes[4 * i + 2] as number, boxes[4 * i + 3] as number] : null };
    }
    out[i] = {
      index: msg.index[i] as number,
      code,
      notes: NO_NOTES,
      invalid: null,
      row,
      areaM2: msg.areaM2[i] as number,
      mismatch: null,
      assignment: f & FLAG_ASSIGNMENT ? { blockCode, zoneCode, straddles: (f & FLAG_STRADDLES) !== 0, disagrees: (f & FLAG_DISAGREES) !== 0, recorded } : null,
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
