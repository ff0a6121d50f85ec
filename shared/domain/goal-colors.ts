import { DEFAULT_GOAL_THRESHOLDS, GOAL_STATUSES, type GoalStatus, type GoalThresholds } from './goals.js';

/**
 * Goal colours are a setting because they mean opposite things in different offices (DESIGN §4):
 * a traffic light by default, or the plan's 全年红 convention where red marks success. Whatever
 * the scheme, the legend is shown with it on screen and in print.
 */
export const GOAL_COLOR_SCHEMES = ['traffic', 'quannianhong'] as const;
export type GoalColorScheme = (typeof GOAL_COLOR_SCHEMES)[number];

const COLORS: Record<GoalColorScheme, Record<GoalStatus, string>> = {
  traffic: { met: '#1b5e20', on_track: '#43a047', behind: '#f9a825', far_behind: '#c62828' },
  quannianhong: { met: '#c62828', on_track: '#e57373', behind: '#9e9e9e', far_behind: '#424242' },
};

export const GOAL_SCHEME_LABELS: Record<GoalColorScheme, { zh: string; en: string }> = {
  traffic: { zh: '红绿灯(绿色表示达标)', en: 'Traffic light (green is on schedule)' },
  quannianhong: { zh: '全年红(红色表示完成)', en: 'Full-year red (red marks success)' },
};

/** Short status names for cards and tables. */
export const GOAL_STATUS_LABELS: Record<GoalStatus, { zh: string; en: string }> = {
  met: { zh: '已完成', en: 'Met' },
  on_track: { zh: '符合序时', en: 'On track' },
  behind: { zh: '滞后', en: 'Behind' },
  far_behind: { zh: '严重滞后', en: 'Far behind' },
};

export interface GoalLegendItem {
  status: GoalStatus;
  color: string;
  labelZh: string;
  labelEn: string;
}

export function goalColor(status: GoalStatus, scheme: GoalColorScheme): string {
  return COLORS[scheme][status];
}

function points(fraction: number): string {
  return String(Math.round(fraction * 1000) / 10);
}

/** The legend, in status order, with the rule behind each colour (the threshold as set). */
export function goalLegend(scheme: GoalColorScheme, thresholds: GoalThresholds = DEFAULT_GOAL_THRESHOLDS): GoalLegendItem[] {
  const p = points(thresholds.behindPoints);
  const rule: Record<GoalStatus, { zh: string; en: string }> = {
    met: { zh: '进度 ≥ 100%', en: 'progress ≥ 100 %' },
    on_track: { zh: '进度 ≥ 序时进度', en: 'progress ≥ time progress' },
    behind: { zh: `落后序时 ≤ ${p} 个百分点`, en: `≤ ${p} points behind time progress` },
    far_behind: { zh: `落后序时 > ${p} 个百分点`, en: `> ${p} points behind time progress` },
  };
  return GOAL_STATUSES.map((status) => ({
    status,
    color: goalColor(status, scheme),
    labelZh: `${GOAL_STATUS_LABELS[status].zh}(${rule[status].zh})`,
    labelEn: `${GOAL_STATUS_LABELS[status].en} (${rule[status].en})`,
  }));
}
