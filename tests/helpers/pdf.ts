import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** poppler-utils (pdftotext, pdfinfo, pdftoppm): an independent reader of the PDFs we write. */
export function pdfText(file: string, opts: { raw?: boolean; layout?: boolean; first?: number; last?: number } = {}): string {
  const args = [
    ...(opts.raw ? ['-raw'] : []),
    ...(opts.layout ? ['-layout'] : []),
    ...(opts.first ? ['-f', String(opts.first)] : []),
    ...(opts.last ? ['-l', String(opts.last)] : []),
    file,
    '-',
  ];
  return execFileSync('pdftotext', args, { encoding: 'utf8', maxBuffer: 1 << 26 });
}

export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m?.[1] && m[2] !== undefined) info[m[1].trim()] = m[2].trim();
  }
  return info;
}

/** An RGB raster: width × height × 3 bytes. */
export interface Raster {
  width: number;
  height: number;
  rgb: Uint8Array;
}

/** Renders one page with `pdftoppm -r DPI` (binary PPM, decoded here: no PNG library needed). */
export function pdfPageRaster(file: string, page: number, dpi: number): Raster {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landplanner-ppm-'));
  try {
    const base = path.join(dir, 'page');
    execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, base]);
    return decodePpm(fs.readFileSync(`${base}.ppm`));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Binary PPM (P6, maxval 255). */
export function decodePpm(bytes: Buffer): Raster {
  let pos = 0;
  const token = (): string => {
    while (pos < bytes.length) {
      const c = bytes[pos] as number;
      if (c === 0x23) while (pos < bytes.length && bytes[pos] !== 0x0a) pos++;
      else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
    const start = pos;
    while (pos < bytes.length && ![0x20, 0x0a, 0x0d, 0x09].includes(bytes[pos] as number)) pos++;
    return bytes.subarray(start, pos).toString('latin1');
  };
  if (token() !== 'P6') throw new Error('not a binary PPM');
  const width = Number(token());
  const height = Number(token());
  const max = Number(token());
  if (max !== 255) throw new Error(`PPM maxval ${max}`);
  pos++;
  return { width, height, rgb: new Uint8Array(bytes.subarray(pos, pos + width * height * 3)) };
}

function hueSat(r: number, g: number, b: number): [number, number] {
  const max = Math.max(r, g, b) / 255;
  const min = Math.min(r, g, b) / 255;
  const d = max - min;
  if (d === 0) return [0, 0];
  const l = (max + min) / 2;
  const s = d / (1 - Math.abs(2 * l - 1));
  const [rn, gn, bn] = [r / 255, g / 255, b / 255];
  let h: number;
  if (max === rn) h = ((gn - bn) / d) % 6;
  else if (max === gn) h = (bn - rn) / d + 2;
  else h = (rn - gn) / d + 4;
  return [(h * 60 + 360) % 360, s];
}

/**
 * Pixels of a rectangle whose hue is within ±tolerance° of each target colour's and that are
 * saturated (s > 0.25): hue survives the fill's alpha blend over the light background (the idea
 * of tests/e2e/pixels.ts, over a raster poppler made). `distinct` counts the colours seen at all.
 */
export function countHues(
  raster: Raster,
  rect: { x: number; y: number; width: number; height: number },
  targets: Record<string, string>,
  toleranceDeg = 8,
): { total: number; byTarget: Record<string, number>; saturated: number; distinct: number } {
  const wanted = Object.entries(targets).map(([name, hex]) => {
    const n = parseInt(hex.slice(1), 16);
    return { name, hue: hueSat((n >> 16) & 255, (n >> 8) & 255, n & 255)[0] };
  });
  const byTarget: Record<string, number> = Object.fromEntries(wanted.map((w) => [w.name, 0]));
  const colours = new Set<number>();
  let saturated = 0;
  let total = 0;
  for (let y = Math.max(0, rect.y); y < Math.min(raster.height, rect.y + rect.height); y++) {
    for (let x = Math.max(0, rect.x); x < Math.min(raster.width, rect.x + rect.width); x++) {
      const i = (y * raster.width + x) * 3;
      const [r, g, b] = [raster.rgb[i] as number, raster.rgb[i + 1] as number, raster.rgb[i + 2] as number];
      total++;
      colours.add((r << 16) | (g << 8) | b);
      const [h, s] = hueSat(r, g, b);
      if (s < 0.25) continue;
      saturated++;
      for (const w of wanted) {
        const dh = Math.min(Math.abs(h - w.hue), 360 - Math.abs(h - w.hue));
        if (dh <= toleranceDeg) byTarget[w.name] = (byTarget[w.name] ?? 0) + 1;
      }
    }
  }
  return { total, byTarget, saturated, distinct: colours.size };
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.subarray(1, 4).toString('latin1') !== 'PNG' || bytes.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
