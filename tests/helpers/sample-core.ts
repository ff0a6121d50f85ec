import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.js';
import { Project } from '../../electron/core/project/project.js';
import { sampleCopy } from '../fixtures/ledgers/sample-copy.js';
import { makeTempDir } from './tmp.js';

export interface SampleCore {
  /** the copy's path, for the oracles (SpatiaLite, GDAL) */
  file: string;
  project: Project;
  /** the app's core over the project */
  core: Core;
  /** a read-only connection of our own, for plain-SQL oracles */
  db: Database.Database;
}

/**
 * A copy of the sample project opened through the app's core for the tests of one file, plus a
 * read-only connection; everything is closed and removed after them. The fields are set before
 * the first test runs (read them inside tests, not at module level).
 */
export function useSampleCore(name: string): SampleCore {
  const dir = makeTempDir(name);
  const s = {} as SampleCore;
  beforeAll(() => {
    s.file = sampleCopy(dir, 'sample.gpkg');
    s.project = Project.open(s.file);
    s.core = createCore(s.project);
    s.db = new Database(s.file, { readonly: true });
  });
  afterAll(async () => {
    s.db.close();
    await s.core.dispose();
    s.project.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return s;
}
