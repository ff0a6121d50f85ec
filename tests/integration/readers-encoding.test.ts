import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { PlannerError } from '../../shared/api/errors.js';
import { assertEncodingDecided, decideEncoding, detectEncoding, ldidToEncoding, normalizeEncodingLabel } from '../../electron/core/import/readers/index.js';
import { rangeDecoder } from '../../electron/core/import/readers/encoding.js';
import { zipEntryName } from '../../electron/core/import/readers/zip.js';
import { PARCELS } from '../fixtures/source-data.js';

const gbk = (s: string) => new Uint8Array(iconv.encode(s, 'gbk'));
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const names = PARCELS.map((p) => `${p.QLR}${p.ZL}`);

describe('.cpg labels and LDIDs', () => {
  it.each([
    ['GBK', 'gbk'],
    ['gb2312', 'gbk'],
    ['GB18030', 'gb18030'],
    ['936', 'gbk'],
    ['CP936', 'gbk'],
    ['cp 936', 'gbk'],
    ['ANSI 936', 'gbk'],
    [' ansi  936\r\n', 'gbk'],
    ['UTF-8', 'utf-8'],
    ['utf8', 'utf-8'],
    ['65001', 'utf-8'],
    ['1252', 'windows-1252'],
    ['ISO-8859-1', 'iso-8859-1'],
    ['8859_1', 'iso-8859-1'],
    ['950', 'big5'],
    ['437', 'cp437'],
  ])('"%s" → %s', (label, enc) => {
    expect(normalizeEncodingLabel(label)).toBe(enc);
  });

  it('unknown or non-decisive labels → undefined', () => {
    expect(normalizeEncodingLabel('')).toBeUndefined();
    expect(normalizeEncodingLabel('ANSI')).toBeUndefined();
    expect(normalizeEncodingLabel('klingon')).toBeUndefined();
  });

  it('LDIDs: 0x4D and 0x7A are cp936, 0x57 says nothing', () => {
    expect(ldidToEncoding(0x4d)).toBe('gbk');
    expect(ldidToEncoding(0x7a)).toBe('gbk');
    expect(ldidToEncoding(0x01)).toBe('cp437');
    expect(ldidToEncoding(0x03)).toBe('windows-1252');
    expect(ldidToEncoding(0x4e)).toBe('cp949');
    expect(ldidToEncoding(0x4f)).toBe('big5');
    expect(ldidToEncoding(0x57)).toBeUndefined();
    expect(ldidToEncoding(0)).toBeUndefined();
  });
});

describe('decideEncoding follows user → .cpg → LDID → detection → ask', () => {
  const samples = names.map(gbk);
  it('user first, then .cpg, then LDID', () => {
    expect(decideEncoding({ userChoice: 'utf-8', cpgText: 'GBK', ldid: 0x4d, sampleBytes: samples })).toMatchObject({ encoding: 'utf-8', source: 'user' });
    expect(decideEncoding({ cpgText: 'ANSI 936', ldid: 0x03, sampleBytes: samples })).toMatchObject({ encoding: 'gbk', source: 'cpg' });
    expect(decideEncoding({ cpgText: 'whatever', ldid: 0x4d, sampleBytes: samples })).toMatchObject({ encoding: 'gbk', source: 'ldid' });
    expect(decideEncoding({ ldid: 0x57, sampleBytes: samples })).toMatchObject({ encoding: 'gbk', source: 'detected' });
  });

  it('an unknown user choice is an error', () => {
    expect(() => decideEncoding({ userChoice: 'klingon', sampleBytes: [] })).toThrow(PlannerError);
  });

  it('a Western LDID over text that is plainly GBK → ask, offering GBK first', () => {
    const d = decideEncoding({ ldid: 0x03, sampleBytes: samples });
    expect(d).toMatchObject({ source: 'ask', encoding: 'gbk' });
    expect(d.candidates).toEqual(['gbk', 'windows-1252']);
  });

  it('detection: ASCII, UTF-8, GBK, GB18030 four-byte sequences', () => {
    expect(detectEncoding([utf8('YK-0001 QK01')])).toMatchObject({ encoding: 'ascii', source: 'detected' });
    expect(detectEncoding(names.map(utf8))).toMatchObject({ encoding: 'utf-8', source: 'detected' });
    expect(detectEncoding(samples)).toMatchObject({ encoding: 'gbk', source: 'detected' });
    const quad = new Uint8Array(iconv.encode('张三𠀀李四王五赵六', 'gb18030'));
    expect(detectEncoding([quad])).toMatchObject({ encoding: 'gb18030', source: 'detected' });
  });

  it('too little or unconvincing text → ask', () => {
    expect(detectEncoding([gbk('张')])).toMatchObject({ source: 'ask' });
    const latin = new Uint8Array(iconv.encode('Müller Straße Café Zoë Ångström', 'windows-1252'));
    expect(detectEncoding([latin])).toMatchObject({ source: 'ask' });
    const d = detectEncoding([utf8('é')]);
    expect(d.source).toBe('ask');
    expect(d.candidates).toContain('utf-8');
  });

  it('zip entry names: Latin-1 strings from fflate → GBK or UTF-8', () => {
    const latin1 = (b: Uint8Array) => String.fromCharCode(...b);
    expect(zipEntryName(latin1(gbk('永康/地块.shp')))).toBe('永康/地块.shp');
    expect(zipEntryName(latin1(utf8('地块.shp')))).toBe('地块.shp');
    expect(zipEntryName('parcels.shp')).toBe('parcels.shp');
    expect(zipEntryName('地块.shp')).toBe('地块.shp');
  });
});

describe('the fast field decoder', () => {
  it('equals iconv-lite on every GBK double-byte pair, and falls back for GB18030 four-byte sequences', () => {
    const bytes: number[] = [];
    for (let lead = 0x81; lead <= 0xfe; lead++) for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) bytes.push(lead, trail);
    const buf = Buffer.from(bytes);
    for (const enc of ['gbk', 'gb18030']) {
      const dec = rangeDecoder(buf, enc);
      for (let i = 0; i < buf.length; i += 2) expect(dec(i, i + 2), `${enc} ${buf.subarray(i, i + 2).toString('hex')}`).toBe(iconv.decode(buf.subarray(i, i + 2), enc));
    }
    const quad = iconv.encode('A张𠀀三', 'gb18030');
    expect(rangeDecoder(quad, 'gb18030')(0, quad.length)).toBe('A张𠀀三');
    const u = Buffer.from('永康 YK-01', 'utf8');
    expect(rangeDecoder(u, 'utf-8')(0, u.length)).toBe('永康 YK-01');
    const w = iconv.encode('Café', 'windows-1252');
    expect(rangeDecoder(w, 'windows-1252')(0, w.length)).toBe('Café');
  });

  it('assertEncodingDecided turns "ask" into unknown_encoding naming --encoding', () => {
    const d = detectEncoding([gbk('张')]);
    expect(() => assertEncodingDecided(d, 'a.dbf')).toThrow(/--encoding/);
    expect(() => assertEncodingDecided(detectEncoding(names.map(gbk)), 'a.dbf')).not.toThrow();
  });
});
