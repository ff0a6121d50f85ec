import type Database from 'better-sqlite3';
import { PlannerError } from '../../../shared/api/errors.js';
import type { LayerId } from '../../../shared/api/layers.js';
import { mappingSignature, mergeOverrides, suggestMapping, type TargetField } from '../../../shared/domain/field-mapping.js';
import { m2ToMu } from '../../../shared/domain/units.js';
import { assertInChina, decideCrs, type CrsDecision } from '../../../shared/geo/crs.js';
import { Extent } from '../../../shared/geo/reproject.js';
import { bulkInsert } from '../project/feature-store.js';
import type { Project } from '../project/project.js';
import { ParcelAssigner, assignParcels, type AssignmentReport } from '../spatial/assign.js';
import { readAssignerRows } from '../spatial/assigner.js';
import { FeaturePreparer, type AreaMismatch, type ImportLayer, type InvalidFeature, type OnInvalid, type PrepareSettings, type PreparedFeature } from './prepare.js';
import { POOL_CHUNK, PreparePool, poolPlan } from './prepare-pool.js';
import type { EncodingDecision } from './readers/encoding.js';
import { WarningLog, type ReaderWarning } from './readers/types.js';
import { sampleSourceCoordinates, shapefileSource, type ImportSource } from './source.js';

export { IMPORT_LAYERS, type AreaMismatch, type ImportLayer, type InvalidFeature, type OnInvalid } from './prepare.js';

export interface ImportOptions {
  layer: ImportLayer;
  encoding?: string | null;
  crs?: string | null;
  /** SRC=field choices on top of the recognised/remembered mapping ('' unmaps). */
  map?: Record<string, string | null>;
  onInvalid?: OnInvalid;
}

export interface ImportPlan {
  file: string;
  format: ImportSource['format'];
  layer: ImportLayer;
  count: number;
  encoding: EncodingDecision | null;
  crs: CrsDecision;
  mapping: Record<string, TargetField>;
  mappingSource: 'remembered' | 'recognised';
  unmapped: string[];
  signature: string;
}

export interface ImportReport {
  layer: ImportLayer;
  file: string;
  imported: number;
  encoding: string | null;
  encodingSource: string | null;
  encodingEvidence: string | null;
  crs: string;
  crsEvidence: string;
  /** Unrounded sum of the imported features' ellipsoidal areas (polygon layers). */
  areaM2: number;
  areaMu: number;
  invalid: InvalidFeature[];
  areaMismatches: AreaMismatch[];
  warnings: { code: string; message: string; messageZh: string; count: number; indices: number[] }[];
  mapping: Record<string, string>;
  assignment: Pick<AssignmentReport, 'assigned' | 'inBlock' | 'inZone' | 'straddling' | 'blockDisagreements'> | null;
}

export interface RunHooks {
  /** Called every few hundred features with (read, total). */
  onProgress?: (done: number, total: number) => void;
  /** Polled between chunks; true aborts the import and rolls everything back. */
  shouldCancel?: () => boolean;
}

const CHUNK = 500;

/** Decides encoding, CRS and field mapping for a source; throws a specific error when it cannot. */
export function planImport(db: Database.Database, src: ImportSource, opts: ImportOptions): ImportPlan {
  if (src.encodingDecision && src.encodingDecision.source === 'ask') {
    throw new PlannerError(
      'encoding_undecided',
      `${src.file}: the attribute encoding cannot be decided (${src.encodingDecision.evidence}); choose one, e.g. --encoding GBK.`,
      `${src.file}:无法确定属性编码(${src.encodingDecision.evidence}),请指定编码,例如 --encoding GBK。`,
      { file: src.file },
    );
  }
  const crs = decideCrs({
    file: src.file,
    userChoice: opts.crs ?? null,
    prj: src.prj ?? null,
    geojsonCrs: src.geojsonCrs ?? null,
    sample: sampleSourceCoordinates(src),
  });
  const fields = src.fields.map((f) => ({ name: f.name, type: f.sourceType ?? f.type }));
  const signature = mappingSignature(fields);
  const remembered = db
    .prepare('SELECT mapping_json FROM import_mappings WHERE signature = ? AND layer = ?')
    .pluck()
    .get(signature, opts.layer) as string | undefined;
  const suggested = suggestMapping(opts.layer, fields);
  const base = remembered ? (JSON.parse(remembered) as Record<string, TargetField>) : suggested.mapping;
  const merged = mergeOverrides(opts.layer, base, opts.map ?? {});
  if (merged.errors.length > 0) {
    const list = merged.errors.map((e) => `${e.source}=${e.target}`).join(', ');
    throw new PlannerError(
      'invalid_mapping',
      `${src.file}: ${merged.errors.map((e) => e.reasonEn).join('; ')} (${list})`,
      `${src.file}:${merged.errors.map((e) => e.reasonZh).join(';')}(${list})`,
      { file: src.file, errors: merged.errors },
    );
  }
  return {
    file: src.file,
    format: src.format,
    layer: opts.layer,
    count: src.count,
    encoding: src.encodingDecision,
    crs,
    mapping: merged.mapping,
    mappingSource: remembered ? 'remembered' : 'recognised',
    unmapped: fields.map((f) => f.name).filter((n) => !(n in merged.mapping)),
    signature,
  };
}

/** Reader warnings of a pooled import: the header's from the planning read, the records' from the workers. */
function mergeWarnings(header: readonly ReaderWarning[], perWorker: readonly (readonly ReaderWarning[])[]): ReaderWarning[] {
  const log = new WarningLog();
  log.merge(header.filter((w) => w.indices.length === 0));
  for (const ws of perWorker) log.merge(ws.filter((w) => w.indices.length > 0));
  return log.list();
}

/**
 * Imports every feature of `src` into `project` in ONE transaction: reproject to CGCS2000
 * lon/lat, check validity, map fields, compute ellipsoidal areas, assign parcels to blocks and
 * zones (FeaturePreparer), insert. Large shapefiles are prepared by a pool of worker threads
 * while this thread writes, in file order, so the result is the same as in-process. Any error, an
 * invalid feature under 'reject', or a cancel rolls it all back.
 */
export function runImport(project: Project, src: ImportSource, plan: ImportPlan, opts: ImportOptions, hooks: RunHooks = {}): ImportReport {
  const onInvalid = opts.onInvalid ?? 'reject';
  const layer = plan.layer;
  const settings: PrepareSettings = { layer, mapping: plan.mapping, statuses: project.getSettings().statuses.map((s) => s.value), epsg: plan.crs.epsg, onInvalid };
  const extent = new Extent();
  const invalid: InvalidFeature[] = [];
  const mismatches: AreaMismatch[] = [];
  const problems = new Map<string, { code: string; message: string; messageZh: string; count: number; indices: number[] }>();
  let areaM2 = 0;
  let imported = 0;
  let readerWarnings: ReaderWarning[] | null = null;
  const inline = { inBlock: 0, inZone: 0, straddling: [] as string[] };
  const blockDisagreements: NonNullable<ImportReport['assignment']>['blockDisagreements'] = [];
  const pool = src.shared ? poolPlan(src.count) : null;

  const cancelled = (): PlannerError =>
    new PlannerError('cancelled', `Import of ${src.file} was cancelled; nothing was changed.`, `已取消导入 ${src.file},项目未作任何修改。`, { file: src.file });

  // A pooled (large) import writes with a rollback journal when nothing else has the file open.
  const write = <T>(fn: () => T): T => (pool ? project.withRollbackJournal(fn) : fn());
  const report = write(() => project.transaction(() => bulkInsert(project.db, layer, (writer) => {
    const consume = (p: PreparedFeature): void => {
      for (const n of p.notes) {
        const w = problems.get(n.code + n.message) ?? { ...n, count: 0, indices: [] };
        w.count++;
        if (w.indices.length < 100) w.indices.push(p.index);
        problems.set(n.code + n.message, w);
      }
      if (p.invalid) invalid.push(p.invalid);
      if (!p.row) return;
      areaM2 += p.areaM2;
      if (p.mismatch) mismatches.push(p.mismatch);
      // Under 'reject' nothing will be kept: stop writing after the first invalid feature.
      if (onInvalid === 'reject' && invalid.length > 0) return;
      const fid = writer.write(p.row);
      imported++;
      const a = p.assignment;
      if (a) {
        if (a.blockCode) inline.inBlock++;
        if (a.zoneCode) inline.inZone++;
        if (a.straddles) inline.straddling.push(p.code ?? `#${p.index}`);
        if (a.disagrees) blockDisagreements.push({ fid, code: p.code ?? `#${fid}`, recorded: a.recorded, spatial: a.blockCode });
      }
    };

    if (pool && src.shared) {
      const workers = new PreparePool({
        parts: src.shared,
        encoding: plan.encoding?.encoding ?? null,
        settings,
        regions: layer === 'parcels' ? readAssignerRows(project.db) : null,
        workers: pool.workers,
        count: src.count,
      });
      try {
        for (let k = 0; k < workers.size; k++) {
          hooks.onProgress?.(Math.min(src.count, k * POOL_CHUNK), src.count);
          if (hooks.shouldCancel?.()) throw cancelled();
          for (const p of workers.take(k)) consume(p);
        }
        const done = workers.finish();
        for (const [minX, minY, maxX, maxY] of done.extents) if (minX <= maxX) { extent.add(minX, minY); extent.add(maxX, maxY); }
        readerWarnings = mergeWarnings(src.warnings(), done.warnings);
      } finally {
        workers.close();
      }
    } else {
      const preparer = new FeaturePreparer(settings, layer === 'parcels' ? ParcelAssigner.fromDb(project.db) : null);
      // A fresh reader over the same bytes, so records already read while planning (CRS sample)
      // are not counted twice in the warnings.
      const reader = src.shared ? shapefileSource(src.shared, plan.encoding?.encoding ?? null) : src;
      for (let i = 0; i < src.count; i++) {
        if (i % CHUNK === 0) {
          hooks.onProgress?.(i, src.count);
          if (hooks.shouldCancel?.()) throw cancelled();
        }
        const f = reader.feature(i);
        if (f) consume(preparer.prepare(f));
      }
      extent.merge(preparer.extent);
      if (reader !== src) readerWarnings = mergeWarnings(src.warnings(), [reader.warnings()]);
    }
    if (onInvalid === 'reject' && invalid.length > 0) {
      const first = invalid.slice(0, 5).map((x) => `#${x.index}${x.code ? ` (${x.code})` : ''}: ${x.issues.map((i) => i.reason).join(', ')}`).join('; ');
      const firstZh = invalid.slice(0, 5).map((x) => `第 ${x.index} 个要素${x.code ? `(${x.code})` : ''}:${x.issues.map((i) => i.reasonZh).join('、')}`).join(';');
      throw new PlannerError(
        'invalid_geometry',
        `${src.file}: ${invalid.length} feature(s) have invalid geometry, so nothing was imported: ${first}. Skip or repair them (--on-invalid skip|repair).`,
        `${src.file}:${invalid.length} 个要素几何无效,未导入任何数据:${firstZh}。可选择跳过或修复(--on-invalid skip|repair)。`,
        { file: src.file, invalid },
      );
    }
    hooks.onProgress?.(src.count, src.count);
    if (imported === 0) {
      throw new PlannerError('nothing_imported', `${src.file}: no feature could be imported.`, `${src.file}:没有可导入的要素。`, { file: src.file, invalid: invalid.length });
    }
    if (extent.minX <= extent.maxX) assertInChina(extent.bbox(), src.file, plan.crs.epsg);
    rememberMapping(project.db, plan);
    let assignment: ImportReport['assignment'] = null;
    if (layer === 'parcels') {
      assignment = { assigned: imported, inBlock: inline.inBlock, inZone: inline.inZone, straddling: inline.straddling, blockDisagreements };
    } else if (layer === 'key_blocks' || layer === 'renewal_zones') {
      // New blocks or zones: every parcel's assignment is re-run.
      const a = assignParcels(project.db);
      assignment = { assigned: a.assigned, inBlock: a.inBlock, inZone: a.inZone, straddling: a.straddling, blockDisagreements: a.blockDisagreements };
    }
    if (hooks.shouldCancel?.()) throw cancelled();
    return assignment;
  })));

  const warnings = readerWarnings ?? src.warnings();
  return {
    layer,
    file: src.file,
    imported,
    encoding: plan.encoding?.encoding ?? null,
    encodingSource: plan.encoding?.source ?? null,
    encodingEvidence: plan.encoding?.evidence ?? null,
    crs: `EPSG:${plan.crs.epsg}`,
    crsEvidence: plan.crs.evidence,
    areaM2,
    areaMu: m2ToMu(areaM2),
    invalid,
    areaMismatches: mismatches,
    warnings: [
      ...warnings.map((w) => ({ code: w.code, message: w.message, messageZh: w.messageZh, count: w.count, indices: w.indices })),
      ...plan.crs.warnings.map((w) => ({ code: 'crs_datum', message: w.en, messageZh: w.zh, count: 1, indices: [] })),
      ...problems.values(),
    ],
    mapping: plan.mapping,
    assignment: report,
  };
}

function rememberMapping(db: Database.Database, plan: ImportPlan): void {
  db.prepare(
    `INSERT INTO import_mappings (signature, layer, mapping_json, updated_at) VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))
     ON CONFLICT (signature, layer) DO UPDATE SET mapping_json = excluded.mapping_json, updated_at = excluded.updated_at`,
  ).run(plan.signature, plan.layer, JSON.stringify(plan.mapping));
}

export type { LayerId };
