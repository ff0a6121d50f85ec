import type Database from 'better-sqlite3';

/**
 * Bulk loading of an EMPTY 2-D SQLite R-tree (the gpkg_rtree_index tables), for large imports.
 *
 * Inserting 100,000 boxes one by one through the virtual table costs about 11 µs each (every
 * insert rewrites its leaf node and adjusts the path to the root): a third of the writer's time in
 * a 100k-parcel import. Here the tree is packed once (Sort-Tile-Recursive) and its nodes are
 * written straight into the shadow tables `<name>_node`, `<name>_rowid` and `<name>_parent`, in
 * SQLite's own format (sqlite3.c, rtree module):
 * - a node is a blob of the table's node size: 2 bytes tree depth (root only, big-endian),
 *   2 bytes cell count, then cells of (int64 id, minx, maxx, miny, maxy as float32), big-endian;
 * - node 1 is the root; `_rowid` maps each id to its leaf, `_parent` each non-root node to its parent;
 * - coordinates are rounded outward to float32 exactly as rtreeValueDown / rtreeValueUp do.
 * The result is an ordinary R-tree: SQLite's rtreecheck() and integrity_check accept it, later
 * inserts and deletes go through the virtual table as usual, GDAL reads it like any other.
 */

const RND_TOWARDS = 1.0 - 1.0 / 8388608.0;
const RND_AWAY = 1.0 + 1.0 / 8388608.0;

/** float32 not above d (rtreeValueDown). */
export function rtreeDown(d: number): number {
  const f = Math.fround(d);
  return f > d ? Math.fround(d * (d < 0 ? RND_AWAY : RND_TOWARDS)) : f;
}

/** float32 not below d (rtreeValueUp). */
export function rtreeUp(d: number): number {
  const f = Math.fround(d);
  return f < d ? Math.fround(d * (d < 0 ? RND_TOWARDS : RND_AWAY)) : f;
}

/** Boxes collected during a bulk insert: ids[i] and boxes[4i..4i+3] = minx, maxx, miny, maxy. */
export class BoxBuffer {
  ids = new Float64Array(1024);
  boxes = new Float64Array(4096);
  count = 0;

  push(id: number, minX: number, maxX: number, minY: number, maxY: number): void {
    if (this.count === this.ids.length) {
      const ids = new Float64Array(this.ids.length * 2);
      ids.set(this.ids);
      this.ids = ids;
      const boxes = new Float64Array(this.boxes.length * 2);
      boxes.set(this.boxes);
      this.boxes = boxes;
    }
    const i = this.count++;
    this.ids[i] = id;
    this.boxes[4 * i] = minX;
    this.boxes[4 * i + 1] = maxX;
    this.boxes[4 * i + 2] = minY;
    this.boxes[4 * i + 3] = maxY;
  }
}

const CELL_BYTES = 8 + 4 * 4;
/** `_rowid` rows per INSERT (2 parameters each, well under SQLite's 32,766). */
const ROWID_BATCH = 200;

/** True when the R-tree `name` holds no entry (so bulkLoadRtree may fill it). */
export function rtreeIsEmpty(db: Database.Database, name: string): boolean {
  const any = db.prepare(`SELECT EXISTS (SELECT 1 FROM "${name}_rowid")`).pluck().get() as number;
  const root = db.prepare(`SELECT data FROM "${name}_node" WHERE nodeno = 1`).pluck().get() as Buffer | undefined;
  return any === 0 && root !== undefined && root.length >= 4 && root[2] === 0 && root[3] === 0;
}

interface Level {
  /** per node: first child position in `order`, child count */
  start: Int32Array;
  size: Int32Array;
  /** per node: float32 box (minx, maxx, miny, maxy) */
  box: Float64Array;
}

/** Sort-Tile-Recursive grouping of n boxes into nodes of at most m children; `order` is permuted in place. */
function pack(box: Float64Array, order: Int32Array, m: number): Level {
  const n = order.length;
  const nodes = Math.ceil(n / m);
  const slices = Math.ceil(Math.sqrt(nodes));
  const perSlice = slices * m;
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const i = order[j] as number;
    cx[i] = (box[4 * i] as number) + (box[4 * i + 1] as number);
    cy[i] = (box[4 * i + 2] as number) + (box[4 * i + 3] as number);
  }
  order.sort((a, b) => (cx[a] as number) - (cx[b] as number) || a - b);
  for (let s = 0; s < n; s += perSlice) order.subarray(s, Math.min(n, s + perSlice)).sort((a, b) => (cy[a] as number) - (cy[b] as number) || a - b);
  const start = new Int32Array(nodes);
  const size = new Int32Array(nodes);
  const out = new Float64Array(4 * nodes);
  for (let k = 0; k < nodes; k++) {
    const from = k * m;
    const to = Math.min(n, from + m);
    start[k] = from;
    size[k] = to - from;
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let j = from; j < to; j++) {
      const i = order[j] as number;
      minX = Math.min(minX, box[4 * i] as number);
      maxX = Math.max(maxX, box[4 * i + 1] as number);
      minY = Math.min(minY, box[4 * i + 2] as number);
      maxY = Math.max(maxY, box[4 * i + 3] as number);
    }
    out[4 * k] = minX;
    out[4 * k + 1] = maxX;
    out[4 * k + 2] = minY;
    out[4 * k + 3] = maxY;
  }
  return { start, size, box: out };
}

function writeCell(view: DataView, at: number, id: number, box: Float64Array, i: number): void {
  view.setUint32(at, Math.floor(id / 0x100000000), false);
  view.setUint32(at + 4, id >>> 0, false);
  for (let c = 0; c < 4; c++) view.setFloat32(at + 8 + 4 * c, box[4 * i + c] as number, false);
}

/**
 * Fills the empty R-tree `name` with `buf`'s boxes (positive integer ids). The caller holds the
 * write transaction and has checked rtreeIsEmpty.
 */
export function bulkLoadRtree(db: Database.Database, name: string, buf: BoxBuffer): void {
  const n = buf.count;
  if (n === 0) return;
  const nodeBytes = (db.prepare(`SELECT length(data) FROM "${name}_node" WHERE nodeno = 1`).pluck().get() as number | undefined) ?? 0;
  const m = Math.floor((nodeBytes - 4) / CELL_BYTES);
  if (m < 4) throw new Error(`R-tree ${name}: unexpected node size ${nodeBytes}`);

  // Leaf cells: boxes rounded outward to float32, as the virtual table stores them.
  const leafBox = new Float64Array(4 * n);
  for (let i = 0; i < n; i++) {
    leafBox[4 * i] = rtreeDown(buf.boxes[4 * i] as number);
    leafBox[4 * i + 1] = rtreeUp(buf.boxes[4 * i + 1] as number);
    leafBox[4 * i + 2] = rtreeDown(buf.boxes[4 * i + 2] as number);
    leafBox[4 * i + 3] = rtreeUp(buf.boxes[4 * i + 3] as number);
  }

  // Levels bottom-up until one node (the root) remains.
  const levels: { order: Int32Array; level: Level }[] = [];
  let box: Float64Array = leafBox;
  let count = n;
  do {
    const order = Int32Array.from({ length: count }, (_, i) => i);
    const level = pack(box, order, m);
    levels.push({ order, level });
    box = level.box;
    count = level.size.length;
  } while (count > 1);

  // Node numbers: root = 1, then level by level from the top.
  const numbers: Int32Array[] = [];
  let next = 2;
  for (let d = levels.length - 1; d >= 0; d--) {
    const nodes = (levels[d] as { level: Level }).level.size.length;
    numbers[d] = Int32Array.from({ length: nodes }, () => (d === levels.length - 1 ? 1 : next++));
  }

  const leafOf = new Int32Array(n);
  // better-sqlite3 runs in SQLite's defensive mode, where shadow tables are read-only when a
  // statement is prepared (this project never uses unsafe mode otherwise: switched back off after).
  db.unsafeMode(true);
  try {
    // JS numbers bind as REAL: cast, so the untyped columns hold integers as the module writes them.
    const writeNode = db.prepare(`INSERT OR REPLACE INTO "${name}_node" (nodeno, data) VALUES (CAST(? AS INTEGER), ?)`);
    const writeParent = db.prepare(`INSERT INTO "${name}_parent" (nodeno, parentnode) VALUES (CAST(? AS INTEGER), CAST(? AS INTEGER))`);
    const pair = '(CAST(? AS INTEGER), CAST(? AS INTEGER))';
    const writeRowid = db.prepare(`INSERT INTO "${name}_rowid" (rowid, nodeno) VALUES ${pair}`);
    const writeRowids = db.prepare(`INSERT INTO "${name}_rowid" (rowid, nodeno) VALUES ${new Array<string>(ROWID_BATCH).fill(pair).join(', ')}`);
    for (let d = 0; d < levels.length; d++) {
      const { order, level } = levels[d] as { order: Int32Array; level: Level };
      const childBox = d === 0 ? leafBox : (levels[d - 1] as { level: Level }).level.box;
      const own = numbers[d] as Int32Array;
      for (let k = 0; k < level.size.length; k++) {
        const data = Buffer.alloc(nodeBytes);
        const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
        const nodeNo = own[k] as number;
        if (nodeNo === 1) view.setUint16(0, levels.length - 1, false);
        const size = level.size[k] as number;
        view.setUint16(2, size, false);
        for (let j = 0; j < size; j++) {
          const i = order[(level.start[k] as number) + j] as number;
          if (d === 0) {
            writeCell(view, 4 + j * CELL_BYTES, buf.ids[i] as number, childBox, i);
            leafOf[i] = nodeNo;
          } else {
            const child = (numbers[d - 1] as Int32Array)[i] as number;
            writeCell(view, 4 + j * CELL_BYTES, child, childBox, i);
            writeParent.run(child, nodeNo);
          }
        }
        writeNode.run(nodeNo, data);
      }
    }
    // Leaf of each id, ROWID_BATCH rows per statement.
    const args = new Array<number>(2 * ROWID_BATCH);
    let i = 0;
    for (; i + ROWID_BATCH <= n; i += ROWID_BATCH) {
      for (let j = 0; j < ROWID_BATCH; j++) {
        args[2 * j] = buf.ids[i + j] as number;
        args[2 * j + 1] = leafOf[i + j] as number;
      }
      writeRowids.run(args);
    }
    for (; i < n; i++) writeRowid.run(buf.ids[i] as number, leafOf[i] as number);
  } finally {
    db.unsafeMode(false);
  }
}
