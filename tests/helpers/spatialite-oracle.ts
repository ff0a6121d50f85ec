import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * SpatiaLite (GEOS) as an independent oracle, through better-sqlite3's loadExtension('mod_spatialite').
 * It runs in a child process because GEOS prints a warning to stderr for every invalid geometry and
 * offers no switch to silence it; the child's stderr is dropped. One process per batch of queries.
 */
const require = createRequire(import.meta.url);
const SQLITE_MODULE = require.resolve('better-sqlite3');

/** [sql, params] pairs, run in turn. */
type Queries = readonly (readonly [string, readonly unknown[]])[];

const CHILD = `
const Database = require(process.argv[1]);
const file = process.argv[2];
const all = process.argv[3] === 'all';
const db = new Database(':memory:');
db.loadExtension('mod_spatialite');
db.prepare('SELECT InitSpatialMetadata(1)').get();
// A project file is attached (its tables resolve by name), so SpatiaLite keeps its own
// spatial_ref_sys: ST_Area(g, 1) needs the ellipsoid of SRID 4490, which a GeoPackage lacks.
if (file) db.prepare('ATTACH DATABASE ? AS project').run(file);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = input.map(([sql, params]) => (all ? db.prepare(sql).all(...params) : db.prepare(sql).get(...params)));
process.stdout.write(JSON.stringify(out));
`;

/**
 * Runs each [sql, params] (a single-row SELECT) and returns the rows. With `file`, that database
 * is attached (e.g. a project's GeoPackage: `GeomFromGPB(geom)` reads its geometries).
 */
export function spatialiteQuery<T>(queries: Queries, file?: string): T[] {
  return JSON.parse(runChild(queries, file, 'one')) as T[];
}

/** Like spatialiteQuery, but each query returns all its rows (e.g. a GROUP BY): one array of rows per query. */
export function spatialiteRows<T>(queries: Queries, file?: string): T[][] {
  return JSON.parse(runChild(queries, file, 'all')) as T[][];
}

function runChild(queries: Queries, file: string | undefined, rows: 'one' | 'all'): string {
  return execFileSync(process.execPath, ['-e', CHILD, SQLITE_MODULE, file ?? '', rows], {
    input: JSON.stringify(queries),
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'ignore'],
    maxBuffer: 1 << 28,
  });
}

/** GEOS's verdict on WKT geometries: [valid, reason]. */
export function geosValidity(wkts: readonly string[]): { valid: boolean; reason: string }[] {
  const rows = spatialiteQuery<{ v: number; r: string }>(
    wkts.map((w) => ['SELECT ST_IsValid(GeomFromText(?, 4326)) AS v, ST_IsValidReason(GeomFromText(?, 4326)) AS r', [w, w]] as const),
  );
  return rows.map((r) => ({ valid: r.v === 1, reason: r.r }));
}

type Pos = readonly number[];
const ring = (r: readonly Pos[]): string => `(${r.map((p) => `${p[0]} ${p[1]}`).join(',')})`;
const poly = (rings: readonly (readonly Pos[])[]): string => `(${rings.map(ring).join(',')})`;

/** Polygon / MultiPolygon (GeoJSON coordinates) → WKT with full double precision. */
export function toWkt(g: { type: 'Polygon'; coordinates: readonly (readonly Pos[])[] } | { type: 'MultiPolygon'; coordinates: readonly (readonly (readonly Pos[])[])[] }): string {
  return g.type === 'Polygon' ? `POLYGON${poly(g.coordinates)}` : `MULTIPOLYGON(${g.coordinates.map(poly).join(',')})`;
}
