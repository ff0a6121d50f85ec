/**
 * Hatched fills (renewal zones by phase) drawn with an image per colour, made in code and added
 * through map.addImage — nothing is fetched. The image's name carries its colour, so a missing
 * image can be made on demand from its name alone (maplibre's `styleimagemissing`).
 */
const PREFIX = 'hatch-';

/** Logical size of one pattern tile (CSS px) and the stripe period and width along x + y. */
export const HATCH_TILE_PX = 12;
export const HATCH_STRIPE_PX = 2;
/** The tint between the stripes, so a zone still reads as an area. */
export const HATCH_GAP_ALPHA = 0.16;

export function hatchImageId(color: string): string {
  return `${PREFIX}${color.replace('#', '').toLowerCase()}`;
}

/** The colour of a hatch image's name, or null for another image. */
export function hatchColorOf(imageId: string): string | null {
  const m = /^hatch-([0-9a-f]{6})$/.exec(imageId);
  return m ? `#${m[1]}` : null;
}

export interface HatchImage {
  width: number;
  height: number;
  /** RGBA, premultiplied by nothing (straight alpha), as addImage takes it. */
  data: Uint8Array;
  pixelRatio: number;
}

/**
 * Diagonal stripes ("/") of `color` over a faint tint of it. The stripes repeat every tile along
 * x + y, so tiles join seamlessly.
 */
export function hatchImage(color: string, pixelRatio = 2): HatchImage {
  const size = HATCH_TILE_PX * pixelRatio;
  const stripe = HATCH_STRIPE_PX * pixelRatio;
  const n = parseInt(color.slice(1), 16);
  const rgb = [(n >> 16) & 255, (n >> 8) & 255, n & 255] as const;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const on = (x + y) % size < stripe;
      data[i] = rgb[0];
      data[i + 1] = rgb[1];
      data[i + 2] = rgb[2];
      data[i + 3] = on ? 255 : Math.round(HATCH_GAP_ALPHA * 255);
    }
  }
  return { width: size, height: size, data, pixelRatio };
}
