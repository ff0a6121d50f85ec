/** The measurable yearly goals of the 2023 plan (shared/domain/README.md). */
export interface GoalDef {
  year: number;
  key: string;
  labelZh: string;
  labelEn: string;
  target: number;
  unit: string;
}

export const GOALS_2023: readonly GoalDef[] = [
  { year: 2023, key: 'remediated_industrial_land', labelZh: '整治低效工业用地', labelEn: 'Inefficient industrial land remediated', target: 5000, unit: '亩' },
  { year: 2023, key: 'transferred_industrial_land', labelZh: '新出让工业用地', labelEn: 'New industrial land transferred', target: 1400, unit: '亩' },
  { year: 2023, key: 'state_standard_factory_floor', labelZh: '新建国资标准厂房', labelEn: 'State-owned standard factory floor built', target: 1_000_000, unit: 'm²' },
  { year: 2023, key: 'urban_renewal_investment', labelZh: '城市更新投资额', labelEn: 'Urban renewal investment', target: 130, unit: '亿元' },
  { year: 2023, key: 'special_bonds', labelZh: '发行专项债券', labelEn: 'Special bonds issued', target: 50, unit: '亿元' },
  { year: 2023, key: 'upgrade_fund', labelZh: '转型升级基金组建', labelEn: 'Transformation and upgrade fund', target: 20, unit: '亿元' },
  { year: 2023, key: 'big_manufacturing_projects', labelZh: '落地10亿元以上制造业项目', labelEn: 'Manufacturing projects over ¥1bn landed', target: 8, unit: '个' },
  { year: 2023, key: 'low_efficiency_blocks', labelZh: '持续整治重点区块', labelEn: 'Key blocks under remediation', target: 18, unit: '个' },
];
