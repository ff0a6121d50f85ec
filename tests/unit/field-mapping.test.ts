import { describe, expect, it } from 'vitest';
import { applyMapping, mappingSignature, mergeOverrides, suggestMapping, type SourceField } from '../../shared/domain/field-mapping.js';
import { excelSerialToDate, normaliseDate, normaliseStatus, normaliseTenure, parseNumber } from '../../shared/domain/field-values.js';

const fields = (spec: string): SourceField[] =>
  spec.split(/\s+/).filter(Boolean).map((s) => {
    const [name, type] = s.split(':');
    return { name: name as string, type: type ?? 'C' };
  });

/** The attribute table of a 三调 地类图斑 (DLTB) layer. */
const DLTB = fields('BSM:N YSDM TBYBH TBBH DLBM DLMC QSXZ QSDWDM QSDWMC ZLDWDM ZLDWMC TBMJ:N KCDLBM KCXS:N KCMJ:N TBDLMJ:N GDLX XZDWMJ:N SJNF:N BZ');

describe('suggestMapping', () => {
  it('recognises our own field names cut to 10 characters by a DBF export, and says so', () => {
    const s = suggestMapping('parcels', fields('code owner completed_:D recorded_b stated_are:N tenure_typ'));
    expect(s.mapping).toMatchObject({ completed_: 'completed_on', recorded_b: 'recorded_block', stated_are: 'stated_area_m2' });
    const stated = s.evidence.find((e) => e.source === 'stated_are');
    expect(stated).toMatchObject({ rule: 'truncated', assumption: true });
    // A cut name that begins no target (tenure_typ: "tenure" is only 6 long) stays unmapped.
    expect(s.mapping['tenure_typ']).toBeUndefined();
    // The limit is 10: a 9-character prefix is not a cut name.
    expect(suggestMapping('parcels', fields('recorded_')).mapping['recorded_']).toBeUndefined();
  });

  it('recognises a 三调 DLTB schema', () => {
    const s = suggestMapping('parcels', DLTB);
    expect(s.mapping).toEqual({
      TBBH: 'code',
      DLBM: 'land_use',
      DLMC: 'land_use_name',
      QSXZ: 'tenure',
      QSDWMC: 'owner',
      ZLDWMC: 'address',
      TBMJ: 'stated_area_m2',
    });
    expect(s.unmapped).toContain('TBDLMJ');
    expect(s.unmapped).toContain('BSM');
    expect(s.evidence.find((e) => e.source === 'BSM')).toMatchObject({ target: null, rule: 'ignored' });
    expect(s.evidence.find((e) => e.source === 'QSXZ')?.rule).toBe('dltb');

    const { properties, problems } = applyMapping(
      { BSM: 1, TBBH: '0012', DLBM: '0601', DLMC: '工业用地', QSXZ: '20', QSDWMC: '永康市某某五金有限公司', ZLDWMC: '东城街道某村', TBMJ: 12345.67 },
      s.mapping,
    );
    expect(problems).toEqual([]);
    expect(properties).toEqual({
      code: '0012', land_use: '0601 工业用地', tenure: '国有', owner: '永康市某某五金有限公司', address: '东城街道某村', stated_area_m2: 12345.67,
    });
  });

  it('uses DLMC as the land use when there is no DLBM', () => {
    expect(suggestMapping('parcels', fields('TBBH DLMC')).mapping).toEqual({ TBBH: 'code', DLMC: 'land_use' });
  });

  it('recognises pinyin abbreviations, with a 亩 area converted', () => {
    const s = suggestMapping('parcels', fields('DKBH QLR ZL MJ_MU:N ZT ZZFS WCRQ:D QKBH XZ YT QS BSM:N'));
    expect(s.mapping).toEqual({
      DKBH: 'code', QLR: 'owner', ZL: 'address', MJ_MU: 'stated_area_mu', ZT: 'status', ZZFS: 'method',
      WCRQ: 'completed_on', QKBH: 'recorded_block', XZ: 'town', YT: 'land_use', QS: 'tenure',
    });
    const { properties, problems } = applyMapping(
      { DKBH: 'YK-1', QLR: '某公司', MJ_MU: 15, ZT: '已整治', WCRQ: '2023年5月6日', QS: '集体土地', QKBH: 'ZD01', XZ: '石柱镇' },
      s.mapping,
    );
    expect(problems).toEqual([]);
    expect(properties).toMatchObject({ code: 'YK-1', stated_area_m2: 10000, status: '已完成', completed_on: '2023-05-06', tenure: '集体', recorded_block: 'ZD01' });
  });

  it('recognises Chinese field names, case and separators aside', () => {
    const s = suggestMapping('parcels', fields('地块编号 权利人 坐落 面积（亩）:N 整治状态 整治方式 完成时间 所属区块 镇街 土地用途 权属'));
    expect(Object.values(s.mapping).sort()).toEqual(
      ['address', 'code', 'completed_on', 'land_use', 'method', 'owner', 'recorded_block', 'stated_area_mu', 'status', 'tenure', 'town'],
    );
    expect(suggestMapping('parcels', fields('dk_bh Qlr_Mc wcsj')).mapping).toEqual({ dk_bh: 'code', Qlr_Mc: 'owner', wcsj: 'completed_on' });
  });

  it('detects area units from the name and flags the m² assumption', () => {
    const one = (name: string): { target: string | undefined; assumption: boolean | undefined } => {
      const s = suggestMapping('parcels', [{ name, type: 'N' }]);
      return { target: s.mapping[name], assumption: s.evidence.find((e) => e.source === name)?.assumption };
    };
    expect(one('MJ')).toEqual({ target: 'stated_area_m2', assumption: true });
    expect(one('面积')).toEqual({ target: 'stated_area_m2', assumption: true });
    expect(one('DKMJ_M2')).toEqual({ target: 'stated_area_m2', assumption: undefined });
    expect(one('面积(平方米)')).toEqual({ target: 'stated_area_m2', assumption: undefined });
    expect(one('MJ_MU')).toEqual({ target: 'stated_area_mu', assumption: undefined });
    expect(one('面积（亩）')).toEqual({ target: 'stated_area_mu', assumption: undefined });
    expect(one('亩数')).toEqual({ target: 'stated_area_mu', assumption: undefined });
    expect(one('面积_公顷')).toEqual({ target: 'stated_area_ha', assumption: undefined });
    expect(applyMapping({ A: '1.5' }, { A: 'stated_area_ha' }).properties).toEqual({ stated_area_m2: 15000 });
    // A date-typed field is never taken as an area.
    expect(suggestMapping('parcels', [{ name: 'MJ', type: 'D' }]).mapping).toEqual({});
  });

  it('prefers the stronger name when several claim a field, one source per field', () => {
    const s = suggestMapping('parcels', fields('BH DKBH MJ TBMJ:N'));
    expect(s.mapping).toEqual({ DKBH: 'code', TBMJ: 'stated_area_m2' });
    expect(s.unmapped).toEqual(['BH', 'MJ']);
  });

  it('maps the other layers', () => {
    expect(suggestMapping('key_blocks', fields('QKBH QKMC XZ MBMJ:N')).mapping).toEqual({ QKBH: 'code', QKMC: 'name', XZ: 'town', MBMJ: 'target_mu' });
    expect(suggestMapping('renewal_zones', fields('PQBH PQMC LX JD 总投资（亿元）:N')).mapping).toEqual({
      PQBH: 'code', PQMC: 'name', LX: 'kind', JD: 'phase', '总投资（亿元）': 'investment_yi',
    });
    expect(suggestMapping('renewal_zones', fields('编号 名称 投资万元:N')).mapping).toEqual({ 编号: 'code', 名称: 'name', 投资万元: 'investment_wan' });
    expect(suggestMapping('platforms', fields('BH MC JB')).mapping).toEqual({ BH: 'code', MC: 'name', JB: 'level' });
    expect(suggestMapping('transport', fields('XMBH XMMC JTFS JSJD MBJD')).mapping).toEqual({
      XMBH: 'code', XMMC: 'name', JTFS: 'mode', JSJD: 'stage', MBJD: 'target_stage',
    });
    expect(applyMapping({ T: '12,000' }, { T: 'investment_wan' }).properties).toEqual({ investment_yi: 1.2 });
  });
});

describe('mergeOverrides and applyMapping overrides', () => {
  const base = suggestMapping('parcels', fields('DKBH ABC QLR')).mapping;

  it('lets the user take a field for another source, unmap, and refuses unknown targets', () => {
    const r = mergeOverrides('parcels', base, { ABC: 'code', QLR: null, X: 'nonsense' });
    expect(r.mapping).toEqual({ ABC: 'code' });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ source: 'X', target: 'nonsense' });
    expect(r.errors[0]?.reasonZh).toContain('没有字段');
  });

  it('applies overrides per record', () => {
    const { properties } = applyMapping({ DKBH: 'A', ABC: 'B', QLR: 'C' }, base, { ABC: 'code' });
    expect(properties).toEqual({ code: 'B', owner: 'C' });
  });

  it('reports bad values with the source field and keeps unknown words as written', () => {
    const { properties, problems } = applyMapping(
      { D: '2023-02-30', S: '研究中', M: 'abc', T: '其他' },
      { D: 'completed_on', S: 'status', M: 'stated_area_m2', T: 'tenure' },
    );
    expect(properties).toEqual({ completed_on: null, status: '研究中', stated_area_m2: null, tenure: '其他' });
    expect(problems.map((p) => [p.source, p.code])).toEqual([['D', 'impossible_date'], ['S', 'unknown_status'], ['M', 'bad_number'], ['T', 'unknown_tenure']]);
  });
});

describe('value normalisation', () => {
  const date = (v: unknown): string | null => {
    const r = normaliseDate(v);
    return r.ok ? r.value : `!${r.code}`;
  };

  it('reads dates in every usual form', () => {
    for (const v of ['2023-05-06', '2023/5/6', '2023.05.06', '20230506', 20230506, '2023年5月6日', '2023 年 05 月 06 日', '２０２３-０５-０６', '2023-05-06T00:00:00Z', '2023-05-06 14:30:00', 45052, '45052', 45052.75]) {
      expect([v, date(v)]).toEqual([v, '2023-05-06']);
    }
    expect(date(new Date(Date.UTC(2023, 4, 6)))).toBe('2023-05-06');
    expect(date(new Date(2023, 4, 6))).toBe('2023-05-06');
    expect(date('')).toBeNull();
    expect(date(null)).toBeNull();
    expect(excelSerialToDate(1)).toEqual({ ok: true, value: '1900-01-01' });
    expect(excelSerialToDate(44927)).toEqual({ ok: true, value: '2023-01-01' });
  });

  it('gives a specific error for each kind of bad date', () => {
    expect(date('2023-02-30')).toBe('!impossible_date');
    expect(date('2023-13-01')).toBe('!impossible_date');
    expect(date(2023)).toBe('!date_year_only');
    expect(date('2023')).toBe('!date_year_only');
    expect(date('2023年5月')).toBe('!date_incomplete');
    expect(date('1899-11-30')).toBe('!date_out_of_range');
    expect(date('五月六日')).toBe('!bad_date');
    expect(date(-3)).toBe('!bad_date');
    const r = normaliseDate('2023-02-30');
    expect(r.ok ? '' : r.reasonZh).toContain('不存在');
  });

  it('maps status synonyms to the vocabulary', () => {
    const st = (v: string, vocab?: string[]): string | null => {
      const r = normaliseStatus(v, vocab);
      return r.ok ? r.value : `!${r.code}`;
    };
    expect(['完成', '已整治', '已完成', ' 完工 '].map((v) => st(v))).toEqual(['已完成', '已完成', '已完成', '已完成']);
    expect(['在建', '实施中', '整治中'].map((v) => st(v))).toEqual(['整治中', '整治中', '整治中']);
    expect(['未开始', '未启动'].map((v) => st(v))).toEqual(['未启动', '未启动']);
    expect(st('Completed')).toBe('已完成');
    expect(st('已验收', ['未启动', '整治中', '已完成'])).toBe('!unknown_status');
    expect(st('自定义', ['自定义'])).toBe('自定义');
  });

  it('maps tenure words and 三调 QSXZ codes', () => {
    const t = (v: unknown): string | null => {
      const r = normaliseTenure(v);
      return r.ok ? r.value : `!${r.code}`;
    };
    expect([10, '20', '30', '31', '34', '40', '国有', '国有土地使用权', '集体', '农民集体所有'].map(t)).toEqual(
      ['国有', '国有', '集体', '集体', '集体', '集体', '国有', '国有', '集体', '集体'],
    );
    expect(t('99')).toBe('!unknown_tenure');
  });

  it('reads numbers written as text', () => {
    expect(parseNumber('1,234.5')).toEqual({ ok: true, value: 1234.5 });
    expect(parseNumber('１２３')).toEqual({ ok: true, value: 123 });
    expect(parseNumber('  ')).toEqual({ ok: true, value: null });
    expect(parseNumber('12亩').ok).toBe(false);
  });
});

describe('mappingSignature', () => {
  it('is stable under field order and changes with the field names', () => {
    const a = mappingSignature(fields('DKBH QLR MJ'));
    expect(mappingSignature(fields('MJ DKBH QLR'))).toBe(a);
    expect(mappingSignature(fields('MJ DKBH QLR ZL'))).not.toBe(a);
    expect(mappingSignature(fields('MJ DKBH QLRR'))).not.toBe(a);
    expect(a).toMatch(/^fs1-3-[0-9a-f]{16}$/);
  });
});
