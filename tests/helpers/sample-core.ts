import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.js';
import { Project } from '../../electron/core/project/project.js';
import { sampleCopy } from '../fixtures/ledgers/sample-copy.js';
import { makeTempDir } from './tmp.js';

export interface SampleProject {
  /** the copy's path, for the oracles (SpatiaLite, GDAL) */
  file: string;
  project: Project;
}

export interface SampleCore extends SampleProject {
  /** the app's core over the project */
  core: Core;
  /** a read-only connection of our own, for plain-SQL oracles */
  db: Database.Database;
}

/**
 * A copy of the sample project opened for the tests of one file; it is closed and removed after
 * them. The fields are set before the first test runs (read them inside tests, not at module level).
 */
export function useSampleProject(name: string): SampleProject {
  const dir = makeTempDir(name);
  const s = {} as SampleProject;
  beforeAll(() => {
    s.file = sampleCopy(dir, 'sample.gpkg');
    s.project = Project.open(s.file);
  });
  afterAll(() => {
    s.project.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return s;
}

/**
 * useSampleProject, opened through the app's core as well, plus a read-only connection; both are
 * closed before the project (vitest runs afterAll hooks last registered first).
 */
export function useSampleCore(name: string): SampleCore {
  const s = useSampleProject(name) as SampleCore;
  beforeAll(() => {
    s.core = createCore(s.project);
    s.db = new Database(s.file, { readonly: true });
  });
  afterAll(async () => {
    s.db.close();
    await s.core.dispose();
  });
  return s;
}
