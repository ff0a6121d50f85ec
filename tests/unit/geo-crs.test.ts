import { execFileSync } from 'node:child_process';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { PlannerError } from '../../shared/api/errors.js';
import { allCrsDefs, assertInChina, crsDef, decideCrs, parseCrsChoice, prjToEpsg, proposeCrs, reproject, toLonLat, TransverseMercator } from '../../shared/geo/index.js';

/** GDAL/PROJ's own WKT for a code, in one flavour (the oracle for our parser; gdal-bin's gdalsrsinfo). */
function srsWkt(epsg: number, format: 'WKT1:ESRI' | 'WKT1:GDAL' | 'WKT2:2019'): string {
  const o = { 'WKT1:ESRI': 'wkt_esri', 'WKT1:GDAL': 'wkt1', 'WKT2:2019': 'wkt2_2019' }[format];
  return execFileSync('gdalsrsinfo', ['--single-line', '-o', o, `EPSG:${epsg}`], { encoding: 'utf8' }).trim();
}

/** GDAL as the reprojection oracle: `gdaltransform -s_srs … -t_srs EPSG:4490`. */
function gdaltransform(src: string, pts: readonly (readonly [number, number])[], dst = 'EPSG:4490'): [number, number][] {
  const out = execFileSync('gdaltransform', ['-s_srs', src, '-t_srs', dst, '-output_xy'], { input: `${pts.map((p) => p.join(' ')).join('\n')}\n`, encoding: 'utf8' });
  return out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof PlannerError ? e.code : `not a PlannerError: ${String(e)}`;
  }
  return undefined;
}

const stripAuthority = (wkt: string) => wkt.replace(/,(AUTHORITY|ID)\["EPSG",[^\]]*\]/g, '');

describe('proj4 definitions', () => {
  it('equal PROJ’s (`gdalsrsinfo -o proj4`) for the codes we define', () => {
    const codes = allCrsDefs().map((d) => d.epsg);
    expect(codes.length).toBeGreaterThan(100);
    for (const epsg of [4490, 4326, 4610, 4214, 4513, 4528, 4533, 4534, 4549, 4554, 4491, 4502, 2349, 2364, 2370, 2390, 2401, 2416, 2442, 32650, 32651]) {
      const ours = crsDef(epsg)!.proj4.replace(/ \+towgs84=[^ ]+/, '').replace('+a=6378140 +rf=298.257', '+ellps=IAU76');
      const theirs = execFileSync('gdalsrsinfo', ['-o', 'proj4', `EPSG:${epsg}`], { encoding: 'utf8' }).trim();
      expect(ours, `EPSG:${epsg}`).toBe(theirs);
    }
  });

  it('parseCrsChoice accepts EPSG:n, n and numbers and refuses the rest', () => {
    expect(parseCrsChoice('EPSG:4549').epsg).toBe(4549);
    expect(parseCrsChoice(' epsg:4528 ').epsg).toBe(4528);
    expect(parseCrsChoice(4490).epsg).toBe(4490);
    expect(codeOf(() => parseCrsChoice('EPSG:3857'))).toBe('unsupported_crs');
    expect(codeOf(() => parseCrsChoice('CGCS2000'))).toBe('unsupported_crs');
  });
});

describe('prjToEpsg', () => {
  const codes = [4490, 4326, 4549, 4528, 4513, 4554, 4502, 4491, 4610, 2364, 2379, 4214, 2416, 2431, 32650, 32651];
  it.each(codes)('EPSG:%i in ESRI, OGC WKT1 and WKT2, with and without AUTHORITY', (epsg) => {
    for (const format of ['WKT1:ESRI', 'WKT1:GDAL', 'WKT2:2019'] as const) {
      const wkt = srsWkt(epsg, format);
      expect(prjToEpsg(wkt).epsg, `${format}`).toBe(epsg);
      expect(prjToEpsg(stripAuthority(wkt)).epsg, `${format} without AUTHORITY`).toBe(epsg);
    }
  });

  it('reads the ESRI names bureaus’ files carry, with their evidence', () => {
    const m = prjToEpsg(srsWkt(4549, 'WKT1:ESRI'), 'parcels.prj');
    expect(m).toMatchObject({ epsg: 4549, name: 'CGCS2000 / 3-degree Gauss-Kruger CM 120E' });
    expect(m.evidence).toContain('CGCS2000_3_Degree_GK_CM_120E');
    expect(m.evidence).toContain('parcels.prj');
    expect(prjToEpsg(srsWkt(4528, 'WKT1:ESRI')).evidence).toContain('CGCS2000_3_Degree_GK_Zone_40');
    expect(prjToEpsg(srsWkt(4490, 'WKT1:ESRI')).evidence).toContain('GCS_China_Geodetic_Coordinate_System_2000');
    expect(prjToEpsg(srsWkt(2364, 'WKT1:ESRI')).evidence).toContain('Xian_1980_3_Degree_GK_Zone_40');
    expect(prjToEpsg(srsWkt(2431, 'WKT1:ESRI')).evidence).toContain('Beijing_1954_3_Degree_GK_CM_102E');
    expect(prjToEpsg(srsWkt(32650, 'WKT1:ESRI')).evidence).toContain('WGS_1984_UTM_Zone_50N');
  });

  it('maps a custom-named Gauss_Kruger on CGCS2000 by its parameters, and lets parameters beat a wrong name', () => {
    const custom = srsWkt(4549, 'WKT1:ESRI').replace('CGCS2000_3_Degree_GK_CM_120E', 'Yongkang_Parcels_GK');
    expect(prjToEpsg(custom)).toMatchObject({ epsg: 4549 });
    const lying = srsWkt(4549, 'WKT1:ESRI').replace('PARAMETER["Central_Meridian",120.0]', 'PARAMETER["Central_Meridian",117.0]');
    const m = prjToEpsg(lying);
    expect(m.epsg).toBe(4548);
    expect(m.evidence).toContain('the parameters win');
  });

  it('refuses unknown systems with unknown_crs naming the file and what it found, in English and Chinese', () => {
    const unknown =
      'PROJCS["Yongkang_City_Grid_2005",GEOGCS["GCS_Local",DATUM["D_Local_Yongkang",SPHEROID["Local_Ellipsoid",6378200.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",-3000000.0],PARAMETER["Central_Meridian",120.05],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    try {
      prjToEpsg(unknown, '地块.prj');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PlannerError);
      const p = e as PlannerError;
      expect(p.code).toBe('unknown_crs');
      expect(p.message).toContain('地块.prj');
      expect(p.message).toContain('Yongkang_City_Grid_2005');
      expect(p.messageZh).toContain('地块.prj');
      expect(p.messageZh).toContain('无法识别');
      expect(p.details).toMatchObject({ file: '地块.prj' });
    }
    expect(codeOf(() => prjToEpsg('LOCAL_CS["Yongkang site grid",LOCAL_DATUM["x",0],UNIT["Meter",1.0]]'))).toBe('unknown_crs');
    expect(codeOf(() => prjToEpsg('this is not WKT at all'))).toBe('unknown_crs');
    expect(codeOf(() => prjToEpsg(srsWkt(3857, 'WKT1:ESRI')))).toBe('unknown_crs');
    expect(codeOf(() => prjToEpsg(srsWkt(2193, 'WKT1:GDAL')))).toBe('unknown_crs'); // NZTM: tmerc on GRS80 but NZGD2000
  });
});

describe('proposeCrs', () => {
  it('degrees → EPSG:4490', () => {
    const p = proposeCrs([[120.03, 28.9], [120.1, 28.95]]);
    expect(p).toMatchObject({ epsg: 4490, confidence: 'high' });
    expect(proposeCrs([[2.35, 48.85]])).toMatchObject({ epsg: 4490, confidence: 'low' });
  });

  it('zone-prefixed eastings → the zone’s EPSG code (40 → 4528, generic z → 4513 + z − 25, 6° zones too)', () => {
    expect(proposeCrs([[40_503_000, 3_198_000], [40_512_000, 3_210_000]])).toMatchObject({ epsg: 4528, confidence: 'high', alternatives: [2364, 2416] });
    expect(proposeCrs([[39_450_000, 3_500_000]]).epsg).toBe(4527);
    expect(proposeCrs([[25_500_000, 4_000_000]]).epsg).toBe(4513);
    expect(proposeCrs([[20_600_000, 3_000_000]]).epsg).toBe(4498);
    expect(proposeCrs([[40_503_000, 3_198_000]]).reasonZh).toContain('带号');
  });

  it('plain 500 km eastings → EPSG:4549 with low confidence, saying the CM cannot be told and asking', () => {
    const p = proposeCrs([[503_000, 3_198_000], [510_000, 3_205_000]]);
    expect(p).toMatchObject({ epsg: 4549, confidence: 'low' });
    expect(p.alternatives).toContain(4548);
    expect(p.reasonEn).toMatch(/cannot be told/);
    expect(p.reasonZh).toMatch(/请确认/);
  });

  it('anything else → no proposal', () => {
    expect(proposeCrs([[1_234_567, 89]])).toMatchObject({ epsg: null, confidence: 'none' });
    expect(proposeCrs([])).toMatchObject({ epsg: null, confidence: 'none' });
  });
});

describe('reprojection to CGCS2000 lon/lat against gdaltransform', () => {
  const gk = [[503_000, 3_198_000], [330_000, 2_000_000], [670_000, 5_900_000], [500_000, 3_000_000], [421_123.456, 3_301_987.654]] as const;
  const cases: [number, (readonly [number, number])[]][] = [
    [4549, gk.map((p) => [p[0], p[1]] as const)],
    [4528, gk.map((p) => [p[0] + 40_000_000, p[1]] as const)],
    [4534, gk.map((p) => [p[0], p[1]] as const)],
    [4513, gk.map((p) => [p[0] + 25_000_000, p[1]] as const)],
    [4502, gk.map((p) => [p[0], p[1]] as const)],
    [2379, gk.map((p) => [p[0], p[1]] as const)],
    [2364, gk.map((p) => [p[0] + 40_000_000, p[1]] as const)],
    [32650, gk.map((p) => [p[0], p[1]] as const)],
    [4490, [[120.03, 28.9], [73.5, 39.2]]],
    [4326, [[120.03, 28.9]]],
  ];
  it.each(cases)('EPSG:%i agrees to 1e-9°', (epsg, pts) => {
    const oracle = gdaltransform(`EPSG:${epsg}`, pts);
    const t = toLonLat(epsg);
    pts.forEach((p, i) => {
      const [lon, lat] = t.forward(p[0], p[1]);
      expect(Math.abs(lon - oracle[i]![0]), `lon of ${p}`).toBeLessThan(1e-9);
      expect(Math.abs(lat - oracle[i]![1]), `lat of ${p}`).toBeLessThan(1e-9);
    });
  });

  it('Beijing 1954 applies EPSG:15921’s shift, as GDAL does with the same parameters, and warns', () => {
    const t = toLonLat(2416);
    expect(t.warnings[0]?.en).toContain('15921');
    const [[lon, lat]] = gdaltransform(crsDef(2416)!.proj4, [[40_503_000, 3_198_000]], '+proj=longlat +ellps=GRS80 +towgs84=0,0,0 +no_defs') as [[number, number]];
    const ours = t.forward(40_503_000, 3_198_000);
    expect(Math.abs(ours[0] - lon!)).toBeLessThan(1e-9);
    expect(Math.abs(ours[1] - lat!)).toBeLessThan(1e-9);
    expect(toLonLat(2364).warnings[0]?.zh).toContain('西安1980');
  });

  it('our tmerc equals proj4’s etmerc and round-trips', () => {
    const tm = new TransverseMercator({ a: 6378137, rf: 298.257222101, lon0: 120, lat0: 0, k0: 1, x0: 500000, y0: 0 });
    const p4 = proj4(crsDef(4549)!.proj4, '+proj=longlat +ellps=GRS80 +no_defs');
    for (let i = 0; i < 200; i++) {
      const x = 330_000 + ((i * 7919) % 340_000);
      const y = 2_000_000 + ((i * 104_729) % 4_000_000);
      const [lon, lat] = tm.inverse(x, y);
      const [plon, plat] = p4.forward([x, y]);
      expect(Math.abs(lon - plon!)).toBeLessThan(1e-11);
      expect(Math.abs(lat - plat!)).toBeLessThan(1e-11);
      const [bx, by] = tm.forward(lon, lat);
      expect(Math.abs(bx - x)).toBeLessThan(1e-6);
      expect(Math.abs(by - y)).toBeLessThan(1e-6);
    }
  });

  it('never hands WKT to proj4: our definitions are proj strings', () => {
    for (const d of allCrsDefs()) expect(d.proj4.startsWith('+proj=')).toBe(true);
  });
});

describe('assertInChina and reproject', () => {
  it('accepts Yongkang and refuses extents outside China', () => {
    expect(() => assertInChina([120.0, 28.8, 120.2, 29.0])).not.toThrow();
    expect(codeOf(() => assertInChina([2.3, 48.8, 2.4, 48.9], 'paris.shp', 4549))).toBe('outside_china');
    expect(codeOf(() => assertInChina([NaN, 1, 2, 3]))).toBe('outside_china');
  });

  it('reprojects features and refuses a wrong CRS whose result leaves China', () => {
    const features = [{ index: 0, geometry: { type: 'Point' as const, coordinates: [503_000, 3_198_000] } }];
    const [f] = reproject(features, 4549);
    const oracle = gdaltransform('EPSG:4549', [[503_000, 3_198_000]])[0]!;
    const c = (f!.geometry as { coordinates: number[] }).coordinates;
    expect(Math.abs(c[0]! - oracle[0])).toBeLessThan(1e-9);
    expect(Math.abs(c[1]! - oracle[1])).toBeLessThan(1e-9);
    // The same metres read as if CM were 75°E land in Xinjiang — still China; as UTM zone 43 too.
    // Read as zone-prefixed zone 25 they cannot be transformed at all.
    expect(codeOf(() => reproject([{ index: 3, geometry: { type: 'Point' as const, coordinates: [503_000, 8_198_000] } }], 4549, { file: 'x.shp' }))).toBe('outside_china');
    expect(codeOf(() => reproject(features, 4513))).toBe('reprojection_failed');
    // One stray feature is named in the error.
    try {
      reproject([...features, { index: 7, geometry: { type: 'Point' as const, coordinates: [0, 0] } }], 4549, { file: 'x.shp' });
      expect.unreachable();
    } catch (e) {
      expect((e as PlannerError).code).toBe('outside_china');
      expect((e as PlannerError).details).toMatchObject({ features: [7], file: 'x.shp', epsg: 4549 });
    }
  });
});

describe('decideCrs', () => {
  const gkSample = [[503_000, 3_198_000], [503_900, 3_198_200]];
  it('follows user → .prj → GeoJSON crs, with evidence', () => {
    expect(decideCrs({ file: 'a.shp', userChoice: 'EPSG:4549', prj: srsWkt(4528, 'WKT1:ESRI'), sample: gkSample })).toMatchObject({ epsg: 4549, source: 'user' });
    expect(decideCrs({ file: 'a.shp', prj: srsWkt(4549, 'WKT1:ESRI'), sample: gkSample })).toMatchObject({ epsg: 4549, source: 'prj' });
    expect(decideCrs({ file: 'a.geojson', geojsonCrs: { epsg: 4549, evidence: 'crs member' }, sample: gkSample })).toMatchObject({ epsg: 4549, source: 'geojson' });
    expect(decideCrs({ file: 'a.geojson', geojsonCrs: { epsg: null, evidence: 'no crs member' }, sample: [[120.03, 28.9]] })).toMatchObject({ epsg: 4326, source: 'geojson' });
  });

  it('never guesses: no .prj → missing_prj, unknown → unknown_crs, both with a proposal naming --crs', () => {
    try {
      decideCrs({ file: 'parcels.shp', sample: gkSample });
      expect.unreachable();
    } catch (e) {
      const p = e as PlannerError;
      expect(p.code).toBe('missing_prj');
      expect(p.message).toContain('--crs EPSG:4549');
      expect((p.details?.proposal as { epsg: number }).epsg).toBe(4549);
    }
    try {
      decideCrs({ file: 'parcels.shp', prj: 'PROJCS["x",GEOGCS["y",DATUM["z",SPHEROID["w",6378200,298.3]]],PROJECTION["Mercator"]]', sample: [[40_503_000, 3_198_000]] });
      expect.unreachable();
    } catch (e) {
      const p = e as PlannerError;
      expect(p.code).toBe('unknown_crs');
      expect((p.details?.proposal as { epsg: number }).epsg).toBe(4528);
    }
    expect(codeOf(() => decideCrs({ file: 'a.geojson', geojsonCrs: { epsg: null, evidence: 'no crs member' }, sample: gkSample }))).toBe('unknown_crs');
  });

  it('refuses a .prj that contradicts the coordinates (crs_mismatch), e.g. CM grid with zone-prefixed eastings', () => {
    expect(codeOf(() => decideCrs({ file: 'a.shp', prj: srsWkt(4549, 'WKT1:ESRI'), sample: [[40_503_000, 3_198_000]] }))).toBe('crs_mismatch');
    expect(codeOf(() => decideCrs({ file: 'a.shp', prj: srsWkt(4490, 'WKT1:ESRI'), sample: gkSample }))).toBe('crs_mismatch');
    expect(codeOf(() => decideCrs({ file: 'a.shp', userChoice: 4527, sample: [[40_503_000, 3_198_000]] }))).toBe('crs_mismatch');
  });
});
