import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../electron/core/project/project.js';
import { writeSampleProject } from '../../gis-data/generator/write-sample.js';
import { ensureParcelShapefile, TRUNCATED_FIELD_MAP, type ParcelShapefile } from '../bench/make-shapefile.js';
import { contentChecksum, landplanner } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/tmp.js';

/**
 * All-or-nothing under the worst interruption: `landplanner import` of a 20k-parcel GBK
 * shapefile is SIGKILLed once it has read 30 % of the file. The project must read back exactly
 * as before — intact, same content, same parcels — and GDAL must still open it cleanly.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const PARCELS = 20_000;
const dir = makeTempDir('cli-kill');
let input: ParcelShapefile;
let project: string;

beforeAll(() => {
  input = ensureParcelShapefile(PARCELS); // cached under .tmp/bench-inputs/ (~10 s the first time)
  project = path.join(dir, 'sample.gpkg');
  writeSampleProject(project); // the sample project: 18 key blocks, 3000 parcels
  Project.open(project).close(); // a working copy: WAL mode, as the app and the CLI leave it
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function parcelCount(file: string): { parcels: number; rtree: number } {
  const db = new Database(file, { readonly: true });
  try {
    return {
      parcels: db.prepare('SELECT count(*) FROM parcels').pluck().get() as number,
      rtree: db.prepare('SELECT count(*) FROM rtree_parcels_geom').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

function ogrinfo(file: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('ogrinfo', ['-ro', '-so', '-al', file], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface KilledRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  lastDone: number;
  total: number;
  stdout: string;
}

/** Spawns the import with --progress and SIGKILLs it once `share` of the features have been read. */
function importAndKill(share: number): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'bin', 'landplanner.mjs'), 'import', '--project', project, '--layer', 'parcels', input.shp, ...TRUNCATED_FIELD_MAP, '--progress', '--json'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let pending = '';
    let lastDone = -1;
    let total = -1;
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      pending += s;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{"progress"')) continue;
        const p = (JSON.parse(line) as { progress: { done: number; total: number } }).progress;
        lastDone = p.done;
        total = p.total;
        if (!killed && p.total > 0 && p.done >= share * p.total) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, lastDone, total, stdout }));
  });
}

describe('an import killed with SIGKILL halfway', () => {
  it('leaves the project exactly as it was', { timeout: 60_000 }, async () => {
    const before = contentChecksum(project);
    const countBefore = parcelCount(project);
    expect(countBefore).toEqual({ parcels: 3000, rtree: 3000 });
    const ogrBefore = ogrinfo(project);
    expect(ogrBefore.stderr).toBe('');

    const run = await importAndKill(0.3);
    // Killed by us, mid-import: it had not finished (no report on stdout) nor exited on its own.
    expect(run.signal, `exit code ${run.code}, stdout ${run.stdout}`).toBe('SIGKILL');
    expect(run.code).toBeNull();
    expect(run.stdout).toBe('');
    expect(run.total).toBe(PARCELS);
    expect(run.lastDone).toBeGreaterThanOrEqual(0.3 * PARCELS);
    expect(run.lastDone).toBeLessThan(PARCELS);

    // The pooled import had the file to itself, so it wrote with a rollback journal: a hot one is left.
    expect(fs.existsSync(`${project}-journal`)).toBe(true);
    // The database is intact: the first connection rolls back what the dead writer left (this import is
    // pooled, so it wrote with a rollback journal: a hot journal; an in-process one leaves it in the WAL) …
    const db = new Database(project);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
    // … holds exactly what it held before, index included …
    expect(contentChecksum(project)).toBe(before);
    expect(parcelCount(project)).toEqual(countBefore);
    // … and GDAL reads it as before, without a warning.
    const ogrAfter = ogrinfo(project);
    expect(ogrAfter.status).toBe(0);
    expect(ogrAfter.stderr).toBe('');
    expect(ogrAfter.stdout).not.toMatch(/warning|error/i);
    expect(ogrAfter.stdout).toBe(ogrBefore.stdout);
  });

  it('the project stays usable: the next import commits normally', () => {
    const small = ensureParcelShapefile(1000); // cached, as the bench's 1k input
    const r = landplanner(['import', '--project', project, '--layer', 'parcels', small.shp, ...TRUNCATED_FIELD_MAP]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.json['imported']).toBe(1000);
    expect(parcelCount(project)).toEqual({ parcels: 4000, rtree: 4000 });
    const db = new Database(project, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  }, 60_000);
});
