/**
 * Illustrative places of 永康 for the sample project: approximate town seats and the word lists
 * names are built from. Positions are plausible, not surveyed (示例数据).
 */
import { TOWNS } from '../../shared/domain/vocabulary.js';
import { distance, fromLonLat, type Xy } from './geometry.js';
import type { Rng } from './prng.js';

export type Town = (typeof TOWNS)[number];

/** Approximate seats of the 14 镇街 (lon, lat). */
const TOWN_SEATS_LONLAT: Record<Town, readonly [number, number]> = {
  东城街道: [120.052, 28.902],
  西城街道: [120.008, 28.899],
  江南街道: [120.034, 28.872],
  石柱镇: [120.098, 28.858],
  前仓镇: [120.135, 28.826],
  象珠镇: [120.105, 28.985],
  唐先镇: [120.142, 29.02],
  龙山镇: [119.962, 28.965],
  西溪镇: [119.925, 28.925],
  芝英镇: [120.105, 28.905],
  古山镇: [120.048, 29.03],
  方岩镇: [120.188, 28.935],
  花街镇: [119.958, 28.828],
  舟山镇: [120.212, 28.872],
};

export interface TownSeat {
  town: Town;
  at: Xy;
}

export const TOWN_SEATS: readonly TownSeat[] = TOWNS.map((town) => {
  const [lon, lat] = TOWN_SEATS_LONLAT[town];
  return { town, at: fromLonLat(lon, lat) };
});

/** The 镇街 whose seat is nearest to a point (local metres). */
export function nearestTown(p: Xy): Town {
  let best = TOWN_SEATS[0]!;
  let bestD = Infinity;
  for (const seat of TOWN_SEATS) {
    const d = distance(p, seat.at);
    if (d < bestD) {
      bestD = d;
      best = seat;
    }
  }
  return best.town;
}

const NAME_SYLLABLES = [
  '金', '华', '鑫', '恒', '盛', '宏', '泰', '瑞', '丰', '达', '隆', '兴', '安', '宝', '康', '利', '源', '昌',
  '通', '美', '佳', '捷', '顺', '诚', '信', '德', '新', '立', '精', '锐', '邦', '豪', '凯', '力', '腾', '远',
  '博', '创', '汇', '正', '永', '万', '嘉', '协', '亿', '群', '优', '卓', '科', '航',
] as const;

const TRADES = [
  '五金制品', '工贸', '电器', '门业', '杯业', '车业', '机械', '工具', '不锈钢制品', '厨具', '电动工具', '锁业',
  '铝业', '实业', '智能科技', '休闲用品', '衡器', '模具', '电机', '园林机械', '压铸', '金属制品', '车料', '塑业',
] as const;

const VILLAGE_SYLLABLES = ['前', '后', '上', '下', '塘', '溪', '山', '桥', '楼', '周', '胡', '应', '李', '徐', '陈', '吕', '杨', '石', '板', '湖'] as const;

const ROADS = [
  '九鼎路', '金胜路', '长城路', '望春路', '五金大道', '南苑路', '总部中心路', '金城路', '溪心路', '华溪路',
  '永拖路', '胜利街', '紫微路', '东城路', '江南路', '丽州路', '经济开发区园区路', '花川路', '双龙路', '金山路',
  '工业路', '科技路', '创业路', '兴业路', '园区一路', '园区二路', '富强路', '振兴路',
] as const;

/** A plausible company name, e.g. 永康市鑫泰五金制品有限公司. */
export function companyName(rng: Rng): string {
  const prefix = rng.chance(0.12) ? '浙江' : '永康市';
  const a = rng.pick(NAME_SYLLABLES);
  let b = rng.pick(NAME_SYLLABLES);
  if (b === a) b = rng.pick(NAME_SYLLABLES);
  const form = prefix === '浙江' && rng.chance(0.4) ? '股份有限公司' : '有限公司';
  return `${prefix}${a}${b}${rng.pick(TRADES)}${form}`;
}

/** A village collective, owner of collectively held land (集体土地). */
export function villageCollective(rng: Rng, town: Town): string {
  return `永康市${town}${rng.pick(VILLAGE_SYLLABLES)}${rng.pick(VILLAGE_SYLLABLES)}村股份经济合作社`;
}

/** An address such as 东城街道九鼎路128号. */
export function address(rng: Rng, town: Town): string {
  return `${town}${rng.pick(ROADS)}${rng.int(1, 899)}号`;
}
