import type Database from 'better-sqlite3';
import { PlannerError } from '../../../shared/api/errors.js';
import type { Geometry, PropertyValue } from '../../../shared/api/geojson.js';
import type { LayerId } from '../../../shared/api/layers.js';
import { applyMapping, mappingSignature, mergeOverrides, suggestMapping, type TargetField } from '../../../shared/domain/field-mapping.js';
import { ellipsoidalAreaM2 } from '../../../shared/domain/area.js';
import { m2ToMu } from '../../../shared/domain/units.js';
import { assertInChina, decideCrs, toLonLat, type CrsDecision } from '../../../shared/geo/crs.js';
import { Extent, reprojectGeometry } from '../../../shared/geo/reproject.js';
import { checkGeometry, repairGeometry } from '../../../shared/geo/validity.js';
import { insertFeatures, withoutRtreeTrigger } from '../project/feature-store.js';
import type { Project } from '../project/project.js';
import { LAYER_DEFS } from '../project/schema.js';
import { ParcelAssigner, assignParcels, type AssignmentReport } from '../spatial/assign.js';
import type { EncodingDecision } from './readers/encoding.js';
import type { ReaderWarning } from './readers/types.js';
import { sampleSourceCoordinates, type ImportSource } from './source.js';

export const IMPORT_LAYERS = ['parcels', 'key_blocks', 'renewal_zones', 'platforms', 'transport'] as const;
export type ImportLayer = (typeof IMPORT_LAYERS)[number];
export type OnInvalid = 'reject' | 'skip' | 'repair';

export interface ImportOptions {
  layer: ImportLayer;
  encoding?: string | null;
  crs?: string | null;
  /** SRC=field choices on top of the recognised/remembered mapping ('' unmaps). */
  map?: Record<string, string | null>;
  onInvalid?: OnInvalid;
}

export interface InvalidFeature {
  index: number;
  code: string | null;
  issues: { code: string; reason: string; reasonZh: string }[];
  action: 'rejected' | 'skipped' | 'repaired';
}

export interface AreaMismatch {
  index: number;
  code: string | null;
  statedM2: number;
  computedM2: number;
  diffPct: number;
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
const AREA_MISMATCH = 0.005;

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

function geometryFits(layer: ImportLayer, g: Geometry): boolean {
  const kind = LAYER_DEFS[layer].geometryKind;
  if (kind === 'MULTIPOLYGON') return g.type === 'Polygon' || g.type === 'MultiPolygon';
  if (kind === 'MULTILINESTRING') return g.type === 'LineString' || g.type === 'MultiLineString';
  return g.type === 'Point';
}

/**
 * Imports every feature of `src` into `project` in ONE transaction: reproject to CGCS2000
 * lon/lat, check validity, map fields, compute ellipsoidal areas, insert, then assign parcels to
 * blocks and zones. Any error, an invalid feature under 'reject', or a cancel rolls it all back.
 */
export function runImport(project: Project, src: ImportSource, plan: ImportPlan, opts: ImportOptions, hooks: RunHooks = {}): ImportReport {
  const onInvalid = opts.onInvalid ?? 'reject';
  const layer = plan.layer;
  const columns = new Set(LAYER_DEFS[layer].columns.map((c) => c.name));
  const statuses = project.getSettings().statuses.map((s) => s.value);
  const transformer = toLonLat(plan.crs.epsg);
  const extent = new Extent();
  const invalid: InvalidFeature[] = [];
  const mismatches: AreaMismatch[] = [];
  const problems = new Map<string, { code: string; message: string; messageZh: string; count: number; indices: number[] }>();
  let areaM2 = 0;
  let imported = 0;

  const note = (code: string, message: string, messageZh: string, index: number): void => {
    const w = problems.get(code + message) ?? { code, message, messageZh, count: 0, indices: [] };
    w.count++;
    if (w.indices.length < 100) w.indices.push(index);
    problems.set(code + message, w);
  };

  // Parcels are assigned to blocks and zones as they are read (the blocks are loaded once), so
  // the rows are written complete in one INSERT instead of being updated afterwards.
  const assigner = layer === 'parcels' ? ParcelAssigner.fromDb(project.db) : null;
  const inline = { inBlock: 0, inZone: 0, straddling: [] as string[], disagreements: [] as { batchPos: number; code: string | null; recorded: string | null; spatial: string | null }[] };
  const blockDisagreements: NonNullable<ImportReport['assignment']>['blockDisagreements'] = [];

  const report = project.transaction(() => withoutRtreeTrigger(project.db, layer, () => {
    let batch: { geometry: Geometry; properties: Record<string, PropertyValue> }[] = [];
    const flush = (): void => {
      if (batch.length === 0) return;
      const ids = insertFeatures(project.db, layer, batch, { manualRtree: true, refreshExtent: false });
      for (const d of inline.disagreements) blockDisagreements.push({ fid: ids[d.batchPos] as number, code: d.code ?? `#${ids[d.batchPos]}`, recorded: d.recorded, spatial: d.spatial });
      inline.disagreements = [];
      imported += batch.length;
      batch = [];
    };

    for (let i = 0; i < src.count; i++) {
      if (i % CHUNK === 0) {
        hooks.onProgress?.(i, src.count);
        if (hooks.shouldCancel?.()) {
          throw new PlannerError('cancelled', `Import of ${src.file} was cancelled; nothing was changed.`, `已取消导入 ${src.file},项目未作任何修改。`, { file: src.file });
        }
      }
      const f = src.feature(i);
      if (!f) continue;
      const { properties: mapped, problems: fieldProblems } = applyMapping(f.attributes, plan.mapping, {}, { statuses });
      for (const p of fieldProblems) note(`field_${p.code}`, `${p.source}: ${p.reasonEn}`, `${p.source}:${p.reasonZh}`, f.index);
      const code = typeof mapped['code'] === 'string' ? mapped['code'] : null;
      if (!f.geometry || !geometryFits(layer, f.geometry)) {
        invalid.push({ index: f.index, code, issues: [{ code: f.geometry ? 'wrong_geometry_type' : 'empty', reason: f.geometry ? `a ${f.geometry.type} cannot go into ${layer}` : 'no geometry', reasonZh: f.geometry ? `${f.geometry.type} 不能导入 ${layer}` : '没有几何图形' }], action: onInvalid === 'reject' ? 'rejected' : 'skipped' });
        continue;
      }
      let geometry = reprojectGeometry(f.geometry, transformer, extent, undefined, true);
      const issues = checkGeometry(geometry).filter((x) => x.severity === 'error');
      if (issues.length > 0) {
        const repaired = onInvalid === 'repair' ? repairGeometry(geometry) : null;
        const action = onInvalid === 'reject' ? 'rejected' : repaired ? 'repaired' : 'skipped';
        invalid.push({ index: f.index, code, issues: issues.map((x) => ({ code: x.code, reason: x.reasonEn, reasonZh: x.reasonZh })), action });
        if (!repaired) continue;
        geometry = repaired;
      }
      const properties: Record<string, PropertyValue> = {};
      for (const [k, v] of Object.entries(mapped)) if (columns.has(k)) properties[k] = v;
      if (columns.has('source_json')) properties['source_json'] = JSON.stringify(f.attributes);
      if (columns.has('area_m2')) {
        const a = ellipsoidalAreaM2(geometry);
        properties['area_m2'] = a;
        areaM2 += a;
        const stated = properties['stated_area_m2'];
        if (typeof stated === 'number' && stated > 0 && Math.abs(a - stated) / stated > AREA_MISMATCH) {
          mismatches.push({ index: f.index, code, statedM2: stated, computedM2: a, diffPct: ((a - stated) / stated) * 100 });
        }
      }
      if (assigner) {
        const a = assigner.assign(geometry, properties['area_m2'] as number);
        properties['block_code'] = a?.blockCode ?? null;
        properties['zone_code'] = a?.zoneCode ?? null;
        properties['straddles'] = a?.straddles ?? false;
        if (a?.blockCode) inline.inBlock++;
        if (a?.zoneCode) inline.inZone++;
        if (a?.straddles) inline.straddling.push(code ?? `#${f.index}`);
        const recorded = typeof properties['recorded_block'] === 'string' ? properties['recorded_block'] : null;
        if (!assigner.recordedAgrees(recorded, a?.blockCode ?? null)) {
          inline.disagreements.push({ batchPos: batch.length, code, recorded: recorded?.trim() || null, spatial: a?.blockCode ?? null });
        }
      }
      batch.push({ geometry, properties });
      if (batch.length >= CHUNK) flush();
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
    flush();
    hooks.onProgress?.(src.count, src.count);
    if (imported === 0) {
      throw new PlannerError('nothing_imported', `${src.file}: no feature could be imported.`, `${src.file}:没有可导入的要素。`, { file: src.file, invalid: invalid.length });
    }
    if (extent.minX <= extent.maxX) assertInChina(extent.bbox(), src.file, plan.crs.epsg);
    rememberMapping(project.db, plan);
    let assignment: ImportReport['assignment'] = null;
    if (assigner) {
      assignment = { assigned: imported, inBlock: inline.inBlock, inZone: inline.inZone, straddling: inline.straddling, blockDisagreements };
    } else if (layer === 'key_blocks' || layer === 'renewal_zones') {
      // New blocks or zones: every parcel's assignment is re-run.
      const a = assignParcels(project.db);
      assignment = { assigned: a.assigned, inBlock: a.inBlock, inZone: a.inZone, straddling: a.straddling, blockDisagreements: a.blockDisagreements };
    }
    if (hooks.shouldCancel?.()) {
      throw new PlannerError('cancelled', `Import of ${src.file} was cancelled; nothing was changed.`, `已取消导入 ${src.file},项目未作任何修改。`, { file: src.file });
    }
    return assignment;
  }));

  const readerWarnings: ReaderWarning[] = src.warnings();
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
      ...readerWarnings.map((w) => ({ code: w.code, message: w.message, messageZh: w.messageZh, count: w.count, indices: w.indices })),
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
