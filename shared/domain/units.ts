/** Units used in the bureau's reports (shared/domain/README.md: 1 亩 = 10000/15 m²). */
export const M2_PER_MU = 10000 / 15;

/** Square metres → mu (亩). Convert totals summed from unrounded m², never rounded parts. */
export function m2ToMu(areaM2: number): number {
  return (areaM2 * 15) / 10000;
}

/** Mu (亩) → square metres. */
export function muToM2(areaMu: number): number {
  return (areaMu * 10000) / 15;
}

/** Square metres → hectares (公顷). */
export function m2ToHa(areaM2: number): number {
  return areaM2 / 10000;
}

/** 元 → 亿元. */
export function yuanToYi(yuan: number): number {
  return yuan / 1e8;
}

/** Rounds for display only (per-parcel areas to 0.01 m², mu to 2 decimals). */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
