import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/domain/vocabulary.js';
import { EDITABLE_FIELDS, checkDate, fieldDef, type CheckContext } from '../../electron/core/edit/fields.js';
import { fromEventText, toEventText } from '../../electron/core/edit/values.js';

const ctx: CheckContext = { settings: DEFAULT_SETTINGS, blockExists: (c) => c === 'ZD01', parcelExists: (c) => c === 'YK-1' };
const check = (table: 'parcels' | 'transfers' | 'factories', field: string, v: string | number | null) => fieldDef(table, field)?.check(v, ctx);

describe('edit field checks', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    expect(checkDate('2024-02-29', true)).toEqual({ ok: true, value: '2024-02-29' });
    expect(checkDate('', true)).toEqual({ ok: true, value: null });
    expect(checkDate(null, false).ok).toBe(false);
    for (const bad of ['2023-02-29', '2023-2-1', '2023/02/01', '20230201', '1899-12-31', 45000]) expect(checkDate(bad, true).ok, String(bad)).toBe(false);
  });

  it('takes statuses and methods from the editable vocabularies', () => {
    expect(check('parcels', 'status', '已验收')).toEqual({ ok: true, value: '已验收' });
    expect(check('parcels', 'status', null)?.ok).toBe(false);
    expect(check('parcels', 'method', '出村入园')).toEqual({ ok: true, value: '出村入园' });
    expect(check('parcels', 'method', '')).toEqual({ ok: true, value: null });
    const custom: CheckContext = { ...ctx, settings: { ...DEFAULT_SETTINGS, statuses: [{ value: '已销号', labelEn: 'Closed', done: true, color: '#000000' }] } };
    expect(fieldDef('parcels', 'status')?.check('已销号', custom).ok).toBe(true);
    expect(fieldDef('parcels', 'status')?.check('已完成', custom).ok).toBe(false);
  });

  it('normalises text and codes, checks blocks and parcel references', () => {
    expect(check('parcels', 'owner', '  永康市某某厂 ')).toEqual({ ok: true, value: '永康市某某厂' });
    expect(check('parcels', 'per_mu_class', 'b')).toEqual({ ok: true, value: 'B' });
    expect(check('parcels', 'block_code', 'ZD01')?.ok).toBe(true);
    expect(check('parcels', 'block_code', 'ZD02')?.ok).toBe(false);
    expect(check('transfers', 'parcel_code', 'YK-1')?.ok).toBe(true);
    expect(check('transfers', 'parcel_code', null)?.ok).toBe(false);
    expect(check('factories', 'parcel_code', null)).toEqual({ ok: true, value: null });
  });

  it('reads numbers from text and refuses non-positive areas', () => {
    expect(check('transfers', 'area_m2', '1,234.5')).toEqual({ ok: true, value: 1234.5 });
    expect(check('transfers', 'area_m2', 0)?.ok).toBe(false);
    expect(check('transfers', 'price_wan', 0)).toEqual({ ok: true, value: 0 });
    expect(check('factories', 'floor_m2', 'abc')?.ok).toBe(false);
  });

  it('round-trips values through the audit log text exactly', () => {
    for (const [table, field, v] of [['transfers', 'area_m2', 0.1 + 0.2], ['parcels', 'owner', '0.30'], ['parcels', 'completed_on', null]] as const) {
      const def = EDITABLE_FIELDS[table][field];
      expect(def && fromEventText(def, toEventText(v))).toBe(v);
    }
  });
});
