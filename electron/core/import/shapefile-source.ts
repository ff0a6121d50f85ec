import fs from 'node:fs';
import path from 'node:path';
import { openShapefile } from './readers/shapefile.js';
import type { ShapefileParts } from './readers/zip.js';
import type { ImportSource } from './source.js';

/*
 * The shapefile half of source.ts, apart so the prepare workers load it without the GeoJSON
 * reader (and its zod schemas): a worker's start-up is on the import's critical path.
 */

/** Moves a shapefile's parts into SharedArrayBuffers (one copy, then shared by every thread). */
export function shareParts(parts: ShapefileParts): ShapefileParts {
  const files = new Map<string, Uint8Array>();
  for (const [ext, bytes] of parts.files) {
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
    shared.set(bytes);
    files.set(ext, shared);
  }
  return { ...parts, files };
}

/** An ImportSource over shapefile parts already in memory (also used by import worker threads). */
export function shapefileSource(parts: ShapefileParts, encoding: string | null): ImportSource {
  const src = openShapefile(parts, { encoding });
  return {
    file: src.file,
    format: 'shapefile',
    count: src.count,
    fields: src.fields,
    encodingDecision: src.encodingDecision,
    ...(src.prj !== undefined ? { prj: src.prj } : {}),
    feature: (i) => src.feature(i),
    warnings: () => src.warnings(),
    shared: parts,
  };
}

/**
 * The record count of a shapefile from its .shx size (100-byte header, 8 bytes per record),
 * before anything is read; null for a zip, a GeoJSON or a missing .shx. Only a hint: it decides
 * whether to start the import's workers early (prewarmPool).
 */
export function shxRecordHint(paths: readonly string[]): number | null {
  for (const p of paths) {
    const ext = path.extname(p);
    if (!/^\.sh[px]$/i.test(ext)) continue;
    const base = p.slice(0, -ext.length);
    for (const shx of [`${base}.shx`, `${base}.SHX`]) {
      try {
        return Math.max(0, Math.floor((fs.statSync(shx).size - 100) / 8));
      } catch {
        // try the other spelling
      }
    }
  }
  return null;
}
