import type ExcelJS from 'exceljs';
import type { Dashboard, ExportedFile, ExportFormat } from '../../../shared/api/dashboard.js';
import { goalColor } from '../../../shared/domain/goal-colors.js';
import { blockCsv, blockTable, exportFileName, goalTable, monthTable, reportTitle, transferTable, type ExportTable } from './export-tables.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv;charset=utf-8';
/** Rows 1–2 are the title and subtitle; the header is row 3 and data follow. */
export const HEADER_ROW = 3;

const argb = (hex: string): string => `FF${hex.replace('#', '').toUpperCase()}`;
const THIN = { style: 'thin' as const, color: { argb: 'FFB9BFC8' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** The header row's look in every exported sheet: bold on the accent's pale blue, centred, ruled. */
export function styleHeader(header: ExcelJS.Row): void {
  header.eachCell((c) => {
    c.font = { bold: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE3EDF8' } };
    c.alignment = { horizontal: 'center', vertical: 'middle' };
    c.border = BORDER;
  });
}

function addSheet(wb: ExcelJS.Workbook, table: ExportTable, title: { title: string; subtitle: string }): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: HEADER_ROW }], pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1 } });
  const last = table.headers.length;
  ws.addRow([title.title]);
  ws.addRow([title.subtitle]);
  ws.mergeCells(1, 1, 1, last);
  ws.mergeCells(2, 1, 2, last);
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.getCell(2, 1).font = { size: 10, color: { argb: 'FF5F6B7A' } };
  styleHeader(ws.addRow(table.headers));
  for (const values of table.rows) {
    const row = ws.addRow(values);
    for (let i = 1; i <= last; i++) {
      const c = row.getCell(i);
      c.border = BORDER;
      if (table.decimals.includes(i - 1)) c.numFmt = '0.00';
    }
  }
  ws.columns.forEach((col, i) => {
    const widest = Math.max(...[table.headers[i] ?? '', ...table.rows.map((r) => String(r[i] ?? ''))].map((s) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 255 ? 2 : 1), 0)));
    col.width = Math.min(Math.max(widest + 2, 8), 40);
  });
  return ws;
}

/** The status cells take the scheme's colour, and the legend is printed under the goals. */
function colourGoals(ws: ExcelJS.Worksheet, d: Dashboard): void {
  d.goals.goals.forEach((g, i) => {
    const c = ws.getCell(HEADER_ROW + 1 + i, 7);
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(g.color) } };
    c.font = { color: { argb: 'FFFFFFFF' }, bold: true };
  });
  ws.addRow([]);
  ws.addRow(['图例(状态颜色)']).getCell(1).font = { bold: true };
  for (const item of d.goals.legend) {
    const row = ws.addRow(['', item.labelZh]);
    row.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(goalColor(item.status, d.goals.scheme)) } };
  }
}

/** The dashboard's numbers as a file: .xlsx (four sheets, Chinese headers) or the block table as CSV. */
export async function exportDashboardFile(d: Dashboard, format: ExportFormat, isSample: boolean): Promise<ExportedFile> {
  const { year, asOf } = d.goals;
  if (format === 'csv') {
    return { fileName: exportFileName(year, asOf, 'csv'), mime: CSV_MIME, base64: Buffer.from(blockCsv(d), 'utf8').toString('base64') };
  }
  // Loaded on demand: exceljs takes ~0.5 s to load, which every CLI call and server start would otherwise pay.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = '土地与项目一张图';
  wb.created = new Date(`${asOf}T00:00:00Z`);
  const title = reportTitle(d, isSample);
  colourGoals(addSheet(wb, goalTable(d), title), d);
  addSheet(wb, blockTable(d), title);
  addSheet(wb, monthTable(d), title);
  addSheet(wb, transferTable(d), title);
  const buffer = await wb.xlsx.writeBuffer();
  return { fileName: exportFileName(year, asOf, 'xlsx'), mime: XLSX_MIME, base64: Buffer.from(buffer).toString('base64') };
}
