import type { Geometry, PropertyValue } from '../../../shared/api/geojson.js';
import { ellipsoidalAreaM2 } from '../../../shared/domain/area.js';
import { applyMapping, type TargetField } from '../../../shared/domain/field-mapping.js';
import { toLonLat, type LonLatTransformer } from '../../../shared/geo/crs.js';
import { Extent, reprojectGeometry } from '../../../shared/geo/reproject.js';
import { checkGeometry, repairGeometry } from '../../../shared/geo/validity.js';
import { envelopeOf } from '../gpkg/blob.js';
import { encodeRow, type EncodedRow } from '../project/feature-store.js';
import { LAYER_DEFS } from '../project/schema.js';
import type { ParcelAssigner } from '../spatial/assigner.js';
import type { SourceFeature } from './readers/types.js';

/** The layers a geometry file can be imported into. */
export const IMPORT_LAYERS = ['parcels', 'key_blocks', 'renewal_zones', 'platforms', 'transport'] as const;
export type ImportLayer = (typeof IMPORT_LAYERS)[number];
export type OnInvalid = 'reject' | 'skip' | 'repair';

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

/** What the preparer needs to know; plain data, so it can be sent to a worker thread. */
export interface PrepareSettings {
  layer: ImportLayer;
  mapping: Record<string, TargetField>;
  statuses: string[];
  epsg: number;
  onInvalid: OnInvalid;
}

export interface FieldNote {
  code: string;
  message: string;
  messageZh: string;
}

/** A parcel's block and zone, decided as it is read. */
export interface InlineAssignment {
  blockCode: string | null;
  zoneCode: string | null;
  straddles: boolean;
  /** the recorded block disagrees with the location (DESIGN §4 data quality) */
  disagrees: boolean;
  recorded: string | null;
}

/** One source feature, ready to be written (row) or reported (invalid). */
export interface PreparedFeature {
  index: number;
  code: string | null;
  notes: FieldNote[];
  invalid: InvalidFeature | null;
  /** null when the feature is not written (no geometry, wrong type, invalid and not repaired) */
  row: EncodedRow | null;
  areaM2: number;
  mismatch: AreaMismatch | null;
  assignment: InlineAssignment | null;
}

const AREA_MISMATCH = 0.005;

function geometryFits(layer: ImportLayer, g: Geometry): boolean {
  const kind = LAYER_DEFS[layer].geometryKind;
  if (kind === 'MULTIPOLYGON') return g.type === 'Polygon' || g.type === 'MultiPolygon';
  if (kind === 'MULTILINESTRING') return g.type === 'LineString' || g.type === 'MultiLineString';
  return g.type === 'Point';
}

/**
 * The per-feature half of an import, with no database: map fields, reproject to CGCS2000
 * lon/lat, check validity (repair when asked), measure the ellipsoidal area, compare it with the
 * stated one, assign the parcel to its block and zone, and encode the row. The same code runs
 * in-process for small files and in a pool of worker threads for large ones (prepare-pool.ts),
 * so both give identical rows and reports.
 */
export class FeaturePreparer {
  /** lon/lat extent of everything reprojected so far */
  readonly extent = new Extent();
  private readonly transformer: LonLatTransformer;
  private readonly columns: Set<string>;

  constructor(
    private readonly settings: PrepareSettings,
    private readonly assigner: ParcelAssigner | null,
  ) {
    this.transformer = toLonLat(settings.epsg);
    this.columns = new Set(LAYER_DEFS[settings.layer].columns.map((c) => c.name));
  }

  prepare(f: SourceFeature): PreparedFeature {
    const { layer, onInvalid } = this.settings;
    const { properties: mapped, problems } = applyMapping(f.attributes, this.settings.mapping, {}, { statuses: this.settings.statuses });
    const notes = problems.map((p) => ({ code: `field_${p.code}`, message: `${p.source}: ${p.reasonEn}`, messageZh: `${p.source}:${p.reasonZh}` }));
    const code = typeof mapped['code'] === 'string' ? mapped['code'] : null;
    const out: PreparedFeature = { index: f.index, code, notes, invalid: null, row: null, areaM2: 0, mismatch: null, assignment: null };
    if (!f.geometry || !geometryFits(layer, f.geometry)) {
      const reason = f.geometry ? `a ${f.geometry.type} cannot go into ${layer}` : 'no geometry';
      const reasonZh = f.geometry ? `${f.geometry.type} 不能导入 ${layer}` : '没有几何图形';
      out.invalid = { index: f.index, code, issues: [{ code: f.geometry ? 'wrong_geometry_type' : 'empty', reason, reasonZh }], action: onInvalid === 'reject' ? 'rejected' : 'skipped' };
      return out;
    }
    let geometry = reprojectGeometry(f.geometry, this.transformer, this.extent, undefined, true);
    const issues = checkGeometry(geometry).filter((x) => x.severity === 'error');
    if (issues.length > 0) {
      const repaired = onInvalid === 'repair' ? repairGeometry(geometry) : null;
      const action = onInvalid === 'reject' ? 'rejected' : repaired ? 'repaired' : 'skipped';
      out.invalid = { index: f.index, code, issues: issues.map((x) => ({ code: x.code, reason: x.reasonEn, reasonZh: x.reasonZh })), action };
      if (!repaired) return out;
      geometry = repaired;
    }
    const properties: Record<string, PropertyValue> = {};
    for (const k in mapped) if (this.columns.has(k)) properties[k] = mapped[k] as PropertyValue;
    if (this.columns.has('source_json')) properties['source_json'] = JSON.stringify(f.attributes);
    if (this.columns.has('area_m2')) {
      const a = ellipsoidalAreaM2(geometry);
      properties['area_m2'] = a;
      out.areaM2 = a;
      const stated = properties['stated_area_m2'];
      if (typeof stated === 'number' && stated > 0 && Math.abs(a - stated) / stated > AREA_MISMATCH) {
        out.mismatch = { index: f.index, code, statedM2: stated, computedM2: a, diffPct: ((a - stated) / stated) * 100 };
      }
    }
    if (this.assigner) {
      // Most parcels are far from every block and zone: when the parcel's box meets none of
      // theirs, the assignment is "none" without preparing the parcel's rings (same result).
      const env = envelopeOf(geometry);
      const a = env && this.assigner.mayOverlap([env.minX, env.minY, env.maxX, env.maxY]) ? this.assigner.assign(geometry, out.areaM2) : null;
      const recorded = typeof properties['recorded_block'] === 'string' ? properties['recorded_block'] : null;
      properties['block_code'] = a?.blockCode ?? null;
      properties['zone_code'] = a?.zoneCode ?? null;
      properties['straddles'] = a?.straddles ?? false;
      out.assignment = {
        blockCode: a?.blockCode ?? null,
        zoneCode: a?.zoneCode ?? null,
        straddles: a?.straddles ?? false,
        disagrees: !this.assigner.recordedAgrees(recorded, a?.blockCode ?? null),
        recorded: recorded?.trim() || null,
      };
    }
    out.row = encodeRow(layer, { geometry, properties }, f.index);
    return out;
  }
}
