import type { BBox } from '../../../shared/api/geojson.js';

/**
 * The union of boxes, null for none. A loop, not Math.min(...boxes): a drill-down or a bulk edit
 * can name 100,000 parcels, more arguments than a call takes.
 */
export function unionOf(boxes: Iterable<BBox>): BBox | null {
  let u: [number, number, number, number] | null = null;
  for (const b of boxes) {
    if (!u) u = [b[0], b[1], b[2], b[3]];
    else {
      if (b[0] < u[0]) u[0] = b[0];
      if (b[1] < u[1]) u[1] = b[1];
      if (b[2] > u[2]) u[2] = b[2];
      if (b[3] > u[3]) u[3] = b[3];
    }
  }
  return u;
}
