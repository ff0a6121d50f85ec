import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface CliRun {
  status: number | null;
  json: Record<string, unknown>;
  stdout: string;
  stderr: string;
}

/** Runs `landplanner …` as a user would (bin/landplanner.mjs), with --json; `env` adds variables. */
export function landplanner(args: string[], env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'landplanner.mjs'), ...args, '--json'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(r.stdout) as Record<string, unknown>;
  } catch {
    // left empty: the assertion on status/json shows stdout and stderr
  }
  return { status: r.status, json, stdout: r.stdout, stderr: r.stderr };
}

/** A checksum of every row of the project's data tables: equal before and after = nothing changed. */
export function contentChecksum(file: string): string {
  const db = new Database(file, { readonly: true });
  const h = createHash('sha256');
  const tables = db
    .prepare("SELECT table_name FROM gpkg_contents ORDER BY table_name")
    .pluck()
    .all() as string[];
  for (const t of tables) {
    h.update(t);
    for (const row of db.prepare(`SELECT * FROM "${t}" ORDER BY fid`).iterate()) h.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v)));
  }
  db.close();
  return h.digest('hex');
}
