import { hatchImage } from '../../map/layer-style/hatch.js';

const cache = new Map<string, string>();

/** The map's hatch image of a colour as a data URL, for a legend swatch that looks the same. */
export function hatchDataUrl(color: string): string {
  const cached = cache.get(color);
  if (cached !== undefined) return cached;
  const image = hatchImage(color, 1);
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return '';
  ctx.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
  const url = canvas.toDataURL('image/png');
  cache.set(color, url);
  return url;
}
