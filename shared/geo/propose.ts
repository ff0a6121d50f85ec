import { cgcs2000Gk3, crsDef } from './proj-defs.js';

/** A CRS proposed from coordinate magnitudes alone — always shown to the user, never applied silently. */
export interface CrsProposal {
  /** null when the magnitudes fit nothing we know */
  epsg: number | null;
  confidence: 'high' | 'medium' | 'low' | 'none';
  reasonEn: string;
  reasonZh: string;
  /** other codes the same magnitudes fit equally well */
  alternatives: number[];
  /** [minX, minY, maxX, maxY] of the sample */
  extent: [number, number, number, number] | null;
}

const fmt = (v: number) => (Math.abs(v) < 1000 ? v.toFixed(4) : Math.round(v).toLocaleString('en-US'));

function extentOf(coords: Iterable<readonly number[]>): [number, number, number, number] | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of coords) {
    const x = p[0];
    const y = p[1];
    if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return minX <= maxX ? [minX, minY, maxX, maxY] : null;
}

/** Northings of China's land (≈3°N … 54°N on a Gauss-Krüger/UTM grid). */
const Y_MIN = 330_000;
const Y_MAX = 6_000_000;

/**
 * Proposes a CRS from coordinate magnitudes (DESIGN §4):
 * - |x| ≤ 180 and |y| ≤ 90 → EPSG:4490 (CGCS2000 lon/lat; WGS84 is indistinguishable);
 * - eastings with a zone prefix (e.g. 40 5xx xxx) → that zone's zone-prefixed EPSG code
 *   (3° zones 25–45 → 4513…4533, so zone 40 → 4528; 6° zones 13–23 → 4491…4501);
 * - eastings 300 000–700 000 without prefix → EPSG:4549 (CM 120°E, Yongkang's) — but every other
 *   central meridian gives the same magnitudes, so confidence is low and the user must confirm.
 * Xian 1980 / Beijing 1954 grids are indistinguishable from CGCS2000 by magnitude: listed as alternatives.
 */
export function proposeCrs(sampleCoords: Iterable<readonly number[]>): CrsProposal {
  const extent = extentOf(sampleCoords);
  if (!extent) {
    return {
      epsg: null,
      confidence: 'none',
      reasonEn: 'No coordinates to judge from.',
      reasonZh: '没有可用于判断的坐标。',
      alternatives: [],
      extent,
    };
  }
  const [minX, minY, maxX, maxY] = extent;
  const range = `x ${fmt(minX)}…${fmt(maxX)}, y ${fmt(minY)}…${fmt(maxY)}`;

  if (Math.abs(minX) <= 180 && Math.abs(maxX) <= 180 && Math.abs(minY) <= 90 && Math.abs(maxY) <= 90) {
    const inChina = minX >= 73 && maxX <= 136 && minY >= 3 && maxY <= 54;
    return {
      epsg: 4490,
      confidence: inChina ? 'high' : 'low',
      reasonEn: `Coordinates are degrees (${range})${inChina ? ' within China' : ', but not within China'}: CGCS2000 longitude/latitude (EPSG:4490) proposed; WGS84 (EPSG:4326) looks the same.`,
      reasonZh: `坐标为经纬度(${range})${inChina ? ',位于中国范围内' : ',但不在中国范围内'}:建议 CGCS2000 经纬度(EPSG:4490);WGS84(EPSG:4326)数值上无法区分。`,
      alternatives: [4326],
      extent,
    };
  }

  const yOk = minY >= Y_MIN && maxY <= Y_MAX;
  const zone = Math.floor(minX / 1e6);
  const sameZone = zone === Math.floor(maxX / 1e6);
  const local = (x: number) => x - zone * 1e6;
  if (yOk && sameZone && local(minX) >= 300_000 && local(maxX) < 800_000) {
    const three = cgcs2000Gk3(zone, true);
    const six = zone >= 13 && zone <= 23 ? 4491 + zone - 13 : undefined;
    const epsg = three ?? six;
    if (epsg !== undefined) {
      const def = crsDef(epsg)!;
      const alternatives = three !== undefined ? [2349 + zone - 25, 2401 + zone - 25] : [];
      return {
        epsg,
        confidence: 'high',
        reasonEn: `Eastings carry the zone prefix ${zone} (${range}): ${def.name} (EPSG:${epsg}, central meridian ${def.lon0}°E) proposed. Xian 1980 / Beijing 1954 grids of the same zone look the same${alternatives.length ? ` (EPSG:${alternatives.join(', EPSG:')})` : ''}.`,
        reasonZh: `横坐标带有带号前缀 ${zone}(${range}):建议 ${def.nameZh}(EPSG:${epsg},中央经线 ${def.lon0}°E)。同一带的西安1980/北京1954坐标数值上无法区分${alternatives.length ? `(EPSG:${alternatives.join('、EPSG:')})` : ''}。`,
        alternatives,
        extent,
      };
    }
  }

  if (yOk && minX >= 300_000 && maxX <= 700_000) {
    const alternatives = [];
    for (let e = 4534; e <= 4554; e++) if (e !== 4549) alternatives.push(e);
    return {
      epsg: 4549,
      confidence: 'low',
      reasonEn: `Eastings around 500,000 m without a zone prefix (${range}): a Gauss-Krüger grid, but its central meridian cannot be told from the coordinates. CM 120°E (EPSG:4549, Yongkang's) proposed — confirm, or pick the right CM (EPSG:4534–4554) or Xian 1980 / Beijing 1954.`,
      reasonZh: `横坐标约 500,000 米且无带号前缀(${range}):为高斯-克吕格投影,但无法从坐标判断中央经线。建议中央经线 120°E(EPSG:4549,永康所用)——请确认,或选择正确的中央经线(EPSG:4534–4554)或西安1980/北京1954坐标系。`,
      alternatives,
      extent,
    };
  }

  return {
    epsg: null,
    confidence: 'none',
    reasonEn: `Coordinates (${range}) fit neither longitude/latitude nor a Chinese Gauss-Krüger grid.`,
    reasonZh: `坐标(${range})既不像经纬度,也不像中国的高斯-克吕格坐标。`,
    alternatives: [],
    extent,
  };
}
