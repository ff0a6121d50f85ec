/**
 * The field names the bureau's files use, per target field: 三调 DLTB fields, pinyin initials,
 * Chinese and English names. Keys are compared after `fieldKey` (NFKC, lower case, without
 * `_ - ( ) （ ）` and spaces). Lower priority wins when several sources claim one target.
 */
import type { LayerId } from '../api/layers.js';

/** Columns of the feature tables that an import may fill (see electron/core/project/schema.ts). */
export const TARGET_FIELDS = {
  parcels: ['code', 'owner', 'town', 'address', 'land_use', 'tenure', 'status', 'method', 'completed_on', 'recorded_block', 'stated_area_m2'],
  key_blocks: ['code', 'name', 'town', 'target_mu'],
  renewal_zones: ['code', 'name', 'kind', 'phase', 'investment_yi'],
  platforms: ['code', 'name', 'level'],
  transport: ['code', 'name', 'mode', 'stage', 'target_stage'],
  projects: ['code', 'name', 'industry', 'investment_yi', 'landed_on', 'town'],
} as const satisfies Record<LayerId, readonly string[]>;

/**
 * Input-only targets that land in a column after conversion: an area in 亩 or 公顷, an investment
 * in 万元, or a land-use name joined to the land-use code ("0601 工业用地").
 */
export const VIRTUAL_TARGETS = {
  stated_area_mu: { column: 'stated_area_m2', factor: 10000 / 15, layers: ['parcels'] },
  stated_area_ha: { column: 'stated_area_m2', factor: 10000, layers: ['parcels'] },
  land_use_name: { column: 'land_use', factor: 1, layers: ['parcels'] },
  investment_wan: { column: 'investment_yi', factor: 1e-4, layers: ['renewal_zones', 'projects'] },
} as const;

export type VirtualTarget = keyof typeof VIRTUAL_TARGETS;
export type ColumnTarget = (typeof TARGET_FIELDS)[LayerId][number];
export type TargetField = ColumnTarget | VirtualTarget;

export type RuleKind = 'dltb' | 'pinyin' | 'chinese' | 'english';

export interface FieldRule {
  target: TargetField;
  kind: RuleKind;
  keys: readonly string[];
  priority: number;
  noteZh?: string;
  noteEn?: string;
}

/** Comparable form of a field name. */
export function fieldKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s_\-()（）[\]【】.]/g, '');
}

const r = (target: TargetField, kind: RuleKind, priority: number, keys: string[], note?: [string, string]): FieldRule => ({
  target,
  kind,
  priority,
  keys: keys.map(fieldKey),
  ...(note ? { noteZh: note[0], noteEn: note[1] } : {}),
});

const TOWN: FieldRule[] = [
  r('town', 'pinyin', 2, ['XZ', 'SZZJ', 'ZJMC', 'XZMC', 'XZJD', 'JDMC']),
  r('town', 'dltb', 3, ['XZQMC'], ['行政区名称作镇街', 'XZQMC (行政区名称) taken as the town']),
  r('town', 'chinese', 2, ['镇街', '乡镇', '所在镇街', '乡镇街道', '镇街道', '街道', '所属镇街', '镇(街道)', '乡镇名称']),
  r('town', 'english', 1, ['town', 'township']),
];

const CODE_NAME: FieldRule[] = [
  r('code', 'pinyin', 3, ['BH', 'DM', 'BM']),
  r('code', 'chinese', 3, ['编号', '代码', '编码']),
  r('code', 'english', 1, ['code', 'id_code']),
  r('name', 'pinyin', 3, ['MC']),
  r('name', 'chinese', 3, ['名称']),
  r('name', 'english', 1, ['name']),
];

/** Area fields: the unit comes from the name (亩 / 公顷 / 平方米) or is assumed to be m². */
export const AREA_BASE_KEYS = ['MJ', 'DKMJ', 'TDMJ', 'ZDMJ', 'TBMJ', 'YDMJ', 'TBDLMJ', '面积', '地块面积', '土地面积', '宗地面积', '图斑面积', '用地面积', 'area', 'stated_area'].map(fieldKey);
export const AREA_UNIT_SUFFIXES: readonly { unit: 'mu' | 'ha' | 'm2'; keys: readonly string[] }[] = [
  { unit: 'mu', keys: ['mu', '亩', 'ms', '亩数'] },
  { unit: 'ha', keys: ['ha', 'gq', '公顷'] },
  { unit: 'm2', keys: ['m2', 'pfm', '平方米', '平米', '㎡', 'sqm'] },
];

export const FIELD_RULES: Record<LayerId, readonly FieldRule[]> = {
  parcels: [
    r('code', 'pinyin', 1, ['DKBH', 'DKDM', 'ZDDM', 'ZDBH']),
    r('code', 'dltb', 2, ['TBBH'], ['图斑编号作地块编号', 'TBBH (图斑编号) taken as the parcel code']),
    r('code', 'chinese', 1, ['地块编号', '地块代码', '宗地代码', '宗地编号', '图斑编号']),
    r('code', 'pinyin', 4, ['BH']),
    r('code', 'chinese', 4, ['编号']),
    r('code', 'english', 1, ['code', 'parcel_code']),
    r('owner', 'pinyin', 1, ['QLR', 'QLRMC', 'QYMC', 'DWMC', 'SYQR']),
    r('owner', 'dltb', 2, ['QSDWMC'], ['权属单位名称作权利人', 'QSDWMC (权属单位名称) taken as the owner']),
    r('owner', 'chinese', 1, ['权利人', '权利人名称', '单位名称', '企业名称', '使用权人', '土地使用者', '权属单位名称', '权属单位']),
    r('owner', 'english', 1, ['owner']),
    ...TOWN,
    r('address', 'pinyin', 1, ['ZL', 'TDZL', 'DZ', 'ZLDZ']),
    r('address', 'dltb', 2, ['ZLDWMC'], ['坐落单位名称作坐落', 'ZLDWMC (坐落单位名称) taken as the address']),
    r('address', 'chinese', 1, ['坐落', '地址', '土地坐落', '坐落地址', '坐落单位名称']),
    r('address', 'english', 1, ['address']),
    r('land_use', 'dltb', 1, ['DLBM'], ['地类编码', 'DLBM (地类编码, land-use class code)']),
    r('land_use', 'pinyin', 2, ['YT', 'YDXZ', 'TDYT', 'YDLX', 'TDYTMC']),
    r('land_use', 'chinese', 2, ['用途', '土地用途', '用地性质', '用地类型', '地类编码', '地类', '地类名称']),
    r('land_use', 'dltb', 3, ['DLMC'], ['地类名称(无地类编码时)', 'DLMC (地类名称) when there is no DLBM']),
    r('land_use_name', 'dltb', 4, ['DLMC'], ['地类名称接在地类编码后', 'DLMC appended to the DLBM code']),
    r('land_use', 'english', 1, ['land_use', 'landuse']),
    r('tenure', 'dltb', 1, ['QSXZ'], ['权属性质代码:10/20 国有,30–40 集体', 'QSXZ codes: 10/20 state, 30–40 collective']),
    r('tenure', 'pinyin', 2, ['QS', 'SYQLX', 'TDXZ', 'QSLX']),
    r('tenure', 'chinese', 1, ['权属', '权属性质', '使用权类型', '土地性质', '土地权属', '所有权性质']),
    r('tenure', 'english', 1, ['tenure']),
    r('status', 'pinyin', 1, ['ZT', 'ZZZT', 'ZZJD']),
    r('status', 'chinese', 1, ['状态', '整治状态', '整治进度', '进展情况', '整治情况']),
    r('status', 'english', 1, ['status']),
    r('method', 'pinyin', 1, ['ZZFS', 'FS', 'ZZMS', 'ZZLX']),
    r('method', 'chinese', 1, ['整治方式', '方式', '整治模式', '整治类型', '改造方式']),
    r('method', 'english', 1, ['method']),
    r('completed_on', 'pinyin', 1, ['WCRQ', 'WCSJ', 'ZZWCSJ', 'ZZWCRQ', 'JGRQ', 'JGSJ']),
    r('completed_on', 'chinese', 1, ['完成日期', '完成时间', '整治完成时间', '整治完成日期', '竣工日期', '竣工时间']),
    r('completed_on', 'english', 1, ['completed_on', 'completed', 'done_on']),
    r('recorded_block', 'pinyin', 1, ['QKBH', 'QKDM', 'SSQK', 'ZDQK', 'QKMC']),
    r('recorded_block', 'chinese', 1, ['区块编号', '所属区块', '区块', '区块名称', '重点区块', '整治区块']),
    r('recorded_block', 'english', 1, ['recorded_block', 'block', 'block_code']),
  ],
  key_blocks: [
    r('code', 'pinyin', 1, ['QKBH', 'QKDM']),
    r('code', 'chinese', 1, ['区块编号', '区块代码']),
    r('name', 'pinyin', 1, ['QKMC']),
    r('name', 'chinese', 1, ['区块名称']),
    ...CODE_NAME,
    ...TOWN,
    r('target_mu', 'pinyin', 1, ['MBMJ', 'MBMS', 'RWMJ', 'ZZMB']),
    r('target_mu', 'chinese', 1, ['目标面积', '目标亩数', '整治目标', '任务面积', '任务亩数', '目标任务']),
    r('target_mu', 'english', 1, ['target_mu', 'target']),
  ],
  renewal_zones: [
    r('code', 'pinyin', 1, ['PQBH', 'PQDM']),
    r('code', 'chinese', 1, ['片区编号', '片区代码']),
    r('name', 'pinyin', 1, ['PQMC', 'XMMC']),
    r('name', 'chinese', 1, ['片区名称', '项目名称']),
    ...CODE_NAME,
    r('kind', 'pinyin', 1, ['LX', 'GXLX', 'PQLX']),
    r('kind', 'chinese', 1, ['类型', '更新类型', '片区类型', '更新方式']),
    r('kind', 'english', 1, ['kind', 'type']),
    r('phase', 'pinyin', 1, ['JD', 'QC', 'SSJD', 'FQ']),
    r('phase', 'chinese', 1, ['阶段', '期次', '实施阶段', '分期', '期数']),
    r('phase', 'english', 1, ['phase']),
    r('investment_yi', 'pinyin', 1, ['TZ', 'TZE', 'ZTZ', 'JHTZ']),
    r('investment_yi', 'chinese', 1, ['投资', '投资额', '总投资', '计划投资', '投资亿元', '总投资亿元']),
    r('investment_wan', 'chinese', 1, ['投资万元', '总投资万元', '投资额万元', '计划投资万元']),
    r('investment_yi', 'english', 1, ['investment_yi', 'investment']),
  ],
  platforms: [
    r('code', 'pinyin', 1, ['PTBH', 'PTDM']),
    r('name', 'pinyin', 1, ['PTMC']),
    r('name', 'chinese', 1, ['平台名称']),
    ...CODE_NAME,
    r('level', 'pinyin', 1, ['JB', 'PTJB', 'DJ']),
    r('level', 'chinese', 1, ['级别', '等级', '平台级别', '层级']),
    r('level', 'english', 1, ['level']),
  ],
  transport: [
    r('code', 'pinyin', 1, ['XMBH', 'XMDM']),
    r('code', 'chinese', 1, ['项目编号', '项目代码']),
    r('name', 'pinyin', 1, ['XMMC', 'LM', 'DLMC'], ['交通图层中 DLMC 为道路名称', 'DLMC is the road name in a transport layer']),
    r('name', 'chinese', 1, ['项目名称', '道路名称', '路名', '线路名称']),
    ...CODE_NAME,
    r('mode', 'pinyin', 1, ['JTFS', 'LB', 'JTLX', 'LX']),
    r('mode', 'chinese', 1, ['交通方式', '方式', '类别', '类型', '交通类型']),
    r('mode', 'english', 1, ['mode']),
    r('stage', 'pinyin', 1, ['JD', 'JSJD', 'JSZT', 'ZT']),
    r('stage', 'chinese', 1, ['阶段', '建设阶段', '进度', '建设状态', '状态']),
    r('stage', 'english', 1, ['stage']),
    r('target_stage', 'pinyin', 1, ['MBJD', 'NDMB']),
    r('target_stage', 'chinese', 1, ['目标阶段', '年度目标', '年度目标阶段']),
    r('target_stage', 'english', 1, ['target_stage']),
  ],
  projects: [
    r('code', 'pinyin', 1, ['XMBH', 'XMDM']),
    r('name', 'pinyin', 1, ['XMMC', 'QYMC']),
    r('name', 'chinese', 1, ['项目名称', '企业名称']),
    ...CODE_NAME,
    ...TOWN,
    r('industry', 'pinyin', 1, ['HY', 'CY', 'SSHY']),
    r('industry', 'chinese', 1, ['行业', '产业', '所属行业', '产业类别']),
    r('industry', 'english', 1, ['industry']),
    r('investment_yi', 'pinyin', 1, ['TZ', 'TZE', 'ZTZ', 'JHTZ']),
    r('investment_yi', 'chinese', 1, ['投资', '投资额', '总投资', '计划投资', '投资亿元', '总投资亿元']),
    r('investment_wan', 'chinese', 1, ['投资万元', '总投资万元', '投资额万元']),
    r('investment_yi', 'english', 1, ['investment_yi', 'investment']),
    r('landed_on', 'pinyin', 1, ['LDSJ', 'LDRQ', 'QYRQ', 'QYSJ']),
    r('landed_on', 'chinese', 1, ['落地时间', '落地日期', '签约日期', '签约时间']),
    r('landed_on', 'english', 1, ['landed_on']),
  ],
};

/** Fields that are known and deliberately not mapped (kept verbatim in source_json). */
export const IGNORED_FIELDS: Record<string, [string, string]> = {
  [fieldKey('BSM')]: ['标识码(BSM)是数据库内部编号,不作地块编号', 'BSM (标识码) is an internal object id, not the parcel code'],
  [fieldKey('FID')]: ['要素内部编号', 'internal feature id'],
  [fieldKey('OBJECTID')]: ['要素内部编号', 'internal feature id'],
  [fieldKey('Shape_Area')]: ['Shape_Area 以坐标系单位计(地理坐标下为平方度),不作面积', 'Shape_Area is in CRS units (square degrees when geographic), not used as the stated area'],
  [fieldKey('Shape_Leng')]: ['几何周长', 'geometry perimeter'],
  [fieldKey('Shape_Length')]: ['几何周长', 'geometry perimeter'],
};
