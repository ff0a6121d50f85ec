import type { ExpressionSpecification } from 'maplibre-gl';

/**
 * One way a layer is drawn, as the legend shows it: the values drawn so, their label and symbol.
 * The map's paint expressions are derived from these (classMatch), and so is the legend, so the
 * two cannot drift apart.
 */
export interface StyleClass {
  /** Stable key (the first value, or a name for a group of values). */
  key: string;
  /** The property values drawn this way: one `match` branch. Empty only for the fallback. */
  values: readonly string[];
  labelZh: string;
  labelEn: string;
  color: string;
  /** Line dash pattern in line widths (lines only); absent = solid. */
  dash?: readonly number[];
  /** Line width in px (lines only). */
  width?: number;
}

export interface ClassedStyle {
  /** Which styling this is, e.g. 'parcels/status'. */
  id: string;
  /** The feature property it reads. */
  property: string;
  /** Reads the property's value as a string (to-string: a missing value reads as ""). */
  input: ExpressionSpecification;
  classes: readonly StyleClass[];
  /** Features whose value is in no class (blank, or not in the vocabulary). */
  fallback: StyleClass;
}

/**
 * A `match` on the style's input giving each class's output. A value already taken by an earlier
 * class is dropped (maplibre refuses duplicate branch labels), so the first class wins — as in
 * `classOf`. No branch at all gives the fallback's output as a constant.
 */
export function classMatch<T extends string | number | ExpressionSpecification>(style: ClassedStyle, output: (c: StyleClass) => T): T | ExpressionSpecification {
  const seen = new Set<string>();
  const branches: unknown[] = [];
  for (const c of style.classes) {
    const labels = c.values.filter((v) => v !== '' && !seen.has(v));
    if (labels.length === 0) continue;
    labels.forEach((v) => seen.add(v));
    branches.push(labels.length === 1 ? labels[0] : labels, output(c));
  }
  if (branches.length === 0) return output(style.fallback);
  return ['match', style.input, ...branches, output(style.fallback)] as unknown as ExpressionSpecification;
}

/** The class a value falls in (the first that lists it), or the fallback. */
export function classOf(style: ClassedStyle, value: string): StyleClass {
  return style.classes.find((c) => c.values.includes(value)) ?? style.fallback;
}

/** A dash pattern as a paint value: maplibre needs an array output wrapped in `literal`. */
export function dashValue(c: StyleClass): ExpressionSpecification {
  return ['literal', [...(c.dash ?? [1, 0])]] as ExpressionSpecification;
}

/** Categories each given the next palette colour, in the order given. */
export function paletteClasses(values: readonly string[], palette: readonly string[], fallbackColor: string): StyleClass[] {
  return values.map((value, i) => ({ key: value, values: [value], labelZh: value, labelEn: value, color: palette[i % palette.length] ?? fallbackColor }));
}

/** `n` colours from `from` to `to` (#rrggbb), evenly spaced in RGB; one colour is `to`. */
export function colorRamp(from: string, to: string, n: number): string[] {
  const a = rgb(from);
  const b = rgb(to);
  return Array.from({ length: n }, (_, i) => {
    const t = n === 1 ? 1 : i / (n - 1);
    return `#${a.map((c, k) => Math.round(c + ((b[k] as number) - c) * t).toString(16).padStart(2, '0')).join('')}`;
  });
}

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
