/**
 * Goals against the year's plan (DESIGN §4): progress = achieved / target; time progress (序时进度)
 * = days elapsed / days in the year at the as-of date; status met / on track / behind / far behind.
 * Pure functions: the as-of date is always an argument, never the clock.
 */

export const GOAL_STATUSES = ['met', 'on_track', 'behind', 'far_behind'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** How far behind time progress still counts as "behind" (a fraction: 0.10 = 10 points). */
export interface GoalThresholds {
  behindPoints: number;
}

export const DEFAULT_GOAL_THRESHOLDS: GoalThresholds = { behindPoints: 0.1 };

/**
 * Comparisons tolerate this much, so that a floating-point sum that equals its target (or the
 * time progress) in decimal arithmetic is treated as equal: 0.8 − 0.7 is 0.10000000000000009.
 */
const EPS = 1e-9;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

function parts(date: string): [number, number, number] | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear keeps them as written.
  t.setUTCFullYear(y);
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? [y, mo, d] : null;
}

/** True for a real calendar date written YYYY-MM-DD (2023-02-29 is not one). */
export function isIsoDate(date: string): boolean {
  return parts(date) !== null;
}

function requireDate(date: string): [number, number, number] {
  const p = parts(date);
  if (!p) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return p;
}

/** 1 for 1 January, 365 (366 in a leap year) for 31 December. */
export function dayOfYear(date: string): number {
  const [y, m, d] = requireDate(date);
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / DAY_MS) + 1;
}

/** The calendar day after `date` (YYYY-MM-DD). */
export function nextDay(date: string): string {
  const [y, m, d] = requireDate(date);
  const t = new Date(Date.UTC(y, m - 1, d) + DAY_MS);
  return `${String(t.getUTCFullYear()).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
}

/** The local calendar date of `now` as YYYY-MM-DD (the default as-of date at the boundaries). */
export function localIsoDate(now: Date): string {
  return `${String(now.getFullYear()).padStart(4, '0')}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * Time progress (序时进度) of `year` at `asOf`: the days elapsed including the as-of day, divided
 * by the days in the year — 1/365 on 1 January, 1 on 31 December, 60/366 on 29 February 2024.
 * An as-of date before the year gives 0, after it 1.
 */
export function timeProgress(asOf: string, year: number): number {
  const [y] = requireDate(asOf);
  if (y < year) return 0;
  if (y > year) return 1;
  return dayOfYear(asOf) / daysInYear(year);
}

/**
 * The half-open date range [from, before) that counts toward `year` at `asOf`: from 1 January to
 * the as-of day inclusive, never past 31 December. Empty when the as-of date is before the year.
 * Half-open so that a stored date-time (2023-08-01T10:00) on the as-of day still counts.
 */
export function yearToDateRange(year: number, asOf: string): { from: string; before: string } {
  const yearEnd = `${String(year + 1).padStart(4, '0')}-01-01`;
  const after = nextDay(asOf);
  return { from: `${String(year).padStart(4, '0')}-01-01`, before: after < yearEnd ? after : yearEnd };
}

/** achieved / target as a fraction (0.58, not 58). A goal without a positive target counts as met. */
export function goalProgress(achieved: number, target: number): number {
  return target > 0 ? achieved / target : 1;
}

/**
 * met: progress ≥ 1; on_track: progress ≥ time progress; behind: at most `behindPoints` below
 * time progress (exactly 10 points behind is still "behind"); far_behind: more than that.
 */
export function goalStatus(progress: number, timeProg: number, thresholds: GoalThresholds = DEFAULT_GOAL_THRESHOLDS): GoalStatus {
  if (progress >= 1 - EPS) return 'met';
  if (progress >= timeProg - EPS) return 'on_track';
  if (timeProg - progress <= thresholds.behindPoints + EPS) return 'behind';
  return 'far_behind';
}

/** The 全年红 summary: how many goals are met or on track, of how many. */
export function goalSummary(statuses: readonly GoalStatus[]): { metOrOnTrack: number; total: number } {
  return { metOrOnTrack: statuses.filter((s) => s === 'met' || s === 'on_track').length, total: statuses.length };
}
