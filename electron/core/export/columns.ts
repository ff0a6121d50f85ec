import type { LayerId } from '../../../shared/api/layers.js';
import { LAYER_DEFS, type ColumnType } from '../project/schema.js';

/** One attribute of an exported feature: a column of the layer, or the derived `mu`. */
export interface ExportColumn {
  column: string;
  type: ColumnType;
  /** Chinese field name (fieldNames 'zh'); the importer's field rules recognise most of them. */
  zh: string;
}

/** Columns the file does not get: the verbatim source attributes (large, and in source_json already). */
const NOT_EXPORTED = new Set(['source_json']);

const ZH: Record<LayerId, Record<string, string>> = {
  parcels: {
    code: '地块编号', owner: '权利人', town: '镇街', address: '坐落', land_use: '土地用途', tenure: '权属性质',
    status: '整治状态', method: '整治方式', completed_on: '完成日期', block_code: '所在区块', zone_code: '更新片区',
    straddles: '跨区块', recorded_block: '所属区块', stated_area_m2: '登记面积', per_mu_class: '亩均等级',
  },
  key_blocks: { code: '区块编号', name: '区块名称', town: '镇街', target_mu: '目标亩数', started_on: '启动日期' },
  renewal_zones: { code: '片区编号', name: '片区名称', kind: '更新类型', phase: '实施阶段', investment_yi: '投资亿元' },
  platforms: { code: '平台编号', name: '平台名称', level: '平台级别' },
  transport: { code: '项目编号', name: '项目名称', mode: '交通方式', stage: '建设阶段', target_stage: '目标阶段', length_m: '长度米' },
  projects: { code: '项目编号', name: '项目名称', industry: '所属行业', investment_yi: '投资亿元', landed_on: '落地日期', town: '镇街' },
};
const AREA_ZH = { area_m2: '面积平方米', mu: '面积亩' };

/**
 * What an export of `layer` writes, in order: the layer's columns (not source_json), and on polygon
 * layers area_m2 (unrounded ellipsoidal m², as stored) followed by mu = area_m2 × 15 / 10000.
 */
export function exportColumns(layer: LayerId): ExportColumn[] {
  const def = LAYER_DEFS[layer];
  const out: ExportColumn[] = [];
  for (const c of def.columns) {
    if (NOT_EXPORTED.has(c.name)) continue;
    const zh = c.name === 'area_m2' ? AREA_ZH.area_m2 : ZH[layer][c.name];
    out.push({ column: c.name, type: c.type, zh: zh ?? c.name });
  }
  if (isPolygonLayer(layer)) out.push({ column: 'mu', type: 'REAL', zh: AREA_ZH.mu });
  return out;
}

export function isPolygonLayer(layer: LayerId): boolean {
  return LAYER_DEFS[layer].geometryKind === 'MULTIPOLYGON' || LAYER_DEFS[layer].geometryKind === 'POLYGON';
}

export function isLineLayer(layer: LayerId): boolean {
  return LAYER_DEFS[layer].geometryKind === 'MULTILINESTRING' || LAYER_DEFS[layer].geometryKind === 'LINESTRING';
}
