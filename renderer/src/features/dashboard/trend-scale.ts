/** Axis helpers for the trend chart (pure). */

/** A "nice" axis maximum and its ticks: 0 … max in 4–6 steps of 1, 2, 2.5 or 5 × 10ⁿ. */
export function niceTicks(maxValue: number, target = 5): number[] {
  if (!(maxValue > 0)) return [0, 1];
  const raw = maxValue / target;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow);
  const n = Math.ceil(maxValue / step - 1e-9);
  return Array.from({ length: n + 1 }, (_, i) => Math.round(i * step * 1e6) / 1e6);
}

export interface Series {
  id: string;
  label: string;
  color: string;
  dashed: boolean;
  values: (number | null)[];
}

/** An SVG path through the non-null points (month i at x(i)); a gap breaks the line. */
export function linePath(values: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}
