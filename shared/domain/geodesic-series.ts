/**
 * CGCS2000 ellipsoid constants and the order-6 series of GeographicLib's Geodesic
 * (geographiclib-geodesic 2.2, our dependency) for the allocation-free S12 in geodesic-area.ts:
 * A1m1f, C1f, A2m1f, C2f, A3f, C3f, C4f, SinCosSeries and astroid, each with the library's
 * operations in the library's order so that results are equal to the last bit. The polynomials
 * are written out; coefficients go to the module-level arrays C1A, C2A, C3A (index 0 unused)
 * instead of arrays allocated per call, and the C4 series (c4Integral) to locals.
 */

/** CGCS2000 ellipsoid (EPSG:1024): a = 6378137 m, 1/f = 298.257222101. */
export const CGCS2000_A = 6378137;
export const CGCS2000_F = 1 / 298.257222101;

// Derived constants, computed as the Geodesic constructor computes them.
const A = CGCS2000_A;
export const F = CGCS2000_F;
export const F1 = 1 - F;
export const E2 = F * (2 - F);
export const EP2 = E2 / (F1 * F1);
export const N = F / (2 - F);
const B = A * F1;
/** Authalic radius squared. */
export const C2 = (A * A + B * B * (Math.atanh(Math.sqrt(E2)) / Math.sqrt(Math.abs(E2)))) / 2;
export const A_SQ = A * A;

export const DEGREE = Math.PI / 180;
const EPSILON = Math.pow(0.5, 52);
export const TINY = Math.sqrt(Number.MIN_VALUE / Number.EPSILON);
export const TOL0 = EPSILON;
export const TOL1 = 200 * TOL0;
export const TOL2 = Math.sqrt(TOL0);
export const TOLB = TOL0;
export const XTHRESH = 1000 * TOL2;
export const MAXIT1 = 20;
export const MAXIT2 = MAXIT1 + 53 + 10;
/** The sig12 threshold for "really short" lines. */
export const ETOL2 = (0.1 * TOL2) / Math.sqrt((Math.max(0.001, Math.abs(F)) * Math.min(1, 1 - F / 2)) / 2);
/** Inverse takes the equatorial branch when lon12s >= f·180. */
export const F_180 = F * 180;
/** InverseStart skips the astroid when ssig12 >= 6|n|π cos²β1. */
export const ASTROID_SCALE = 6 * Math.abs(N) * Math.PI;

function polyval(n: number, p: readonly number[], s: number, x: number): number {
  let y = n < 0 ? 0 : p[s++]!;
  while (--n >= 0) y = y * x + p[s++]!;
  return y;
}

// Coefficients of A3, C3 and C4 as polynomials in n (Geodesic.js A3_coeff, C3_coeff, C4_coeff).
const A3_COEFF = [-3, 128, -2, -3, 64, -1, -3, -1, 16, 3, -1, -2, 8, 1, -1, 2, 1, 1];
const C3_COEFF = [
  3, 128, 2, 5, 128, -1, 3, 3, 64, -1, 0, 1, 8, -1, 1, 4, 5, 256, 1, 3, 128, -3, -2, 3, 64, 1, -3, 2, 32, 7, 512,
  -10, 9, 384, 5, -9, 5, 192, 7, 512, -14, 7, 512, 21, 2560,
];
const C4_COEFF = [
  97, 15015, 1088, 156, 45045, -224, -4784, 1573, 45045, -10656, 14144, -4576, -858, 45045, 64, 624, -4576, 6864,
  -3003, 15015, 100, 208, 572, 3432, -12012, 30030, 45045, 1, 9009, -2944, 468, 135135, 5792, 1040, -1287, 135135,
  5952, -11648, 9152, -2574, 135135, -64, -624, 4576, -6864, 3003, 135135, 8, 10725, 1856, -936, 225225, -8448, 4992,
  -1144, 225225, -1440, 4160, -4576, 1716, 225225, -136, 63063, 1024, -208, 105105, 3584, -3328, 1144, 315315, -128,
  135135, -2560, 832, 405405, 128, 99099,
];

/** A3, C3, C4 as polynomials in eps for this ellipsoid (Geodesic A3coeff, C3coeff, C4coeff). */
const A3X = new Float64Array(6);
const C3X = new Float64Array(15);
const C4X = new Float64Array(21);
(() => {
  let o = 0;
  let k = 0;
  for (let j = 5; j >= 0; --j) {
    const p = Math.min(6 - j - 1, j);
    A3X[k++] = polyval(p, A3_COEFF, o, N) / A3_COEFF[o + p + 1]!;
    o += p + 2;
  }
  o = 0;
  k = 0;
  for (let l = 1; l < 6; ++l) {
    for (let j = 5; j >= l; --j) {
      const p = Math.min(6 - j - 1, j);
      C3X[k++] = polyval(p, C3_COEFF, o, N) / C3_COEFF[o + p + 1]!;
      o += p + 2;
    }
  }
  o = 0;
  k = 0;
  for (let l = 0; l < 6; ++l) {
    for (let j = 5; j >= l; --j) {
      const p = 6 - j - 1;
      C4X[k++] = polyval(p, C4_COEFF, o, N) / C4_COEFF[o + p + 1]!;
      o += p + 2;
    }
  }
})();

// Series coefficients, filled per call (index 0 unused).
export const C1A = new Float64Array(7);
export const C2A = new Float64Array(7);
export const C3A = new Float64Array(6);

/** A3 (A3f), the scale of the longitude integral I3. */
export function a3f(eps: number): number {
  return ((((A3X[0]! * eps + A3X[1]!) * eps + A3X[2]!) * eps + A3X[3]!) * eps + A3X[4]!) * eps + A3X[5]!;
}

/** C3[1..5] (C3f) into C3A, the coefficients of I3. */
export function c3f(eps: number): void {
  let mult = eps;
  C3A[1] = mult * ((((C3X[0]! * eps + C3X[1]!) * eps + C3X[2]!) * eps + C3X[3]!) * eps + C3X[4]!);
  mult *= eps;
  C3A[2] = mult * (((C3X[5]! * eps + C3X[6]!) * eps + C3X[7]!) * eps + C3X[8]!);
  mult *= eps;
  C3A[3] = mult * ((C3X[9]! * eps + C3X[10]!) * eps + C3X[11]!);
  mult *= eps;
  C3A[4] = mult * (C3X[12]! * eps + C3X[13]!);
  mult *= eps;
  C3A[5] = mult * C3X[14]!;
}


/** A1 - 1 (A1m1f), the scale of I1. */
export function a1m1f(eps: number): number {
  const eps2 = eps * eps;
  const t = (((eps2 + 4) * eps2 + 64) * eps2 + 0) / 256;
  return (t + eps) / (1 - eps);
}

/** C1[1..6] (C1f) into C1A, the coefficients of the distance integral I1. */
export function c1f(eps: number): void {
  const eps2 = eps * eps;
  let d = eps;
  C1A[1] = (d * ((-eps2 + 6) * eps2 - 16)) / 32;
  d *= eps;
  C1A[2] = (d * ((-9 * eps2 + 64) * eps2 - 128)) / 2048;
  d *= eps;
  C1A[3] = (d * (9 * eps2 - 16)) / 768;
  d *= eps;
  C1A[4] = (d * (3 * eps2 - 5)) / 512;
  d *= eps;
  C1A[5] = (d * -7) / 1280;
  d *= eps;
  C1A[6] = (d * -7) / 2048;
}

/** A2 - 1 (A2m1f), the scale of I2. */
export function a2m1f(eps: number): number {
  const eps2 = eps * eps;
  const t = (((-11 * eps2 - 28) * eps2 - 192) * eps2 + 0) / 256;
  return (t - eps) / (1 + eps);
}

/** C2[1..6] (C2f) into C2A, the coefficients of I2 (reduced length). */
export function c2f(eps: number): void {
  const eps2 = eps * eps;
  let d = eps;
  C2A[1] = (d * ((eps2 + 2) * eps2 + 16)) / 32;
  d *= eps;
  C2A[2] = (d * ((35 * eps2 + 64) * eps2 + 384)) / 2048;
  d *= eps;
  C2A[3] = (d * (15 * eps2 + 80)) / 768;
  d *= eps;
  C2A[4] = (d * (7 * eps2 + 35)) / 512;
  d *= eps;
  C2A[5] = (d * 63) / 1280;
  d *= eps;
  C2A[6] = (d * 77) / 2048;
}

/** Clenshaw sum of c[i]·sin(2i·x), i = 1..6 (SinCosSeries(true, …) on a 7-element array). */
export function sinSeries6(sinx: number, cosx: number, c: Float64Array): number {
  const ar = 2 * (cosx - sinx) * (cosx + sinx);
  let y0 = 0;
  let y1 = 0;
  y1 = ar * y0 - y1 + c[6]!;
  y0 = ar * y1 - y0 + c[5]!;
  y1 = ar * y0 - y1 + c[4]!;
  y0 = ar * y1 - y0 + c[3]!;
  y1 = ar * y0 - y1 + c[2]!;
  y0 = ar * y1 - y0 + c[1]!;
  return 2 * sinx * cosx * y0;
}

/** Clenshaw sum of c[i]·sin(2i·x), i = 1..5 (SinCosSeries(true, …) on a 6-element array). */
export function sinSeries5(sinx: number, cosx: number, c: Float64Array): number {
  const ar = 2 * (cosx - sinx) * (cosx + sinx);
  let y0 = c[5]!;
  let y1 = 0;
  y1 = ar * y0 - y1 + c[4]!;
  y0 = ar * y1 - y0 + c[3]!;
  y1 = ar * y0 - y1 + c[2]!;
  y0 = ar * y1 - y0 + c[1]!;
  return 2 * sinx * cosx * y0;
}


/**
 * Reduced length m12/b of a meridional arc (Lengths with DISTANCE | REDUCEDLENGTH at eps = n);
 * Inverse keeps the meridian when it is not negative. Only for
 * meridional edges, so it takes and returns plain numbers.
 */
export function meridianM12b(
  sig12: number,
  ssig1: number,
  csig1: number,
  dn1: number,
  ssig2: number,
  csig2: number,
  dn2: number,
): number {
  let A1 = a1m1f(N);
  c1f(N);
  let A2 = a2m1f(N);
  c2f(N);
  const m0x = A1 - A2;
  A2 = 1 + A2;
  A1 = 1 + A1;
  const B1 = sinSeries6(ssig2, csig2, C1A) - sinSeries6(ssig1, csig1, C1A);
  const B2 = sinSeries6(ssig2, csig2, C2A) - sinSeries6(ssig1, csig1, C2A);
  const J12 = m0x * sig12 + (A1 * B1 - A2 * B2);
  return dn2 * (csig1 * ssig2) - dn1 * (ssig1 * csig2) - csig1 * csig2 * J12;
}

/** Input (eps, ssig1, csig1, ssig2, csig2) and result of c4Integral. */
export const C4IN = new Float64Array(6);

/**
 * I4(sig2) - I4(sig1), the area integral: C4f(eps) and SinCosSeries(false, …, C4a) at both ends,
 * written out with the coefficients in locals. Its values come and go through C4IN, since V8 boxes
 * the doubles passed to and from a call that it does not inline.
 */
export function c4Integral(): void {
  const eps = C4IN[0]!;
  // C4f: C4[l] = eps^l · (polynomial in eps), l = 0..5
  const c0 = ((((C4X[0]! * eps + C4X[1]!) * eps + C4X[2]!) * eps + C4X[3]!) * eps + C4X[4]!) * eps + C4X[5]!;
  let mult = eps;
  const c1 = mult * ((((C4X[6]! * eps + C4X[7]!) * eps + C4X[8]!) * eps + C4X[9]!) * eps + C4X[10]!);
  mult *= eps;
  const c2 = mult * (((C4X[11]! * eps + C4X[12]!) * eps + C4X[13]!) * eps + C4X[14]!);
  mult *= eps;
  const c3 = mult * ((C4X[15]! * eps + C4X[16]!) * eps + C4X[17]!);
  mult *= eps;
  const c4 = mult * (C4X[18]! * eps + C4X[19]!);
  mult *= eps;
  const c5 = mult * C4X[20]!;
  // Clenshaw sums of c[i]·cos((2i+1)·sig), i = 0..5, at sig2 and at sig1
  let sinx = C4IN[3]!;
  let cosx = C4IN[4]!;
  let ar = 2 * (cosx - sinx) * (cosx + sinx);
  let y0 = 0;
  let y1 = 0;
  y1 = ar * y0 - y1 + c5;
  y0 = ar * y1 - y0 + c4;
  y1 = ar * y0 - y1 + c3;
  y0 = ar * y1 - y0 + c2;
  y1 = ar * y0 - y1 + c1;
  y0 = ar * y1 - y0 + c0;
  const B42 = cosx * (y0 - y1);
  sinx = C4IN[1]!;
  cosx = C4IN[2]!;
  ar = 2 * (cosx - sinx) * (cosx + sinx);
  y0 = 0;
  y1 = 0;
  y1 = ar * y0 - y1 + c5;
  y0 = ar * y1 - y0 + c4;
  y1 = ar * y0 - y1 + c3;
  y0 = ar * y1 - y0 + c2;
  y1 = ar * y0 - y1 + c1;
  y0 = ar * y1 - y0 + c0;
  const B41 = cosx * (y0 - y1);
  C4IN[5] = B42 - B41;
}

/** Positive root k of the astroid equation (Geodesic.js astroid). */
export function astroid(x: number, y: number): number {
  const p = x * x;
  const q = y * y;
  const r = (p + q - 1) / 6;
  if (q === 0 && r <= 0) return 0;
  const S = (p * q) / 4;
  const r2 = r * r;
  const r3 = r * r2;
  const disc = S * (S + 2 * r3);
  let u = r;
  if (disc >= 0) {
    let T3 = S + r3;
    T3 += T3 < 0 ? -Math.sqrt(disc) : Math.sqrt(disc);
    const T = Math.cbrt(T3);
    u += T + (T !== 0 ? r2 / T : 0);
  } else {
    const ang = Math.atan2(Math.sqrt(-disc), -(S + r3));
    u += 2 * r * Math.cos(ang / 3);
  }
  const v = Math.sqrt(u * u + q);
  const uv = u < 0 ? q / (v - u) : u + v;
  const w = (uv - q) / (2 * v);
  return uv / (Math.sqrt(uv + w * w) + w);
}

