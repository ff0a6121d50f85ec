import type { Page } from '@playwright/test';
import { DEFAULT_SETTINGS } from '../../shared/domain/vocabulary.js';

/** The map colour of a parcel status in a new project's settings (black for an unknown status). */
export const statusColor = (value: string): string => DEFAULT_SETTINGS.statuses.find((s) => s.value === value)?.color ?? '#000000';

/** Counts of screenshot pixels by hue class, decoded in the page (no PNG library needed). */
export interface HueCounts {
  total: number;
  byTarget: Record<string, number>;
}

/**
 * Takes a real screenshot of `selector` and counts the pixels whose hue is within ±tolerance° of
 * each target colour's hue and that are saturated (s > 0.25). Hue survives the fill's alpha blend
 * over the light background, so the test needs no knowledge of opacities.
 */
export async function countHues(page: Page, selector: string, targets: Record<string, string>, toleranceDeg = 10): Promise<HueCounts> {
  return countHuesInPng(page, await page.locator(selector).screenshot(), targets, toleranceDeg);
}

/** The same count over a rectangle of the page (CSS px), e.g. a few pixels around one parcel. */
export async function countHuesInClip(
  page: Page,
  clip: { x: number; y: number; width: number; height: number },
  targets: Record<string, string>,
  toleranceDeg = 10,
): Promise<HueCounts> {
  return countHuesInPng(page, await page.screenshot({ clip }), targets, toleranceDeg);
}

async function countHuesInPng(page: Page, png: Buffer, targets: Record<string, string>, toleranceDeg: number): Promise<HueCounts> {
  return page.evaluate(
    async ({ b64, targets, tol }) => {
      const hsl = (r: number, g: number, b: number): [number, number] => {
        const max = Math.max(r, g, b) / 255;
        const min = Math.min(r, g, b) / 255;
        const l = (max + min) / 2;
        const d = max - min;
        if (d === 0) return [0, 0];
        const s = d / (1 - Math.abs(2 * l - 1));
        let h: number;
        const rn = r / 255;
        const gn = g / 255;
        const bn = b / 255;
        if (max === rn) h = ((gn - bn) / d) % 6;
        else if (max === gn) h = (bn - rn) / d + 2;
        else h = (rn - gn) / d + 4;
        return [(h * 60 + 360) % 360, s];
      };
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, img.width, img.height).data;
      const wanted = Object.entries(targets).map(([name, hex]) => {
        const n = parseInt(hex.slice(1), 16);
        return { name, hue: hsl((n >> 16) & 255, (n >> 8) & 255, n & 255)[0] };
      });
      const byTarget: Record<string, number> = Object.fromEntries(wanted.map((w) => [w.name, 0]));
      for (let i = 0; i < data.length; i += 4) {
        const [h, s] = hsl(data[i] as number, data[i + 1] as number, data[i + 2] as number);
        if (s < 0.25) continue;
        for (const w of wanted) {
          const dh = Math.min(Math.abs(h - w.hue), 360 - Math.abs(h - w.hue));
          if (dh <= tol) byTarget[w.name] = (byTarget[w.name] ?? 0) + 1;
        }
      }
      return { total: img.width * img.height, byTarget };
    },
    { b64: png.toString('base64'), targets, tol: toleranceDeg },
  );
}
