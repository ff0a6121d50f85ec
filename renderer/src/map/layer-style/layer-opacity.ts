import type { ExpressionSpecification } from 'maplibre-gl';

/** The paint properties that make a style layer of each type transparent. */
export const OPACITY_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  fill: ['fill-opacity'],
  line: ['line-opacity'],
  circle: ['circle-opacity', 'circle-stroke-opacity'],
  symbol: ['text-opacity', 'icon-opacity'],
  raster: ['raster-opacity'],
  background: ['background-opacity'],
  'fill-extrusion': ['fill-extrusion-opacity'],
};

type Value = number | ExpressionSpecification;

/**
 * A layer's styled opacity (`base`, undefined = maplibre's default 1) times the panel's `k`.
 * A zoom curve must stay the outermost expression, so its stops are scaled one by one; any other
 * expression is multiplied as a whole.
 */
export function scaleOpacity(base: unknown, k: number): Value {
  if (base === undefined || base === null) return k;
  if (typeof base === 'number') return round(base * k);
  if (k === 1) return base as ExpressionSpecification;
  if (!Array.isArray(base)) return k;
  const expr = base as unknown[];
  const head = expr[0];
  if ((head === 'interpolate' || head === 'step') && isZoom(expr[head === 'interpolate' ? 2 : 1])) {
    const firstOutput = head === 'interpolate' ? 4 : 2;
    const scaled = expr.map((part, i) => {
      const isOutput = head === 'interpolate' ? i >= firstOutput && (i - firstOutput) % 2 === 0 : i === 2 || (i > 2 && i % 2 === 0);
      return isOutput ? scaleOpacity(part, k) : part;
    });
    return scaled as ExpressionSpecification;
  }
  return ['*', k, base as ExpressionSpecification];
}

function isZoom(input: unknown): boolean {
  return Array.isArray(input) && input[0] === 'zoom';
}

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
