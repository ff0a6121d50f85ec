/** Display formats of the dashboard: mu to 2 decimals, percentages to 2 decimals, other units grouped. */
export function formatPercent(fraction: number | null): string {
  return fraction === null ? '—' : `${(fraction * 100).toFixed(2)}%`;
}

/** A goal's value in its unit: mu and money to 2 decimals; m² and counts as whole numbers when they are. */
export function formatGoalValue(value: number, unit: string, locale: string): string {
  const fixed = ['亩', '亿元', '万元', '元', '公顷'].includes(unit) || !Number.isInteger(value);
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: fixed ? 2 : 0,
    maximumFractionDigits: 2,
    useGrouping: unit !== '亩',
  }).format(value);
}
