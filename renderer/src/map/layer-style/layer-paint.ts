import type { ExpressionSpecification } from 'maplibre-gl';
import { classMatch, dashValue, type ClassedStyle } from './classes.js';
import { hatchImageId } from './hatch.js';

/**
 * Paint values derived from the class definitions — the only way the map gets its class colours,
 * so the legend (built from the same definitions) always matches.
 */
export function fillColor(style: ClassedStyle): string | ExpressionSpecification {
  return classMatch(style, (c) => c.color);
}

export const lineColor = fillColor;

export function lineDash(style: ClassedStyle): ExpressionSpecification {
  return classMatch(style, dashValue);
}

export function lineWidth(style: ClassedStyle, otherwise = 2): number | ExpressionSpecification {
  return classMatch(style, (c) => c.width ?? otherwise);
}

/** The hatch image of each class's colour (hatch.ts; made on demand by the map presenter). */
export function hatchPattern(style: ClassedStyle): string | ExpressionSpecification {
  return classMatch(style, (c) => hatchImageId(c.color));
}
