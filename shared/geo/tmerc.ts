/**
 * Exact ellipsoidal Transverse Mercator (Poder/Engsager "extended" tmerc, Krüger series to n⁶),
 * the algorithm PROJ uses for `+proj=tmerc` and proj4js for `tmerc`/`etmerc`. A direct port of
 * proj4js's etmerc with the per-point allocations removed: the import reprojects millions of
 * vertices, and this runs several times faster than calling proj4 per point while giving the
 * same numbers (tests compare it with proj4 and with GDAL's gdaltransform to 1e-9°).
 */

export interface TmercParams {
  /** semi-major axis, metres */
  readonly a: number;
  /** inverse flattening */
  readonly rf: number;
  /** central meridian, degrees */
  readonly lon0: number;
  /** latitude of origin, degrees */
  readonly lat0: number;
  readonly k0: number;
  readonly x0: number;
  readonly y0: number;
}

const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;
/** Beyond this (≈ 2.62 rad of isometric longitude) the series diverge; PROJ returns HUGE_VAL. */
const CE_LIMIT = 2.623395162778;

function gatg(pp: readonly number[], B: number): number {
  const cos2B = 2 * Math.cos(2 * B);
  let i = pp.length - 1;
  let h1 = pp[i]!;
  let h2 = 0;
  let h = 0;
  while (--i >= 0) {
    h = -h2 + cos2B * h1 + pp[i]!;
    h2 = h1;
    h1 = h;
  }
  return B + h * Math.sin(2 * B);
}

function clens(pp: readonly number[], argR: number): number {
  const r = 2 * Math.cos(argR);
  let i = pp.length - 1;
  let hr1 = pp[i]!;
  let hr2 = 0;
  let hr = 0;
  while (--i >= 0) {
    hr = -hr2 + r * hr1 + pp[i]!;
    hr2 = hr1;
    hr1 = hr;
  }
  return Math.sin(argR) * hr;
}

/**
 * Complex Clenshaw summation; writes [re, im] into `out`. sinh/cosh come from one exp() (the
 * argument is at most ~0.1 for a Gauss-Krüger zone, where this loses < 1e-15 relative).
 */
function clensCmplx(pp: readonly number[], argR: number, argI: number, out: Float64Array): void {
  const sinR = Math.sin(argR);
  const cosR = Math.cos(argR);
  const e = Math.exp(argI);
  const ie = 1 / e;
  const sinhI = argI > 0.05 || argI < -0.05 ? 0.5 * (e - ie) : Math.sinh(argI);
  const coshI = 0.5 * (e + ie);
  let r = 2 * cosR * coshI;
  let im = -2 * sinR * sinhI;
  let j = pp.length - 1;
  let hr = pp[j]!;
  let hi1 = 0;
  let hr1 = 0;
  let hi = 0;
  let hr2: number;
  let hi2: number;
  while (--j >= 0) {
    hr2 = hr1;
    hi2 = hi1;
    hr1 = hr;
    hi1 = hi;
    hr = -hr2 + r * hr1 - im * hi1 + pp[j]!;
    hi = -hi2 + im * hr1 + r * hi1;
  }
  r = sinR * coshI;
  im = cosR * sinhI;
  out[0] = r * hr - im * hi;
  out[1] = r * hi + im * hr;
}

export class TransverseMercator {
  private readonly a: number;
  private readonly lon0: number;
  private readonly x0: number;
  private readonly y0: number;
  private readonly Qn: number;
  private readonly Zb: number;
  private readonly cgb: number[];
  private readonly cbg: number[];
  private readonly utg: number[];
  private readonly gtu: number[];
  private readonly tmp = new Float64Array(2);

  constructor(p: TmercParams) {
    this.a = p.a;
    this.lon0 = p.lon0 * D2R;
    this.x0 = p.x0;
    this.y0 = p.y0;
    const f = 1 / p.rf;
    const n = f / (2 - f);
    let np = n;
    this.cgb = [];
    this.cbg = [];
    this.cgb[0] = n * (2 + n * (-2 / 3 + n * (-2 + n * (116 / 45 + n * (26 / 45 + n * (-2854 / 675))))));
    this.cbg[0] = n * (-2 + n * (2 / 3 + n * (4 / 3 + n * (-82 / 45 + n * (32 / 45 + n * (4642 / 4725))))));
    np *= n;
    this.cgb[1] = np * (7 / 3 + n * (-8 / 5 + n * (-227 / 45 + n * (2704 / 315 + n * (2323 / 945)))));
    this.cbg[1] = np * (5 / 3 + n * (-16 / 15 + n * (-13 / 9 + n * (904 / 315 + n * (-1522 / 945)))));
    np *= n;
    this.cgb[2] = np * (56 / 15 + n * (-136 / 35 + n * (-1262 / 105 + n * (73814 / 2835))));
    this.cbg[2] = np * (-26 / 15 + n * (34 / 21 + n * (8 / 5 + n * (-12686 / 2835))));
    np *= n;
    this.cgb[3] = np * (4279 / 630 + n * (-332 / 35 + n * (-399572 / 14175)));
    this.cbg[3] = np * (1237 / 630 + n * (-12 / 5 + n * (-24832 / 14175)));
    np *= n;
    this.cgb[4] = np * (4174 / 315 + n * (-144838 / 6237));
    this.cbg[4] = np * (-734 / 315 + n * (109598 / 31185));
    np *= n;
    this.cgb[5] = np * (601676 / 22275);
    this.cbg[5] = np * (444337 / 155925);

    np = n * n;
    this.Qn = (p.k0 / (1 + n)) * (1 + np * (1 / 4 + np * (1 / 64 + np / 256)));
    this.utg = [
      n * (-0.5 + n * (2 / 3 + n * (-37 / 96 + n * (1 / 360 + n * (81 / 512 + n * (-96199 / 604800)))))),
      np * (-1 / 48 + n * (-1 / 15 + n * (437 / 1440 + n * (-46 / 105 + n * (1118711 / 3870720))))),
      np * n * (-17 / 480 + n * (37 / 840 + n * (209 / 4480 + n * (-5569 / 90720)))),
      np * n * n * (-4397 / 161280 + n * (11 / 504 + n * (830251 / 7257600))),
      np * n * n * n * (-4583 / 161280 + n * (108847 / 3991680)),
      np * n * n * n * n * (-20648693 / 638668800),
    ];
    this.gtu = [
      n * (0.5 + n * (-2 / 3 + n * (5 / 16 + n * (41 / 180 + n * (-127 / 288 + n * (7891 / 37800)))))),
      np * (13 / 48 + n * (-3 / 5 + n * (557 / 1440 + n * (281 / 630 + n * (-1983433 / 1935360))))),
      np * n * (61 / 240 + n * (-103 / 140 + n * (15061 / 26880 + n * (167603 / 181440)))),
      np * n * n * (49561 / 161280 + n * (-179 / 168 + n * (6601661 / 7257600))),
      np * n * n * n * (34729 / 80640 + n * (-3418889 / 1995840)),
      np * n * n * n * n * (212378941 / 319334400),
    ];
    const Z = gatg(this.cbg, p.lat0 * D2R);
    this.Zb = -this.Qn * (Z + clens(this.gtu, 2 * Z));
  }

  /**
   * Projected metres → [lon, lat] degrees, written into `out` at `offset` (no allocation).
   * Returns false (and writes NaN) where the series are not valid (far outside the zone).
   */
  inverseInto(x: number, y: number, out: number[] | Float64Array, offset = 0): boolean {
    let Ce = (x - this.x0) / this.a;
    let Cn = (y - this.y0) / this.a;
    Cn = (Cn - this.Zb) / this.Qn;
    Ce = Ce / this.Qn;
    if (!(Math.abs(Ce) <= CE_LIMIT)) {
      out[offset] = NaN;
      out[offset + 1] = NaN;
      return false;
    }
    clensCmplx(this.utg, 2 * Cn, 2 * Ce, this.tmp);
    Cn += this.tmp[0]!;
    Ce += this.tmp[1]!;
    // Ce ← gd(Ce) = atan(sinh Ce), using sin(gd Ce) = tanh Ce and cos(gd Ce) = 1 / cosh Ce.
    const e = Math.exp(Ce);
    const ch = 0.5 * (e + 1 / e);
    const sinCe = (Ce > 0.05 || Ce < -0.05 ? 0.5 * (e - 1 / e) : Math.sinh(Ce)) / ch;
    const cosCe = 1 / ch;
    const sinCn = Math.sin(Cn);
    const cosCn = Math.cos(Cn);
    const h = cosCe * cosCn;
    const Y = sinCn * cosCe;
    const X = Math.sqrt(sinCe * sinCe + h * h);
    const B = Math.atan2(Y, X);
    let lon = (Math.atan2(sinCe, h) + this.lon0) * R2D;
    if (lon > 180) lon -= 360;
    else if (lon < -180) lon += 360;
    // gatg(cgb, B) with sin 2B and cos 2B taken from X, Y instead of two more trig calls.
    const r2 = X * X + Y * Y;
    const sin2B = (2 * X * Y) / r2;
    const cos2B2 = (2 * (X * X - Y * Y)) / r2;
    const pp = this.cgb;
    let i = pp.length - 1;
    let h1 = pp[i]!;
    let h2 = 0;
    let hh = 0;
    while (--i >= 0) {
      hh = -h2 + cos2B2 * h1 + pp[i]!;
      h2 = h1;
      h1 = hh;
    }
    out[offset] = lon;
    out[offset + 1] = (B + hh * sin2B) * R2D;
    return true;
  }

  inverse(x: number, y: number): [number, number] {
    const out: [number, number] = [0, 0];
    this.inverseInto(x, y, out);
    return out;
  }

  /** [lon, lat] degrees → projected [x, y] metres (for display of GK coordinates and tests). */
  forward(lon: number, lat: number): [number, number] {
    let Ce = lon * D2R - this.lon0;
    if (Ce > Math.PI) Ce -= 2 * Math.PI;
    else if (Ce < -Math.PI) Ce += 2 * Math.PI;
    let Cn = gatg(this.cbg, lat * D2R);
    const sinCn = Math.sin(Cn);
    const cosCn = Math.cos(Cn);
    const sinCe = Math.sin(Ce);
    const cosCe = Math.cos(Ce);
    Cn = Math.atan2(sinCn, cosCe * cosCn);
    Ce = Math.atan2(sinCe * cosCn, Math.hypot(sinCn, cosCn * cosCe));
    Ce = Math.asinh(Math.tan(Ce));
    clensCmplx(this.gtu, 2 * Cn, 2 * Ce, this.tmp);
    Cn += this.tmp[0]!;
    Ce += this.tmp[1]!;
    if (!(Math.abs(Ce) <= CE_LIMIT)) return [NaN, NaN];
    return [this.a * (this.Qn * Ce) + this.x0, this.a * (this.Qn * Cn + this.Zb) + this.y0];
  }
}
