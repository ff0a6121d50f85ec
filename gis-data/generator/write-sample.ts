/**
 * Writes a generated sample into a project file (GeoPackage). Node only: the generation itself
 * (index.ts) stays pure. The file is built under a temporary name and renamed into place, so a
 * failed or interrupted run never leaves a half-written sample behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LAYER_IDS } from '../../shared/api/layers.js';
import { Project } from '../../electron/core/project/project.js';
import { generateSample, SAMPLE_PROJECT_NAME, type SampleOptions } from './index.js';
import { summarizeSample, type SampleSummary } from './summary.js';

export const DEFAULT_SAMPLE_OUT = path.join('gis-data', 'sample', 'yongkang-sample.gpkg');

function removeWithSidecars(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
}

export function writeSampleProject(out: string, options: SampleOptions = {}): SampleSummary {
  const data = generateSample(options);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const tmp = path.join(path.dirname(path.resolve(out)), `.${path.basename(out)}.${process.pid}.tmp.gpkg`);
  removeWithSidecars(tmp);
  const project = Project.create(tmp, { name: SAMPLE_PROJECT_NAME, isSample: true });
  try {
    project.transaction(() => {
      for (const layer of LAYER_IDS) project.insertFeatures(layer, data.layers[layer]);
      project.insertTransfers(data.transfers);
      project.insertFactories(data.factories);
      project.upsertGoals(data.goals);
      project.insertMetricEntries(data.metricEntries);
    });
    // A shipped file is a single self-contained file: no WAL sidecars, readable from a read-only
    // folder. Working copies are switched back to WAL when Project.open() connects.
    project.db.pragma('journal_mode = DELETE');
    project.close();
  } catch (err) {
    project.close();
    removeWithSidecars(tmp);
    throw err;
  }
  // Replaces any previous sample in one step (rename over it); its stale sidecars go first.
  for (const f of [`${out}-wal`, `${out}-shm`, `${out}-journal`]) fs.rmSync(f, { force: true });
  fs.renameSync(tmp, out);
  return summarizeSample(data);
}
