import type Database from 'better-sqlite3';
import { blobEnvelope, blobIsEmpty } from './blob.js';

/**
 * The ST_* functions the GeoPackage R-tree triggers call (gpkg_rtree_index extension). GDAL
 * registers its own when it opens the file; we register ours on every connection we open.
 */
export function registerGpkgFunctions(db: Database.Database): void {
  const env = (blob: unknown): ReturnType<typeof blobEnvelope> =>
    blob instanceof Uint8Array ? blobEnvelope(blob) : null;
  const opts = { deterministic: true } as const;
  db.function('ST_MinX', opts, (b: unknown) => env(b)?.minX ?? null);
  db.function('ST_MaxX', opts, (b: unknown) => env(b)?.maxX ?? null);
  db.function('ST_MinY', opts, (b: unknown) => env(b)?.minY ?? null);
  db.function('ST_MaxY', opts, (b: unknown) => env(b)?.maxY ?? null);
  db.function('ST_IsEmpty', opts, (b: unknown) => (b instanceof Uint8Array ? (blobIsEmpty(b) ? 1 : 0) : null));
  // GPKG 1.4 triggers reference GPKG_IsAssignable in some writers; harmless to provide.
  db.function('GPKG_IsAssignable', opts, (expected: unknown, actual: unknown) =>
    expected === actual || expected === 'GEOMETRY' ? 1 : 0,
  );
}
