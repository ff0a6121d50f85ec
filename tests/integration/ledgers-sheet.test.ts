import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlannerError } from '../../shared/api/errors.js';
import type { EventPayload } from '../../shared/api/contract.js';
import type { LedgerPreview } from '../../shared/api/import.js';
import { createCore } from '../../electron/core/core.js';
import { checkLedgerFile, importLedgerFile } from '../../electron/core/ledgers/index.js';
import { Project } from '../../electron/core/project/project.js';
import { sampleCopy } from '../fixtures/ledgers/sample-copy.js';
import { ledgerWorkbook } from '../fixtures/ledgers/workbook.js';
import { contentChecksum, landplanner } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/tmp.js';
import { plannerErrorOf } from '../helpers/errors.js';

/**
 * Choosing the sheet of a ledger workbook (core option `sheet`, CLI --sheet, importPreview/importStart).
 * The workbook is made with exceljs: sheet "B" first (three rows, three recognised columns), sheet "A"
 * second (two rows, four recognised columns: the automatic choice), and a notes sheet. The oracle is
 * the rows written into each sheet (亩 → m² converted here) and plain SQL over the project file.
 */
const dir = makeTempDir('ledgers-sheet');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const M2_PER_MU = 10000 / 15;
interface SheetRow {
  code: string;
  date: string;
  mu: number;
}
let codes: string[] = [];
let sheetA: SheetRow[] = [];
let sheetB: SheetRow[] = [];
let workbook: string;
let csv: string;

beforeAll(async () => {
  const source = sampleCopy(dir, 'codes.gpkg');
  const db = new Database(source, { readonly: true });
  try {
    codes = db.prepare('SELECT code FROM parcels WHERE code IS NOT NULL AND code NOT IN (SELECT parcel_code FROM transfers) ORDER BY fid LIMIT 5').pluck().all() as string[];
  } finally {
    db.close();
  }
  expect(codes).toHaveLength(5);
  sheetA = [
    { code: codes[0] as string, date: '2023-02-10', mu: 10.5 },
    { code: codes[1] as string, date: '2023-03-20', mu: 20.25 },
  ];
  sheetB = [
    { code: codes[2] as string, date: '2023-05-01', mu: 5.5 },
    { code: codes[3] as string, date: '2023-06-15', mu: 7.25 },
    { code: codes[4] as string, date: '2023-08-31', mu: 3.125 },
  ];
  workbook = path.join(dir, '两张台账.xlsx');
  fs.writeFileSync(
    workbook,
    await ledgerWorkbook([
      { name: 'B', rows: [['地块编号', '合同签订日期', '出让面积(亩)'], ...sheetB.map((r) => [r.code, r.date, r.mu])] },
      { name: 'A', rows: [['永康市出让台账(汇总)'], ['地块编号', '合同签订日期', '出让面积(亩)', '受让人'], ...sheetA.map((r) => [r.code, r.date, r.mu, '永康市测试五金有限公司'])] },
      { name: '说明', rows: [['面积单位为亩']] },
    ]),
  );
  csv = path.join(dir, '出让.csv');
  fs.writeFileSync(csv, `地块编号,合同签订日期,出让面积(亩)\n${codes[0]},2023-01-01,1\n`);
}, 120_000);

type Row = { parcel_code: string; contract_date: string; area_m2: number };
function transfersOf(file: string): Row[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT parcel_code, contract_date, area_m2 FROM transfers WHERE parcel_code IN (${codes.map(() => '?').join(',')}) ORDER BY parcel_code`).all(...codes) as Row[];
  } finally {
    db.close();
  }
}

function expectSheetRows(actual: Row[], expected: readonly SheetRow[]): void {
  const sorted = [...expected].sort((x, y) => x.code.localeCompare(y.code));
  expect(actual.map((r) => r.parcel_code)).toEqual(sorted.map((r) => r.code));
  sorted.forEach((e, i) => {
    expect(actual[i]?.contract_date).toBe(e.date);
    expect(Math.abs((actual[i]?.area_m2 ?? NaN) - e.mu * M2_PER_MU)).toBeLessThan(1e-6);
  });
}

const sumMu = (rows: readonly SheetRow[]): number => rows.reduce((s, r) => s + r.mu, 0);

describe('choosing the sheet of a ledger workbook', () => {
  it('without a sheet: the best-matching sheet (A, the second) is read, and every sheet is listed', async () => {
    const p = await checkLedgerFile(workbook, { layer: 'transfers' });
    expect(p).toMatchObject({ sheet: 'A', sheets: ['B', 'A', '说明'], sheetSource: 'auto', headerRow: 2, rows: 2, valid: 2 });
    expect(p.sampleRows.map((r) => r['parcel_code'])).toEqual(sheetA.map((r) => r.code));
    expect(p.warnings.find((w) => w.code === 'other_sheets')?.messageZh).toBe('读取工作表“A”;未读取:B、说明');
  });

  it('sheet "B" (or "b", as Excel matches names) previews sheet B', async () => {
    for (const sheet of ['B', 'b']) {
      const p = await checkLedgerFile(workbook, { layer: 'transfers', sheet });
      expect(p).toMatchObject({ sheet: 'B', sheets: ['B', 'A', '说明'], sheetSource: 'user', headerRow: 1, rows: 3, valid: 3 });
      expect(p.sampleRows.map((r) => r['parcel_code'])).toEqual(sheetB.map((r) => r.code));
      expect(p.areaMu).toBeCloseTo(sumMu(sheetB), 9);
    }
  });

  it('imports sheet B\'s rows when sheet B is asked for, and sheet A\'s by default', async () => {
    const chosen = sampleCopy(dir, 'sheet-b.gpkg');
    const project = Project.open(chosen);
    try {
      const r = await importLedgerFile(project, workbook, { layer: 'transfers', sheet: 'B' });
      expect(r).toMatchObject({ sheet: 'B', sheetSource: 'user', imported: 3, inserted: 3 });
      expect(Math.abs((r.areaMu ?? NaN) - sumMu(sheetB))).toBeLessThan(1e-9);
    } finally {
      project.close();
    }
    expectSheetRows(transfersOf(chosen), sheetB);

    const auto = sampleCopy(dir, 'sheet-auto.gpkg');
    const other = Project.open(auto);
    try {
      const r = await importLedgerFile(other, workbook, { layer: 'transfers' });
      expect(r).toMatchObject({ sheet: 'A', sheetSource: 'auto', imported: 2 });
    } finally {
      other.close();
    }
    expectSheetRows(transfersOf(auto), sheetA);
  }, 60_000);

  it('an unknown sheet is refused, naming the file and listing the sheets; the project is unchanged', async () => {
    const file = sampleCopy(dir, 'unknown-sheet.gpkg');
    const before = contentChecksum(file);
    const project = Project.open(file);
    let e: PlannerError;
    try {
      e = await plannerErrorOf(importLedgerFile(project, workbook, { layer: 'transfers', sheet: '2024年' }));
    } finally {
      project.close();
    }
    expect(e.code).toBe('unknown_sheet');
    expect(e.message).toBe('两张台账.xlsx has no sheet named "2024年"; its sheets are: "B", "A", "说明".');
    expect(e.messageZh).toBe('两张台账.xlsx 中没有名为“2024年”的工作表;现有工作表:“B”、“A”、“说明”。');
    expect(e.details).toEqual({ file: '两张台账.xlsx', sheet: '2024年', sheets: ['B', 'A', '说明'] });
    expect(contentChecksum(file)).toBe(before);
    expect(transfersOf(file)).toEqual([]);
  }, 60_000);

  it('a sheet without the required columns is refused with the sheets listed, so another can be chosen', async () => {
    const e = await plannerErrorOf(checkLedgerFile(workbook, { layer: 'transfers', sheet: '说明' }));
    expect(e.code).toBe('missing_required_field');
    expect(e.details).toMatchObject({ sheet: '说明', sheets: ['B', 'A', '说明'] });
  });

  it('a CSV has no sheets: sheets null, and a sheet asked for is ignored with a warning', async () => {
    const p = await checkLedgerFile(csv, { layer: 'transfers', sheet: 'B' });
    expect(p).toMatchObject({ format: 'csv', sheet: null, sheets: null, sheetSource: null, valid: 1 });
    expect(p.warnings.map((w) => w.code)).toContain('sheet_ignored');
  });
});

describe('the app: importPreview and importStart take the sheet', () => {
  it('previews and imports sheet B through the core (worker thread, importFinished)', async () => {
    const file = sampleCopy(dir, 'app.gpkg');
    const finished: EventPayload<'importFinished'>[] = [];
    const core = createCore(Project.open(file), (name, payload) => {
      if (name === 'importFinished') finished.push(payload as EventPayload<'importFinished'>);
    });
    try {
      core.stageUpload('sheet-upload-1', '两张台账.xlsx', fs.readFileSync(workbook));
      const auto = (await core.importPreview({ uploadId: 'sheet-upload-1', layer: 'transfers' })) as LedgerPreview;
      expect(auto).toMatchObject({ sheet: 'A', sheets: ['B', 'A', '说明'], sheetSource: 'auto' });
      const b = (await core.importPreview({ uploadId: 'sheet-upload-1', layer: 'transfers', sheet: 'B' })) as LedgerPreview;
      expect(b).toMatchObject({ sheet: 'B', sheetSource: 'user', valid: 3 });
      const e = await plannerErrorOf(core.importPreview({ uploadId: 'sheet-upload-1', layer: 'transfers', sheet: '2024年' }));
      expect(e.code).toBe('unknown_sheet');
      const { taskId } = await core.importStart({ uploadId: 'sheet-upload-1', layer: 'transfers', sheet: 'B' });
      await expect.poll(() => finished.find((f) => f.taskId === taskId), { timeout: 60_000 }).toBeDefined();
      const done = finished.find((f) => f.taskId === taskId);
      expect(done?.ok, JSON.stringify(done?.error)).toBe(true);
      expect(done?.report).toMatchObject({ sheet: 'B', imported: 3 });
    } finally {
      await core.dispose();
    }
    expectSheetRows(transfersOf(file), sheetB);
  }, 120_000);
});

describe('landplanner --sheet', { timeout: 120_000 }, () => {
  it('import --sheet B imports sheet B (JSON report); check --sheet with an unknown name fails with unknown_sheet', () => {
    const project = sampleCopy(dir, 'cli.gpkg');
    const r = landplanner(['import', '--project', project, '--layer', 'transfers', workbook, '--sheet', 'B']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.json).toMatchObject({ kind: 'ledger', sheet: 'B', sheets: ['B', 'A', '说明'], sheetSource: 'user', imported: 3, inserted: 3 });
    expect(Math.abs((r.json['areaMu'] as number) - sumMu(sheetB))).toBeLessThan(1e-9);
    expectSheetRows(transfersOf(project), sheetB);

    const before = contentChecksum(project);
    const bad = landplanner(['check', workbook, '--layer', 'transfers', '--project', project, '--sheet', '2024年']);
    expect(bad.status).toBe(1);
    const error = bad.json['error'] as { code: string; messageZh: string };
    expect(error.code).toBe('unknown_sheet');
    expect(error.messageZh).toContain('“B”、“A”、“说明”');
    expect(contentChecksum(project)).toBe(before);
  });

  it('--sheet is refused for map data', () => {
    const r = landplanner(['check', path.join(dir, '地块.zip'), '--layer', 'parcels', '--sheet', 'B']);
    expect(r.status).toBe(2);
    expect((r.json['error'] as { code: string }).code).toBe('usage');
  });
});
