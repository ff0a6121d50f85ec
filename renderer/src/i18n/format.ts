/**
 * Display formats for reported figures (DESIGN §4): per-parcel and total areas to 0.01, computed from
 * unrounded values upstream. Mu is shown without digit grouping (the bureau's tables write 1234.56);
 * square metres, which run to eight digits, are grouped.
 */
export function formatMu(areaMu: number): string {
  return areaMu.toFixed(2);
}

export function formatM2(areaM2: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(areaM2);
}

export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n);
}
