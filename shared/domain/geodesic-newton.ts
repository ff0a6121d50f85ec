import {
  ASTROID_SCALE,
  C1A,
  C2A,
  C3A,
  EP2,
  ETOL2,
  F,
  F1,
  F_180,
  MAXIT1,
  MAXIT2,
  TINY,
  TOL0,
  TOL1,
  TOL2,
  TOLB,
  XTHRESH,
  a1m1f,
  a2m1f,
  a3f,
  astroid,
  c1f,
  c2f,
  c3f,
  meridianM12b,
  sinSeries5,
  sinSeries6,
} from './geodesic-series.js';

/**
 * The part of GeographicLib's Geodesic.InverseInt (geographiclib-geodesic 2.2) that finds the
 * azimuths of the geodesic between two points: the meridional and equatorial cases, InverseStart
 * (with the "really short" case and the astroid), and Newton's method on Lambda12 with the Lengths
 * it needs. For the CGCS2000 ellipsoid (f > 0: the prolate branches are left out), with the same
 * operations in the same order as the library. geodesic-area.ts fills the inputs in W, calls
 * solveAzimuths and reads the outputs from W.
 */

/**
 * Inputs and outputs of solveAzimuths, and what the helpers below pass each other. A Float64Array
 * and not parameters and return values: V8 boxes every double passed to or returned from a call
 * it does not inline (these functions are too large to inline), which allocated ~26 heap numbers
 * per edge; a double stored in a Float64Array is not boxed.
 */
export const W = new Float64Array(32);
// Inputs: the reduced latitudes, the longitude difference (Inverse's canonical form).
export const SBET1 = 0;
export const CBET1 = 1;
export const DN1 = 2;
export const SBET2 = 3;
export const CBET2 = 4;
export const DN2 = 5;
export const LAM12 = 6;
export const SLAM12 = 7;
export const CLAM12 = 8;
/** The supplementary longitude difference 180° - lon12 (with its rounding error), for the equatorial test. */
export const LON12S = 9;
/** lat1 in degrees (canonical: -90 <= lat1 <= 0), for the meridian test. */
export const LAT1 = 10;
// Outputs: azimuths at both ends, omg12 (when not meridional), and whether the geodesic is the meridian.
export const SALP1 = 11;
export const CALP1 = 12;
export const SALP2 = 13;
export const CALP2 = 14;
export const SOMG12 = 15;
export const COMG12 = 16;
export const MERIDIAN = 17;
// Between InverseStart, Lambda12 and its derivative.
const START_DNM = 18;
const LAM_V = 19;
const LAM_DOMG12 = 20;
const LAM_SIG12 = 21;
const LAM_SSIG1 = 22;
const LAM_CSIG1 = 23;
const LAM_SSIG2 = 24;
const LAM_CSIG2 = 25;
const LAM_EPS = 26;
const LAM_DV = 27;

/**
 * InverseStart (f > 0): a starting alp1 for Newton's method in W[SALP1], W[CALP1]. For really short
 * lines it also sets W[SALP2], W[CALP2], W[START_DNM] and returns true: no iteration needed.
 */
function inverseStart(): boolean {
  const sbet1 = W[SBET1]!;
  const cbet1 = W[CBET1]!;
  const sbet2 = W[SBET2]!;
  const cbet2 = W[CBET2]!;
  const lam12 = W[LAM12]!;
  const slam12 = W[SLAM12]!;
  const clam12 = W[CLAM12]!;
  let short = false;
  const sbet12 = sbet2 * cbet1 - cbet2 * sbet1;
  const cbet12 = cbet2 * cbet1 + sbet2 * sbet1;
  let sbet12a = sbet2 * cbet1;
  sbet12a += cbet2 * sbet1;
  const shortline = cbet12 >= 0 && sbet12 < 0.5 && cbet2 * lam12 < 0.5;
  let somg12: number;
  let comg12: number;
  if (shortline) {
    let sbetm2 = (sbet1 + sbet2) * (sbet1 + sbet2);
    sbetm2 /= sbetm2 + (cbet1 + cbet2) * (cbet1 + cbet2);
    const dnm = Math.sqrt(1 + EP2 * sbetm2);
    W[START_DNM] = dnm;
    const omg12 = lam12 / (F1 * dnm);
    somg12 = Math.sin(omg12);
    comg12 = Math.cos(omg12);
  } else {
    somg12 = slam12;
    comg12 = clam12;
  }
  let salp1 = cbet2 * somg12;
  let calp1 =
    comg12 >= 0
      ? sbet12 + (cbet2 * sbet1 * (somg12 * somg12)) / (1 + comg12)
      : sbet12a - (cbet2 * sbet1 * (somg12 * somg12)) / (1 - comg12);
  const ssig12 = Math.sqrt(salp1 * salp1 + calp1 * calp1);
  const csig12 = sbet1 * sbet2 + cbet1 * cbet2 * comg12;
  if (shortline && ssig12 < ETOL2) {
    // Really short lines (sig12 = atan2(ssig12, csig12) >= 0 is not needed for S12).
    let salp2 = cbet1 * somg12;
    let calp2 = sbet12 - cbet1 * sbet2 * (comg12 >= 0 ? (somg12 * somg12) / (1 + comg12) : 1 - comg12);
    const t = Math.sqrt(salp2 * salp2 + calp2 * calp2);
    salp2 /= t;
    calp2 /= t;
    W[SALP2] = salp2;
    W[CALP2] = calp2;
    short = true;
  } else if (csig12 >= 0 || ssig12 >= ASTROID_SCALE * (cbet1 * cbet1)) {
    // The zeroth-order spherical approximation is good enough.
  } else {
    // Nearly antipodal: scale to the astroid's coordinates (x = dlong, y = dlat).
    const lam12x = Math.atan2(-slam12, -clam12);
    const k2 = sbet1 * sbet1 * EP2;
    const eps = k2 / (2 * (1 + Math.sqrt(1 + k2)) + k2);
    const lamscale = F * cbet1 * a3f(eps) * Math.PI;
    const betscale = lamscale * cbet1;
    const x = lam12x / lamscale;
    const y = sbet12a / betscale;
    if (y > -TOL1 && x > -1 - XTHRESH) {
      salp1 = Math.min(1, -x);
      calp1 = -Math.sqrt(1 - salp1 * salp1);
    } else {
      const k = astroid(x, y);
      const omg12a = lamscale * ((-x * k) / (1 + k));
      somg12 = Math.sin(omg12a);
      comg12 = -Math.cos(omg12a);
      salp1 = cbet2 * somg12;
      calp1 = sbet12a - (cbet2 * sbet1 * (somg12 * somg12)) / (1 - comg12);
    }
  }
  if (!(salp1 <= 0)) {
    const t = Math.sqrt(salp1 * salp1 + calp1 * calp1);
    salp1 /= t;
    calp1 /= t;
  } else {
    salp1 = 1;
    calp1 = 0;
  }
  W[SALP1] = salp1;
  W[CALP1] = calp1;
  return short;
}

/**
 * Lambda12 for alp1 = (W[SALP1], W[CALP1]): W[LAM_V] = lam12 - lam120, with alp2 and domg12, and
 * what its derivative (lambda12Slope) needs. The derivative is computed apart because Inverse only
 * uses it when the iteration has not converged.
 */
function lambda12(): void {
  const sbet1 = W[SBET1]!;
  const cbet1 = W[CBET1]!;
  const sbet2 = W[SBET2]!;
  const cbet2 = W[CBET2]!;
  const salp1 = W[SALP1]!;
  let calp1 = W[CALP1]!;
  const slam120 = W[SLAM12]!;
  const clam120 = W[CLAM12]!;
  // Break the degeneracy of the equatorial line (that case is handled before).
  if (sbet1 === 0 && calp1 === 0) calp1 = -TINY;
  const salp0 = salp1 * cbet1;
  const calp0 = Math.sqrt(calp1 * calp1 + salp1 * sbet1 * (salp1 * sbet1));
  let ssig1 = sbet1;
  const somg1 = salp0 * sbet1;
  let csig1 = calp1 * cbet1;
  const comg1 = csig1;
  let t = Math.sqrt(ssig1 * ssig1 + csig1 * csig1);
  ssig1 /= t;
  csig1 /= t;
  const salp2 = cbet2 !== cbet1 ? salp0 / cbet2 : salp1;
  const calp2 =
    cbet2 !== cbet1 || Math.abs(sbet2) !== -sbet1
      ? Math.sqrt(
          calp1 * cbet1 * (calp1 * cbet1) +
            (cbet1 < -sbet1 ? (cbet2 - cbet1) * (cbet1 + cbet2) : (sbet1 - sbet2) * (sbet1 + sbet2)),
        ) / cbet2
      : Math.abs(calp1);
  let ssig2 = sbet2;
  const somg2 = salp0 * sbet2;
  let csig2 = calp2 * cbet2;
  const comg2 = csig2;
  t = Math.sqrt(ssig2 * ssig2 + csig2 * csig2);
  ssig2 /= t;
  csig2 /= t;
  const sig12 = Math.atan2(Math.max(0, csig1 * ssig2 - ssig1 * csig2), csig1 * csig2 + ssig1 * ssig2);
  const somg12 = Math.max(0, comg1 * somg2 - somg1 * comg2);
  const comg12 = comg1 * comg2 + somg1 * somg2;
  const eta = Math.atan2(somg12 * clam120 - comg12 * slam120, comg12 * clam120 + somg12 * slam120);
  const k2 = calp0 * calp0 * EP2;
  const eps = k2 / (2 * (1 + Math.sqrt(1 + k2)) + k2);
  c3f(eps);
  const B312 = sinSeries5(ssig2, csig2, C3A) - sinSeries5(ssig1, csig1, C3A);
  const domg12 = -F * a3f(eps) * salp0 * (sig12 + B312);
  W[SALP2] = salp2;
  W[CALP2] = calp2;
  W[LAM_DOMG12] = domg12;
  W[LAM_SIG12] = sig12;
  W[LAM_SSIG1] = ssig1;
  W[LAM_CSIG1] = csig1;
  W[LAM_SSIG2] = ssig2;
  W[LAM_CSIG2] = csig2;
  W[LAM_EPS] = eps;
  W[LAM_V] = eta + domg12;
}

/** W[LAM_DV] = dlam12/dalp1 for the geodesic of the last lambda12 call (Lambda12's dlam12 when diffp). */
function lambda12Slope(): void {
  const calp2 = W[CALP2]!;
  if (calp2 === 0) {
    W[LAM_DV] = (-2 * F1 * W[DN1]!) / W[SBET1]!;
    return;
  }
  const eps = W[LAM_EPS]!;
  const sig12 = W[LAM_SIG12]!;
  const ssig1 = W[LAM_SSIG1]!;
  const csig1 = W[LAM_CSIG1]!;
  const ssig2 = W[LAM_SSIG2]!;
  const csig2 = W[LAM_CSIG2]!;
  // Lengths with REDUCEDLENGTH only: m12b from the combined series A1·C1 - A2·C2.
  let A1 = a1m1f(eps);
  c1f(eps);
  let A2 = a2m1f(eps);
  c2f(eps);
  const m0x = A1 - A2;
  A2 = 1 + A2;
  A1 = 1 + A1;
  for (let l = 1; l <= 6; ++l) C2A[l] = A1 * C1A[l]! - A2 * C2A[l]!;
  const J12 = m0x * sig12 + (sinSeries6(ssig2, csig2, C2A) - sinSeries6(ssig1, csig1, C2A));
  const m12b = W[DN2]! * (csig1 * ssig2) - W[DN1]! * (ssig1 * csig2) - csig1 * csig2 * J12;
  W[LAM_DV] = m12b * (F1 / (calp2 * W[CBET2]!));
}

/**
 * The starting bracket of Newton's method, (salp1a, calp1a, salp1b, calp1b) = (tiny, 1, tiny, -1).
 * Read from a Float64Array because V8 boxes a double merged with a constant heap number such as
 * TINY (every update of the bracket then allocated).
 */
const BRACKET0 = new Float64Array([TINY, 1, TINY, -1]);

/**
 * Newton's method on Lambda12(alp1) = lam12 from InverseStart's guess, keeping a bracket
 * (alp1a, alp1b) on the root and bisecting it when a step leaves it. Sets alp1, alp2 and omg12.
 */
function newton(): void {
  let salp1 = W[SALP1]!;
  let calp1 = W[CALP1]!;
  let salp1a = BRACKET0[0]!;
  let calp1a = BRACKET0[1]!;
  let salp1b = BRACKET0[2]!;
  let calp1b = BRACKET0[3]!;
  let tripn = false;
  let tripb = false;
  for (let numit = 0; ; ++numit) {
    W[SALP1] = salp1;
    W[CALP1] = calp1;
    lambda12();
    const v = W[LAM_V]!;
    if (tripb || !(Math.abs(v) >= (tripn ? 8 : 1) * TOL0) || numit === MAXIT2) break;
    if (v > 0 && (numit < MAXIT1 || calp1 / salp1 > calp1b / salp1b)) {
      salp1b = salp1;
      calp1b = calp1;
    } else if (v < 0 && (numit < MAXIT1 || calp1 / salp1 < calp1a / salp1a)) {
      salp1a = salp1;
      calp1a = calp1;
    }
    if (numit < MAXIT1) {
      lambda12Slope();
      const dv = W[LAM_DV]!;
      if (dv > 0) {
        const dalp1 = -v / dv;
        if (Math.abs(dalp1) < Math.PI) {
          const sdalp1 = Math.sin(dalp1);
          const cdalp1 = Math.cos(dalp1);
          const nsalp1 = salp1 * cdalp1 + calp1 * sdalp1;
          if (nsalp1 > 0) {
            calp1 = calp1 * cdalp1 - salp1 * sdalp1;
            salp1 = nsalp1;
            const t = Math.sqrt(salp1 * salp1 + calp1 * calp1);
            salp1 /= t;
            calp1 /= t;
            // Without quadratic convergence (slope -> 0), converge on epsilon, not sqrt(epsilon).
            tripn = Math.abs(v) <= 16 * TOL0;
            continue;
          }
        }
      }
    }
    // No Newton step (dv not positive, past maxit1, or it left (0, pi)): bisect the bracket.
    salp1 = (salp1a + salp1b) / 2;
    calp1 = (calp1a + calp1b) / 2;
    const t = Math.sqrt(salp1 * salp1 + calp1 * calp1);
    salp1 /= t;
    calp1 /= t;
    tripn = false;
    tripb = Math.abs(salp1a - salp1) + (calp1a - calp1) < TOLB || Math.abs(salp1 - salp1b) + (calp1 - calp1b) < TOLB;
  }
  // W[SALP1], W[CALP1] hold the alp1 of the last lambda12 call, as salp1, calp1 do in Inverse.
  // omg12 = lam12 - domg12
  const sdomg12 = Math.sin(W[LAM_DOMG12]!);
  const cdomg12 = Math.cos(W[LAM_DOMG12]!);
  const slam12 = W[SLAM12]!;
  const clam12 = W[CLAM12]!;
  W[SOMG12] = slam12 * cdomg12 - clam12 * sdomg12;
  W[COMG12] = clam12 * cdomg12 + slam12 * sdomg12;
}

/**
 * The azimuths alp1, alp2 of the geodesic and omg12 (as Inverse computes them for AREA) from the
 * inputs in W; the outputs go to W (see the indices above).
 */
export function solveAzimuths(): void {
  const sbet1 = W[SBET1]!;
  const cbet1 = W[CBET1]!;
  const sbet2 = W[SBET2]!;
  const cbet2 = W[CBET2]!;
  const slam12 = W[SLAM12]!;
  const clam12 = W[CLAM12]!;
  let meridian = W[LAT1] === -90 || slam12 === 0;
  if (meridian) {
    // Both ends on one full meridian: the geodesic may be the meridian.
    const calp1 = clam12;
    const salp1 = slam12;
    const calp2 = 1;
    const ssig1 = sbet1;
    const csig1 = calp1 * cbet1;
    const ssig2 = sbet2;
    const csig2 = calp2 * cbet2;
    const sig12 = Math.atan2(Math.max(0, csig1 * ssig2 - ssig1 * csig2), csig1 * csig2 + ssig1 * ssig2);
    if (sig12 < TOL2 || meridianM12b(sig12, ssig1, csig1, W[DN1]!, ssig2, csig2, W[DN2]!) >= 0) {
      W[SALP1] = salp1;
      W[CALP1] = calp1;
      W[SALP2] = 0;
      W[CALP2] = calp2;
    } else {
      // m12 < 0: the meridian is not the shortest path (Inverse's test for nearly antipodal points).
      meridian = false;
    }
  }
  W[MERIDIAN] = meridian ? 1 : 0;
  if (meridian) return;
  let omg12: number;
  if (sbet1 === 0 && W[LON12S]! >= F_180) {
    // Along the equator.
    W[CALP1] = W[CALP2] = 0;
    W[SALP1] = W[SALP2] = 1;
    omg12 = W[LAM12]! / F1;
  } else if (inverseStart()) {
    // Really short line.
    omg12 = W[LAM12]! / (F1 * W[START_DNM]!);
  } else {
    newton();
    return;
  }
  W[SOMG12] = Math.sin(omg12);
  W[COMG12] = Math.cos(omg12);
}
