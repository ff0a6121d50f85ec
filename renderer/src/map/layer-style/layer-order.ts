import type { LayerId } from '../../../../shared/api/layers.js';

/** Top of the panel list is top of the drawing order, as in QGIS. The basemap is always last. */
export const DEFAULT_ORDER: readonly LayerId[] = ['projects', 'transport', 'key_blocks', 'platforms', 'parcels', 'renewal_zones'];

/** A saved order made whole: unknown or repeated ids dropped, missing layers put back at their default place. */
export function normalizeOrder(saved: readonly LayerId[] | undefined): LayerId[] {
  const order: LayerId[] = [];
  for (const id of saved ?? []) if (DEFAULT_ORDER.includes(id) && !order.includes(id)) order.push(id);
  for (const id of DEFAULT_ORDER) {
    if (order.includes(id)) continue;
    // After the layer that precedes it by default, or first.
    const before = DEFAULT_ORDER.slice(0, DEFAULT_ORDER.indexOf(id)).reverse().find((p) => order.includes(p));
    order.splice(before ? order.indexOf(before) + 1 : 0, 0, id);
  }
  return order;
}

/** The order with `layer` moved one place up (-1) or down (+1); unchanged at the ends. */
export function moveLayer(order: readonly LayerId[], layer: LayerId, step: -1 | 1): LayerId[] {
  const next = [...order];
  const i = next.indexOf(layer);
  const j = i + step;
  if (i < 0 || j < 0 || j >= next.length) return next;
  [next[i], next[j]] = [next[j] as LayerId, next[i] as LayerId];
  return next;
}

/**
 * The `moveLayer(id, beforeId)` calls that stack `groups` (style layer ids, bottom group first)
 * contiguously, in that order, just under the first other layer above the lowest of them (the
 * labels, overlays), which keep their places. No calls when already so.
 */
export function planLayerMoves(current: readonly string[], groupsBottomToTop: readonly (readonly string[])[]): Array<[string, string | undefined]> {
  const wanted = groupsBottomToTop.flat().filter((id) => current.includes(id));
  if (wanted.length === 0) return [];
  const members = new Set(wanted);
  const top = Math.max(...wanted.map((id) => current.indexOf(id)));
  const bottom = Math.min(...wanted.map((id) => current.indexOf(id)));
  // The first other layer above the lowest member (labels, overlays): the block goes under it,
  // even if a member (a basemap added late) was put above it.
  const anchor = current.slice(bottom + 1).find((id) => !members.has(id));
  // Already in place: the members appear in the wanted order, with nothing else between them.
  const first = current.indexOf(wanted[0] as string);
  if (current.slice(first, top + 1).join('\u0000') === wanted.join('\u0000')) return [];
  const moves: Array<[string, string | undefined]> = [];
  for (let i = wanted.length - 1; i >= 0; i--) moves.push([wanted[i] as string, wanted[i + 1] ?? anchor]);
  return moves;
}
