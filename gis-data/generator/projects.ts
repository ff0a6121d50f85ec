/**
 * Major manufacturing projects (重大制造业项目) as points inside the platforms. By year end ten
 * projects of ≥ 10 亿元 land in 2023 (goal: 8), one ≥ 50 亿元 and one ≥ 100 亿元; six of them by
 * 2023-08-01. A few smaller ones and one landed in 2022 test the tally's filters.
 */
import type { FeatureInput } from '../../electron/core/project/types.js';
import { randomPointIn, toLonLat } from './geometry.js';
import { nearestTown } from './places.js';
import { Rng } from './prng.js';
import type { PlatformShape } from './zones.js';

interface ProjectDef {
  name: string;
  industry: string;
  investmentYi: number;
  landedOn: string;
  platform: string;
}

const PROJECT_DEFS: readonly ProjectDef[] = [
  { name: '年产20GWh先进电池及储能系统项目', industry: '新能源储能', investmentYi: 120, landedOn: '2023-03-18', platform: '先进电池及储能产业园' },
  { name: '高端电动工具智能制造基地项目', industry: '电动工具', investmentYi: 55, landedOn: '2023-05-09', platform: '国家级经济开发区' },
  { name: '新能源汽车核心零部件项目', industry: '汽车零部件', investmentYi: 32, landedOn: '2023-02-21', platform: '省万亩千亿新兴产业平台' },
  { name: '智能门业数字化工厂项目', industry: '门业', investmentYi: 15, landedOn: '2023-04-12', platform: '国家级经济开发区' },
  { name: '园林机械智能工厂项目', industry: '林草装备', investmentYi: 12, landedOn: '2023-06-28', platform: '国家林草装备科创园' },
  { name: '现代农业装备整机制造项目', industry: '农业装备', investmentYi: 18, landedOn: '2023-07-15', platform: '省级现代农业装备高新区' },
  { name: '智能厨具产业化项目', industry: '厨具', investmentYi: 11, landedOn: '2023-08-22', platform: '中兴智造园' },
  { name: '高端不锈钢新材料项目', industry: '金属材料', investmentYi: 13.5, landedOn: '2023-09-06', platform: '省万亩千亿新兴产业平台' },
  { name: '电动车整车智能制造项目', industry: '电动车', investmentYi: 22, landedOn: '2023-10-19', platform: '国家级经济开发区' },
  { name: '智能家居五金项目', industry: '五金', investmentYi: 10.5, landedOn: '2023-11-23', platform: '中兴智造园' },
  { name: '精密模具产业化项目', industry: '模具', investmentYi: 6, landedOn: '2023-05-20', platform: '国家级经济开发区' },
  { name: '休闲用品智能制造项目', industry: '休闲用品', investmentYi: 8.8, landedOn: '2023-08-15', platform: '省级现代农业装备高新区' },
  { name: '储能电池PACK生产线项目', industry: '新能源储能', investmentYi: 16, landedOn: '2022-11-10', platform: '先进电池及储能产业园' },
];

export function projectFeatures(seed: number, platforms: readonly PlatformShape[]): FeatureInput[] {
  const rng = new Rng(seed, 'projects');
  return PROJECT_DEFS.map((def, i) => {
    const platform = platforms.find((p) => p.name === def.platform);
    if (!platform) throw new Error(`unknown platform ${def.platform}`);
    // Keep points well inside the platform, away from its edge.
    const inner = platform.ring.map((p) => [platform.center[0] + (p[0] - platform.center[0]) * 0.7, platform.center[1] + (p[1] - platform.center[1]) * 0.7] as const);
    const at = randomPointIn(rng, inner);
    return {
      geometry: { type: 'Point', coordinates: toLonLat(at) },
      properties: {
        code: `XM${String(i + 1).padStart(2, '0')}`,
        name: def.name,
        industry: def.industry,
        investment_yi: def.investmentYi,
        landed_on: def.landedOn,
        town: nearestTown(at),
      },
    };
  });
}
