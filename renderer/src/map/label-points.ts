import type { Feature, FeatureCollection, Geometry } from '../../../shared/api/geojson.js';

type Ring = readonly (readonly number[])[];

/**
 * One label point per polygon feature. maplibre places a polygon's label once per tile the polygon
 * is cut into, so a large platform got its name three times; a point source labels it once.
 * The point is inside the feature's largest part: its centroid when that lies inside, otherwise
 * the middle of the widest span of a horizontal line through the centroid. Display only — planar
 * lon/lat arithmetic is fine here and never used for figures.
 */
export function labelPoints(collection: FeatureCollection, property = 'name'): FeatureCollection {
  const features: Feature[] = [];
  for (const feature of collection.features) {
    const point = labelPoint(feature.geometry);
    const label = feature.properties[property];
    if (!point || label === null || label === undefined || label === '') continue;
    features.push({
      type: 'Feature',
      id: feature.id,
      geometry: { type: 'Point', coordinates: point },
      properties: { [property]: label },
    });
  }
  return { type: 'FeatureCollection', features };
}

export function labelPoint(geometry: Geometry): [number, number] | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  let best: Ring | null = null;
  let bestArea = 0;
  for (const polygon of polygons) {
    const outer = polygon[0];
    if (!outer) continue;
    const area = Math.abs(signedArea(outer));
    if (area > bestArea) {
      best = outer;
      bestArea = area;
    }
  }
  if (!best) return null;
  const centroid = ringCentroid(best);
  if (centroid && inside(centroid, best)) return centroid;
  const y = centroid?.[1] ?? best[0]?.[1];
  return y === undefined ? null : widestSpanMiddle(best, y);
}

function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    sum += xj * yi - xi * yj;
  }
  return sum / 2;
}

function ringCentroid(ring: Ring): [number, number] | null {
  let cx = 0;
  let cy = 0;
  let twiceArea = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    const cross = xj * yi - xi * yj;
    twiceArea += cross;
    cx += (xj + xi) * cross;
    cy += (yj + yi) * cross;
  }
  if (twiceArea === 0) return null;
  return [cx / (3 * twiceArea), cy / (3 * twiceArea)];
}

function inside([x, y]: readonly number[], ring: Ring): boolean {
  if (x === undefined || y === undefined) return false;
  let within = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) within = !within;
  }
  return within;
}

function widestSpanMiddle(ring: Ring, y: number): [number, number] | null {
  const xs: number[] = [];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
  }
  xs.sort((a, b) => a - b);
  let best: [number, number] | null = null;
  let widest = -1;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    const a = xs[k] ?? 0;
    const b = xs[k + 1] ?? 0;
    if (b - a > widest) {
      widest = b - a;
      best = [(a + b) / 2, y];
    }
  }
  return best;
}
