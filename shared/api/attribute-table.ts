import { z } from 'zod';
import { ExportFormat } from './dashboard.js';
import { BBox, PropertyValue } from './geojson.js';
import { LayerFilter } from './layer-filter.js';
import { LayerId } from './layers.js';

/**
 * The attribute table (属性表, issue 5 item 4): a layer's rows, sorted and filtered by the core and
 * handed to the renderer a page at a time, so the renderer never holds 100,000 features. The
 * filter is the shared LayerFilter (the layer panel's and the export's), plus a text that must be
 * contained in one of the layer's text columns.
 */

/** How a column is shown and written: text as is, numbers with `decimals`, dates as YYYY-MM-DD. */
export type AttributeColumnKind = 'text' | 'number' | 'date';

export interface AttributeColumn {
  /** The layer's column (`mu` is derived: area_m2 × 15 / 10000, sorted as area_m2). */
  key: string;
  zh: string;
  en: string;
  kind: AttributeColumnKind;
  /** Numbers: decimals shown and exported (areas to 0.01 m², mu to 2 decimals). */
  decimals?: number;
}

const text = (key: string, zh: string, en: string): AttributeColumn => ({ key, zh, en, kind: 'text' });
const date = (key: string, zh: string, en: string): AttributeColumn => ({ key, zh, en, kind: 'date' });
const num = (key: string, zh: string, en: string, decimals: number): AttributeColumn => ({ key, zh, en, kind: 'number', decimals });

/** The derived area in mu (亩): area_m2 × 15 / 10000 from the unrounded m². */
export const MU_COLUMN = 'mu';
const AREA: readonly AttributeColumn[] = [num('area_m2', '面积(㎡)', 'Area (m²)', 2), num(MU_COLUMN, '面积(亩)', 'Area (mu)', 2)];

/** The columns of each layer's table, in order (Chinese headers first: the bureau's vocabulary). */
export const ATTRIBUTE_COLUMNS: Record<LayerId, readonly AttributeColumn[]> = {
  parcels: [
    text('code', '地块编号', 'Code'),
    text('owner', '权利人', 'Owner'),
    text('town', '镇街', 'Town'),
    text('address', '坐落', 'Address'),
    text('land_use', '土地用途', 'Land use'),
    text('status', '整治状态', 'Status'),
    text('method', '整治方式', 'Method'),
    date('completed_on', '完成日期', 'Completed'),
    text('block_code', '所在区块', 'Key block'),
    text('zone_code', '更新片区', 'Renewal zone'),
    num('stated_area_m2', '登记面积(㎡)', 'Stated area (m²)', 2),
    num('area_m2', '计算面积(㎡)', 'Computed area (m²)', 2),
    num(MU_COLUMN, '计算面积(亩)', 'Computed area (mu)', 2),
  ],
  key_blocks: [
    text('code', '区块编号', 'Code'),
    text('name', '区块名称', 'Name'),
    text('town', '镇街', 'Town'),
    num('target_mu', '目标(亩)', 'Target (mu)', 2),
    date('started_on', '启动日期', 'Started'),
    ...AREA,
  ],
  renewal_zones: [
    text('code', '片区编号', 'Code'),
    text('name', '片区名称', 'Name'),
    text('kind', '更新类型', 'Kind'),
    text('phase', '实施阶段', 'Phase'),
    num('investment_yi', '投资(亿元)', 'Investment (100M yuan)', 2),
    ...AREA,
  ],
  platforms: [text('code', '平台编号', 'Code'), text('name', '平台名称', 'Name'), text('level', '平台级别', 'Level'), ...AREA],
  transport: [
    text('code', '项目编号', 'Code'),
    text('name', '项目名称', 'Name'),
    text('mode', '交通方式', 'Mode'),
    text('stage', '建设阶段', 'Stage'),
    text('target_stage', '目标阶段', 'Target stage'),
    num('length_m', '长度(m)', 'Length (m)', 2),
  ],
  projects: [
    text('code', '项目编号', 'Code'),
    text('name', '项目名称', 'Name'),
    text('industry', '所属行业', 'Industry'),
    num('investment_yi', '投资(亿元)', 'Investment (100M yuan)', 2),
    date('landed_on', '落地日期', 'Landed'),
    text('town', '镇街', 'Town'),
  ],
};

export const AttributeSortDir = z.enum(['asc', 'desc']);
export type AttributeSortDir = z.infer<typeof AttributeSortDir>;

export const AttributeSort = z.object({ column: z.string().min(1).max(40), dir: AttributeSortDir }).strict();
export type AttributeSort = z.infer<typeof AttributeSort>;

/** Rows per request at most (the table asks for a page of ~100 around the view). */
export const ATTRIBUTE_PAGE_MAX = 1000;

const QueryShape = {
  layer: LayerId,
  /** The layer panel's filter keys (status, town, method, block, completion year). */
  filter: LayerFilter.optional(),
  /** Terms separated by spaces, each contained in some text column (case-insensitive for Latin letters). */
  text: z.string().max(200).optional(),
  /** Default: fid (the order features were added). Blanks sort first ascending, last descending. */
  sort: AttributeSort.optional(),
};

/** A sort column must be one of the layer's table columns. */
function checkSortColumn<T extends { layer: LayerId; sort?: AttributeSort | undefined }>(q: T, ctx: z.core.$RefinementCtx<T>): void {
  if (q.sort && !ATTRIBUTE_COLUMNS[q.layer].some((c) => c.key === q.sort?.column)) {
    ctx.addIssue({ code: 'custom', path: ['sort', 'column'], message: `${q.layer} has no column ${q.sort.column}` });
  }
}

export const AttributeRowsInput = z
  .object({
    ...QueryShape,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(0).max(ATTRIBUTE_PAGE_MAX).default(100),
    /** Also say where this feature is in the sorted, filtered rows (`rowIndex`): the map selected it. */
    locate: z.number().int().positive().optional(),
  })
  .strict()
  .superRefine(checkSortColumn);
export type AttributeRowsInput = z.input<typeof AttributeRowsInput>;

export const AttributeRow = z.object({
  fid: z.number().int(),
  /** Extent of the feature (fly to it), null without geometry. */
  bbox: BBox.nullable(),
  /** One value per column of ATTRIBUTE_COLUMNS[layer], in order; numbers unrounded. */
  values: z.array(PropertyValue),
});
export type AttributeRow = z.infer<typeof AttributeRow>;

export const AttributeRows = z.object({
  /** Rows passing the filter. */
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  rows: z.array(AttributeRow),
  /** With `locate`: the feature's row index under this sort and filter, null when it does not pass the filter. */
  rowIndex: z.number().int().nonnegative().nullable().optional(),
});
export type AttributeRows = z.infer<typeof AttributeRows>;

/** The filtered rows, all of them, in the table's order: .xlsx or CSV (UTF-8 with BOM), Chinese headers. */
export const ExportAttributeTableInput = z
  .object({ ...QueryShape, format: ExportFormat })
  .strict()
  .superRefine(checkSortColumn);
export type ExportAttributeTableInput = z.input<typeof ExportAttributeTableInput>;

/** Index of a column by key in a layer's table (-1 when absent). */
export function attributeColumnIndex(layer: LayerId, key: string): number {
  return ATTRIBUTE_COLUMNS[layer].findIndex((c) => c.key === key);
}
