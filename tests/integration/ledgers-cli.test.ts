import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLedgerFixtures, type ExpectedFactory, type ExpectedTransfer, type LedgerFixtures } from '../fixtures/ledgers/make-ledger-fixtures.js';
import { sampleCopy } from '../fixtures/ledgers/sample-copy.js';
import { contentChecksum, landplanner } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/tmp.js';

/**
 * Ledgers through the CLI as a user runs it, on copies of the sample project. The oracle is the
 * fixture generator's source rows (values written into the files, converted there) and plain SQL
 * over the project file; none of it goes through our reader or mapping. Each CLI run starts tsx
 * (~2 s), hence the longer timeouts.
 */
const dir = makeTempDir('ledgers-cli');
let fx: LedgerFixtures;
beforeAll(async () => {
  fx = await makeLedgerFixtures(`${dir}/fixtures`, sampleCopy(dir, 'codes-source.gpkg'));
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const MU_PER_M2 = 15 / 10000;
type Row = Record<string, string | number | null>;

function sql<T = Row>(file: string, query: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(query).all(...params) as T[];
  } finally {
    db.close();
  }
}

function transfersOf(file: string, codes: readonly string[]): Row[] {
  return sql(file, `SELECT parcel_code, contract_date, area_m2, price_wan, buyer, land_use, town FROM transfers WHERE parcel_code IN (${codes.map(() => '?').join(',')}) ORDER BY parcel_code`, ...codes);
}

function expectRows(actual: Row[], expected: readonly (ExpectedTransfer | ExpectedFactory)[], key: 'parcel_code' | 'code'): void {
  const sorted = [...expected].sort((a, b) => String(a[key as keyof typeof a]).localeCompare(String(b[key as keyof typeof b])));
  expect(actual.length).toBe(sorted.length);
  sorted.forEach((e, i) => {
    const a = actual[i] as Row;
    for (const [k, v] of Object.entries(e)) {
      if (typeof v === 'number') expect(Math.abs((a[k] as number) - v), `${String(a[key])}.${k}`).toBeLessThan(1e-6);
      else expect(a[k], `${String(a[key])}.${k}`).toBe(v);
    }
  });
}

const transferredM2 = (file: string, year: number): number =>
  (sql<{ s: number }>(file, "SELECT coalesce(sum(area_m2), 0) AS s FROM transfers WHERE contract_date >= ? AND contract_date < ?", `${year}-01-01`, `${year + 1}-01-01`)[0] as { s: number }).s;

const err = (r: { json: Record<string, unknown> }) => r.json['error'] as { code: string; message: string; messageZh: string; details: Record<string, unknown> };

describe('landplanner import --layer transfers', { timeout: 120_000 }, () => {
  it('imports the same rows from .xlsx, GBK CSV and UTF-8-with-BOM CSV; the transferred mu follow', () => {
    const dumps: string[] = [];
    for (const [name, file, encoding] of [
      ['xlsx', fx.transfers.xlsx, null],
      ['gbk', fx.transfers.csvGbk, 'gbk'],
      ['bom', fx.transfers.csvUtf8Bom, 'utf-8'],
    ] as const) {
      const project = sampleCopy(dir, `same-${name}.gpkg`);
      const before = sql<{ n: number }>(project, 'SELECT count(*) AS n FROM transfers')[0]?.n as number;
      const old = transfersOf(project, [fx.transfers.updatedCode])[0] as Row;
      const beforeM2 = transferredM2(project, 2023);
      const r = landplanner(['import', '--project', project, '--layer', 'transfers', file, '--on-invalid', 'skip']);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.json['encoding']).toBe(encoding);
      expect(r.json['imported']).toBe(fx.transfers.expected.length);
      expect(r.json['inserted']).toBe(fx.transfers.expected.length - 1);
      expect(r.json['updated']).toBe(1);
      expect(r.json['skipped']).toBe(2);
      expect(r.json['mapping']).toMatchObject({ 地块编号: 'parcel_code', '出让面积(亩)': 'area_mu', 合同签订日期: 'contract_date' });

      const codes = fx.transfers.expected.map((e) => e.parcel_code);
      const rows = transfersOf(project, codes);
      expectRows(rows, fx.transfers.expected, 'parcel_code');
      dumps.push(JSON.stringify(rows));
      // One record per parcel: the existing transfer was updated, not duplicated.
      expect(sql<{ n: number }>(project, 'SELECT count(*) AS n FROM transfers')[0]?.n).toBe(before + fx.transfers.expected.length - 1);

      const sumM2 = fx.transfers.expected.reduce((s, e) => s + e.area_m2, 0);
      expect(Math.abs((r.json['areaM2'] as number) - sumM2)).toBeLessThan(1e-6);
      expect(Math.abs((r.json['areaMu'] as number) - sumM2 * MU_PER_M2)).toBeLessThan(1e-9);
      const oldIn2023 = String(old['contract_date']).startsWith('2023') ? (old['area_m2'] as number) : 0;
      const afterM2 = transferredM2(project, 2023);
      expect(Math.abs(afterM2 - (beforeM2 - oldIn2023 + sumM2))).toBeLessThan(1e-6);
      expect(Math.abs(afterM2 * MU_PER_M2 - (beforeM2 - oldIn2023 + sumM2) * MU_PER_M2)).toBeLessThan(1e-9);
    }
    expect(dumps[1]).toBe(dumps[0]);
    expect(dumps[2]).toBe(dumps[0]);
  });

  it('reports the skipped rows: the bad date by row and column, the unknown code, the total row', () => {
    const project = sampleCopy(dir, 'report.gpkg');
    const r = landplanner(['import', '--project', project, '--layer', 'transfers', fx.transfers.xlsx, '--on-invalid', 'skip']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.json['invalid']).toEqual([
      {
        row: fx.transfers.badDate.row,
        key: expect.any(String),
        issues: [expect.objectContaining({ code: 'impossible_date', column: fx.transfers.badDate.column, value: fx.transfers.badDate.value })],
        action: 'skipped',
      },
    ]);
    expect(r.json['unknownCodes']).toEqual([{ ...fx.transfers.unknown, action: 'skipped' }]);
    const warnings = r.json['warnings'] as { code: string; indices: number[] }[];
    expect(warnings.find((w) => w.code === 'total_row')?.indices).toEqual([fx.transfers.totalRow]);
    expect(warnings.map((w) => w.code)).toContain('town_from_parcel');
  });

  it('rejects the whole file for a bad date, naming row and column in Chinese; the project is unchanged', () => {
    const project = sampleCopy(dir, 'bad-date.gpkg');
    const before = contentChecksum(project);
    const r = landplanner(['import', '--project', project, '--layer', 'transfers', fx.transfers.csvGbk]);
    expect(r.status).toBe(1);
    expect(err(r).code).toBe('invalid_rows');
    expect(err(r).messageZh).toContain(`第 ${fx.transfers.badDate.row} 行“${fx.transfers.badDate.column}”列“${fx.transfers.badDate.value}”`);
    expect(err(r).messageZh).toContain('未导入任何数据');
    expect(err(r).messageZh).toContain(fx.transfers.unknown.code);
    expect(contentChecksum(project)).toBe(before);
  });

  it('rejects unknown parcel codes with a specific error and changes nothing; skip imports the rest and lists them', () => {
    const project = sampleCopy(dir, 'unknown.gpkg');
    const before = contentChecksum(project);
    const r = landplanner(['import', '--project', project, '--layer', 'transfers', fx.unknownOnly.csv]);
    expect(r.status).toBe(1);
    expect(err(r).code).toBe('unknown_parcel_codes');
    expect(err(r).details['unknownCodes']).toEqual([{ ...fx.unknownOnly.unknown, action: 'rejected' }]);
    expect(err(r).messageZh).toContain(`${fx.unknownOnly.unknown.code}(第 ${fx.unknownOnly.unknown.row} 行)`);
    expect(contentChecksum(project)).toBe(before);

    const s = landplanner(['import', '--project', project, '--layer', 'transfers', fx.unknownOnly.csv, '--on-invalid', 'skip']);
    expect(s.status, s.stdout + s.stderr).toBe(0);
    expect(s.json['imported']).toBe(fx.unknownOnly.expected.length);
    expect(s.json['skipped']).toBe(1);
    expect(s.json['unknownCodes']).toEqual([{ ...fx.unknownOnly.unknown, action: 'skipped' }]);
    expect(s.json['encoding']).toBe('gbk');
    expectRows(transfersOf(project, fx.unknownOnly.expected.map((e) => e.parcel_code)), fx.unknownOnly.expected, 'parcel_code');
    expect(transfersOf(project, [fx.unknownOnly.unknown.code])).toEqual([]);
  });

  it('needs --map for unknown headers, converts an area mapped to 亩, and remembers the mapping', () => {
    const project = sampleCopy(dir, 'custom.gpkg');
    const before = contentChecksum(project);
    const r = landplanner(['import', '--project', project, '--layer', 'transfers', fx.custom.csv]);
    expect(r.status).toBe(1);
    expect(err(r).code).toBe('missing_required_field');
    expect(err(r).messageZh).toContain('地块编号');
    expect(err(r).messageZh).toContain('标识码');
    expect(contentChecksum(project)).toBe(before);

    const m = landplanner(['import', '--project', project, '--layer', 'transfers', fx.custom.csv, ...fx.custom.map.flatMap((x) => ['--map', x])]);
    expect(m.status, m.stdout + m.stderr).toBe(0);
    expect(m.json['mapping']).toEqual({ 标识码: 'parcel_code', 买受人: 'buyer', 面积: 'area_mu', 日期: 'contract_date' });
    expectRows(transfersOf(project, fx.custom.expected.map((e) => e.parcel_code)), fx.custom.expected, 'parcel_code');

    // Same headers again, no --map: the remembered mapping applies; nothing is doubled.
    const again = landplanner(['import', '--project', project, '--layer', 'transfers', fx.custom.csv]);
    expect(again.status, again.stdout + again.stderr).toBe(0);
    expect(again.json).toMatchObject({ imported: 2, inserted: 0, updated: 0, unchanged: 2 });
    expectRows(transfersOf(project, fx.custom.expected.map((e) => e.parcel_code)), fx.custom.expected, 'parcel_code');
  });

  it('check is a dry run: the preview shows decoded rows and problems, the project is not touched', () => {
    const project = sampleCopy(dir, 'check.gpkg');
    const before = contentChecksum(project);
    const r = landplanner(['check', fx.transfers.csvGbk, '--layer', 'transfers', '--project', project]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.json).toMatchObject({ kind: 'ledger', layer: 'transfers', encoding: 'gbk', headerRow: 2, rows: 9, valid: fx.transfers.expected.length, parcelCodesChecked: true });
    const sample = (r.json['sampleRows'] as Row[])[1] as Row;
    expect(sample['buyer']).toBe(fx.transfers.expected[1]?.buyer);
    expect((r.json['invalid'] as { action: string }[])[0]?.action).toBe('reported');
    expect((r.json['unknownCodes'] as { code: string }[]).map((u) => u.code)).toEqual([fx.transfers.unknown.code]);
    expect(contentChecksum(project)).toBe(before);

    const noProject = landplanner(['check', fx.transfers.xlsx, '--layer', 'transfers']);
    expect(noProject.status).toBe(0);
    expect(noProject.json['parcelCodesChecked']).toBe(false);
    expect((noProject.json['warnings'] as { code: string }[]).map((w) => w.code)).toContain('parcel_codes_not_checked');
  });
});

describe('landplanner import --layer factories', { timeout: 120_000 }, () => {
  it('imports the standard-factory ledger, updating a known project code, skipping blank and note rows', () => {
    const project = sampleCopy(dir, 'factories.gpkg');
    const count = (): number => sql<{ n: number }>(project, 'SELECT count(*) AS n FROM factories')[0]?.n as number;
    const before = count();
    const r = landplanner(['import', '--project', project, '--layer', 'factories', fx.factories.xlsx]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.json).toMatchObject({ imported: 4, inserted: 3, updated: 1, skipped: 0, sheet: '标准厂房', mapping: { 项目编号: 'code', '建筑面积(㎡)': 'floor_m2', 竣工日期: 'completed_on' } });
    expect(count()).toBe(before + 3);
    const codes = fx.factories.expected.map((e) => e.code);
    const rows = sql(project, `SELECT code, name, parcel_code, floor_m2, completed_on, town FROM factories WHERE code IN (${codes.map(() => '?').join(',')}) ORDER BY code`, ...codes);
    expectRows(rows, fx.factories.expected, 'code');
    const floor = fx.factories.expected.reduce((s, e) => s + e.floor_m2, 0);
    expect(Math.abs((r.json['floorM2'] as number) - floor)).toBeLessThan(1e-6);
    expect((r.json['warnings'] as { code: string }[]).map((w) => w.code)).toEqual(expect.arrayContaining(['note_row', 'other_sheets']));
  });
});
