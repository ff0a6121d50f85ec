import type Database from 'better-sqlite3';
import { PlannerError } from '../../../shared/api/errors.js';
import type { CardParcel, CardParcelFigures, CardParcelRule, FeatureCard } from '../../../shared/api/feature-card.js';
import type { Geometry, PropertyValue } from '../../../shared/api/geojson.js';
import type { LayerId } from '../../../shared/api/layers.js';
import type { Settings } from '../../../shared/api/settings.js';
import { ellipsoidalAreaM2 } from '../../../shared/domain/area.js';
import { yearToDateRange } from '../../../shared/domain/goals.js';
import { geodesicLengthM } from '../../../shared/domain/length.js';
import { m2ToMu } from '../../../shared/domain/units.js';
import { dashboardYears, defaultYear } from '../dashboard/dashboard.js';
import { doneStatuses } from '../tally/tally.js';
import { decodeGpkgBlob } from '../gpkg/blob.js';
import { LAYER_DEFS } from '../project/schema.js';
import { parcelsOverlapping } from '../spatial/select.js';
import { bboxOf } from '../trace/geometry.js';

/** Columns shown as the card's title or never shown (the verbatim source attributes can be large). */
const NOT_ATTRIBUTES = new Set(['code', 'name', 'source_json']);

interface ParcelRow {
  fid: number;
  code: string | null;
  owner: string | null;
  status: string | null;
  completed_on: string | null;
  area_m2: number | null;
  minx: number | null;
  miny: number | null;
  maxx: number | null;
  maxy: number | null;
}

const PARCEL_COLUMNS = `p.fid, p.code, p.owner, p.status, p.completed_on, p.area_m2, r.minx, r.miny, r.maxx, r.maxy
  FROM parcels p LEFT JOIN rtree_parcels_geom r ON r.id = p.fid`;

function parcelsOf(db: Database.Database, layer: LayerId, code: string | null, geometry: Geometry): { rule: CardParcelRule; rows: ParcelRow[] } | null {
  if (layer === 'key_blocks' || layer === 'renewal_zones') {
    const column = layer === 'key_blocks' ? 'block_code' : 'zone_code';
    const rows = code === null ? [] : (db.prepare(`SELECT ${PARCEL_COLUMNS} WHERE p.${column} = ?`).all(code) as ParcelRow[]);
    return { rule: column, rows };
  }
  if (layer === 'platforms') {
    const stmt = db.prepare(`SELECT ${PARCEL_COLUMNS} WHERE p.fid = ?`);
    const rows = parcelsOverlapping(db, geometry).map((fid) => stmt.get(fid) as ParcelRow);
    return { rule: 'overlap', rows };
  }
  return null;
}

function figures(rows: readonly ParcelRow[], rule: CardParcelRule, settings: Settings, year: number, targetMu: number | null): CardParcelFigures {
  const done = new Set(doneStatuses(settings));
  // The tally's rule: a done status with a completion date in the year (DESIGN §4).
  const range = yearToDateRange(year, `${String(year).padStart(4, '0')}-12-31`);
  let areaM2 = 0;
  let remediatedM2 = 0;
  let remediatedCount = 0;
  for (const r of rows) {
    const a = r.area_m2 ?? 0;
    areaM2 += a;
    if (r.status !== null && done.has(r.status) && r.completed_on !== null && r.completed_on >= range.from && r.completed_on < range.before) {
      remediatedM2 += a;
      remediatedCount++;
    }
  }
  const remediatedMu = m2ToMu(remediatedM2);
  return {
    rule,
    year,
    count: rows.length,
    areaM2,
    areaMu: m2ToMu(areaM2),
    remediatedCount,
    remediatedM2,
    remediatedMu,
    targetMu,
    progress: targetMu !== null && targetMu > 0 ? remediatedMu / targetMu : null,
  };
}

const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

function toCardParcel(r: ParcelRow): CardParcel {
  const bbox = r.minx === null || r.miny === null || r.maxx === null || r.maxy === null ? null : ([r.minx, r.miny, r.maxx, r.maxy] as [number, number, number, number]);
  return { fid: r.fid, code: r.code, owner: r.owner, status: r.status, areaM2: r.area_m2 ?? 0, bbox };
}

/**
 * The card of one feature: its attributes, its own area or length (ellipsoidal / geodesic on
 * CGCS2000), and for blocks, zones and platforms their parcels with the year's remediated figures
 * (a block also against its target). `today` only picks the default year (pure otherwise).
 */
export function featureCard(db: Database.Database, settings: Settings, input: { layer: LayerId; fid: number; year?: number | undefined }, today: string): FeatureCard {
  const { layer, fid } = input;
  const def = LAYER_DEFS[layer];
  const row = db.prepare(`SELECT * FROM "${layer}" WHERE fid = ?`).get(fid) as (Record<string, unknown> & { geom: Buffer | null }) | undefined;
  if (!row) {
    throw new PlannerError('feature_not_found', `Layer ${layer} has no feature ${fid}`, `图层 ${layer} 中没有要素 #${fid}`, { layer, fid });
  }
  const geometry = row.geom ? decodeGpkgBlob(row.geom) : null;
  const attributes: Record<string, PropertyValue> = {};
  for (const c of def.columns) {
    if (NOT_ATTRIBUTES.has(c.name)) continue;
    const v = row[c.name];
    attributes[c.name] = c.type === 'BOOLEAN' ? (v === null || v === undefined ? null : v === 1) : ((v ?? null) as PropertyValue);
  }
  const polygonal = geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon';
  const linear = geometry?.type === 'LineString' || geometry?.type === 'MultiLineString';
  const areaM2 = geometry && polygonal ? ellipsoidalAreaM2(geometry) : null;
  const code = text(row['code']);
  const found = geometry ? parcelsOf(db, layer, code, geometry) : null;
  const year = input.year ?? defaultYear(dashboardYears(db, settings), today);
  const target = layer === 'key_blocks' && typeof row['target_mu'] === 'number' && Number.isFinite(row['target_mu']) ? row['target_mu'] : null;
  const rows = found ? [...found.rows].sort((a, b) => (a.code ?? '').localeCompare(b.code ?? '') || a.fid - b.fid) : [];
  return {
    layer,
    fid,
    code,
    name: text(row['name']),
    attributes,
    bbox: geometry ? bboxOf(geometry) : null,
    areaM2,
    areaMu: areaM2 === null ? null : m2ToMu(areaM2),
    lengthM: geometry && linear ? geodesicLengthM(geometry) : null,
    parcels: found ? figures(found.rows, found.rule, settings, year, target) : null,
    parcelList: rows.map(toCardParcel),
  };
}
