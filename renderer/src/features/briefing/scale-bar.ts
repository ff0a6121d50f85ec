/**
 * The printed scale bar: the longest "nice" distance (1, 2 or 5 × 10ⁿ metres) that fits in
 * `maxPx` at the map's scale. Display only — a great-circle distance is accurate enough for a bar.
 */
export interface ScaleBar {
  metres: number;
  px: number;
  label: string;
}

const EARTH_RADIUS_M = 6371008.8;

/** Great-circle distance in metres between two lon/lat points (haversine). */
export function distanceM(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function niceScaleBar(metresPerPx: number, maxPx: number): ScaleBar | null {
  if (!(metresPerPx > 0) || !(maxPx > 0)) return null;
  const maxM = metresPerPx * maxPx;
  const pow = 10 ** Math.floor(Math.log10(maxM));
  const step = [5, 2, 1].map((m) => m * pow).find((m) => m <= maxM) ?? pow;
  return { metres: step, px: step / metresPerPx, label: step >= 1000 ? `${step / 1000} km` : `${step} m` };
}
