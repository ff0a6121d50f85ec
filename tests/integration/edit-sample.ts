import fs from 'node:fs';
import path from 'node:path';
import { Project } from '../../electron/core/project/project.js';

const SHIPPED = path.resolve(import.meta.dirname, '../../gis-data/sample/yongkang-sample.gpkg');

/** A fresh copy of the shipped sample project (never the shipped file itself), migrated on open. */
export function sampleCopy(dir: string, name: string): string {
  const file = path.join(dir, `${name}.gpkg`);
  fs.copyFileSync(SHIPPED, file);
  Project.open(file).close();
  return file;
}

/** Every column of a row except the geometry blob, as JSON: equal JSON = the same row. */
export function rowJson(p: Project, table: string, fid: number): string {
  const row = p.db.prepare(`SELECT * FROM "${table}" WHERE fid = ?`).get(fid) as Record<string, unknown> | undefined;
  if (!row) return 'null';
  const { geom: _geom, ...rest } = row;
  return JSON.stringify(rest);
}

export function fidOf(p: Project, code: string): number {
  return p.db.prepare('SELECT fid FROM parcels WHERE code = ?').pluck().get(code) as number;
}

export function eventCount(p: Project): number {
  return p.db.prepare('SELECT count(*) FROM events').pluck().get() as number;
}

/** Parcel codes with a given status, in fid order. */
export function codesWithStatus(p: Project, status: string, limit: number): string[] {
  return p.db.prepare('SELECT code FROM parcels WHERE status = ? ORDER BY fid LIMIT ?').pluck().all(status, limit) as string[];
}
