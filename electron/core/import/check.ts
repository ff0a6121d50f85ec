import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImportPreview } from '../../../shared/api/import.js';
import { Project } from '../project/project.js';
import { planImport, runImport, type ImportOptions, type RunHooks } from './pipeline.js';
import type { ImportSource } from './source.js';

/**
 * A dry run of an import: the very same pipeline, into a throw-away project in the temp folder,
 * so what the user previews is exactly what the import will do. The user's project is not touched
 * (only its remembered field mapping is read, when `remembered` is given).
 */
export function checkImport(src: ImportSource, opts: ImportOptions, hooks: RunHooks = {}, remembered?: Project): ImportPreview {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landplanner-check-'));
  const scratch = Project.create(path.join(dir, 'check.gpkg'));
  try {
    const options = { ...opts, onInvalid: 'skip' as const };
    const plan = planImport((remembered ?? scratch).db, src, options);
    const report = runImport(scratch, src, plan, options, hooks);
    return {
      file: report.file,
      layer: report.layer,
      features: src.count,
      valid: report.imported,
      encoding: report.encoding,
      encodingSource: report.encodingSource,
      encodingEvidence: report.encodingEvidence,
      crs: report.crs,
      crsEvidence: report.crsEvidence,
      mapping: report.mapping,
      fields: src.fields.map((f) => f.name),
      unmapped: plan.unmapped,
      sampleRows: scratch.features(plan.layer).features.slice(0, 5).map((f) => f.properties),
      areaM2: report.areaM2,
      areaMu: report.areaMu,
      invalid: report.invalid.map((i) => ({ ...i, action: 'reported' as const })),
      areaMismatches: report.areaMismatches,
      warnings: report.warnings,
    };
  } finally {
    scratch.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
