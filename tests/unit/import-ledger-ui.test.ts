import { describe, expect, it } from 'vitest';
import { PlannerError } from '../../shared/api/errors.js';
import { layerForFiles, sortFiles } from '../../renderer/src/features/import/import-options.js';
import { ledgerProblems, ledgerSampleColumns, missingColumns, problemRows } from '../../renderer/src/features/import/ledger-view.js';
import type { LedgerPreview } from '../../shared/api/import.js';

const file = (name: string): File => new File([new Uint8Array([1])], name);

describe('import wizard: files and target', () => {
  it('takes a spreadsheet alone and names every other file it leaves out', () => {
    const sorted = sortFiles([file('parcels.shp'), file('出让台账.xlsx'), file('parcels.dbf'), file('b.csv'), file('readme.txt')]);
    expect(sorted.kind).toBe('ledger');
    expect(sorted.accepted.map((f) => f.name)).toEqual(['出让台账.xlsx']);
    expect(sorted.extra).toEqual(['parcels.shp', 'parcels.dbf', 'b.csv']);
    expect(sorted.rejected).toEqual(['readme.txt']);
    expect(sortFiles([file('a.shp'), file('a.dbf')])).toMatchObject({ kind: 'map', extra: [] });
  });
  it('chooses 出让台账 for a spreadsheet, keeps the chosen ledger, and goes back to parcels for map data', () => {
    expect(layerForFiles('ledger', 'parcels')).toBe('transfers');
    expect(layerForFiles('ledger', 'factories')).toBe('factories');
    expect(layerForFiles('map', 'factories')).toBe('parcels');
    expect(layerForFiles('map', 'key_blocks')).toBe('key_blocks');
  });
});

const preview = (over: Partial<LedgerPreview>): LedgerPreview => ({
  kind: 'ledger',
  file: 't.csv',
  layer: 'transfers',
  format: 'csv',
  sheet: null,
  sheets: null,
  sheetSource: null,
  headerRow: 1,
  rows: 5,
  encoding: 'gbk',
  encodingSource: 'detected',
  encodingEvidence: null,
  mapping: { 地块编号: 'parcel_code', 日期: 'contract_date', '面积(亩)': 'area_mu' },
  invalid: [],
  unknownCodes: [],
  warnings: [],
  valid: 5,
  fields: ['地块编号', '日期', '面积(亩)'],
  unmapped: [],
  evidence: [],
  sampleRows: [],
  parcelCodesChecked: true,
  ...over,
});

describe('import wizard: ledger rows with problems', () => {
  it('lists each row once, in sheet order, with every reason; an unknown code is one of them', () => {
    const p = preview({
      rows: 5,
      valid: 2,
      invalid: [
        { row: 6, key: 'YK-6', issues: [{ code: 'impossible_date', column: '日期', value: '2023-13-40', reason: 'date "2023-13-40" does not exist', reasonZh: '日期“2023-13-40”不存在' }], action: 'reported' },
      ],
      unknownCodes: [
        { row: 6, code: 'YK-6', action: 'reported' },
        { row: 3, code: 'YK-3', action: 'reported' },
      ],
    });
    const list = ledgerProblems(p, 'zh-CN', '地块编号不在地块图层中');
    expect(list.map((x) => x.row)).toEqual([3, 6]);
    expect(list[0]).toEqual({ row: 3, code: 'YK-3', reasons: ['地块编号不在地块图层中'], unknownCode: true });
    // The value is already in the reason: not repeated.
    expect(list[1]?.reasons).toEqual(['“日期”列:日期“2023-13-40”不存在', '地块编号不在地块图层中']);
    expect(problemRows(p)).toBe(3);
  });
  it('shows the columns the mapping fills and the town the core took from the parcel', () => {
    const p = preview({ sampleRows: [{ parcel_code: 'A', contract_date: '2023-01-01', area_m2: 1, price_wan: null, buyer: null, land_use: null, town: '东城街道' }] });
    expect(ledgerSampleColumns(p)).toEqual(['parcel_code', 'contract_date', 'area_m2', 'town']);
  });
  it('reads what to map from a missing-column refusal, and nothing from other errors', () => {
    const err = new PlannerError('missing_required_field', 'm', 'z', { missing: ['contract_date'], headers: ['宗地编号', '批准日期'], headerRow: 2 });
    expect(missingColumns(err, 'transfers')).toEqual({ layer: 'transfers', missing: ['contract_date'], headers: ['宗地编号', '批准日期'], headerRow: 2 });
    expect(missingColumns(err, 'parcels')).toBeNull();
    expect(missingColumns(new PlannerError('invalid_rows', 'm', 'z', {}), 'transfers')).toBeNull();
  });
});
