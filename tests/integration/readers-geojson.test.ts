import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideCrs, reproject, sampleCoordinates } from '../../shared/geo/index.js';
import { crsNameToEpsg, readGeoJson, readShapefile } from '../../electron/core/import/readers/index.js';
import { ensureFixtures, FIXTURES, fixturePath } from '../fixtures/fixtures.js';
import { makeTempDir } from '../helpers/tmp.js';
import { PARCELS } from '../fixtures/source-data.js';
import { plannerErrorOf } from '../helpers/errors.js';

let dir = '';
let tmp = '';
beforeAll(async () => {
  dir = await ensureFixtures();
  tmp = makeTempDir('readers-geojson');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** GeoJSON written by ogr2ogr from a fixture shapefile. */
function ogrGeoJson(fixture: string, name: string, extra: string[] = []): string {
  const out = path.join(tmp, name);
  fs.rmSync(out, { force: true });
  execFileSync('ogr2ogr', ['-f', 'GeoJSON', '-lco', 'COORDINATE_PRECISION=15', ...extra, out, fixturePath(dir, fixture)]);
  return out;
}

describe('readGeoJson', () => {
  it('RFC 7946 (no crs member) → lon/lat, attributes verbatim', async () => {
    const file = ogrGeoJson(FIXTURES.cpg.CP936, 'rfc.geojson', ['-t_srs', 'EPSG:4326', '-lco', 'RFC7946=YES']);
    const r = await readGeoJson(file);
    expect(r.crs).toEqual({ epsg: null, evidence: 'no "crs" member' });
    expect(r.encodingDecision).toMatchObject({ encoding: 'utf-8', source: 'detected' });
    expect(r.features.map((f) => f.attributes.QLR)).toEqual(PARCELS.map((p) => p.QLR));
    expect(r.features.map((f) => f.attributes.WCRQ)).toEqual(PARCELS.map((p) => p.WCRQ));
    expect(r.fields.find((f) => f.name === 'WCRQ')?.type).toBe('date');
    const crs = decideCrs({ file: r.file, geojsonCrs: r.crs, sample: sampleCoordinates(r.features.map((f) => f.geometry)) });
    expect(crs).toMatchObject({ epsg: 4326, source: 'geojson' });
    expect(r.features.find((f) => f.geometry === null)?.index).toBe(PARCELS.findIndex((p) => p.geometry === null));
  });

  it('a legacy "crs" member naming EPSG:4549 is honoured and reprojects like the shapefile', async () => {
    const file = ogrGeoJson(FIXTURES.cpg.CP936, 'gk.geojson');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('EPSG::4549');
    const r = await readGeoJson(file);
    expect(r.crs.epsg).toBe(4549);
    const crs = decideCrs({ file: r.file, geojsonCrs: r.crs, sample: sampleCoordinates(r.features.map((f) => f.geometry)) });
    expect(crs).toMatchObject({ epsg: 4549, source: 'geojson' });
    const shp = await readShapefile(fixturePath(dir, FIXTURES.cpg.CP936));
    const a = reproject(r.features, 4549);
    const b = reproject(shp.features, 4549);
    expect(JSON.stringify(a.map((f) => f.geometry?.type))).toBe(JSON.stringify(b.map((f) => f.geometry?.type)));
  });

  it('GBK-encoded GeoJSON (not UTF-8) is detected and says so; a user choice wins', async () => {
    const utf8 = fs.readFileSync(ogrGeoJson(FIXTURES.cpg.CP936, 'for-gbk.geojson'), 'utf8');
    const r = await readGeoJson(iconv.encode(utf8, 'gbk'), { name: '地块.geojson' });
    expect(r.encodingDecision).toMatchObject({ encoding: 'gbk', source: 'detected' });
    expect(r.encodingDecision.evidence).toContain('RFC 8259');
    expect(r.features[0]!.attributes.QLR).toBe('张三');
    const u = await readGeoJson(iconv.encode(utf8, 'gbk'), { encoding: 'GBK' });
    expect(u.encodingDecision.source).toBe('user');
  });

  it('crs names: urn, EPSG:n, CRS84', () => {
    expect(crsNameToEpsg('urn:ogc:def:crs:EPSG::4490')).toBe(4490);
    expect(crsNameToEpsg('urn:ogc:def:crs:EPSG:6.6:4549')).toBe(4549);
    expect(crsNameToEpsg('EPSG:4528')).toBe(4528);
    expect(crsNameToEpsg('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe(4326);
    expect(crsNameToEpsg('http://www.opengis.net/def/crs/EPSG/0/4549')).toBe(4549);
    expect(crsNameToEpsg('local grid')).toBeUndefined();
  });

  it('invalid input → invalid_geojson with the feature index; unknown crs → unknown_crs; empty → empty_file', async () => {
    const fc = (features: unknown[], extra = {}) => ({ text: JSON.stringify({ type: 'FeatureCollection', features, ...extra }), name: 'bad.geojson' });
    const ok = { type: 'Feature', properties: { a: 1 }, geometry: { type: 'Point', coordinates: [120, 29] } };
    const badRing = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[120, 29], [121, 29], [120, 29]]] } };
    let e = await plannerErrorOf(readGeoJson(fc([ok, ok, badRing])));
    expect(e.code).toBe('invalid_geojson');
    expect(e.details).toMatchObject({ feature: 2, file: 'bad.geojson' });
    expect(e.messageZh).toContain('第 2 个要素');
    e = await plannerErrorOf(readGeoJson(fc([ok, { type: 'Feature', properties: {}, geometry: { type: 'GeometryCollection', geometries: [] } }])));
    expect(e.details).toMatchObject({ feature: 1 });
    e = await plannerErrorOf(readGeoJson({ text: '{"type":"FeatureCollection","features":[', name: 'cut.geojson' }));
    expect(e.code).toBe('invalid_geojson');
    e = await plannerErrorOf(readGeoJson({ text: '{"type":"Topology"}' }));
    expect(e.code).toBe('invalid_geojson');
    e = await plannerErrorOf(readGeoJson(fc([ok], { crs: { type: 'name', properties: { name: 'Yongkang local' } } })));
    expect(e.code).toBe('unknown_crs');
    expect((await plannerErrorOf(readGeoJson(fc([])))).code).toBe('empty_file');
    const nested = await readGeoJson(fc([{ ...ok, properties: { tags: ['a', 'b'] } }]));
    expect(nested.features[0]!.attributes.tags).toBe('["a","b"]');
    expect(nested.warnings[0]?.code).toBe('nested_property');
  });
});
