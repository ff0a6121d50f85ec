import { A_SQ, C2, C4IN, DEGREE, E2, EP2, F1, TINY, c4Integral } from './geodesic-series.js';
import {
  CALP1,
  CALP2,
  CBET1,
  CBET2,
  CLAM12,
  COMG12,
  DN1,
  DN2,
  LAM12,
  LAT1,
  LON12S,
  MERIDIAN,
  SALP1,
  SALP2,
  SBET1,
  SBET2,
  SLAM12,
  SOMG12,
  W,
  solveAzimuths,
} from './geodesic-newton.js';

/**
 * S12 of the inverse geodesic problem on the CGCS2000 ellipsoid: the area between the geodesic from
 * point 1 to point 2 and the equator (Karney, "Algorithms for geodesics", J. Geodesy 87, 2013).
 *
 * This is GeographicLib's Geodesic.InverseInt (geographiclib-geodesic 2.2, our dependency) asked
 * only for AREA, ported operation for operation so that S12 is the library's to the last bit: the
 * same reduction of the arguments (AngDiff, AngRound, sincosd), the same meridional, equatorial,
 * "really short" and Newton (InverseStart, Lambda12, Lengths) branches and the same series. Left
 * out is what S12 does not depend on: the distance and reduced length of the result, azimuths,
 * unrolled longitudes, the final Lengths call, the derivative of Lambda12 on the iteration that
 * converges, and the branches for prolate ellipsoids (f < 0).
 *
 * A call allocates nothing: no result objects or coefficient arrays, and no heap numbers either.
 * V8 boxes every double passed to or returned from a function it does not inline, and these
 * functions are too large to be inlined, so they pass their values through module-level
 * Float64Array scratch (W in geodesic-newton.ts, C4IN in geodesic-series.ts, SC and EDGE below),
 * and the one-line helpers (copysign, AngRound, remainder) are written out where they are used.
 */

/** Argument (x, t) and result (sin, cos) of sincosd and sincosde. */
const SC = new Float64Array(4);

/**
 * Math.sincosd / Math.sincosde: sin and cos of SC[0] (+ SC[1] when `e`) degrees into SC[2], SC[3],
 * the angle reduced exactly to [-45°, 45°] first (and rounded as AngRound with `e`).
 */
function sincosd(e: boolean): void {
  const x = SC[0]!;
  const t = SC[1]!;
  let d = Math.abs(x) < 360 ? x : x % 360; // x % 360 is x when |x| < 360: fmod only when needed
  const q = Math.round(d / 90);
  d -= 90 * q;
  if (e) {
    // AngRound(d + t)
    d += t;
    let y = Math.abs(d);
    y = y < 1 / 16 ? 1 / 16 - (1 / 16 - y) : y;
    d = d < 0 || (d === 0 && 1 / d < 0) ? -y : y;
  }
  const r = d * DEGREE;
  let s = Math.sin(r);
  let c = Math.cos(r);
  if (Math.abs(d) === 45) {
    c = Math.sqrt(0.5);
    s = r < 0 || (r === 0 && 1 / r < 0) ? -c : c;
  } else if (Math.abs(d) === 30) {
    c = Math.sqrt(0.75);
    s = r < 0 || (r === 0 && 1 / r < 0) ? -0.5 : 0.5;
  }
  let sinx: number;
  let cosx: number;
  switch (q & 3) {
    case 0:
      sinx = s;
      cosx = c;
      break;
    case 1:
      sinx = c;
      cosx = -s;
      break;
    case 2:
      sinx = -s;
      cosx = -c;
      break;
    default:
      sinx = -c;
      cosx = s;
      break;
  }
  cosx += 0;
  if (sinx === 0) {
    const y = e ? x + t : x;
    sinx = y < 0 || (y === 0 && 1 / y < 0) ? -0 : 0;
  }
  SC[2] = sinx;
  SC[3] = cosx;
}

/** The edge of edgeS12 (lat1, lon1, lat2, lon2 in degrees) and its S12. */
const EDGE = new Float64Array(5);

/** S12 of the edge in EDGE[0..3] into EDGE[4] (Geodesic.InverseInt with outmask AREA). */
function edgeS12(): void {
  let lat1 = EDGE[0]!;
  const lon1 = EDGE[1]!;
  let lat2 = EDGE[2]!;
  const lon2 = EDGE[3]!;
  // LatFix makes a latitude outside [-90°, 90°] NaN, and then S12 is NaN. (Returning here rather
  // than carrying the NaN along also keeps V8 from boxing lat1 and lat2: a NaN literal merged
  // with a double made it allocate a heap number for each.)
  if (Math.abs(lat1) > 90 || Math.abs(lat2) > 90) {
    EDGE[4] = NaN;
    return;
  }
  // AngRound: latitudes really close to the equator are taken as on it.
  let y = Math.abs(lat1);
  y = y < 1 / 16 ? 1 / 16 - (1 / 16 - y) : y;
  lat1 = lat1 < 0 || (lat1 === 0 && 1 / lat1 < 0) ? -y : y;
  y = Math.abs(lat2);
  y = y < 1 / 16 ? 1 / 16 - (1 / 16 - y) : y;
  lat2 = lat2 < 0 || (lat2 === 0 && 1 / lat2 < 0) ? -y : y;
  // AngDiff(lon1, lon2): lon12 = d + e exactly, in [-180, 180]. remainder(x, 360) is written out;
  // x % 360 is x itself when |x| < 360, so fmod is called only otherwise.
  let u = -lon1;
  if (!(Math.abs(u) < 360)) u %= 360;
  u = u < -180 ? u + 360 : u < 180 ? u : u - 360;
  let v = lon2;
  if (!(Math.abs(v) < 360)) v %= 360;
  v = v < -180 ? v + 360 : v < 180 ? v : v - 360;
  // Math.sum(u, v)
  let s = u + v;
  let up = s - v;
  let vpp = s - up;
  up -= u;
  vpp -= v;
  let e = s ? 0 - (up + vpp) : s;
  u = s;
  if (!(Math.abs(u) < 360)) u %= 360;
  u = u < -180 ? u + 360 : u < 180 ? u : u - 360;
  v = e;
  s = u + v;
  up = s - v;
  vpp = s - up;
  up -= u;
  vpp -= v;
  e = s ? 0 - (up + vpp) : s;
  let lon12 = s;
  let lon12s = e;
  if (lon12 === 0 || Math.abs(lon12) === 180) {
    const sgn = lon12s === 0 ? lon2 - lon1 : -lon12s;
    lon12 = sgn < 0 || (sgn === 0 && 1 / sgn < 0) ? -Math.abs(lon12) : Math.abs(lon12);
  }
  // Make the longitude difference positive.
  let lonsign = lon12 < 0 || (lon12 === 0 && 1 / lon12 < 0) ? -1 : 1;
  lon12 *= lonsign;
  lon12s *= lonsign;
  W[LAM12] = lon12 * DEGREE;
  SC[0] = lon12;
  SC[1] = lon12s;
  sincosd(true);
  W[SLAM12] = SC[2]!;
  W[CLAM12] = SC[3]!;
  W[LON12S] = 180 - lon12 - lon12s; // the supplementary longitude difference
  // Point 1 has the larger |latitude| (a NaN latitude becomes lat1), and lat1 <= 0.
  const swapp = Math.abs(lat1) < Math.abs(lat2) || Number.isNaN(lat2) ? -1 : 1;
  if (swapp < 0) {
    lonsign *= -1;
    const tmp = lat1;
    lat1 = lat2;
    lat2 = tmp;
  }
  const mlat1 = -lat1;
  const latsign = mlat1 < 0 || (mlat1 === 0 && 1 / mlat1 < 0) ? -1 : 1; // copysign(1, -lat1)
  lat1 *= latsign;
  lat2 *= latsign;
  W[LAT1] = lat1;

  SC[0] = lat1;
  SC[1] = 0;
  sincosd(false);
  let sbet1 = F1 * SC[2]!;
  let cbet1 = SC[3]!;
  let t = Math.sqrt(sbet1 * sbet1 + cbet1 * cbet1);
  sbet1 /= t;
  cbet1 /= t;
  cbet1 = Math.max(TINY, cbet1);
  SC[0] = lat2;
  sincosd(false);
  let sbet2 = F1 * SC[2]!;
  let cbet2 = SC[3]!;
  t = Math.sqrt(sbet2 * sbet2 + cbet2 * cbet2);
  sbet2 /= t;
  cbet2 /= t;
  cbet2 = Math.max(TINY, cbet2);
  // Force bet2 = ±bet1 exactly when the measures of |bet1| - |bet2| vanish.
  if (cbet1 < -sbet1) {
    if (cbet2 === cbet1) sbet2 = sbet2 < 0 || (sbet2 === 0 && 1 / sbet2 < 0) ? -Math.abs(sbet1) : Math.abs(sbet1);
  } else if (Math.abs(sbet2) === -sbet1) {
    cbet2 = cbet1;
  }
  W[SBET1] = sbet1;
  W[CBET1] = cbet1;
  W[SBET2] = sbet2;
  W[CBET2] = cbet2;
  W[DN1] = Math.sqrt(1 + EP2 * (sbet1 * sbet1));
  W[DN2] = Math.sqrt(1 + EP2 * (sbet2 * sbet2));

  solveAzimuths();
  const salp1 = W[SALP1]!;
  const calp1 = W[CALP1]!;
  const salp2 = W[SALP2]!;
  const calp2 = W[CALP2]!;

  // From Lambda12: sin(alp1) cos(bet1) = sin(alp0).
  const salp0 = salp1 * cbet1;
  const calp0 = Math.sqrt(calp1 * calp1 + salp1 * sbet1 * (salp1 * sbet1));
  let S12 = 0;
  if (calp0 !== 0 && salp0 !== 0) {
    // From Lambda12: tan(bet) = tan(sig) cos(alp).
    let ssig1 = sbet1;
    let csig1 = calp1 * cbet1;
    let ssig2 = sbet2;
    let csig2 = calp2 * cbet2;
    const k2 = calp0 * calp0 * EP2;
    C4IN[0] = k2 / (2 * (1 + Math.sqrt(1 + k2)) + k2);
    // a² e² cos(alp0) sin(alp0)
    const A4 = A_SQ * calp0 * salp0 * E2;
    t = Math.sqrt(ssig1 * ssig1 + csig1 * csig1);
    ssig1 /= t;
    csig1 /= t;
    t = Math.sqrt(ssig2 * ssig2 + csig2 * csig2);
    ssig2 /= t;
    csig2 /= t;
    C4IN[1] = ssig1;
    C4IN[2] = csig1;
    C4IN[3] = ssig2;
    C4IN[4] = csig2;
    c4Integral();
    S12 = A4 * C4IN[5]!;
  }
  let alp12: number;
  const comg12 = W[COMG12]!;
  if (W[MERIDIAN] === 0 && comg12 > -0.7071 && sbet2 - sbet1 < 1.75) {
    // tan(Gamma/2) = tan(omg12/2) (tan(bet1/2) + tan(bet2/2)) / (1 + tan(bet1/2) tan(bet2/2))
    const domg12 = 1 + comg12;
    const dbet1 = 1 + cbet1;
    const dbet2 = 1 + cbet2;
    alp12 = 2 * Math.atan2(W[SOMG12]! * (sbet1 * dbet2 + sbet2 * dbet1), domg12 * (sbet1 * sbet2 + dbet1 * dbet2));
  } else {
    // alp12 = alp2 - alp1
    let salp12 = salp2 * calp1 - calp2 * salp1;
    let calp12 = calp2 * calp1 + salp2 * salp1;
    if (salp12 === 0 && calp12 < 0) {
      salp12 = TINY * calp1;
      calp12 = -1;
    }
    alp12 = Math.atan2(salp12, calp12);
  }
  S12 += C2 * alp12;
  S12 *= swapp * lonsign * latsign;
  EDGE[4] = S12 + 0;
}

/**
 * S12 in m² of the geodesic from (lat1, lon1) to (lat2, lon2) in degrees on the CGCS2000
 * ellipsoid: exactly what `Geodesic.Inverse(lat1, lon1, lat2, lon2, Geodesic.AREA).S12` returns.
 */
export function geodesicAreaS12(lat1: number, lon1: number, lat2: number, lon2: number): number {
  EDGE[0] = lat1;
  EDGE[1] = lon1;
  EDGE[2] = lat2;
  EDGE[3] = lon2;
  edgeS12();
  return EDGE[4]!;
}
