import { HATCH_GAP_ALPHA, HATCH_STRIPE_PX, HATCH_TILE_PX } from '../../map/layer-style/hatch.js';

/**
 * The map's hatch (layer-style/hatch.ts: "/" stripes of the colour every HATCH_TILE_PX along
 * x + y, over a faint tint of it) as a CSS background, for a legend swatch that looks the same.
 * A gradient, not an image: drawing a canvas and encoding it as PNG per colour cost the page's
 * start-up more than half a second in SwiftShader.
 */
export function hatchBackground(color: string): string {
  // Along the gradient line (135°: right and down), the period and the stripe are the x + y ones over √2.
  const period = HATCH_TILE_PX / Math.SQRT2;
  const stripe = HATCH_STRIPE_PX / Math.SQRT2;
  const tint = `${color}${Math.round(HATCH_GAP_ALPHA * 255).toString(16).padStart(2, '0')}`;
  return `repeating-linear-gradient(135deg, ${color} 0 ${stripe.toFixed(2)}px, ${tint} ${stripe.toFixed(2)}px ${period.toFixed(2)}px)`;
}
