import { PassThrough } from 'node:stream';
import { ATTRIBUTE_COLUMNS, type AttributeRow } from '../../../shared/api/attribute-table.js';
import type { ExportedFile, ExportFormat } from '../../../shared/api/dashboard.js';
import { FILTER_KEYS, type FilterKey, type LayerFilter } from '../../../shared/api/layer-filter.js';
import { LAYER_LABELS, type LayerId } from '../../../shared/api/layers.js';
import { roundTo } from '../../../shared/domain/units.js';
import { CSV_MIME, XLSX_MIME, styleHeader } from '../dashboard/export.js';
import { tableCsv, type ExportCell } from '../dashboard/export-tables.js';
import { textTerms, type TableQuery } from './table-sql.js';

const FILTER_ZH: Record<FilterKey, string> = { status: '整治状态', town: '镇街', method: '整治方式', block: '重点区块', completedYear: '完成年份' };

export interface TableExportContext {
  isSample: boolean;
  /** The export's date (file name, the 说明 sheet). */
  now: Date;
}

/** Cells as written: numbers rounded to the column's decimals (m² to 0.01, mu to 2 decimals). */
function cells(layer: LayerId, rows: readonly AttributeRow[]): ExportCell[][] {
  const cols = ATTRIBUTE_COLUMNS[layer];
  return rows.map((r) =>
    r.values.map((v, i) => {
      const d = cols[i]?.decimals;
      if (typeof v === 'number') return d === undefined ? v : roundTo(v, d);
      if (typeof v === 'boolean') return v ? 1 : 0;
      return v;
    }),
  );
}

/** The filter and text in words, for the 说明 sheet: "整治状态 = 已完成、(未填);关键字:五金". */
export function describeQuery(q: TableQuery): string {
  const parts: string[] = [];
  const filter: LayerFilter = q.filter ?? {};
  for (const key of FILTER_KEYS) {
    const values = filter[key] as readonly (string | number | null)[] | undefined;
    if (values) parts.push(`${FILTER_ZH[key]} = ${values.map((v) => (v === null ? '(未填)' : String(v))).join('、')}`);
  }
  const terms = textTerms(q.text);
  if (terms.length > 0) parts.push(`关键字:${terms.join(' ')}`);
  return parts.length > 0 ? parts.join(';') : '全部(未筛选)';
}

function sortText(q: TableQuery): string {
  if (!q.sort) return '按要素编号(fid)';
  const col = ATTRIBUTE_COLUMNS[q.layer].find((c) => c.key === q.sort?.column);
  return `${col?.zh ?? q.sort.column} ${q.sort.dir === 'desc' ? '降序' : '升序'}`;
}

const isoDate = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function tableFileName(layer: LayerId, now: Date, ext: ExportFormat, isSample: boolean): string {
  return `${LAYER_LABELS[layer].zh}_属性表${isSample ? '_示例数据' : ''}_${isoDate(now)}.${ext}`;
}

/**
 * The filtered rows in the table's order as a file with Chinese headers: CSV (UTF-8 with BOM, the
 * dashboard's tableCsv) or .xlsx — the data sheet (header row frozen, areas as numbers with two
 * decimals, an autofilter) and a 说明 sheet saying what was exported. The workbook is streamed
 * row by row: exceljs's in-memory workbook takes ~1 GB for 100,000 rows.
 */
export async function exportTableFile(q: TableQuery, rows: readonly AttributeRow[], format: ExportFormat, ctx: TableExportContext): Promise<ExportedFile> {
  const cols = ATTRIBUTE_COLUMNS[q.layer];
  const headers = cols.map((c) => c.zh);
  const decimals = cols.flatMap((c, i) => (c.decimals === undefined ? [] : [i]));
  const data = cells(q.layer, rows);
  const fileName = tableFileName(q.layer, ctx.now, format, ctx.isSample);
  if (format === 'csv') {
    return { fileName, mime: CSV_MIME, base64: Buffer.from(tableCsv({ headers, rows: data, decimals }), 'utf8').toString('base64') };
  }
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  // Loaded on demand (~0.5 s), like the ledger reader.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = '土地与项目一张图';
  wb.created = ctx.now;
  const ws = wb.addWorksheet(LAYER_LABELS[q.layer].zh, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c, i) => ({
    key: c.key,
    width: columnWidth(c.zh, data, i),
    ...(c.decimals === undefined ? {} : { style: { numFmt: c.decimals === 0 ? '0' : `0.${'0'.repeat(c.decimals)}` } }),
  }));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
  const header = ws.addRow(headers);
  styleHeader(header);
  header.commit();
  for (const values of data) ws.addRow(values).commit();
  ws.commit();
  const about = wb.addWorksheet('说明');
  about.columns = [{ width: 12 }, { width: 60 }];
  const lines: [string, string][] = [
    ['图层', LAYER_LABELS[q.layer].zh],
    ['筛选', describeQuery(q)],
    ['排序', sortText(q)],
    ['行数', String(rows.length)],
    ['导出日期', isoDate(ctx.now)],
    ['面积', '椭球面积(CGCS2000),单宗精确到 0.01 ㎡;亩 = ㎡ × 15 / 10000'],
    ...(ctx.isSample ? ([['说明', '示例数据:几何形状与数字仅作示意']] as [string, string][]) : []),
  ];
  for (const line of lines) {
    const row = about.addRow(line);
    row.getCell(1).font = { bold: true };
    row.commit();
  }
  about.commit();
  await wb.commit();
  await done;
  return { fileName, mime: XLSX_MIME, base64: Buffer.concat(chunks).toString('base64') };
}

/** Width from the header and the first rows (CJK characters count double), 8–40. */
function columnWidth(header: string, data: readonly ExportCell[][], i: number): number {
  const width = (s: string): number => [...s].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) > 255 ? 2 : 1), 0);
  let widest = width(header);
  const n = Math.min(data.length, 500);
  for (let r = 0; r < n; r++) {
    const v = data[r]?.[i];
    if (v !== null && v !== undefined) widest = Math.max(widest, width(typeof v === 'number' ? v.toFixed(2) : v));
  }
  return Math.min(Math.max(widest + 2, 8), 40);
}
