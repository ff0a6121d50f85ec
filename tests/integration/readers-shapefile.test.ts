import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PlannerError } from '../../shared/api/errors.js';
import type { Geometry } from '../../shared/api/geojson.js';
import { decideCrs, reproject, sampleCoordinates } from '../../shared/geo/index.js';
import { loadShapefileParts, openShapefile, readShapefile } from '../../electron/core/import/readers/index.js';
import type { ShapefileRead } from '../../electron/core/import/readers/index.js';
import { ensureFixtures, FIXTURES, fixturePath } from '../fixtures/fixtures.js';
import { PARCELS, toWkt, X0, Y0 } from '../fixtures/source-data.js';

let dir = '';
beforeAll(async () => {
  dir = await ensureFixtures();
});

const read = (fixture: string, opts = {}) => readShapefile(fixturePath(dir, fixture), opts);

async function errorOf(p: Promise<unknown> | (() => unknown)): Promise<PlannerError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof PlannerError) return e;
    throw e;
  }
  throw new Error('expected a PlannerError');
}

type Ring = number[][];
function signedArea(r: Ring): number {
  let a = 0;
  for (let i = 0; i + 1 < r.length; i++) a += r[i]![0]! * r[i + 1]![1]! - r[i + 1]![0]! * r[i]![1]!;
  return a / 2;
}
/** Canonical ring for comparison: given orientation, starting at the smallest vertex, closed. */
function canonical(r: Ring, ccw: boolean): Ring {
  let ring = r.slice(0, -1);
  if (signedArea(r) > 0 !== ccw) ring = ring.reverse();
  let k = 0;
  ring.forEach((p, i) => {
    const m = ring[k]!;
    if (p[0]! < m[0]! || (p[0] === m[0] && p[1]! < m[1]!)) k = i;
  });
  const out = [...ring.slice(k), ...ring.slice(0, k)];
  return [...out, out[0]!];
}
function polygonsOf(g: Geometry | null): Ring[][] {
  if (!g) return [];
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  throw new Error(`not polygonal: ${g.type}`);
}
/** Polygons with canonical rings (shell CCW, holes CW), holes and polygons sorted. */
function normalise(g: Geometry | null): Ring[][] {
  const key = (r: Ring) => `${r[0]![0]},${r[0]![1]}`;
  return polygonsOf(g)
    .map((p) => [canonical(p[0]!, true), ...p.slice(1).map((h) => canonical(h, false)).sort((a, b) => (key(a) < key(b) ? -1 : 1))])
    .sort((a, b) => a[0]![0]![0]! - b[0]![0]![0]! || a[0]![0]![1]! - b[0]![0]![1]!);
}
function expectSameGeometry(ours: Geometry | null, theirs: Geometry | null, tol: number, label: string): void {
  const a = normalise(ours);
  const b = normalise(theirs);
  expect(a.map((p) => p.map((r) => r.length)), `${label}: structure`).toEqual(b.map((p) => p.map((r) => r.length)));
  a.forEach((p, i) =>
    p.forEach((r, j) =>
      r.forEach((pt, k) => {
        const q = b[i]![j]![k]!;
        expect(Math.abs(pt[0]! - q[0]!), `${label} polygon ${i} ring ${j} vertex ${k} x`).toBeLessThanOrEqual(tol);
        expect(Math.abs(pt[1]! - q[1]!), `${label} polygon ${i} ring ${j} vertex ${k} y`).toBeLessThanOrEqual(tol);
      }),
    ),
  );
}

/** The source geometry in EPSG:4549, parsed back from the WKT the generator gave ogr2ogr. */
function sourceGeometry(i: number): Geometry | null {
  const g = PARCELS[i]!.geometry;
  if (!g) return null;
  const abs = (r: [number, number][]) => r.map(([x, y]) => [X0 + x, Y0 + y]);
  expect(toWkt(g)).toMatch(/POLYGON/);
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.rings.map(abs) } : { type: 'MultiPolygon', coordinates: g.polygons.map((p) => p.map(abs)) };
}

function expectSourceAttributes(r: ShapefileRead): void {
  expect(r.features.map((f) => f.attributes.QLR)).toEqual(PARCELS.map((p) => p.QLR));
  expect(r.features.map((f) => f.attributes.ZL)).toEqual(PARCELS.map((p) => p.ZL));
  expect(r.features.map((f) => f.attributes.ZT)).toEqual(PARCELS.map((p) => p.ZT));
  expect(r.features.map((f) => f.attributes.ZZFS)).toEqual(PARCELS.map((p) => p.ZZFS));
  expect(r.features.map((f) => f.attributes.DKBH)).toEqual(PARCELS.map((p) => p.DKBH));
  expect(r.features.map((f) => f.attributes.QKBH)).toEqual(PARCELS.map((p) => p.QKBH));
  expect(r.features.map((f) => f.attributes.WCRQ)).toEqual(PARCELS.map((p) => p.WCRQ));
  expect(r.features.map((f) => f.attributes.MJ)).toEqual(PARCELS.map((p) => p.MJ));
}

describe('encodings: every fixture decodes to the source’s Chinese text', () => {
  const labels = Object.entries(FIXTURES.cpg);
  it.each(labels)('.cpg "%s" → GBK from the .cpg', async (label, fixture) => {
    const r = await read(fixture);
    expect(r.encodingDecision).toMatchObject({ encoding: label === 'GB18030' ? 'gb18030' : 'gbk', source: 'cpg' });
    expect(r.encodingDecision.evidence).toContain(label);
    expect(r.cpg).toBe(label);
    expectSourceAttributes(r);
  });

  it('no .cpg, LDID 0x4D → GBK from the LDID byte', async () => {
    const r = await read(FIXTURES.ldidOnly);
    expect(r.ldid).toBe(0x4d);
    expect(r.cpg).toBeUndefined();
    expect(r.encodingDecision).toMatchObject({ encoding: 'gbk', source: 'ldid' });
    expect(r.encodingDecision.evidence).toContain('0x4D');
    expectSourceAttributes(r);
  });

  it('no code page at all → GBK detected from the bytes; ArcGIS-style blank dates (spaces) → null', async () => {
    const r = await read(FIXTURES.noCodepage);
    expect(r.ldid).toBe(0);
    expect(r.encodingDecision).toMatchObject({ encoding: 'gbk', source: 'detected' });
    expect(r.encodingDecision.evidenceZh).toContain('常用汉字');
    expectSourceAttributes(r);
  });

  it('UTF-8 with and without .cpg', async () => {
    const a = await read(FIXTURES.utf8);
    expect(a.encodingDecision).toMatchObject({ encoding: 'utf-8', source: 'cpg' });
    expectSourceAttributes(a);
    const b = await read(FIXTURES.utf8NoCpg);
    expect(b.encodingDecision).toMatchObject({ encoding: 'utf-8', source: 'detected' });
    expectSourceAttributes(b);
  });

  it('the user’s choice wins over everything', async () => {
    const r = await read(FIXTURES.cpg.GBK, { encoding: 'GB18030' });
    expect(r.encodingDecision).toMatchObject({ encoding: 'gb18030', source: 'user' });
    expectSourceAttributes(r);
    const wrong = await read(FIXTURES.cpg.GBK, { encoding: 'UTF-8' });
    expect(wrong.features[0]!.attributes.QLR).not.toBe('张三');
  });

  it('blank dates and blank numbers are null (never 1899-11-30, never 0)', async () => {
    const r = await read(FIXTURES.cpg.CP936);
    for (const [i, p] of PARCELS.entries()) {
      if (p.WCRQ === null) expect(r.features[i]!.attributes.WCRQ).toBeNull();
      if (p.MJ === null) expect(r.features[i]!.attributes.MJ).toBeNull();
    }
    expect(r.fields.find((f) => f.name === 'WCRQ')).toMatchObject({ type: 'date', sourceType: 'D' });
  });

  it('Chinese field names are decoded with the same encoding', async () => {
    const r = await read(FIXTURES.chineseFields);
    expect(r.encodingDecision).toMatchObject({ encoding: 'gbk', source: 'ldid' });
    expect(r.fields.map((f) => f.name)).toEqual(['权利人', '地块编号']);
    expect(r.features.map((f) => f.attributes)).toEqual([
      { 权利人: '张三', 地块编号: 'YK-0001' },
      { 权利人: '永康市五金城集团有限公司', 地块编号: 'YK-0002' },
    ]);
  });

  it('typed fields: L → boolean|null, N/F → number|null, D → YYYY-MM-DD, 17-digit integers kept as text', async () => {
    const r = await read(FIXTURES.types);
    expect(r.features.map((f) => f.attributes)).toEqual([
      { FLAG: true, N: 5, R: 1.5, D: '2023-01-02', BIG: '12345678901234567' },
      { FLAG: false, N: null, R: null, D: null, BIG: null },
      { FLAG: null, N: -7, R: -0.25, D: '2024-02-29', BIG: 1 },
    ]);
    expect(r.encodingDecision.encoding).toBe('ascii');
    expect(r.encodingDecision.evidence).toContain('0x57');
    expect(r.warnings.map((w) => w.code)).toContain('long_integer');
    expect(r.geometryType).toBe('Point');
  });
});

describe('bad inputs get their own errors, naming the file', () => {
  it('truncated .shp → truncated_shp', async () => {
    const e = await errorOf(read(FIXTURES.truncated));
    expect(e.code).toBe('truncated_shp');
    expect(e.message).toContain('parcels.shp');
    expect(e.messageZh).toContain('parcels.shp');
  });

  it('truncated .shp without its .shx, and a .shx shorter than the .dbf → still truncated_shp', async () => {
    const parts = await loadShapefileParts(fixturePath(dir, FIXTURES.truncated));
    parts.files.delete('shx');
    expect((await errorOf(() => openShapefile(parts))).code).toBe('truncated_shp');
    const good = await loadShapefileParts(fixturePath(dir, FIXTURES.cpg.CP936));
    const shx = good.files.get('shx')!;
    const cut = Buffer.from(shx.subarray(0, shx.length - 16));
    cut.writeInt32BE(cut.length / 2, 24);
    good.files.set('shx', cut);
    const e = await errorOf(() => openShapefile(good));
    expect(e.code).toBe('truncated_shp');
    expect(e.details).toMatchObject({ shapes: PARCELS.length - 2, records: PARCELS.length });
  });

  it('truncated .dbf → truncated_dbf', async () => {
    const parts = await loadShapefileParts(fixturePath(dir, FIXTURES.cpg.CP936));
    const dbf = parts.files.get('dbf')!;
    parts.files.set('dbf', dbf.subarray(0, dbf.length - 300));
    const e = await errorOf(() => openShapefile(parts));
    expect(e.code).toBe('truncated_dbf');
    expect(e.message).toContain('parcels.dbf');
  });

  it('missing .dbf → missing_dbf; missing .shp → missing_shp; empty → empty_file', async () => {
    expect((await errorOf(read(FIXTURES.missingDbf))).code).toBe('missing_dbf');
    const parts = await loadShapefileParts(fixturePath(dir, FIXTURES.cpg.CP936));
    parts.files.delete('shp');
    expect((await errorOf(() => openShapefile(parts))).code).toBe('missing_shp');
    expect((await errorOf(read(FIXTURES.empty))).code).toBe('empty_file');
  });

  it('unknown .prj → unknown_crs with a proposal from the coordinates; no .prj → missing_prj with one', async () => {
    const r = await read(FIXTURES.unknownPrj);
    expect(r.prj).toContain('Yongkang_City_Grid_2005');
    const e = await errorOf(() => decideCrs({ file: r.file, prj: r.prj ?? null, sample: sampleCoordinates(r.features.map((f) => f.geometry)) }));
    expect(e.code).toBe('unknown_crs');
    expect(e.message).toContain('parcels.prj');
    expect(e.details?.proposal).toMatchObject({ epsg: 4549, confidence: 'low' });
    const n = await read(FIXTURES.noPrj);
    const m = await errorOf(() => decideCrs({ file: n.file, prj: n.prj ?? null, sample: sampleCoordinates(n.features.map((f) => f.geometry)) }));
    expect(m.code).toBe('missing_prj');
    expect(m.details?.proposal).toMatchObject({ epsg: 4549 });
    expect(decideCrs({ file: n.file, userChoice: 'EPSG:4549', sample: sampleCoordinates(n.features.map((f) => f.geometry)) })).toMatchObject({ epsg: 4549, source: 'user' });
  });

  it('a zip with two shapefiles → ambiguous_zip listing them; `layer` picks one', async () => {
    const e = await errorOf(read(FIXTURES.zipMulti));
    expect(e.code).toBe('ambiguous_zip');
    expect(e.message).toContain('a.shp');
    expect(e.message).toContain('b.shp');
    const r = await read(FIXTURES.zipMulti, { layer: 'b' });
    expect(r.file).toBe('two-layers.zip › b.shp');
    expectSourceAttributes(r);
  });
});

describe('geometry', () => {
  it('null shapes are reported per feature; the bow-tie is read as it is', async () => {
    const r = await read(FIXTURES.cpg.CP936);
    const nulls = PARCELS.flatMap((p, i) => (p.geometry ? [] : [i]));
    expect(r.features.filter((f) => f.geometry === null).map((f) => f.index)).toEqual(nulls);
    expect(r.warnings.find((w) => w.code === 'null_geometry')).toMatchObject({ count: nulls.length, indices: nulls });
    const bow = PARCELS.findIndex((p) => p.note.startsWith('bow-tie'));
    expect(r.features[bow]!.geometry!.type).toBe('Polygon');
    expectSameGeometry(r.features[bow]!.geometry, sourceGeometry(bow), 0, 'bow-tie');
  });

  it('holes are nested in the polygon that contains them (not just its bounding box), RFC 7946 winding', async () => {
    const r = await read(FIXTURES.cpg.CP936);
    PARCELS.forEach((p, i) => {
      if (p.geometry && !p.note.startsWith('bow-tie')) expectSameGeometry(r.features[i]!.geometry, sourceGeometry(i), 0, `${p.DKBH} (${p.note})`);
    });
    for (const f of r.features) {
      if (!f.geometry || f.index === PARCELS.findIndex((p) => p.note.startsWith('bow-tie'))) continue;
      for (const poly of polygonsOf(f.geometry)) {
        expect(signedArea(poly[0]!), `shell of ${f.index}`).toBeGreaterThan(0);
        for (const hole of poly.slice(1)) expect(signedArea(hole), `hole of ${f.index}`).toBeLessThan(0);
      }
    }
    const u = PARCELS.findIndex((p) => p.note.includes('U-shape'));
    const g = r.features[u]!.geometry!;
    expect(g.type).toBe('MultiPolygon');
    const withHole = polygonsOf(g).find((p) => p.length === 2)!;
    expect(Math.min(...withHole[0]!.map((q) => q[1]!))).toBe(Y0 + 50); // the hole sits in the square, not the U
  });

  it('lines are LineString / MultiLineString', async () => {
    const r = await read(FIXTURES.lines);
    expect(r.geometryType).toBe('LineString');
    expect(r.features.map((f) => f.geometry?.type)).toEqual(['LineString', 'MultiLineString']);
    expect(r.features.map((f) => f.attributes.NAME)).toEqual(['金城路', '永康至武义铁路']);
  });

  it('deleted records are skipped and reported', async () => {
    const r = await read(FIXTURES.deletedRecord);
    expect(r.recordCount).toBe(PARCELS.length);
    expect(r.deletedRecords).toBe(1);
    expect(r.features[0]!.index).toBe(1);
    expect(r.warnings.find((w) => w.code === 'deleted_record')).toMatchObject({ count: 1, indices: [0] });
  });

  it('reads a .shp without its .shx (with a warning), from a Map of parts', async () => {
    const parts = await loadShapefileParts(fixturePath(dir, FIXTURES.cpg.CP936));
    const files = new Map(parts.files);
    files.delete('shx');
    const r = await readShapefile({ files, name: '地块.shp' });
    expect(r.file).toBe('地块.shp');
    expect(r.warnings.map((w) => w.code)).toContain('missing_shx');
    expectSourceAttributes(r);
  });

  it('zip with GBK file names (no UTF-8 flag) → names decoded, contents read', async () => {
    const r = await read(FIXTURES.zipGbkNames);
    expect(r.file).toBe('gbk-names.zip › 地块.shp');
    expect(r.encodingDecision).toMatchObject({ source: 'ldid' });
    expectSourceAttributes(r);
    const bytes = fs.readFileSync(fixturePath(dir, FIXTURES.zipGbkNames));
    const fromBytes = await readShapefile(bytes, { name: '上传.zip' });
    expect(fromBytes.file).toBe('上传.zip › 地块.shp');
  });
});

/** ogr2ogr's own reprojection of the same fixture to EPSG:4490 — the oracle. */
function ogrLonLat(shp: string): (Geometry | null)[] {
  const out = execFileSync('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:4490', '-lco', 'COORDINATE_PRECISION=15', '/vsistdout/', shp], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return (JSON.parse(out) as { features: { geometry: Geometry | null }[] }).features.map((f) => f.geometry);
}

describe('reprojection equals ogr2ogr -t_srs EPSG:4490 to 1e-9°', () => {
  const cases = [
    [FIXTURES.cpg.CP936, 4549, 'prj'],
    [FIXTURES.crs4528, 4528, 'prj'],
    [FIXTURES.esriPrj4528, 4528, 'prj'],
    [FIXTURES.ogcPrj4549, 4549, 'prj'],
    [FIXTURES.crs4490, 4490, 'prj'],
  ] as const;
  it.each(cases)('%s (EPSG:%i from the .prj)', async (fixture, epsg) => {
    const r = await read(fixture);
    const crs = decideCrs({ file: r.file, prj: r.prj ?? null, sample: sampleCoordinates(r.features.map((f) => f.geometry)) });
    expect(crs).toMatchObject({ epsg, source: 'prj' });
    const lonlat = reproject(r.features, crs.epsg, { file: r.file });
    const oracle = ogrLonLat(fixturePath(dir, fixture));
    expect(lonlat.length).toBe(oracle.length);
    lonlat.forEach((f, i) => {
      if (PARCELS[i]!.note.startsWith('bow-tie')) {
        expect(f.geometry!.type).toBe(oracle[i]!.type);
        return;
      }
      expectSameGeometry(f.geometry, oracle[i]!, 1e-9, `${path.basename(fixture)} #${i}`);
    });
  });

  it('a .prj that lies about the zone is refused after reprojection or by magnitude', async () => {
    const r = await read(FIXTURES.crs4528);
    expect((await errorOf(() => reproject(r.features, 4549, { file: r.file }))).code).toMatch(/outside_china|reprojection_failed/);
    expect((await errorOf(() => decideCrs({ file: r.file, userChoice: 4549, sample: sampleCoordinates(r.features.map((f) => f.geometry)) }))).code).toBe('crs_mismatch');
  });
});
