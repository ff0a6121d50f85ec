import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFixtures, FIXTURES, fixturePath } from '../fixtures/fixtures.js';
import Database from 'better-sqlite3';
import { contentChecksum, landplanner } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/tmp.js';

/**
 * Large imports prepare their records in worker threads while the main thread writes them
 * (electron/core/import/prepare-pool.ts). The pool must be invisible in the result: the same
 * rows, fids, block assignments, invalid list, warnings and totals as the in-process path. The
 * pool is forced onto small GDAL-made fixtures (LANDPLANNER_IMPORT_POOL_MIN=1), so every chunk
 * boundary, skipped record and warning merge is exercised.
 */
let fx: string;
const dir = makeTempDir('import-pool');
beforeAll(async () => {
  fx = await ensureFixtures();
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const IN_PROCESS = { LANDPLANNER_IMPORT_WORKERS: '0' };
const POOLED = { LANDPLANNER_IMPORT_WORKERS: '2', LANDPLANNER_IMPORT_POOL_MIN: '1' };

/** Every parcel row (geometry blob, attributes, block/zone), its R-tree box and the search queue. */
function parcelTables(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return [
      db.prepare('SELECT * FROM parcels ORDER BY fid').all(),
      db.prepare('SELECT * FROM rtree_parcels_geom ORDER BY id').all(),
      db.prepare('SELECT * FROM parcels_search_pending ORDER BY fid').all(),
      db.prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'parcels' ORDER BY name").all(),
    ];
  } finally {
    db.close();
  }
}

/** A fresh copy of the sample project (18 key blocks, so parcels are assigned as they are read). */
function sampleCopy(name: string): string {
  const file = path.join(dir, `${name}.gpkg`);
  const r = landplanner(['sample', '--out', file]);
  expect(r.status, r.stderr).toBe(0);
  return file;
}

describe('import through the worker pool', () => {
  it.each([
    ['invalid features skipped (LDID only, GBK)', FIXTURES.ldidOnly, ['--on-invalid', 'skip']],
    ['blank dates and no code page', FIXTURES.noCodepage, ['--encoding', 'GBK', '--on-invalid', 'skip']],
    ['a record marked deleted', FIXTURES.deletedRecord, ['--on-invalid', 'skip']],
  ])('gives the same project and report as in-process: %s', (_label, fixture, extra) => {
    const shp = fixturePath(fx, fixture);
    const a = sampleCopy(`a-${fixture}`);
    const b = sampleCopy(`b-${fixture}`);
    const ra = landplanner(['import', '--project', a, '--layer', 'parcels', shp, ...extra], IN_PROCESS);
    const rb = landplanner(['import', '--project', b, '--layer', 'parcels', shp, ...extra], POOLED);
    expect(ra.status, ra.stderr + ra.stdout).toBe(0);
    expect(rb.status, rb.stderr + rb.stdout).toBe(0);
    expect(rb.json).toEqual(ra.json);
    const rows = parcelTables(a);
    expect((rows[0] as unknown[]).length).toBeGreaterThan(3000);
    expect(parcelTables(b)).toEqual(rows);
  }, 180_000);

  it('writes with a rollback journal only when it has the file to itself, and leaves it in WAL either way', () => {
    const shp = fixturePath(fx, FIXTURES.ldidOnly);
    const alone = sampleCopy('journal-alone');
    const shared = sampleCopy('journal-shared');
    const mode = (file: string): unknown => {
      const db = new Database(file, { readonly: true });
      try {
        return db.pragma('journal_mode', { simple: true });
      } finally {
        db.close();
      }
    };
    const r1 = landplanner(['import', '--project', alone, '--layer', 'parcels', shp, '--on-invalid', 'skip'], POOLED);
    expect(r1.status, r1.stderr).toBe(0);
    expect(mode(alone)).toBe('wal');
    // Another connection holds the file (as the app's server would): SQLite refuses the switch, the
    // import runs in WAL as before, and the result is the same.
    const reader = new Database(shared);
    try {
      const r2 = landplanner(['import', '--project', shared, '--layer', 'parcels', shp, '--on-invalid', 'skip'], POOLED);
      expect(r2.status, r2.stderr).toBe(0);
      expect(r2.json).toEqual(r1.json);
      expect(reader.prepare('SELECT count(*) FROM parcels').pluck().get()).toBe((r1.json['imported'] as number) + 3000);
    } finally {
      reader.close();
    }
    expect(mode(shared)).toBe('wal');
    expect(parcelTables(shared)).toEqual(parcelTables(alone));
  }, 180_000);

  it('rejects an invalid feature and changes nothing, as in-process', () => {
    const shp = fixturePath(fx, FIXTURES.ldidOnly);
    const p = sampleCopy('reject');
    const before = contentChecksum(p);
    const r = landplanner(['import', '--project', p, '--layer', 'parcels', shp], POOLED);
    expect(r.status).not.toBe(0);
    expect((r.json['error'] as { code: string }).code).toBe('invalid_geometry');
    expect(contentChecksum(p)).toBe(before);
  }, 180_000);
});
