import { execFileSync } from 'node:child_process';
import type { Geometry } from '../../shared/api/geojson.js';

/**
 * Independent area oracle: GeographicLib's C++ `Planimeter` (Debian geographiclib-tools) on the
 * CGCS2000 ellipsoid. Each ring is measured on its own; shells add, holes subtract.
 */
export function planimeterAreasM2(geometries: readonly Geometry[]): number[] {
  const rings: { owner: number; hole: boolean; coords: readonly (readonly number[])[] }[] = [];
  geometries.forEach((g, owner) => {
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    for (const poly of polys) poly.forEach((ring, i) => rings.push({ owner, hole: i > 0, coords: ring }));
  });
  const input = rings
    .map((r) => r.coords.slice(0, -1).map((p) => `${p[1]} ${p[0]}`).join('\n'))
    .join('\nNaN NaN\n');
  const out = execFileSync('Planimeter', ['-e', '6378137', '1/298.257222101', '-p', '12'], {
    input: `${input}\n`,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const areas = out.trim().split('\n').map((line) => Math.abs(Number(line.trim().split(/\s+/)[2])));
  if (areas.length !== rings.length) throw new Error(`Planimeter returned ${areas.length} results for ${rings.length} rings`);
  const totals = geometries.map(() => 0);
  rings.forEach((r, i) => {
    totals[r.owner] = (totals[r.owner] ?? 0) + (r.hole ? -1 : 1) * (areas[i] ?? NaN);
  });
  return totals;
}
