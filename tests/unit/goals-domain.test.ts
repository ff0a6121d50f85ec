import { describe, expect, it } from 'vitest';
import { GoalSetInput, GoalsInput, IsoDate } from '../../shared/api/goals.js';
import { Settings } from '../../shared/api/settings.js';
import { GOAL_STATUS_LABELS, goalColor, goalLegend } from '../../shared/domain/goal-colors.js';
import { measuredGoal, unitFactor } from '../../shared/domain/goal-keys.js';
import {
  dayOfYear,
  daysInYear,
  goalProgress,
  goalStatus,
  goalSummary,
  isIsoDate,
  localIsoDate,
  nextDay,
  timeProgress,
  yearToDateRange,
} from '../../shared/domain/goals.js';
import { DEFAULT_SETTINGS } from '../../shared/domain/vocabulary.js';

describe('time progress (序时进度) = days elapsed including the as-of day / days in the year', () => {
  it('is 1/365 on 1 January and 1 on 31 December of a common year', () => {
    expect(timeProgress('2023-01-01', 2023)).toBe(1 / 365);
    expect(timeProgress('2023-12-31', 2023)).toBe(1);
    expect(timeProgress('2023-08-01', 2023)).toBe(213 / 365);
    expect(dayOfYear('2023-03-01')).toBe(60);
  });

  it('counts 366 days in a leap year: 29 February 2024 is day 60', () => {
    expect(daysInYear(2024)).toBe(366);
    expect(daysInYear(2023)).toBe(365);
    expect(daysInYear(2000)).toBe(366);
    expect(daysInYear(1900)).toBe(365);
    expect(timeProgress('2024-01-01', 2024)).toBe(1 / 366);
    expect(timeProgress('2024-02-29', 2024)).toBe(60 / 366);
    expect(timeProgress('2024-03-01', 2024)).toBe(61 / 366);
    expect(timeProgress('2024-12-31', 2024)).toBe(1);
    expect(dayOfYear('2024-12-31')).toBe(366);
  });

  it('is 0 for an as-of date before the year and 1 after it', () => {
    expect(timeProgress('2022-12-31', 2023)).toBe(0);
    expect(timeProgress('1999-06-30', 2023)).toBe(0);
    expect(timeProgress('2024-01-01', 2023)).toBe(1);
    expect(timeProgress('2030-06-30', 2023)).toBe(1);
  });

  it('refuses dates that do not exist', () => {
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-13-01')).toBe(false);
    expect(isIsoDate('2023-8-1')).toBe(false);
    expect(isIsoDate('0099-01-01')).toBe(true);
    expect(() => timeProgress('2023-02-29', 2023)).toThrow(RangeError);
    expect(IsoDate.safeParse('2023-02-30').success).toBe(false);
    expect(GoalsInput.safeParse({ year: 2023, asOf: '2023-08-01' }).success).toBe(true);
    expect(GoalsInput.safeParse({ year: 2023, asOf: '2023/08/01' }).success).toBe(false);
  });

  it('measures the year to the as-of day inclusive as a half-open range, never past 31 December', () => {
    expect(yearToDateRange(2023, '2023-08-01')).toEqual({ from: '2023-01-01', before: '2023-08-02' });
    expect(yearToDateRange(2023, '2023-12-31')).toEqual({ from: '2023-01-01', before: '2024-01-01' });
    expect(yearToDateRange(2023, '2025-05-05')).toEqual({ from: '2023-01-01', before: '2024-01-01' });
    const before = yearToDateRange(2023, '2022-06-30');
    expect(before.before <= before.from).toBe(true); // empty
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2023-02-28')).toBe('2023-03-01');
    expect(nextDay('2023-12-31')).toBe('2024-01-01');
  });

  it('takes the local calendar date of "now" as the default as-of date', () => {
    expect(localIsoDate(new Date(2023, 7, 1, 23, 59))).toBe('2023-08-01');
    expect(localIsoDate(new Date(2024, 0, 1, 0, 0))).toBe('2024-01-01');
  });
});

describe('goal status at the boundaries', () => {
  const tps = [1 / 365, 0.25, 213 / 365, 0.6, 0.7, 0.8, 0.9, 60 / 366];

  it('progress exactly equal to time progress is on track', () => {
    for (const tp of tps) expect(goalStatus(tp, tp), String(tp)).toBe('on_track');
    // As computed from data: 3 of 365 parts achieved on day 3.
    expect(goalStatus(goalProgress(3, 365), timeProgress('2023-01-03', 2023))).toBe('on_track');
  });

  it('exactly 10 points behind is behind; 10.01 points is far behind', () => {
    for (const tp of tps.filter((t) => t >= 0.2)) {
      expect(goalStatus(tp - 0.1, tp), String(tp)).toBe('behind');
      expect(goalStatus(tp - 0.1001, tp), String(tp)).toBe('far_behind');
    }
    // The classic floating-point trap: 0.8 − 0.7 = 0.10000000000000009.
    expect(goalStatus(0.7, 0.8)).toBe('behind');
    expect(goalStatus(0.5999, 0.6)).toBe('behind');
  });

  it('progress ≥ 1 is met, whatever the time progress', () => {
    expect(goalStatus(1, 1)).toBe('met');
    expect(goalStatus(1, 0.2)).toBe('met');
    expect(goalStatus(1.37, 0.5)).toBe('met');
    expect(goalStatus(goalProgress(8.5 + 12 + 9.3 + 6.2 + 10 + 4, 50), 1)).toBe('met');
    expect(goalStatus(0.999, 1)).toBe('behind');
    expect(goalStatus(0.85, 1)).toBe('far_behind');
  });

  it('uses the editable threshold', () => {
    expect(goalStatus(0.5, 0.58, { behindPoints: 0.05 })).toBe('far_behind');
    expect(goalStatus(0.55, 0.58, { behindPoints: 0.05 })).toBe('behind');
    expect(goalStatus(0.3, 0.58, { behindPoints: 0.3 })).toBe('behind');
    expect(goalStatus(0.57, 0.58, { behindPoints: 0 })).toBe('far_behind');
    expect(goalStatus(0, 0)).toBe('on_track'); // before the year starts nothing is due
  });

  it('progress is a fraction; a goal without a positive target counts as met', () => {
    expect(goalProgress(29, 50)).toBe(0.58);
    expect(goalProgress(3, 0)).toBe(1);
  });

  it('the 全年红 summary counts met and on-track goals', () => {
    expect(goalSummary(['met', 'on_track', 'behind', 'far_behind', 'on_track'])).toEqual({ metOrOnTrack: 3, total: 5 });
    expect(goalSummary([])).toEqual({ metOrOnTrack: 0, total: 0 });
  });
});

describe('goal colours and legend', () => {
  it('traffic light: green for met and on track, amber behind, red far behind', () => {
    expect(goalColor('met', 'traffic')).toBe('#1b5e20');
    expect(goalColor('on_track', 'traffic')).toBe('#43a047');
    expect(goalColor('behind', 'traffic')).toBe('#f9a825');
    expect(goalColor('far_behind', 'traffic')).toBe('#c62828');
  });

  it('全年红: red marks success, grey what is behind', () => {
    expect(goalColor('met', 'quannianhong')).toBe('#c62828');
    expect(goalColor('on_track', 'quannianhong')).toBe('#e57373');
    expect(goalColor('behind', 'quannianhong')).toBe('#9e9e9e');
    expect(goalColor('far_behind', 'quannianhong')).toBe('#424242');
    // The same red means opposite things in the two schemes: the legend is not optional.
    expect(goalColor('met', 'quannianhong')).toBe(goalColor('far_behind', 'traffic'));
  });

  it('the legend lists every status in order, in Chinese and English, with the threshold as set', () => {
    for (const scheme of ['traffic', 'quannianhong'] as const) {
      const legend = goalLegend(scheme);
      expect(legend.map((l) => l.status)).toEqual(['met', 'on_track', 'behind', 'far_behind']);
      for (const l of legend) {
        expect(l.color).toBe(goalColor(l.status, scheme));
        expect(l.labelZh).toContain(GOAL_STATUS_LABELS[l.status].zh);
        expect(l.labelEn).toContain(GOAL_STATUS_LABELS[l.status].en);
      }
      expect(legend[2]?.labelZh).toContain('10 个百分点');
    }
    expect(goalLegend('traffic', { behindPoints: 0.05 })[3]?.labelEn).toContain('> 5 points');
  });

  it('the thresholds are a setting with a 10-point default', () => {
    expect(DEFAULT_SETTINGS.goalThresholds).toEqual({ behindPoints: 0.1 });
    expect(Settings.safeParse({ ...DEFAULT_SETTINGS, goalThresholds: { behindPoints: 1.5 } }).success).toBe(false);
    expect(Settings.safeParse({ ...DEFAULT_SETTINGS, goalThresholds: { behindPoints: 0.05 } }).success).toBe(true);
  });
});

describe('goal keys and units', () => {
  it('knows the measured keys of the 2023 plan and transport milestones', () => {
    expect(measuredGoal('remediated_industrial_land')?.unit).toBe('亩');
    expect(measuredGoal('state_standard_factory_floor')?.unit).toBe('m²');
    expect(measuredGoal('transport_milestones')?.unit).toBe('个');
    expect(measuredGoal('my_own_metric')).toBeUndefined();
  });

  it('converts within a dimension only', () => {
    expect(unitFactor('亩', 'm²')).toBeCloseTo(10000 / 15, 12);
    expect(unitFactor('m²', '亩')).toBeCloseTo(0.0015, 15);
    expect(unitFactor('亩', '公顷')).toBeCloseTo(1 / 15, 15);
    expect(unitFactor('万元', '亿元')).toBe(1e-4);
    expect(unitFactor('亩', '亿元')).toBeNull();
    expect(unitFactor('件', '件')).toBe(1);
    expect(unitFactor('件', '个')).toBeNull();
  });

  it('validates goal definitions: target > 0, a sane year, an identifier key', () => {
    const ok = { year: 2024, key: 'remediated_industrial_land', target: 6000 };
    expect(GoalSetInput.safeParse(ok).success).toBe(true);
    expect(GoalSetInput.safeParse({ ...ok, target: 0 }).success).toBe(false);
    expect(GoalSetInput.safeParse({ ...ok, target: -5 }).success).toBe(false);
    expect(GoalSetInput.safeParse({ ...ok, target: Number.POSITIVE_INFINITY }).success).toBe(false);
    expect(GoalSetInput.safeParse({ ...ok, year: 1800 }).success).toBe(false);
    expect(GoalSetInput.safeParse({ ...ok, year: 2023.5 }).success).toBe(false);
    expect(GoalSetInput.safeParse({ ...ok, key: '整治' }).success).toBe(false);
    expect(GoalSetInput.safeParse({ ...ok, key: 'a b' }).success).toBe(false);
    expect(GoalSetInput.safeParse({ ...ok, label: '   ' }).success).toBe(false);
  });
});
