import { execFileSync } from 'node:child_process';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { filterYear, isEmptyFilter, LayerFilter, matchesLayerFilter } from '../../shared/api/layer-filter.js';
import { crsDef } from '../../shared/geo/proj-defs.js';
import { shortFieldNames, writeDbf } from '../../electron/core/export/dbf-writer.js';
import { esriPrj, outputCrs } from '../../electron/core/export/output-crs.js';
import { SHAPE_POLYGON, writeShp } from '../../electron/core/export/shp-writer.js';

/** The pieces of the shapefile writer whose rules are easy to get subtly wrong. */
describe('dbf field names', () => {
  const names = ['地块编号', '面积平方米', 'stated_area_m2', 'stated_area_mu', 'Code', 'code', '整治完成日期'];

  it('are at most 10 bytes in GBK (2 per hanzi), whole characters, unique ignoring case', () => {
    const got = shortFieldNames(names, 'gbk');
    expect(got.map((n) => n.name)).toEqual(['地块编号', '面积平方米', 'stated_are', 'stated_a_1', 'Code', 'code_1', '整治完成日']);
    for (const n of got) expect(iconv.encode(n.name, 'gbk').length).toBeLessThanOrEqual(10);
    expect(got.map((n) => n.truncated)).toEqual([false, false, true, true, false, true, true]);
  });

  it('are at most 10 bytes in UTF-8 (3 per hanzi): Chinese names are cut sooner', () => {
    const got = shortFieldNames(names, 'utf-8').map((n) => n.name);
    expect(got).toEqual(['地块编', '面积平', 'stated_are', 'stated_a_1', 'Code', 'code_1', '整治完']);
    for (const n of got) expect(Buffer.byteLength(n, 'utf8')).toBeLessThanOrEqual(10);
    // A clash after cutting gets a suffix within the 10 bytes: 地块编号 and 地块编码 both cut to 地块编.
    expect(shortFieldNames(['地块编号', '地块编码'], 'utf-8').map((n) => n.name)).toEqual(['地块编', '地块_1']);
  });
});

describe('dbf records', () => {
  const now = new Date(2023, 7, 1);
  const read = (bytes: Uint8Array) => {
    const b = Buffer.from(bytes);
    const headerLength = b.readUInt16LE(8);
    const recordLength = b.readUInt16LE(10);
    const fields: { name: Buffer; type: string; length: number; decimals: number }[] = [];
    for (let p = 32; b[p] !== 0x0d; p += 32) fields.push({ name: b.subarray(p, p + 11), type: String.fromCharCode(b[p + 11]!), length: b[p + 16]!, decimals: b[p + 17]! });
    const cells = (row: number) => {
      let p = headerLength + row * recordLength + 1;
      return fields.map((f) => {
        const cell = b.subarray(p, p + f.length);
        p += f.length;
        return cell;
      });
    };
    return { b, headerLength, recordLength, fields, cells, count: b.readUInt32LE(4) };
  };

  it('writes unrounded numbers exactly, dates as YYYYMMDD, blanks as spaces, GBK text with LDID 0x4D', () => {
    const values = [12345.678901234567, 0.5, null, 7811.2074811607599];
    const out = writeDbf(
      [
        { fullName: 'area_m2', type: 'N' },
        { fullName: '权利人', type: 'C' },
        { fullName: 'done_on', type: 'D' },
        { fullName: 'n', type: 'N', integer: true },
      ],
      values.map((v, i) => [v, i === 1 ? '永康市五金城' : i === 2 ? null : `厂${i}`, i === 0 ? '2023-05-01' : null, i]),
      { encoding: 'gbk', now },
    );
    const d = read(out.bytes);
    expect(d.count).toBe(4);
    expect([d.b[0], d.b[1], d.b[2], d.b[3], d.b[29]]).toEqual([0x03, 123, 8, 1, 0x4d]);
    expect(d.b[d.b.length - 1]).toBe(0x1a);
    expect(d.fields.map((f) => [f.type, f.length, f.decimals])).toEqual([['N', 18, 12], ['C', 12, 0], ['D', 8, 0], ['N', 1, 0]]);
    expect(iconv.decode(d.fields[1]!.name.subarray(0, 6), 'gbk')).toBe('权利人');
    values.forEach((v, i) => {
      const text = d.cells(i)[0]!.toString('latin1');
      if (v === null) expect(text.trim()).toBe('');
      else expect(Number(text)).toBe(v);
    });
    expect(iconv.decode(d.cells(1)[1]!, 'gbk').trimEnd()).toBe('永康市五金城');
    expect(d.cells(2)[1]!.toString('latin1').trim()).toBe('');
    expect(d.cells(0)[2]!.toString('latin1')).toBe('20230501');
    expect(d.cells(1)[2]!.toString('latin1')).toBe('        ');
    expect(out.issues).toEqual([]);
  });

  it('reports what cannot be written as it is: characters GBK lacks, text over 254 bytes, malformed dates', () => {
    const out = writeDbf(
      [
        { fullName: 'owner', type: 'C' },
        { fullName: 'on', type: 'D' },
      ],
      [
        ['𪚥', '2023-13'],
        ['长'.repeat(200), '2023-01-02'],
      ],
      { encoding: 'gbk', now },
    );
    expect(out.issues).toEqual([
      { code: 'unencodable', row: 0, field: 'owner' },
      { code: 'text_truncated', row: 1, field: 'owner' },
      { code: 'bad_date', row: 0, field: 'on' },
    ]);
    expect(out.fields[0]!.length).toBe(254);
  });
});

describe('shp records', () => {
  it('winds shells clockwise and holes counter-clockwise whatever the input winding, and closes rings', () => {
    const ccwShell = [[0, 0], [10, 0], [10, 10], [0, 10]];
    const cwHole = [[2, 2], [2, 4], [4, 4], [4, 2], [2, 2]];
    const { shp, shx } = writeShp([{ type: 'Polygon', coordinates: [ccwShell, cwHole] }, null], SHAPE_POLYGON);
    const dv = new DataView(shp.buffer);
    expect(dv.getInt32(24, false) * 2).toBe(shp.length);
    expect(new DataView(shx.buffer).getInt32(24, false) * 2).toBe(100 + 16);
    expect(dv.getInt32(100 + 8, true)).toBe(5);
    expect(dv.getInt32(100 + 8 + 36, true)).toBe(2); // parts
    expect(dv.getInt32(100 + 8 + 40, true)).toBe(10); // points: both rings closed
    const pt = (i: number) => [dv.getFloat64(100 + 8 + 52 + 16 * i, true), dv.getFloat64(100 + 8 + 60 + 16 * i, true)];
    const signed = (from: number, to: number) => {
      let a = 0;
      for (let i = from; i < to - 1; i++) a += pt(i)[0]! * pt(i + 1)[1]! - pt(i + 1)[0]! * pt(i)[1]!;
      return a / 2;
    };
    expect(signed(0, 5)).toBe(-100);
    expect(signed(5, 10)).toBe(4);
    // The null record keeps records aligned with the .dbf.
    const second = 100 + 8 + (dv.getInt32(100 + 4, false) * 2);
    expect(dv.getInt32(second + 8, true)).toBe(0);
  });
});

describe('.prj', () => {
  it.each([4490, 4549])('EPSG:%i is exactly what GDAL writes as ESRI WKT', (epsg) => {
    const gdal = execFileSync('gdalsrsinfo', ['--single-line', '-o', 'wkt_esri', `EPSG:${epsg}`], { encoding: 'utf8' }).trim();
    expect(esriPrj(crsDef(epsg)!)).toBe(gdal);
  });

  it('EPSG:4549 coordinates are the tmerc of gdaltransform', () => {
    const lonLat = [120.03, 28.9];
    const gdal = execFileSync('gdaltransform', ['-s_srs', 'EPSG:4490', '-t_srs', 'EPSG:4549', '-output_xy'], { input: `${lonLat[0]} ${lonLat[1]}\n`, encoding: 'utf8' })
      .trim()
      .split(/\s+/)
      .map(Number);
    const ours = outputCrs('EPSG:4549').project({ type: 'Point', coordinates: lonLat });
    expect(ours.type).toBe('Point');
    const [x, y] = (ours as { coordinates: number[] }).coordinates;
    // gdaltransform reads lon lat (GIS order) and prints easting northing.
    expect(Math.abs(x! - gdal[0]!)).toBeLessThan(1e-6);
    expect(Math.abs(y! - gdal[1]!)).toBeLessThan(1e-6);
  });
});

describe('LayerFilter (shared)', () => {
  it('compares trimmed values, blank as null, years from YYYY- dates only', () => {
    const f = LayerFilter.parse({ status: [' 已完成 '], completedYear: [2023] });
    expect(f.status).toEqual(['已完成']);
    expect(matchesLayerFilter('parcels', { status: '已完成 ', completed_on: '2023-05-01' }, f)).toBe(true);
    expect(matchesLayerFilter('parcels', { status: '已完成', completed_on: '2022-12-31' }, f)).toBe(false);
    expect(matchesLayerFilter('parcels', { method: '  ' }, { method: [null] })).toBe(true);
    expect(matchesLayerFilter('key_blocks', { code: 'ZD01' }, { status: ['已完成'] })).toBe(false);
    expect(filterYear('2023/05/01')).toBeNull();
    expect(isEmptyFilter({})).toBe(true);
    expect(LayerFilter.safeParse({ colour: ['red'] }).success).toBe(false);
  });
});
