import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BoxBuffer, bulkLoadRtree, rtreeIsEmpty } from '../../electron/core/gpkg/rtree-load.js';

/**
 * Large imports fill an empty gpkg_rtree_index R-tree by writing its shadow tables directly
 * (electron/core/gpkg/rtree-load.ts). The oracle is SQLite's own R-tree module: the same boxes
 * inserted through the virtual table must give the same stored entries (float32 rounding) and
 * the same window query answers, SQLite's rtreecheck() and integrity_check must pass, and the
 * tree must keep working for later inserts and deletes.
 */

/** Deterministic pseudo-random boxes around Yongkang (lon/lat), some degenerate (points). */
function boxes(n: number, seed: number): BoxBuffer {
  const buf = new BoxBuffer();
  let s = seed;
  const rnd = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < n; i++) {
    const x = 119.9 + 0.3 * rnd();
    const y = 28.8 + 0.2 * rnd();
    const w = i % 17 === 0 ? 0 : 0.002 * rnd();
    const h = i % 17 === 0 ? 0 : 0.002 * rnd();
    buf.push(i + 1 + (i % 3), x, x + w, y, y + h); // ids with gaps
  }
  return buf;
}

function twoTrees(): Database.Database {
  const db = new Database(':memory:');
  db.exec('CREATE VIRTUAL TABLE "loaded" USING rtree(id, minx, maxx, miny, maxy); CREATE VIRTUAL TABLE "oracle" USING rtree(id, minx, maxx, miny, maxy);');
  return db;
}

function load(db: Database.Database, buf: BoxBuffer): void {
  const ins = db.prepare('INSERT INTO "oracle" VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    expect(rtreeIsEmpty(db, 'loaded')).toBe(true);
    bulkLoadRtree(db, 'loaded', buf);
    for (let i = 0; i < buf.count; i++) ins.run(buf.ids[i], buf.boxes[4 * i], buf.boxes[4 * i + 1], buf.boxes[4 * i + 2], buf.boxes[4 * i + 3]);
  })();
}

const all = (db: Database.Database, t: string): unknown[] => db.prepare(`SELECT * FROM "${t}" ORDER BY id`).raw().all();
const windowQuery = (db: Database.Database, t: string, w: number[]): unknown[] =>
  db.prepare(`SELECT id FROM "${t}" WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ? ORDER BY id`).pluck().all(...w);

describe('R-tree bulk load', () => {
  for (const n of [1, 2, 51, 52, 2601, 2602, 20000]) {
    it(`stores ${n} boxes exactly as SQLite's R-tree does and passes rtreecheck`, () => {
      const db = twoTrees();
      const buf = boxes(n, n);
      load(db, buf);
      expect(db.prepare("SELECT rtreecheck('loaded')").pluck().get()).toBe('ok');
      expect(db.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
      expect(rtreeIsEmpty(db, 'loaded')).toBe(false);
      expect(all(db, 'loaded')).toEqual(all(db, 'oracle'));
      for (const w of [
        [119.95, 120.0, 28.85, 28.9],
        [120.1, 120.1005, 28.9, 28.9005],
        [0, 1, 0, 1],
        [119, 121, 28, 30],
      ]) {
        expect(windowQuery(db, 'loaded', w)).toEqual(windowQuery(db, 'oracle', w));
      }
      db.close();
    });
  }

  it('keeps working for inserts, updates and deletes through the virtual table', () => {
    const db = twoTrees();
    load(db, boxes(5000, 7));
    for (const t of ['loaded', 'oracle']) {
      db.prepare(`DELETE FROM "${t}" WHERE id % 5 = 0`).run();
      db.prepare(`UPDATE "${t}" SET minx = minx - 0.01 WHERE id % 7 = 0`).run();
      const ins = db.prepare(`INSERT INTO "${t}" VALUES (?, ?, ?, ?, ?)`);
      for (let i = 0; i < 3000; i++) ins.run(100000 + i, 120 + i * 1e-5, 120.001 + i * 1e-5, 28.9, 28.901);
    }
    expect(db.prepare("SELECT rtreecheck('loaded')").pluck().get()).toBe('ok');
    expect(all(db, 'loaded')).toEqual(all(db, 'oracle'));
    expect(windowQuery(db, 'loaded', [120, 120.01, 28.9, 28.9])).toEqual(windowQuery(db, 'oracle', [120, 120.01, 28.9, 28.9]));
    db.close();
  });

  it('leaves a non-empty R-tree alone (rtreeIsEmpty is false) and restores defensive mode', () => {
    const db = twoTrees();
    db.prepare('INSERT INTO "loaded" VALUES (1, 0, 1, 0, 1)').run();
    expect(rtreeIsEmpty(db, 'loaded')).toBe(false);
    db.prepare('DELETE FROM "loaded"').run();
    expect(rtreeIsEmpty(db, 'loaded')).toBe(true);
    load(db, boxes(10, 1));
    expect(() => db.prepare('DELETE FROM "loaded_rowid"').run()).toThrow(/may not be modified/);
    db.close();
  });
});
