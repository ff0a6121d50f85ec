import fs from 'node:fs/promises';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { PlannerError } from '../../../shared/api/errors.js';
import { suggestLedgerMapping, type LedgerLayerId } from '../../../shared/domain/ledger-mapping.js';
import { decideCsvEncoding, decodeCsv, parseCsv, type LedgerEncoding } from './csv.js';

export type Cell = string | number | boolean | null;

export interface LedgerRow {
  /** the row number the user sees in Excel (1-based; for a CSV, the record number) */
  row: number;
  cells: Record<string, Cell>;
}

export interface LedgerWarning {
  code: string;
  message: string;
  messageZh: string;
  count: number;
  indices: number[];
}

/** A ledger sheet read whole: its header row found below any title rows, data rows by header. */
export interface LedgerTable {
  file: string;
  format: 'xlsx' | 'csv';
  sheet: string | null;
  /** .xlsx: the sheets that can be read (visible, not empty), in workbook order; null for a CSV */
  sheets: string[] | null;
  /** .xlsx: 'user' = the sheet asked for, 'auto' = the sheet whose header the ledger recognises best */
  sheetSource: 'auto' | 'user' | null;
  headerRow: number;
  headers: string[];
  rows: LedgerRow[];
  encoding: LedgerEncoding | null;
  warnings: LedgerWarning[];
}

interface GridRow {
  row: number;
  cells: Cell[];
}

const HEADER_SEARCH_ROWS = 30;

function notFound(file: string, e: unknown): PlannerError {
  return new PlannerError('file_not_found', `Cannot read ${file} (${(e as Error).message}).`, `无法读取文件 ${file}(${(e as Error).message})。`, { file });
}

/**
 * Opens a ledger (.xlsx or .csv; the content decides, not only the extension) for `layer`.
 * A CSV's encoding follows decideCsvEncoding; an undecidable one is returned with source 'ask'
 * for the caller to refuse or to offer the candidates. `sheet` names the worksheet of an .xlsx to
 * read (else the best-matching one is chosen); an unknown name is refused with the sheets listed.
 */
export async function openLedgerTable(file: string, layer: LedgerLayerId, encoding?: string | null, sheet?: string | null): Promise<LedgerTable> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    throw notFound(file, e);
  }
  return readLedgerBytes(bytes, path.basename(file), layer, encoding, sheet);
}

export async function readLedgerBytes(bytes: Uint8Array, name: string, layer: LedgerLayerId, encoding?: string | null, sheet?: string | null): Promise<LedgerTable> {
  const ext = path.extname(name).toLowerCase();
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (ole || ext === '.xls' || ext === '.et') {
    throw new PlannerError(
      'unsupported_format',
      `${name}: the old Excel format (.xls) cannot be read; save it as .xlsx or CSV in Excel/WPS and import that.`,
      `${name}:无法读取旧版 Excel 格式(.xls),请在 Excel/WPS 中另存为 .xlsx 或 CSV 后再导入。`,
      { file: name },
    );
  }
  if (zip) return readXlsx(bytes, name, layer, encoding, sheet);
  if (ext !== '.csv' && ext !== '.txt' && ext !== '.xlsx') {
    throw new PlannerError('unsupported_format', `${name}: a ledger must be an .xlsx or .csv file.`, `${name}:台账应为 .xlsx 或 .csv 文件。`, { file: name });
  }
  if (ext === '.xlsx') {
    throw new PlannerError('unreadable_xlsx', `${name} is not a valid .xlsx file (it is not a zip package).`, `${name} 不是有效的 .xlsx 文件(不是 zip 包)。`, { file: name });
  }
  return readCsv(bytes, name, layer, encoding, sheet);
}

function readCsv(bytes: Uint8Array, name: string, layer: LedgerLayerId, userEncoding?: string | null, sheet?: string | null): LedgerTable {
  const decision = decideCsvEncoding(bytes, userEncoding);
  const records = parseCsv(decodeCsv(bytes, decision.encoding), name);
  const grid = records.map((cells, i) => ({ row: i + 1, cells: cells.map((c): Cell => (c.trim() === '' ? null : c)) }));
  const table: LedgerTable = { ...tableFromGrid(grid, name, layer, 'csv', null), encoding: decision };
  if (sheet) {
    table.warnings.push({ code: 'sheet_ignored', message: `a CSV file has no sheets; --sheet ${sheet} was ignored`, messageZh: `CSV 文件没有工作表,已忽略 --sheet ${sheet}`, count: 1, indices: [] });
  }
  return table;
}

/** Excel treats sheet names case-insensitively: "b" names sheet "B" when no sheet is called "b". */
function findSheet<T extends { name: string }>(sheets: readonly T[], wanted: string): T | undefined {
  const key = (n: string): string => n.trim().toLowerCase();
  return sheets.find((s) => s.name === wanted) ?? sheets.find((s) => key(s.name) === key(wanted));
}

function unknownSheet(file: string, sheet: string, sheets: readonly string[]): PlannerError {
  return new PlannerError(
    'unknown_sheet',
    `${file} has no sheet named "${sheet}"; its sheets are: ${sheets.map((s) => `"${s}"`).join(', ') || '(none with data)'}.`,
    `${file} 中没有名为“${sheet}”的工作表;现有工作表:${sheets.map((s) => `“${s}”`).join('、') || '(无数据)'}。`,
    { file, sheet, sheets: [...sheets] },
  );
}

interface Sheet {
  name: string;
  grid: GridRow[];
}

/** The sheet asked for by name: any sheet of the workbook (a hidden one too), but an empty one has nothing to import. */
function namedSheet(wb: ExcelJS.Workbook, wanted: string, file: string, sheets: readonly Sheet[]): Sheet {
  const names = sheets.map((s) => s.name);
  const ws = findSheet(wb.worksheets, wanted);
  if (!ws) throw unknownSheet(file, wanted, names);
  const sheet = sheets.find((s) => s.name === ws.name) ?? { name: ws.name, grid: worksheetGrid(ws) };
  if (sheet.grid.length === 0) {
    throw new PlannerError('empty_ledger', `${file}: sheet "${ws.name}" has no rows to import.`, `${file}:工作表“${ws.name}”中没有可导入的行。`, { file, sheet: ws.name, sheets: names });
  }
  return sheet;
}

/** The sheet whose header the ledger's rules recognise best (the first of equals). */
function bestSheet(sheets: readonly Sheet[], file: string, layer: LedgerLayerId): Sheet {
  let best: Sheet | null = null;
  let bestScore = -1;
  for (const s of sheets) {
    const score = findHeader(s.grid, layer).score;
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  if (!best) throw emptyLedger(file);
  return best;
}

async function readXlsx(bytes: Uint8Array, name: string, layer: LedgerLayerId, userEncoding?: string | null, wanted?: string | null): Promise<LedgerTable> {
  // Loaded on demand: exceljs takes ~0.5 s to load, which every CLI call would otherwise pay.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    throw new PlannerError('unreadable_xlsx', `${name} cannot be read as an .xlsx workbook (${(e as Error).message}).`, `${name} 无法作为 .xlsx 工作簿读取(${(e as Error).message})。`, { file: name });
  }
  const sheets: Sheet[] = wb.worksheets
    .filter((ws) => ws.state !== 'hidden' && ws.state !== 'veryHidden')
    .map((ws) => ({ name: ws.name, grid: worksheetGrid(ws) }))
    .filter((s) => s.grid.length > 0);
  const names = sheets.map((s) => s.name);
  const chosen = wanted ? namedSheet(wb, wanted, name, sheets) : bestSheet(sheets, name, layer);
  const listed = names.includes(chosen.name) ? names : [...names, chosen.name];
  const table: LedgerTable = { ...tableFromGrid(chosen.grid, name, layer, 'xlsx', chosen.name), sheets: listed, sheetSource: wanted ? 'user' : 'auto' };
  const others = sheets.filter((s) => s !== chosen).map((s) => s.name);
  if (others.length > 0) {
    table.warnings.push({ code: 'other_sheets', message: `read sheet "${chosen.name}"; not read: ${others.join(', ')}`, messageZh: `读取工作表“${chosen.name}”;未读取:${others.join('、')}`, count: others.length, indices: [] });
  }
  if (userEncoding) {
    table.warnings.push({ code: 'encoding_ignored', message: `an .xlsx file stores its own text encoding; --encoding ${userEncoding} was ignored`, messageZh: `.xlsx 文件自带文字编码,已忽略 --encoding ${userEncoding}`, count: 1, indices: [] });
  }
  return table;
}

function worksheetGrid(ws: ExcelJS.Worksheet): GridRow[] {
  const grid: GridRow[] = [];
  const width = ws.columnCount;
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellValue(r.getCell(c).value));
    if (cells.some((c) => c !== null)) grid.push({ row: rowNumber, cells });
  });
  return grid;
}

/** exceljs keeps dates as UTC instants of the sheet's wall-clock time: read them back in UTC. */
function dateText(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  const t = new Date(Math.round(d.getTime() / 1000) * 1000).toISOString();
  return t.endsWith('T00:00:00.000Z') ? t.slice(0, 10) : `${t.slice(0, 10)} ${t.slice(11, 19)}`;
}

export function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return dateText(v);
  if ('richText' in v) return cellValue(v.richText.map((t) => t.text).join(''));
  if ('error' in v) return v.error;
  if ('formula' in v || 'sharedFormula' in v) return cellValue((v as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in v) return cellValue((v as { text: ExcelJS.CellValue }).text);
  return null;
}

function headerNames(cells: readonly Cell[]): string[] {
  return cells.map((c) => (c === null ? '' : String(c).replace(/\s+/g, ' ').trim()));
}

/** The header is the row (among the first few) whose names the ledger's rules recognise best. */
function findHeader(grid: readonly GridRow[], layer: LedgerLayerId): { index: number; score: number } {
  let index = 0;
  let score = 0;
  grid.slice(0, HEADER_SEARCH_ROWS).forEach((r, i) => {
    const s = Object.keys(suggestLedgerMapping(layer, headerNames(r.cells).filter((h) => h !== '')).mapping).length;
    if (s > score) {
      index = i;
      score = s;
    }
  });
  return { index, score };
}

const colLetters = (i: number): string => {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

function tableFromGrid(grid: readonly GridRow[], file: string, layer: LedgerLayerId, format: 'xlsx' | 'csv', sheet: string | null): LedgerTable {
  if (grid.every((r) => r.cells.every((c) => c === null))) throw emptyLedger(file);
  const { index } = findHeader(grid, layer);
  const header = grid[index] as GridRow;
  const data = grid.slice(index + 1).filter((r) => r.cells.some((c) => c !== null));
  let width = header.cells.length;
  for (const r of data) for (let c = r.cells.length - 1; c >= width; c--) if (r.cells[c] !== null) width = c + 1;
  const raw = headerNames(header.cells);
  const headers: string[] = [];
  const seen = new Map<string, number>();
  for (let c = 0; c < width; c++) {
    let h = raw[c] || `列${format === 'xlsx' ? colLetters(c) : c + 1}`;
    const k = seen.get(h) ?? 0;
    seen.set(h, k + 1);
    if (k > 0) h = `${h}#${k + 1}`;
    headers.push(h);
  }
  const used = headers.filter((_h, c) => (raw[c] ?? '') !== '' || data.some((r) => (r.cells[c] ?? null) !== null));
  const rows = data.map((r) => {
    const cells: Record<string, Cell> = {};
    headers.forEach((h, c) => {
      if (used.includes(h)) cells[h] = r.cells[c] ?? null;
    });
    return { row: r.row, cells };
  });
  return { file, format, sheet, sheets: null, sheetSource: null, headerRow: header.row, headers: used, rows, encoding: null, warnings: [] };
}

function emptyLedger(file: string): PlannerError {
  return new PlannerError('empty_ledger', `${file} has no rows to import.`, `${file} 中没有可导入的行。`, { file });
}
