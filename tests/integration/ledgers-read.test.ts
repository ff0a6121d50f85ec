import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlannerError } from '../../shared/api/errors.js';
import { applyLedgerMapping, mergeLedgerOverrides, suggestLedgerMapping } from '../../shared/domain/ledger-mapping.js';
import { decideCsvEncoding, parseCsv } from '../../electron/core/ledgers/csv.js';
import { checkLedger, importLedgerFile, planLedgerImport, readLedgerBytes } from '../../electron/core/ledgers/index.js';
import { Project } from '../../electron/core/project/project.js';
import { sampleCopy } from '../fixtures/ledgers/sample-copy.js';
import { contentChecksum } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/tmp.js';
import { plannerErrorOf, refusal } from '../helpers/errors.js';

/** Reading ledgers: CSV syntax and encodings, .xlsx cells, header rows, recognised headers and values. */
const dir = makeTempDir('ledgers-read');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const MU = 10000 / 15;

describe('CSV', () => {
  it('parses quoted fields with delimiters, doubled quotes and line breaks; CRLF, LF and CR end records', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n"two\r\nlines",\rlast,1', 'f.csv')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\r\nlines', ''],
      ['last', '1'],
    ]);
    expect(parseCsv('地块编号\t面积\nYK-1\t3', 't.csv')).toEqual([['地块编号', '面积'], ['YK-1', '3']]);
    expect(refusal(() => parseCsv('a,"b\n', 'cut.csv')).code).toBe('csv_unterminated_quote');
  });

  it('decides the encoding: user choice, BOM, valid UTF-8, GBK by scoring; too little text asks', () => {
    const text = '地块编号,受让人,签订日期\nYK-1,永康市五金有限公司,2023-01-02\n';
    expect(decideCsvEncoding(iconv.encode(text, 'gbk'))).toMatchObject({ encoding: 'gbk', source: 'detected' });
    expect(decideCsvEncoding(Buffer.from(text))).toMatchObject({ encoding: 'utf-8', source: 'detected' });
    expect(decideCsvEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toMatchObject({ encoding: 'utf-8', source: 'bom' });
    expect(decideCsvEncoding(iconv.encode(text, 'gbk'), 'GB2312')).toMatchObject({ encoding: 'gbk', source: 'user' });
    expect(decideCsvEncoding(iconv.encode('a,b\n镇,1\n', 'gbk')).source).toBe('ask');
    expect(refusal(() => decideCsvEncoding(Buffer.from(text), 'klingon')).code).toBe('unknown_encoding');
  });

  it('reads a GBK CSV and the same text saved by Excel as Unicode (UTF-16 LE, tab-separated)', async () => {
    const rows = [
      ['地块编号', '合同签订日期', '出让面积(亩)', '受让人'],
      ['YK-1', '2023/3/5', '12.5', '永康市恒达五金有限公司'],
      ['YK-2', '2023年4月6日', '1,000', '浙江金鼎电器有限公司'],
    ];
    const csv = rows.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\r\n');
    const tsv = rows.map((r) => r.join('\t')).join('\r\n');
    const gbk = await readLedgerBytes(iconv.encode(csv, 'gbk'), '出让.csv', 'transfers');
    const utf16 = await readLedgerBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(tsv, 'utf-16le')]), '出让.csv', 'transfers');
    expect(gbk.encoding?.encoding).toBe('gbk');
    expect(utf16.encoding).toMatchObject({ encoding: 'utf-16le', source: 'bom' });
    for (const t of [gbk, utf16]) {
      const preview = checkLedger(t, { layer: 'transfers' });
      expect(preview.valid).toBe(2);
      expect(preview.sampleRows[1]).toMatchObject({ parcel_code: 'YK-2', contract_date: '2023-04-06', buyer: '浙江金鼎电器有限公司' });
      expect(preview.sampleRows[1]?.['area_m2']).toBeCloseTo(1000 * MU, 6);
    }
  });

  it('refuses an undecidable encoding with the candidates, and old .xls files with advice', async () => {
    const t = await readLedgerBytes(iconv.encode('DKBH,RQ,MJ\n镇,1,2\n', 'gbk'), 'x.csv', 'transfers');
    const e = refusal(() => planLedgerImport(null, t, { layer: 'transfers' }));
    expect(e.code).toBe('encoding_undecided');
    expect(e.message).toMatch(/--encoding/);
    const xls = await plannerErrorOf(readLedgerBytes(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), '台账.xls', 'transfers'));
    expect(xls.code).toBe('unsupported_format');
    expect(xls.messageZh).toContain('.xlsx');
  });
});

describe('.xlsx', () => {
  it('finds the header below title rows, reads dates, formulas, rich text and multi-line headers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['永康市出让台账']);
    ws.addRow(['填报单位:自然资源和规划局']);
    ws.addRow(['地块编号', '签订日期', '出让面积\n(亩)', '成交价(万元)', '竞得人']);
    ws.addRow([{ richText: [{ text: 'YK-' }, { text: '1' }] }, new Date(Date.UTC(2023, 2, 5)), 3, { formula: 'C4*100', result: 300 }, '甲公司']);
    ws.addRow(['YK-2', 45117, '4.5亩', 450, '乙公司']);
    ws.addRow(['YK-3', new Date(Date.UTC(2023, 5, 1, 14, 30)), '12㎡', 1, '丙公司']);
    const file = path.join(dir, 'title.xlsx');
    await wb.xlsx.writeFile(file);
    const t = await readLedgerBytes(fs.readFileSync(file), 'title.xlsx', 'transfers');
    expect(t.headerRow).toBe(3);
    expect(t.headers).toContain('出让面积 (亩)');
    const plan = planLedgerImport(null, t, { layer: 'transfers', map: { '出让面积(亩)': 'area_mu' } });
    expect(plan.mapping['出让面积 (亩)']).toBe('area_mu');
    const p = checkLedger(t, { layer: 'transfers' });
    expect(p.sampleRows).toEqual([
      { parcel_code: 'YK-1', contract_date: '2023-03-05', area_m2: 3 * MU, price_wan: 300, buyer: '甲公司', land_use: null, town: null },
      { parcel_code: 'YK-2', contract_date: '2023-07-10', area_m2: 4.5 * MU, price_wan: 450, buyer: '乙公司', land_use: null, town: null },
    ]);
    expect(p.invalid).toEqual([
      expect.objectContaining({ row: 6, key: 'YK-3', issues: [expect.objectContaining({ code: 'unit_mismatch', column: '出让面积 (亩)', value: '12㎡' })] }),
    ]);
  });
});

describe('ledger field mapping', () => {
  it('recognises the usual transfer headers, with units from the header', () => {
    const m = suggestLedgerMapping('transfers', ['序号', '宗地编号', '出让日期', '面积(㎡)', '出让价款(万元)', '受让单位', '用途', '乡镇', '备注']);
    expect(m.mapping).toEqual({ 宗地编号: 'parcel_code', 出让日期: 'contract_date', '面积(㎡)': 'area_m2', '出让价款(万元)': 'price_wan', 受让单位: 'buyer', 用途: 'land_use', 乡镇: 'town' });
    expect(m.evidence.find((e) => e.source === '序号')?.target).toBeNull();
    expect(suggestLedgerMapping('transfers', ['DKBH', '成交日期', '面积(m²)', '竞得人']).mapping).toEqual({ DKBH: 'parcel_code', 成交日期: 'contract_date', '面积(m²)': 'area_m2', 竞得人: 'buyer' });
    expect(suggestLedgerMapping('transfers', ['地块编号', '签订日期', '面积(亩)', '成交价(元)']).mapping).toMatchObject({ '面积(亩)': 'area_mu', '成交价(元)': 'price_yuan' });
    // Both units given: the m² column wins; a unit-less area is taken as m² and flagged.
    expect(suggestLedgerMapping('transfers', ['出让面积(亩)', '出让面积(平方米)']).mapping).toEqual({ '出让面积(平方米)': 'area_m2' });
    expect(suggestLedgerMapping('transfers', ['面积']).evidence[0]).toMatchObject({ target: 'area_m2', assumption: true });
  });

  it('recognises factory headers', () => {
    expect(suggestLedgerMapping('factories', ['项目编号', '项目名称', '地块编号', '建筑面积(㎡)', '竣工日期', '镇街']).mapping).toEqual({
      项目编号: 'code',
      项目名称: 'name',
      地块编号: 'parcel_code',
      '建筑面积(㎡)': 'floor_m2',
      竣工日期: 'completed_on',
      镇街: 'town',
    });
    expect(suggestLedgerMapping('factories', ['厂房编号', '厂房面积', '完工日期']).mapping).toEqual({ 厂房编号: 'code', 厂房面积: 'floor_m2', 完工日期: 'completed_on' });
  });

  it('overrides: a source takes a column from another, "" unmaps, unknown headers and fields are errors', () => {
    const base = suggestLedgerMapping('transfers', ['地块编号', '面积', '宗地号']).mapping;
    const merged = mergeLedgerOverrides('transfers', base, { 面积: 'area_mu', 宗地号: 'parcel_code' }, ['地块编号', '面积', '宗地号']);
    expect(merged).toEqual({ mapping: { 面积: 'area_mu', 宗地号: 'parcel_code' }, errors: [] });
    expect(mergeLedgerOverrides('transfers', base, { 面积: '' }, ['地块编号', '面积', '宗地号']).mapping).not.toHaveProperty('面积');
    const bad = mergeLedgerOverrides('transfers', base, { 没有: 'buyer', 面积: 'floor_m2' }, ['地块编号', '面积', '宗地号']);
    expect(bad.errors.map((e) => e.source)).toEqual(['没有', '面积']);
  });

  it('turns a row into values, naming each problem with its column and value', () => {
    const mapping = { 编号: 'parcel_code', 日期: 'contract_date', 亩: 'area_mu', 价: 'price_wan' } as const;
    expect(applyLedgerMapping('transfers', { 编号: ' ＹＫ-１ ', 日期: '2023.5.6', 亩: '1,500', 价: '12万元' }, mapping)).toEqual({
      values: { parcel_code: 'YK-1', contract_date: '2023-05-06', area_m2: 1500 * MU, price_wan: 12 },
      problems: [],
    });
    const bad = applyLedgerMapping('transfers', { 编号: null, 日期: '2023年13月1日', 亩: 0, 价: '-5' }, mapping);
    expect(bad.problems.map((p) => [p.code, p.column, p.value])).toEqual([
      ['impossible_date', '日期', '2023年13月1日'],
      ['non_positive', '亩', '0'],
      ['negative_number', '价', '-5'],
      ['missing_value', '编号', null],
    ]);
  });

  it('flags a parcel code repeated in the file, naming the first row', async () => {
    const t = await readLedgerBytes(Buffer.from('地块编号,签订日期,面积(平方米)\nYK-1,2023-01-01,10\nYK-1,2023-02-01,20\n'), 'dup.csv', 'transfers');
    const p = checkLedger(t, { layer: 'transfers' });
    expect(p.valid).toBe(1);
    expect(p.invalid[0]).toMatchObject({ row: 3, issues: [{ code: 'duplicate_key', reasonZh: '地块编号“YK-1”与第 2 行重复' }] });
  });
});

describe('re-importing into a project', () => {
  it('updates only the columns the file has, keeps the rest, and a cancel changes nothing', async () => {
    const file = sampleCopy(dir, 'update.gpkg');
    const project = Project.open(file);
    try {
      const old = project.db.prepare('SELECT * FROM transfers ORDER BY fid LIMIT 1').get() as Record<string, string | number | null>;
      const csv = path.join(dir, 'update.csv');
      fs.writeFileSync(csv, `地块编号,签订日期,出让面积(平方米)\n${String(old['parcel_code'])},2023-12-31,1234.5\n`);
      const r = await importLedgerFile(project, csv, { layer: 'transfers' });
      expect(r).toMatchObject({ imported: 1, inserted: 0, updated: 1 });
      const now = project.db.prepare('SELECT * FROM transfers WHERE fid = ?').get(old['fid']) as Record<string, unknown>;
      expect(now).toEqual({ ...old, contract_date: '2023-12-31', area_m2: 1234.5 });

      project.close();
      const before = contentChecksum(file);
      const again = Project.open(file);
      try {
        fs.writeFileSync(csv, `地块编号,签订日期,出让面积(平方米)\n${String(old['parcel_code'])},2023-11-30,99\n`);
        const e = await importLedgerFile(again, csv, { layer: 'transfers' }, { shouldCancel: () => true }).catch((x: unknown) => x);
        expect((e as PlannerError).code).toBe('cancelled');
      } finally {
        again.close();
      }
      expect(contentChecksum(file)).toBe(before);
    } finally {
      project.close();
    }
  }, 60_000);
});
