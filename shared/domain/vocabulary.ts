import type { Settings } from '../api/settings.js';

/** Default vocabularies from the 2023 plan (shared/domain/README.md); users can edit them. */
export const DEFAULT_SETTINGS: Settings = {
  locale: 'zh-CN',
  statuses: [
    { value: '未启动', labelEn: 'Not started', done: false, color: '#9e9e9e' },
    { value: '整治中', labelEn: 'In progress', done: false, color: '#f5a623' },
    { value: '已完成', labelEn: 'Completed', done: true, color: '#2e7d32' },
    { value: '已验收', labelEn: 'Accepted', done: true, color: '#1565c0' },
  ],
  methods: [
    { value: '拆除重建', labelEn: 'Demolish and rebuild' },
    { value: '改造提升', labelEn: 'Renovate and upgrade' },
    { value: '腾退收储', labelEn: 'Vacate and reserve' },
    { value: '出村入园', labelEn: 'Move from village to park' },
    { value: '企业自主改造', labelEn: 'Owner-led renovation' },
  ],
  stages: [
    { value: '前期', labelEn: 'Preliminary' },
    { value: '开工', labelEn: 'Construction started' },
    { value: '在建', labelEn: 'Under construction' },
    { value: '建成通车', labelEn: 'Open to traffic' },
  ],
  basemap: { kind: 'none' },
  goalColors: 'traffic',
  goalThresholds: { behindPoints: 0.1 },
  briefing: { bureau: '永康市自然资源和规划局', city: '永康市' },
};

/** The 14 towns and sub-districts (镇街) of 永康. */
export const TOWNS = [
  '东城街道', '西城街道', '江南街道', '石柱镇', '前仓镇', '象珠镇', '唐先镇',
  '龙山镇', '西溪镇', '芝英镇', '古山镇', '方岩镇', '花街镇', '舟山镇',
] as const;
