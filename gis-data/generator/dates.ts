/** Calendar helpers on YYYY-MM-DD strings (UTC, no clock reads). */
import type { Rng } from './prng.js';

const DAY_MS = 86_400_000;

function toMs(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function fromMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromMs(toMs(iso) + days * DAY_MS);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toMs(b) - toMs(a)) / DAY_MS);
}

/**
 * A random date in [from, to] (both included). `skew` > 1 leans towards the end of the window,
 * < 1 towards its start.
 */
export function randomDate(rng: Rng, from: string, to: string, skew = 1): string {
  const span = daysBetween(from, to);
  if (span < 0) throw new Error(`empty date window ${from} … ${to}`);
  const u = Math.pow(rng.float(), 1 / skew);
  return addDays(from, Math.min(span, Math.floor(u * (span + 1))));
}

/** The later of two ISO dates. */
export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
