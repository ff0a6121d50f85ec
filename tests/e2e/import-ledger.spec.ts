import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { expect, test, type Page } from '@playwright/test';
import type { GoalsReport } from '../../shared/api/goals.js';
import { ledgerWorkbook } from '../fixtures/ledgers/workbook.js';
import { landplanner } from '../helpers/cli.js';
import { startBrowserMode, type RunningApp } from './browser-mode.js';
import { dropFiles, openPage, showDashboard } from './page-helpers.js';

/**
 * Ledgers through the import wizard (issue 4 §4, the UI half): a GBK .csv transfer ledger dropped on
 * the window — encoding detected, the unknown parcel code reported with its row, imported with that
 * row skipped — raises the 新出让工业用地 goal card by exactly the imported rows' area, as
 * `landplanner goals` computes it on the same project file. An .xlsx ledger with a title row and an
 * unrecognised date column reaches the preview once the user maps that column.
 */
let app: RunningApp;

// Each test opens the whole app (3,000 parcels on the map) and the first runs the CLI twice: on a
// shared, loaded 2-core machine that takes close to the default two minutes. A limit, not a measure.
test.describe.configure({ timeout: 300_000 });

const GOAL = 'transferred_industrial_land';
const AS_OF = '2023-12-31';
const UNKNOWN_CODE = 'YK2099-99999';
const SHOTS = path.join('test-results', 'e2e');

test.beforeAll(async () => {
  app = await startBrowserMode();
});
test.afterAll(async () => {
  await app?.stop();
});

/** Real parcel codes of the sample project that have no transfer record yet (so an import adds, not updates). */
function freeParcelCodes(n: number, offset = 0): string[] {
  const db = new Database(app.sampleCopy, { readonly: true });
  try {
    return db
      .prepare('SELECT code FROM parcels WHERE code IS NOT NULL AND code NOT IN (SELECT parcel_code FROM transfers) ORDER BY fid LIMIT ? OFFSET ?')
      .pluck()
      .all(n, offset) as string[];
  } finally {
    db.close();
  }
}

function cliGoalAchieved(): number {
  const cli = landplanner(['goals', '--project', app.sampleCopy, '--year', '2023', '--as-of', AS_OF]);
  expect(cli.status, cli.stdout + cli.stderr).toBe(0);
  const goal = (cli.json as unknown as GoalsReport).goals.find((g) => g.key === GOAL);
  expect(goal, `goal ${GOAL}`).toBeDefined();
  return goal?.achieved ?? NaN;
}

async function cardAchieved(page: Page): Promise<number> {
  return Number(await page.locator(`[data-testid="goal-card"][data-key="${GOAL}"]`).getAttribute('data-achieved'));
}

const mappingRow = (page: Page, source: string) => page.locator(`[data-testid="import-mapping-row"][data-source="${source}"]`);

test('a GBK .csv transfer ledger: encoding detected, unknown code reported, skipped, and the goal card rises by the imported area', async ({ page }) => {
  const codes = freeParcelCodes(3);
  expect(codes).toHaveLength(3);
  // Areas in 亩 as the bureau's sheets give them; one row names a parcel that does not exist.
  const rows = [
    { code: codes[0], date: '2023-03-15', mu: 12.5, buyer: '永康市恒达五金制品有限公司' },
    { code: codes[1], date: '2023/6/8', mu: 30.12, buyer: '浙江铭泰电动工具有限公司' },
    { code: UNKNOWN_CODE, date: '2023-07-01', mu: 9, buyer: '永康市未登记地块测试公司' },
    { code: codes[2], date: '2023年9月1日', mu: 47.04, buyer: '永康市龙山镇杯业有限公司' },
  ];
  const csv = [
    '序号,地块编号,合同签订日期,出让面积(亩),成交价(万元),受让人,土地用途',
    ...rows.map((r, i) => `${i + 1},${r.code},${r.date},${r.mu},${(r.mu * 40).toFixed(2)},${r.buyer},100101 一类工业用地`),
    `合计,,,${rows.reduce((s, r) => s + r.mu, 0)},,,`,
  ].join('\r\n');
  const bytes = iconv.encode(`${csv}\r\n`, 'gbk');
  // Really GBK: the UTF-8 decoder would not read it back.
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
  const importedMu = rows.filter((r) => r.code !== UNKNOWN_CODE).reduce((s, r) => s + r.mu, 0);

  await openPage(page, app.url);
  await showDashboard(page, AS_OF);
  const cliBefore = cliGoalAchieved();
  const before = await cardAchieved(page);
  expect(before).toBeCloseTo(cliBefore, 9);

  await dropFiles(page, [{ name: '2023年出让台账.csv', base64: bytes.toString('base64') }]);
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('import-layer-select')).toHaveValue('transfers');
  await expect(page.getByTestId('import-preview')).toHaveAttribute('data-kind', 'ledger');
  await expect(page.getByTestId('import-encoding')).toHaveText('gbk');
  await expect(page.getByTestId('import-encoding-source')).toContainText('自动检测');
  await expect(page.getByTestId('ledger-sheet')).toContainText('CSV');
  await expect(page.getByTestId('ledger-sheet-select')).toHaveCount(0);
  await expect(page.getByTestId('ledger-header-row')).toHaveAttribute('data-row', '1');

  await expect(mappingRow(page, '地块编号')).toHaveAttribute('data-target', 'parcel_code');
  await expect(mappingRow(page, '合同签订日期')).toHaveAttribute('data-target', 'contract_date');
  await expect(mappingRow(page, '出让面积(亩)')).toHaveAttribute('data-target', 'area_mu');
  await expect(mappingRow(page, '受让人')).toHaveAttribute('data-target', 'buyer');
  await expect(mappingRow(page, '序号')).toHaveAttribute('data-target', '');
  // Decoded Chinese and converted values in the sample: 12.5 亩 = 8,333.33 m², dates as ISO.
  await expect(page.getByTestId('import-sample-row')).toHaveCount(3);
  await expect(page.getByTestId('import-sample-row').first()).toContainText(rows[0]?.buyer ?? '');
  await expect(page.getByTestId('import-sample-row').nth(1)).toContainText('2023-06-08');
  await expect(page.getByTestId('import-sample-row').first()).toContainText('8,333.33 m²');

  // The unknown parcel code is reported with its row (CSV record 4: the header is record 1), not dropped.
  await expect(page.getByTestId('import-invalid-count')).toHaveAttribute('data-count', '1');
  const problem = page.getByTestId('ledger-problem');
  await expect(problem).toHaveCount(1);
  await expect(problem).toHaveAttribute('data-code', UNKNOWN_CODE);
  await expect(problem).toHaveAttribute('data-row', '4');
  await expect(problem).toHaveAttribute('data-unknown', 'true');
  await expect(problem).toContainText('第 4 行');
  await expect(problem).toContainText('地块编号不在地块图层中');
  await expect(page.getByTestId('import-warnings')).toContainText('合计行未导入');
  await expect(page.getByTestId('import-area-mu')).toHaveText(importedMu.toFixed(2));

  await expect(page.getByTestId('import-start')).toBeDisabled();
  await expect(page.getByTestId('import-on-invalid-repair')).toHaveCount(0);
  fs.mkdirSync(SHOTS, { recursive: true });
  await dialog.screenshot({ path: path.join(SHOTS, 'import-ledger-csv-preview.png') });
  await page.getByTestId('import-on-invalid-skip').check();
  await expect(page.getByTestId('import-start')).toBeEnabled();
  await expect(page.getByTestId('import-start')).toHaveText('导入 3 行');
  await page.getByTestId('import-start').click();

  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 60_000 });
  await expect(report).toHaveAttribute('data-kind', 'ledger');
  await expect(page.getByTestId('import-report-imported')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('import-report-imported')).toHaveAttribute('data-inserted', '3');
  await expect(page.getByTestId('import-report-skipped')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('import-report-unknown-codes')).toHaveAttribute('data-codes', UNKNOWN_CODE);
  expect(Number(await page.getByTestId('import-report-area').getAttribute('data-mu'))).toBeCloseTo(importedMu, 9);
  await expect(report).toContainText('GBK');
  await dialog.screenshot({ path: path.join(SHOTS, 'import-ledger-csv-report.png') });
  await page.getByTestId('import-close').click();
  await expect(dialog).toHaveCount(0);

  // The dashboard, still open, refreshes on the dataChanged that follows the import: the card rises
  // by exactly the three rows' area, and shows what the CLI computes from the same project file.
  await expect.poll(() => cardAchieved(page).then((mu) => mu - before)).toBeCloseTo(importedMu, 6);
  const cliAfter = cliGoalAchieved();
  expect(cliAfter - cliBefore).toBeCloseTo(importedMu, 6);
  expect(await cardAchieved(page)).toBeCloseTo(cliAfter, 9);
  const card = page.locator(`[data-testid="goal-card"][data-key="${GOAL}"]`);
  await expect(card.getByTestId('goal-achieved')).toHaveText(cliAfter.toFixed(2));
});

test('an .xlsx ledger with a title row: the unrecognised date column is mapped by the user, then the preview maps every column', async ({ page }) => {
  const codes = freeParcelCodes(2, 10);
  const buffer = await ledgerWorkbook([
    { name: '填表说明', rows: [['本表按月报送,面积单位见表头']] },
    {
      name: '2023年出让台账',
      merge: 'A1:G1',
      rows: [
        ['永康市2023年工业用地出让台账'],
        ['序号', '宗地编号', '批准日期', '出让面积(公顷)', '竞得人', '用途', '镇街'],
        [1, codes[0] ?? null, new Date(Date.UTC(2023, 3, 12)), 1.2, '永康市金诚工贸有限公司', '工业用地', '东城街道'],
        [2, codes[1] ?? null, new Date(Date.UTC(2023, 10, 3)), 0.85, '永康市汇丰门业有限公司', '工业用地', '西城街道'],
      ],
    },
  ]);

  await openPage(page, app.url);
  await page.getByTestId('import-button').click();
  await page.getByTestId('import-file-input').setInputFiles({ name: '出让台账.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
  await expect(page.getByTestId('import-layer-select')).toHaveValue('transfers');

  // 批准日期 is no known name for the contract date: the core refuses to guess and the wizard asks.
  const missing = page.getByTestId('ledger-missing');
  await expect(missing).toHaveAttribute('data-missing', 'contract_date');
  await expect(missing).toContainText('合同签订日期');
  await expect(missing).toContainText('第 2 行表头');
  // Refused for the sheet read: the 工作表 list stays on offer, to turn to another sheet instead.
  await expect(page.getByTestId('ledger-sheet-retry').getByTestId('ledger-sheet-select')).toHaveValue('2023年出让台账');
  await expect(page.getByTestId('ledger-sheet-retry').locator('option')).toHaveText(['填表说明', '2023年出让台账']);
  await expect(page.getByTestId('import-start')).toBeDisabled();
  await mappingRow(page, '批准日期').getByTestId('import-mapping-select').selectOption('contract_date');

  await expect(page.getByTestId('import-preview')).toHaveAttribute('data-kind', 'ledger');
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  await expect(page.getByTestId('ledger-sheet')).toHaveAttribute('data-sheet', '2023年出让台账');
  await expect(page.getByTestId('ledger-header-row')).toHaveAttribute('data-row', '2');
  await expect(page.getByTestId('import-encoding')).toHaveAttribute('data-encoding', '');
  const expected: Record<string, string> = {
    序号: '',
    宗地编号: 'parcel_code',
    批准日期: 'contract_date',
    '出让面积(公顷)': 'area_ha',
    竞得人: 'buyer',
    用途: 'land_use',
    镇街: 'town',
  };
  await expect(page.getByTestId('import-mapping-row')).toHaveCount(Object.keys(expected).length);
  for (const [source, target] of Object.entries(expected)) await expect(mappingRow(page, source)).toHaveAttribute('data-target', target);
  await expect(page.getByTestId('import-invalid-count')).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('import-sample-row').first()).toContainText('2023-04-12');
  await expect(page.getByTestId('import-sample-row').first()).toContainText('12,000.00 m²');
  await expect(page.getByTestId('import-sample-row').nth(1)).toContainText('永康市汇丰门业有限公司');
  await expect(page.getByTestId('import-area-mu')).toHaveText(((2.05 * 10000 * 15) / 10000).toFixed(2));
  await expect(page.getByTestId('import-start')).toHaveText('导入 2 行');
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.getByTestId('import-dialog').screenshot({ path: path.join(SHOTS, 'import-ledger-xlsx-preview.png') });

  // The same sheet as a standard-factory ledger lacks its project code and floor area: asked, not guessed.
  await page.getByTestId('import-layer-select').selectOption('factories');
  await expect(page.getByTestId('ledger-missing')).toHaveAttribute('data-missing', /code.*floor_m2|floor_m2.*code/);
  await page.getByTestId('import-layer-select').selectOption('transfers');
  await expect(page.getByTestId('ledger-missing')).toHaveAttribute('data-missing', 'contract_date');
  await page.getByTestId('import-dialog').getByRole('button', { name: '取消' }).click();
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
});

test('a workbook with two ledger sheets: the 工作表 list offers both, the other sheet previews its own rows and is the one imported', async ({ page }) => {
  const codes = freeParcelCodes(5, 20);
  expect(codes).toHaveLength(5);
  // "5月新增" comes first but its header has fewer recognised columns: "汇总" is the automatic choice.
  const summary = [
    { code: codes[0] as string, date: '2023-02-10', mu: 10.5 },
    { code: codes[1] as string, date: '2023-03-20', mu: 20.25 },
  ];
  const added = [
    { code: codes[2] as string, date: '2023-05-04', mu: 5.5 },
    { code: codes[3] as string, date: '2023-05-18', mu: 7.25 },
    { code: codes[4] as string, date: '2023-05-30', mu: 3.14 },
  ];
  const buffer = await ledgerWorkbook([
    { name: '5月新增', rows: [['地块编号', '合同签订日期', '出让面积(亩)'], ...added.map((r) => [r.code, r.date, r.mu])] },
    { name: '汇总', rows: [['地块编号', '合同签订日期', '出让面积(亩)', '受让人'], ...summary.map((r) => [r.code, r.date, r.mu, '永康市汇总测试有限公司'])] },
  ]);

  await openPage(page, app.url);
  await page.getByTestId('import-button').click();
  await page.getByTestId('import-file-input').setInputFiles({ name: '出让台账-两张表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
  await expect(page.getByTestId('import-preview')).toHaveAttribute('data-kind', 'ledger');

  const select = page.getByTestId('ledger-sheet-select');
  await expect(select).toBeVisible();
  await expect(select.locator('option')).toHaveText(['5月新增', '汇总']);
  await expect(select).toHaveValue('汇总');
  await expect(page.getByTestId('ledger-sheet-choice')).toContainText('工作表');
  await expect(page.getByTestId('ledger-sheet')).toHaveAttribute('data-sheet', '汇总');
  await expect(page.getByTestId('ledger-sheet-source')).toHaveAttribute('data-source', 'auto');
  await expect(page.getByTestId('import-sample-row')).toHaveCount(2);
  await expect(page.getByTestId('import-sample-row').first()).toContainText(summary[0]?.code ?? '');
  await expect(page.getByTestId('import-area-mu')).toHaveText((10.5 + 20.25).toFixed(2));

  await select.selectOption('5月新增');
  await expect(page.getByTestId('ledger-sheet')).toHaveAttribute('data-sheet', '5月新增');
  await expect(page.getByTestId('ledger-sheet-source')).toHaveAttribute('data-source', 'user');
  await expect(select).toHaveValue('5月新增');
  await expect(page.getByTestId('ledger-header-row')).toHaveAttribute('data-row', '1');
  await expect(page.getByTestId('import-sample-row')).toHaveCount(3);
  for (const [i, r] of added.entries()) await expect(page.getByTestId('import-sample-row').nth(i)).toContainText(r.code);
  await expect(page.getByTestId('import-sample-row').nth(1)).toContainText('2023-05-18');
  await expect(page.getByTestId('import-area-mu')).toHaveText((5.5 + 7.25 + 3.14).toFixed(2));
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.getByTestId('import-dialog').screenshot({ path: path.join(SHOTS, 'import-ledger-sheet-choice.png') });

  await expect(page.getByTestId('import-start')).toHaveText('导入 3 行');
  await page.getByTestId('import-start').click();
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('import-report-imported')).toHaveAttribute('data-count', '3');
  await expect(report).toContainText('“5月新增”');
  expect(Number(await page.getByTestId('import-report-area').getAttribute('data-mu'))).toBeCloseTo(5.5 + 7.25 + 3.14, 9);

  // The project file holds sheet 5月新增's rows, and none of 汇总's.
  const db = new Database(app.sampleCopy, { readonly: true });
  try {
    const rows = db.prepare(`SELECT parcel_code, area_m2 FROM transfers WHERE parcel_code IN (${codes.map(() => '?').join(',')}) ORDER BY parcel_code`).all(...codes) as { parcel_code: string; area_m2: number }[];
    const expected = [...added].sort((x, y) => (x.code < y.code ? -1 : 1));
    expect(rows.map((r) => r.parcel_code)).toEqual(expected.map((r) => r.code));
    rows.forEach((r, i) => expect(r.area_m2).toBeCloseTo(((expected[i]?.mu ?? NaN) * 10000) / 15, 6));
  } finally {
    db.close();
  }
  await page.getByTestId('import-close').click();
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
});
