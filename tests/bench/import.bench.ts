import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Geometry } from '../../shared/api/geojson.js';
import { planimeterAreasM2 } from '../helpers/oracle.js';
import type { Bench } from './harness.js';
import { ensureParcelShapefile, type ParcelShapefile } from './make-shapefile.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The compiled CLI, as `landplanner` runs after `npm run build` (bin/landplanner.mjs uses it while fresh). */
const CLI = path.join(ROOT, 'dist', 'cli', 'landplanner.cjs');
const GNU_TIME = '/usr/bin/time';

/** Sizes to run (BENCH_IMPORT_SIZES=1000,10000 for a quick run) and repetitions per size (median). */
const SIZES = (process.env['BENCH_IMPORT_SIZES'] ?? '1000,10000,100000').split(',').map(Number);
// Three runs even at 100k: one run scattered by ±1.5 s on this 2-core machine.
const RUNS = (n: number): number => (n <= 1000 ? 5 : 3);
/** shpjs + turf holds the whole collection in memory; it is still fast enough to run at every size. */
const NAIVE_MAX = Number(process.env['BENCH_NAIVE_MAX'] ?? 100000);

const label = (n: number): string => (n >= 1000 ? `${n / 1000}k` : String(n));

interface Measured {
  wallS: number;
  /** Peak resident set size of the process, MB (null when it cannot be measured). */
  peakRssMb: number | null;
  stdout: string;
}

/**
 * Runs a command and measures its wall time and peak RSS. Peak RSS comes from GNU time (`%M`,
 * the kernel's ru_maxrss of the finished child, in KiB) when /usr/bin/time exists (Debian
 * package `time`); without it, node processes get a preload that writes
 * process.resourceUsage().maxRSS (the same getrusage figure) at exit, and other tools go
 * unmeasured. Wall time is taken around the spawn, so it includes process start-up for every tool.
 */
function measure(cmd: string, args: readonly string[]): Measured {
  return measureEnv({}, cmd, args);
}

function measureEnv(extraEnv: Record<string, string>, cmd: string, args: readonly string[]): Measured {
  const rssFile = path.join(os.tmpdir(), `landplanner-rss-${process.pid}-${Date.now()}`);
  let argv: string[];
  let exe: string;
  const env = { ...process.env, ...extraEnv, LANDPLANNER_MAXRSS_FILE: rssFile };
  if (fs.existsSync(GNU_TIME)) {
    exe = GNU_TIME;
    argv = ['-f', '%M', '-o', rssFile, cmd, ...args];
  } else if (cmd === process.execPath) {
    exe = cmd;
    const preload = "import{writeFileSync}from'node:fs';process.on('exit',()=>writeFileSync(process.env.LANDPLANNER_MAXRSS_FILE,String(process.resourceUsage().maxRSS)))";
    argv = ['--import', `data:text/javascript,${preload}`, ...args];
  } else {
    exe = cmd;
    argv = [...args];
  }
  const t0 = performance.now();
  const r = spawnSync(exe, argv, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallS = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stderr}\n${r.stdout.slice(0, 2000)}`);
  let peakRssMb: number | null = null;
  if (fs.existsSync(rssFile)) {
    const kib = Number(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop());
    peakRssMb = Number.isFinite(kib) ? kib / 1024 : null;
    fs.rmSync(rssFile, { force: true });
  }
  return { wallS, peakRssMb, stdout: r.stdout };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** The plain approach: shpjs parses (reprojecting with proj4 from the .prj), @turf/area measures. */
const NAIVE_SCRIPT = `
import fs from 'node:fs';
import shp from 'shpjs';
import { area } from '@turf/area';
const base = process.argv[1].replace(/\\.shp$/i, '');
const read = (ext) => (fs.existsSync(base + ext) ? fs.readFileSync(base + ext) : undefined);
const fc = await shp({ shp: read('.shp'), dbf: read('.dbf'), cpg: read('.cpg'), prj: read('.prj') });
let areaM2 = 0;
for (const f of fc.features) areaM2 += area(f);
process.stdout.write(JSON.stringify({ count: fc.features.length, areaM2 }));
`;

/** GDAL reprojects to EPSG:4490, GeographicLib's C++ Planimeter measures: the exact total, shares none of our code. */
function planimeterTotalM2(shp: string): number {
  const gj = JSON.parse(
    execFileSync('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:4490', '-lco', 'COORDINATE_PRECISION=15', '/vsistdout/', shp], { encoding: 'utf8', maxBuffer: 1 << 30 }),
  ) as { features: { geometry: Geometry | null }[] };
  return planimeterAreasM2(gj.features.flatMap((f) => (f.geometry ? [f.geometry] : []))).reduce((s, a) => s + a, 0);
}

/** A project holding only the 18 key blocks, so the parcel import runs the block assignment. */
function blocksProject(input: ParcelShapefile, dir: string): string {
  const file = path.join(dir, `blocks-${input.parcels}.gpkg`);
  measure(process.execPath, [CLI, 'import', '--project', file, '--layer', 'key_blocks', input.keyBlocks, '--json']);
  return file;
}

interface ImportReport {
  imported: number;
  areaM2: number;
  assignment: { inBlock: number } | null;
}

/**
 * `npm run bench -- import`: our full import through the CLI (parse, GBK decoding, reprojection,
 * validity, ellipsoidal areas, block assignment, indexed insert, one transaction) against
 * `ogr2ogr -f SQLite -dsco SPATIALITE=YES` of the same file, and against a plain shpjs + turf pass.
 */
export const importBench: Bench = {
  name: 'import',
  description: 'GBK shapefile (EPSG:4549) → project: landplanner import vs ogr2ogr → SpatiaLite vs shpjs + turf',
  async run() {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-electron.mjs')], { cwd: ROOT, stdio: 'inherit' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landplanner-bench-import-'));
    const figures: Record<string, number> = {};
    const peers: Record<string, number> = {};
    const ratios: Record<string, number> = {};
    const notes: string[] = [];
    notes.push(`load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.availableParallelism()} CPUs`);
    try {
      for (const n of SIZES) {
        const k = label(n);
        const t0 = performance.now();
        const input = ensureParcelShapefile(n);
        console.log(`import bench: ${n} parcels — inputs ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (${input.dir})`);
        const template = blocksProject(input, dir);

        const ours: Measured[] = [];
        const ogr: Measured[] = [];
        let report: ImportReport | undefined;
        for (let i = 0; i < RUNS(n); i++) {
          const project = path.join(dir, `run-${n}-${i}.gpkg`);
          fs.copyFileSync(template, project);
          const m = measure(process.execPath, [CLI, 'import', '--project', project, '--layer', 'parcels', input.shp, '--json']);
          report = JSON.parse(m.stdout) as ImportReport;
          if (report.imported !== n || !report.assignment || report.assignment.inBlock === 0) {
            throw new Error(`import of ${n} parcels reported ${report.imported} imported, assignment ${JSON.stringify(report.assignment)}`);
          }
          ours.push(m);
          fs.rmSync(project, { force: true });

          const out = path.join(dir, `ogr-${n}-${i}.sqlite`);
          ogr.push(measure('ogr2ogr', ['-f', 'SQLite', '-dsco', 'SPATIALITE=YES', out, input.shp]));
          fs.rmSync(out, { force: true });
        }
        if (n >= 20000) {
          // The same import with the worker pool off, for the record (one run).
          const project = path.join(dir, `serial-${n}.gpkg`);
          fs.copyFileSync(template, project);
          const serial = measureEnv({ LANDPLANNER_IMPORT_WORKERS: '0' }, process.execPath, [CLI, 'import', '--project', project, '--layer', 'parcels', input.shp, '--json']);
          figures[`import_in_process_s_${k}`] = serial.wallS;
          if (serial.peakRssMb !== null) figures[`import_in_process_peak_rss_mb_${k}`] = serial.peakRssMb;
          fs.rmSync(project, { force: true });
        }
        figures[`import_s_${k}`] = median(ours.map((m) => m.wallS));
        const rss = Math.max(...ours.map((m) => m.peakRssMb ?? NaN));
        if (Number.isFinite(rss)) figures[`peak_rss_mb_${k}`] = rss;
        peers[`ogr2ogr_s_${k}`] = median(ogr.map((m) => m.wallS));
        const ogrRss = Math.max(...ogr.map((m) => m.peakRssMb ?? NaN));
        if (Number.isFinite(ogrRss)) peers[`ogr2ogr_peak_rss_mb_${k}`] = ogrRss;
        ratios[`import_vs_ogr2ogr_${k}`] = (figures[`import_s_${k}`] as number) / (peers[`ogr2ogr_s_${k}`] as number);
        const oursM2 = (report as ImportReport).areaM2;

        if (n <= 10000) {
          const exact = planimeterTotalM2(input.shp);
          figures[`import_area_error_pct_${k}`] = ((oursM2 - exact) / exact) * 100;
        }

        if (n <= NAIVE_MAX) {
          const naive = measure(process.execPath, ['--input-type=module', '-e', NAIVE_SCRIPT, input.shp]);
          const r = JSON.parse(naive.stdout) as { count: number; areaM2: number };
          if (r.count !== n) notes.push(`shpjs returned ${r.count} of ${n} features`);
          peers[`naive_s_${k}`] = naive.wallS;
          if (naive.peakRssMb !== null) peers[`naive_peak_rss_mb_${k}`] = naive.peakRssMb;
          peers[`naive_area_error_pct_${k}`] = ((r.areaM2 - oursM2) / oursM2) * 100;
          peers['naive_area_error_pct'] = peers[`naive_area_error_pct_${k}`] as number;
          ratios[`naive_vs_ogr2ogr_${k}`] = naive.wallS / (peers[`ogr2ogr_s_${k}`] as number);
          ratios[`import_vs_naive_${k}`] = (figures[`import_s_${k}`] as number) / naive.wallS;
        }
        console.log(`import bench: ${n} parcels — ours ${(figures[`import_s_${k}`] as number).toFixed(2)} s, ogr2ogr ${(peers[`ogr2ogr_s_${k}`] as number).toFixed(2)} s`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    const ratio100k = ratios['import_vs_ogr2ogr_100k'];
    const rss100k = figures['peak_rss_mb_100k'];
    if (ratio100k !== undefined) notes.push(`target import_vs_ogr2ogr_100k ≤ 1.0: ${ratio100k <= 1 ? 'met' : 'MISSED'} (${ratio100k.toFixed(2)})`);
    if (rss100k !== undefined) notes.push(`target peak_rss_mb_100k ≤ 400: ${rss100k <= 400 ? 'met' : 'MISSED'} (${rss100k.toFixed(0)} MB)`);
    notes.push(
      'wall times are whole processes (start-up included), median of 5/3/3 runs at 1k/10k/100k; ours = `node dist/cli/landplanner.cjs import --layer parcels` (the compiled CLI; ≥ 20k records are prepared by a pool of worker threads, import_in_process_* is the same import with LANDPLANNER_IMPORT_WORKERS=0) into a project already holding the 18 key blocks',
      `peak RSS: ${fs.existsSync(GNU_TIME) ? 'GNU time %M (ru_maxrss of the child)' : 'process.resourceUsage().maxRSS at exit (node processes only)'}`,
      'naive = shpjs (reprojects with proj4 from the .prj) + @turf/area (spherical), no database; its area error is against our total; import_area_error_pct_* is ours against GeographicLib Planimeter on the GDAL-reprojected file',
      'DBF names are cut to 10 characters by ogr2ogr (recorded_b, stated_are, completed_); the importer recognises them without --map',
    );
    return { figures, peers, ratios, notes };
  },
};
