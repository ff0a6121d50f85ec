/** Layer panel and legend texts (Chinese); layers-en.ts has the same keys. Merged into zh-CN.ts. */
export const layersZh = {
  layers: {
    title: '图层',
    featureCount: '{{count}} 个要素',
    filteredCount: '筛选后 {{matched}} / 共 {{total}} 个要素',
    basemap: '底图',
    basemapNone: '底图:未设置(离线背景)',
    show: '显示 {{layer}}',
    moveUp: '上移一层',
    moveDown: '下移一层',
    opacity: '{{layer}} 不透明度',
    style: '地块着色',
    styles: { status: '按整治状态', method: '按整治方式', perMu: '按亩均等级', year: '按完成年度' },
  },
  filters: {
    title: '筛选地块',
    clear: '清除全部筛选',
    clearKey: '清除',
    summary: '显示 {{matched}} / {{total}} 宗',
    all: '未筛选:显示全部 {{total}} 宗',
    loading: '正在统计…',
    keys: { status: '整治状态', town: '镇街', method: '整治方式', block: '重点区块', completedYear: '完成年度' },
    chipTitle: '{{label}}:{{count}} 宗(在其他条件下)',
  },
  legend: {
    title: '图例',
    count: '{{count}} 宗',
    features: '{{count}} 个',
    filtered: '已筛选',
    transportMode: '交通方式',
    transportStage: '建设阶段(实线为建成通车)',
    keyBlocks: '区块界线 · 标注:名称、{{year}} 年已整治 / 目标(亩)',
    projects: '重大项目(圆点大小按投资额)',
    empty: '没有显示的图层',
  },
};
export type LayersMessages = typeof layersZh;
